//! Every valid fixture in `tests/fixtures/valid/`, decoded and checked value
//! by value against the contract (DESIGN.md): present, absent and `null`
//! members, both envelopes, escapes, unknown members, member order,
//! whitespace, sparse fieldsets, capacities, and the encoder round trip.
//!
//! The per-kind fixtures (`*kind*`) are checked in `tests/kinds.rs`.

mod common;

use common::{
    CHUNKS, Doc, Page, TestJob, decode_page, decode_single, error, job, json_files, offset_of, options_for, page, read,
    relationship, single, text, ts, utc,
};
use klaviyo_bulk_job::{
    Accept, Attribute, AttributeSet, CollectionLinks, ErrorKind, JobDocument, JobKind, JobList, JobStatus, Links,
    Options, Progress, RelationshipName, Timestamp, UtcOffset, encode_job, encode_list,
};

const ITEMS_SELF: &str =
    "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/relationships/items/";
const ITEMS_RELATED: &str = "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/items/";
const BASE_SELF: &str = "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/";
const CATALOG_JOBS: &str = "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs";
const ITEM_1: &str = "$custom:::$default:::SAMPLE-DATA-ITEM-1";

/// The files this test checks value by value.
const ASSERTED: &[&str] = &[
    "list-base-compact.json",
    "list-capacity-exact-links.json",
    "list-empty.json",
    "list-last-page.json",
    "list-links-null.json",
    "list-next-cursor.json",
    "list-no-links.json",
    "list-page-links.json",
    "list-relationship-shapes.json",
    "list-sparse.json",
    "single-all-null.json",
    "single-base-compact.json",
    "single-capacity-exact.json",
    "single-counts-max.json",
    "single-depth-64.json",
    "single-duplicate-in-skipped.json",
    "single-get-included.json",
    "single-post-202-pretty.json",
    "single-profile-bulk-import-recorded.json",
    "single-required-only.json",
    "single-sparse-default-count.json",
    "single-sparse-extra-attribute.json",
    "single-sparse-no-attributes.json",
    "single-sparse-status-counts.json",
    "single-timestamps.json",
    "single-type-last-compact.json",
    "single-unicode.json",
    "single-unknown-members.json",
    "single-whitespace.json",
];

fn links(self_link: &str) -> Option<Links> {
    Some(Links { self_link: text(self_link) })
}

fn collection(self_link: &str, prev: Option<&str>, next: Option<&str>) -> Option<CollectionLinks> {
    Some(CollectionLinks {
        self_link: text(self_link),
        first: None,
        last: None,
        prev: prev.map(text),
        next: next.map(text),
    })
}

fn set(attributes: &[Attribute]) -> AttributeSet {
    attributes.iter().fold(AttributeSet::EMPTY, |set, attribute| set.with(*attribute))
}

/// The job of `single-base-compact.json` (also the first job of
/// `list-base-compact.json` and the whole of `single-depth-64.json`).
fn base_job() -> TestJob {
    let mut expected: TestJob = job(JobKind::CatalogItemBulkCreate, "01GSQPBF74KQ5YTDEPP41T1BZH", BASE_SELF);
    let attributes = &mut expected.attributes;
    attributes.status = JobStatus::Processing;
    attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    attributes.total_count = 10;
    attributes.completed_count = Some(4);
    attributes.failed_count = Some(1);
    attributes.expires_at = Some(utc((2026, 7, 9), (5, 19, 57)));
    expected.has_errors = true;
    expected.errors.push(error(
        "e4eebb08-b055-4a6f-bb13-c8cb69c9eb94",
        "invalid",
        "Invalid input",
        "The payload provided in the request is invalid.",
        Some("/data/attributes/items/0"),
    ));
    expected.relationships.push(relationship(
        RelationshipName::Items,
        Some(&[ITEM_1]),
        Some(ITEMS_SELF),
        Some(ITEMS_RELATED),
    ));
    expected
}

/// A job with only its required members: counts absent mean `Some(0)`,
/// everything else absent means none.
fn minimal_job(
    kind: JobKind,
    id: &str,
    self_link: &str,
    status: JobStatus,
    created_at: Timestamp,
    total: u32,
) -> TestJob {
    let mut expected: TestJob = job(kind, id, self_link);
    expected.attributes.status = status;
    expected.attributes.created_at = created_at;
    expected.attributes.total_count = total;
    expected.attributes.completed_count = Some(0);
    if kind.attributes().contains(Attribute::FailedCount) {
        expected.attributes.failed_count = Some(0);
    }
    if kind.attributes().contains(Attribute::SkippedCount) {
        expected.attributes.skipped_count = Some(0);
    }
    expected
}

// --- Every fixture: whole, in chunks, re-encoded -----------------------------

#[test]
fn every_valid_fixture_is_checked_value_by_value() {
    let files = json_files("valid");
    assert!(files.len() >= 50, "only {} valid fixtures", files.len());
    for name in &files {
        assert!(name.starts_with("single-") || name.starts_with("list-"), "{name}: name it single-* or list-*");
        assert!(
            ASSERTED.contains(&name.as_str()) || name.contains("kind"),
            "{name} is decoded but no test checks its values"
        );
    }
    for name in ASSERTED {
        assert!(files.iter().any(|file| file == name), "{name} is missing from tests/fixtures/valid");
    }
}

/// Check one valid fixture: it decodes whole, completely (the test
/// capacities hold it all), and the same in every chunk size.
fn check_chunks(name: &str) -> Result<(), String> {
    let input = read("valid", name);
    let options = options_for(name);
    if name.starts_with("single-") {
        let mut whole = Box::new(Doc::new());
        decode_single(&input, 0, options, &mut whole).map_err(|error| format!("{name}: {error}"))?;
        if !whole.job.is_complete() {
            return Err(format!("{name}: not every entry was kept: {:?}", whole.job.relationships));
        }
        for chunk in CHUNKS {
            let mut pieces = Box::new(Doc::new());
            decode_single(&input, chunk, options, &mut pieces)
                .map_err(|error| format!("{name} in {chunk}-byte chunks: {error}"))?;
            if pieces != whole {
                return Err(format!("{name} in {chunk}-byte chunks decodes differently"));
            }
        }
    } else {
        let mut whole = Box::new(Page::new());
        decode_page(&input, 0, options, &mut whole).map_err(|error| format!("{name}: {error}"))?;
        if !whole.is_complete() {
            return Err(format!("{name}: not every entry was kept"));
        }
        for chunk in CHUNKS {
            let mut pieces = Box::new(Page::new());
            decode_page(&input, chunk, options, &mut pieces)
                .map_err(|error| format!("{name} in {chunk}-byte chunks: {error}"))?;
            if pieces != whole {
                return Err(format!("{name} in {chunk}-byte chunks decodes differently"));
            }
        }
    }
    Ok(())
}

/// Check one valid fixture: decoded, encoded and decoded again, it is the
/// same model, and its encoding needs exactly the bytes written.
fn check_round_trip(name: &str, out: &mut [u8]) -> Result<(), String> {
    let options = options_for(name);
    let (len, again_equal, one_less_fails) = if name.starts_with("single-") {
        let decoded = single(name);
        let len = encode_job(&decoded, out).map_err(|error| format!("{name}: {error}"))?;
        let mut again = Box::new(Doc::new());
        decode_single(&out[..len], 0, options, &mut again)
            .map_err(|error| format!("{name} re-encoded: {error}\n{}", String::from_utf8_lossy(&out[..len])))?;
        (len, again == decoded, encode_job(&decoded, &mut out[..len - 1]).is_err())
    } else {
        let decoded = page(name);
        let len = encode_list(&decoded, out).map_err(|error| format!("{name}: {error}"))?;
        let mut again = Box::new(Page::new());
        decode_page(&out[..len], 0, options, &mut again)
            .map_err(|error| format!("{name} re-encoded: {error}\n{}", String::from_utf8_lossy(&out[..len])))?;
        (len, again == decoded, encode_list(&decoded, &mut out[..len - 1]).is_err())
    };
    if !again_equal {
        return Err(format!("{name}: re-encoded ({len} bytes) it decodes to another model"));
    }
    if !one_less_fails {
        return Err(format!("{name}: encoding fits in fewer bytes than it reports"));
    }
    Ok(())
}

#[test]
fn every_valid_fixture_decodes_the_same_in_any_chunks() {
    let failures: Vec<String> = json_files("valid").iter().filter_map(|name| check_chunks(name).err()).collect();
    assert!(failures.is_empty(), "{} fixtures fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_valid_fixture_round_trips_through_the_encoder() {
    let mut out = vec![0u8; 1 << 20];
    let failures: Vec<String> =
        json_files("valid").iter().filter_map(|name| check_round_trip(name, &mut out).err()).collect();
    assert!(failures.is_empty(), "{} fixtures fail:\n{}", failures.len(), failures.join("\n"));
}

/// The encoder writes the two-character escapes where JSON has one, `\u00XX`
/// for the other control characters, and everything else as it is; a
/// buffer too small is an error that says how small.
#[test]
fn the_encoder_writes_short_escapes_and_reports_a_small_buffer() {
    let input = read("valid", "single-base-compact.json");
    let detail = br#""The payload provided in the request is invalid.""#;
    let at = input.windows(detail.len()).position(|window| window == detail).expect("the fixture's detail");
    let escaped = br#""q\" b\\ s\/ n\n r\r t\t b\b f\f \u0001 \u001F \u00e9 \u0041""#;
    let input = [&input[..at], &escaped[..], &input[at + detail.len()..]].concat();
    let mut document = Box::new(Doc::new());
    decode_single(&input, 0, Options::default(), &mut document).expect("decodes");
    assert_eq!(
        document.job.errors.as_slice()[0].detail.as_str(),
        "q\" b\\ s/ n\n r\r t\t b\u{8} f\u{c} \u{1} \u{1f} \u{e9} A"
    );

    let mut out = vec![0u8; 1 << 12];
    let len = encode_job(&document, &mut out).expect("fits");
    let written = r#""q\" b\\ s/ n\n r\r t\t b\b f\f \u0001 \u001f é A""#.as_bytes();
    assert!(
        out[..len].windows(written.len()).any(|window| window == written),
        "{}",
        String::from_utf8_lossy(&out[..len])
    );

    let error = encode_job(&document, &mut out[..10]).expect_err("10 bytes are too few");
    assert_eq!(error.capacity, 10);
    assert_eq!(error.to_string(), "output buffer of 10 bytes is too small");
}

// --- Single documents ---------------------------------------------------------

#[test]
fn recorded_profile_bulk_import_response() {
    const JOB_ID: &str = "VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ";
    let base = format!("https://a.klaviyo.com/api/profile-bulk-import-jobs/{JOB_ID}/");
    let document = single("single-profile-bulk-import-recorded.json");
    let decoded = &document.job;
    assert_eq!(decoded.kind, JobKind::ProfileBulkImport);
    assert_eq!(decoded.id.as_str(), JOB_ID);
    assert_eq!(decoded.id.len(), 58);
    let attributes = &decoded.attributes;
    assert_eq!(attributes.status, JobStatus::Queued);
    assert_eq!(attributes.created_at, utc((2026, 7, 2), (5, 19, 57)));
    assert_eq!(attributes.created_at.to_string(), "2026-07-02T05:19:57+00:00");
    assert_eq!(attributes.total_count, 2);
    assert_eq!(attributes.completed_count, Some(0));
    assert_eq!(attributes.failed_count, Some(0));
    assert_eq!(attributes.skipped_count, None, "not a profile-bulk-import attribute");
    assert_eq!(attributes.completed_at, None, "null");
    assert_eq!(attributes.expires_at, Some(utc((2026, 7, 9), (5, 19, 57))));
    assert_eq!(attributes.started_at, None, "null");
    assert_eq!(attributes.fields, JobKind::ProfileBulkImport.attributes());
    assert!(!attributes.fields.contains(Attribute::Errors));
    assert!(attributes.fields.contains(Attribute::StartedAt));
    assert!(decoded.errors().is_none(), "profile-bulk-import has no errors attribute");
    assert!(!decoded.has_errors);

    assert_eq!(decoded.relationships.len(), 3);
    assert_eq!(decoded.relationships.total(), 3);
    let lists = decoded.relationship(RelationshipName::Lists).expect("lists");
    assert!(lists.has_data);
    assert_eq!(lists.members.iter().map(|member| member.id.as_str()).collect::<Vec<_>>(), ["XW53Ha"]);
    assert_eq!(lists.links.self_link.as_deref(), Some(format!("{base}relationships/lists/").as_str()));
    assert_eq!(lists.links.related.as_deref(), Some(format!("{base}lists/").as_str()));
    let profiles = decoded.relationship(RelationshipName::Profiles).expect("profiles");
    assert!(!profiles.has_data, "profiles has links and no data");
    assert!(profiles.members.is_empty());
    assert_eq!(profiles.links.self_link.as_deref(), Some(format!("{base}relationships/profiles/").as_str()));
    assert_eq!(profiles.links.related.as_deref(), Some(format!("{base}profiles/").as_str()));
    let import_errors = decoded.relationship(RelationshipName::ImportErrors).expect("import-errors");
    assert!(!import_errors.has_data);
    assert_eq!(import_errors.links.self_link, None, "OnlyRelatedLinks");
    assert_eq!(import_errors.links.related.as_deref(), Some(format!("{base}import-errors/").as_str()));
    assert_eq!(decoded.links.self_link.as_str(), base);
    assert_eq!(document.links, links("https://a.klaviyo.com/api/profile-bulk-import-jobs"));

    let mut expected: TestJob = job(JobKind::ProfileBulkImport, JOB_ID, &base);
    expected.attributes.status = JobStatus::Queued;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 2;
    expected.attributes.completed_count = Some(0);
    expected.attributes.failed_count = Some(0);
    expected.attributes.expires_at = Some(utc((2026, 7, 9), (5, 19, 57)));
    for (name, data, self_link, related) in [
        (RelationshipName::Lists, Some(&["XW53Ha"][..]), Some("relationships/lists/"), "lists/"),
        (RelationshipName::Profiles, None, Some("relationships/profiles/"), "profiles/"),
        (RelationshipName::ImportErrors, None, None, "import-errors/"),
    ] {
        expected.relationships.push(relationship(
            name,
            data,
            self_link.map(|path| format!("{base}{path}")).as_deref(),
            Some(&format!("{base}{related}")),
        ));
    }
    assert_eq!(*decoded, expected);
}

#[test]
fn compact_base_document() {
    let document = single("single-base-compact.json");
    assert_eq!(document.job, base_job());
    assert_eq!(document.links, links(CATALOG_JOBS));
    let errors = document.job.errors().expect("errors present");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors.total(), 1);
    assert!(errors.is_complete());
    assert_eq!(document.job.progress().per_mille(), 500);
}

#[test]
fn deepest_nesting_allowed_in_unknown_members() {
    // 64 levels in `data.attributes.deep` and in `meta`, both skipped.
    let document = single("single-depth-64.json");
    assert_eq!(document.job, base_job());
    assert_eq!(document.links, links(CATALOG_JOBS));
    assert_eq!(klaviyo_bulk_job::MAX_DEPTH, 64);
}

#[test]
fn post_202_envelope_pretty() {
    let document = single("single-post-202-pretty.json");
    let mut expected: TestJob = job(JobKind::CatalogItemBulkCreate, "01GSQPBF74KQ5YTDEPP41T1BZH", BASE_SELF);
    expected.attributes.status = JobStatus::Queued;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 3;
    expected.attributes.completed_count = Some(0);
    expected.attributes.failed_count = Some(0);
    expected.attributes.expires_at = Some(utc((2026, 7, 9), (5, 19, 57)));
    expected.has_errors = true; // `"errors": []`
    expected.relationships.push(relationship(
        RelationshipName::Items,
        Some(&[ITEM_1, "$custom:::$default:::SAMPLE-DATA-ITEM-2", "$custom:::$default:::SAMPLE-DATA-ITEM-3"]),
        Some(ITEMS_SELF),
        Some(ITEMS_RELATED),
    ));
    assert_eq!(document.job, expected);
    let errors = document.job.errors().expect("[] is an empty list, not none");
    assert!(errors.is_empty());
    assert_eq!(errors.total(), 0);
    assert_eq!(document.links, links(CATALOG_JOBS));
    assert!(!document.job.is_finished());
}

#[test]
fn get_one_with_included_meta_and_jsonapi() {
    let document = single("single-get-included.json");
    let self_link = "https://a.klaviyo.com/api/catalog-item-bulk-update-jobs/01GSQPBF74KQ5YTDEPP41T1BZM/";
    let mut expected: TestJob = job(JobKind::CatalogItemBulkUpdate, "01GSQPBF74KQ5YTDEPP41T1BZM", self_link);
    expected.attributes.status = JobStatus::Complete;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 3;
    expected.attributes.completed_count = Some(2);
    expected.attributes.failed_count = Some(1);
    expected.attributes.completed_at = Some(ts((2026, 7, 2), (5, 21, 13), 867_000_000, 6, Some(0)));
    expected.attributes.expires_at = Some(ts((2026, 7, 9), (0, 19, 57), 0, 0, Some(-300)));
    expected.has_errors = true;
    expected.errors.push(error(
        "e4eebb08-b055-4a6f-bb13-c8cb69c9eb94",
        "invalid",
        "Invalid input",
        "The payload provided in the request is invalid.",
        Some("/data/attributes/items/2/attributes/price"),
    ));
    expected.errors.push(error(
        "6e3bd4a7-0d5c-4c43-9d41-0a2c1f7e7a01",
        "not_found",
        "Not found",
        "Catalog item $custom:::$default:::SAMPLE-DATA-ITEM-9 does not exist.",
        Some("/data"), // `"source": {}`: the schema default
    ));
    expected.errors.push(error(
        "77d1b2f0-5b6a-4f3e-8a0e-3c2b1a0f9e88",
        "error",
        "Server error",
        "Something went wrong.",
        None, // `"pointer": null`
    ));
    expected.relationships.push(relationship(
        RelationshipName::Items,
        Some(&[
            "$custom:::$default:::nango-test-item-2026-07-02-a",
            "$custom:::$default:::nango-test-item-2026-07-02-b",
        ]),
        Some("https://a.klaviyo.com/api/catalog-item-bulk-update-jobs/01GSQPBF74KQ5YTDEPP41T1BZM/relationships/items/"),
        Some("https://a.klaviyo.com/api/catalog-item-bulk-update-jobs/01GSQPBF74KQ5YTDEPP41T1BZM/items/"),
    ));
    assert_eq!(document.job, expected);
    let errors = document.job.errors().expect("errors");
    assert_eq!(errors.as_slice()[1].source.pointer.as_deref(), Some("/data"), "absent pointer");
    assert_eq!(errors.as_slice()[2].source.pointer, None, "null pointer");
    assert_eq!(
        document.links,
        links("https://a.klaviyo.com/api/catalog-item-bulk-update-jobs/01GSQPBF74KQ5YTDEPP41T1BZM?include=items")
    );
    assert_eq!(document.job.attributes.expires_at.map(|t| t.to_string()).as_deref(), Some("2026-07-09T00:19:57-05:00"));
    assert_eq!(
        document.job.attributes.completed_at.map(|t| t.to_string()).as_deref(),
        Some("2026-07-02T05:21:13.867000+00:00")
    );
}

#[test]
fn absent_optional_members() {
    let document = single("single-required-only.json");
    let expected = minimal_job(
        JobKind::CatalogVariantBulkDelete,
        "01GSQPBF74KQ5YTDEPP41T1BZK",
        "https://a.klaviyo.com/api/catalog-variant-bulk-delete-jobs/01GSQPBF74KQ5YTDEPP41T1BZK/",
        JobStatus::Cancelled,
        ts((2026, 7, 2), (5, 19, 57), 0, 0, None),
        0,
    );
    assert_eq!(document.job, expected);
    let attributes = &document.job.attributes;
    assert_eq!(attributes.completed_count, Some(0), "absent: the schema default 0");
    assert_eq!(attributes.failed_count, Some(0), "absent: the schema default 0");
    assert_eq!(attributes.completed_at, None);
    assert_eq!(attributes.expires_at, None);
    assert!(document.job.errors().is_none(), "absent errors are none");
    assert!(document.job.relationships.is_empty());
    assert_eq!(document.job.relationships.total(), 0);
    assert_eq!(document.links, None);
    assert!(document.job.is_finished());
    assert_eq!(document.job.progress().per_mille(), 1000);
}

#[test]
fn null_optional_members() {
    let document = single("single-all-null.json");
    let mut expected: TestJob = job(
        JobKind::CatalogCategoryBulkCreate,
        "01GSQPBF74KQ5YTDEPP41T1BZN",
        "https://a.klaviyo.com/api/catalog-category-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZN/",
    );
    expected.attributes.status = JobStatus::Processing;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 7;
    assert_eq!(document.job, expected);
    let attributes = &document.job.attributes;
    assert_eq!(attributes.completed_count, None, "null: none");
    assert_eq!(attributes.failed_count, None, "null: none");
    assert_eq!(attributes.skipped_count, None);
    assert_eq!(attributes.completed_at, None);
    assert_eq!(attributes.expires_at, None);
    assert_eq!(attributes.started_at, None);
    assert!(document.job.errors().is_none(), "null errors are none");
    assert!(document.job.relationships.is_empty(), "null relationships");
    assert_eq!(document.links, None, "null links");
    let progress = document.job.progress();
    assert_eq!((progress.completed, progress.failed, progress.total), (0, 0, 7));
}

#[test]
fn member_order_does_not_matter_type_last() {
    let document = single("single-type-last-compact.json");
    let base = "https://a.klaviyo.com/api/coupon-code-bulk-create-jobs/01H0COUPONJOB00000000000AA/";
    let mut expected: TestJob = job(JobKind::CouponCodeBulkCreate, "01H0COUPONJOB00000000000AA", base);
    expected.attributes.status = JobStatus::Complete;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 2;
    expected.attributes.completed_count = Some(1);
    expected.attributes.failed_count = Some(1);
    expected.attributes.completed_at = Some(ts((2026, 7, 2), (5, 19, 59), 1_000, 6, Some(0)));
    expected.attributes.expires_at = Some(utc((2026, 7, 9), (5, 19, 57)));
    expected.has_errors = true;
    expected.errors.push(error(
        "0d7b2c3e-1111-4a6f-bb13-c8cb69c9eb94",
        "duplicate",
        "Conflict",
        "A coupon code with this code already exists.",
        Some("/data/attributes/coupon-codes/1"),
    ));
    expected.relationships.push(relationship(
        RelationshipName::CouponCodes,
        Some(&["10OFF-ASD325FHK324UJDOI2M3JNES99", "10OFF-QWE123"]),
        Some(&format!("{base}relationships/coupon-codes/")),
        Some(&format!("{base}coupon-codes/")),
    ));
    assert_eq!(document.job, expected);
    assert_eq!(document.links, links("https://a.klaviyo.com/api/coupon-code-bulk-create-jobs"));
}

#[test]
fn escapes_raw_unicode_and_surrogate_pairs() {
    let document = single("single-unicode.json");
    let mut expected: TestJob = job(
        JobKind::CatalogItemBulkCreate,
        "Job-été-é-😀-😀-É",
        "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/Job-%C3%A9t%C3%A9/",
    );
    expected.attributes.status = JobStatus::Complete;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 1;
    expected.attributes.completed_count = Some(0);
    expected.attributes.failed_count = Some(0);
    expected.has_errors = true;
    expected.errors.push(error(
        "err-1",
        "invalid",
        "Ungültig — ungültig ✓ ✓",
        "quote \" backslash \\ slash / b \u{8} f \u{c} n \n r \r t \t nul \u{0} del \u{7f} raw-del \u{7f} \
         bmp \u{ffff} astral 𝄞 end",
        Some("/data/attributes/items/0"),
    ));
    expected.relationships.push(relationship(
        RelationshipName::Items,
        Some(&["$custom:::$default:::café-🍵", "日本語-𝄞"]),
        Some("https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/J/relationships/items/"),
        Some("https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/J/items/"),
    ));
    assert_eq!(document.job, expected);
    assert_eq!(document.links, links("https://a.klaviyo.com/api/catalog-item-bulk-create-jobs?q=é"));
    // Capacities count UTF-8 bytes: 15 characters, 25 bytes.
    assert_eq!(document.job.id.chars().count(), 15);
    assert_eq!(document.job.id.len(), 25);
}

#[test]
fn unknown_members_at_every_level_are_skipped() {
    let document = single("single-unknown-members.json");
    let base = "https://a.klaviyo.com/api/catalog-category-bulk-update-jobs/01GSQPBF74KQ5YTDEPP41T1BZP/";
    let mut expected: TestJob = job(JobKind::CatalogCategoryBulkUpdate, "01GSQPBF74KQ5YTDEPP41T1BZP", base);
    expected.attributes.status = JobStatus::Processing;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 2;
    expected.attributes.completed_count = Some(1);
    expected.attributes.failed_count = Some(0);
    expected.has_errors = true;
    expected.errors.push(error("e-1", "invalid", "Invalid input", "Bad category.", Some("/data/0")));
    expected.relationships.push(relationship(
        RelationshipName::Categories,
        Some(&["$custom:::$default:::SAMPLE-DATA-CATEGORY-APPAREL"]),
        Some(&format!("{base}relationships/categories/")),
        Some(&format!("{base}categories/")),
    ));
    assert_eq!(document.job, expected);
    // `widgets` and `owner` are not relationship names of the family.
    assert_eq!(document.job.relationships.total(), 1);
    assert_eq!(document.links, links("https://a.klaviyo.com/api/catalog-category-bulk-update-jobs"));
}

#[test]
fn duplicates_inside_skipped_values_are_fine() {
    let document = single("single-duplicate-in-skipped.json");
    let mut expected = minimal_job(
        JobKind::CatalogVariantBulkCreate,
        "01GSQPBF74KQ5YTDEPP41T1BZQ",
        "https://a.klaviyo.com/api/catalog-variant-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZQ/",
        JobStatus::Queued,
        utc((2026, 7, 2), (5, 19, 57)),
        1,
    );
    expected.relationships.push(relationship(
        RelationshipName::Variants,
        Some(&["$custom:::$default:::SAMPLE-DATA-ITEM-1-VARIANT-MEDIUM"]),
        None,
        None,
    ));
    assert_eq!(document.job, expected);
    assert_eq!(document.links, None);
}

#[test]
fn any_whitespace() {
    let input = read("valid", "single-whitespace.json");
    assert!(input.starts_with(b" \r\n\t{") && input.ends_with(b"} \n\n\t "));
    let document = single("single-whitespace.json");
    let mut expected = minimal_job(
        JobKind::ProfileSuppressionBulkDelete,
        "01GSUPPRESSDEL0000000000AA",
        "https://a.klaviyo.com/api/profile-suppression-bulk-delete-jobs/01GSUPPRESSDEL0000000000AA/",
        JobStatus::Processing,
        utc((2026, 7, 2), (5, 19, 57)),
        12,
    );
    expected.attributes.completed_count = Some(5);
    expected.attributes.skipped_count = Some(2);
    expected.relationships.push(relationship(RelationshipName::Lists, Some(&["Y6nRLr", "Y6nRLs"]), None, None));
    expected.relationships.push(relationship(RelationshipName::Segments, Some(&[]), None, None));
    assert_eq!(document.job, expected);
    assert_eq!(document.job.attributes.failed_count, None, "not a profile-suppression attribute");
    assert_eq!(document.links, None);
}

#[test]
fn counts_at_the_limits() {
    let document = single("single-counts-max.json");
    let attributes = &document.job.attributes;
    assert_eq!(attributes.total_count, u32::MAX);
    assert_eq!(attributes.completed_count, Some(u32::MAX));
    assert_eq!(attributes.failed_count, Some(0), "-0 is the integer 0");
    assert_eq!(attributes.skipped_count, None, "skipped_count is not a catalog attribute");
    let mut expected = minimal_job(
        JobKind::CatalogItemBulkDelete,
        "01GSQPBF74KQ5YTDEPP41T1BZR",
        "https://a.klaviyo.com/api/catalog-item-bulk-delete-jobs/01GSQPBF74KQ5YTDEPP41T1BZR/",
        JobStatus::Processing,
        utc((2026, 7, 2), (5, 19, 57)),
        u32::MAX,
    );
    expected.attributes.completed_count = Some(u32::MAX);
    assert_eq!(document.job, expected);
    assert_eq!(document.job.progress().per_mille(), 1000);
}

#[test]
fn timestamps_keep_nanoseconds_and_offset() {
    let document = single("single-timestamps.json");
    let attributes = &document.job.attributes;
    let created = attributes.created_at;
    assert_eq!((created.year, created.month, created.day), (2024, 2, 29), "a leap day");
    assert_eq!((created.hour, created.minute, created.second), (23, 59, 60), "a leap second");
    assert_eq!((created.nanosecond, created.fraction_digits), (123_456_789, 9));
    assert_eq!(created.offset, UtcOffset::Z, "lower-case z");
    assert_eq!(created.to_string(), "2024-02-29T23:59:60.123456789Z");
    let completed = attributes.completed_at.expect("completed_at");
    let unknown_local =
        Timestamp { offset: UtcOffset::UNKNOWN_LOCAL, ..ts((2000, 2, 29), (0, 0, 0), 500_000_000, 1, None) };
    assert_eq!(completed, unknown_local);
    assert_ne!(completed, ts((2000, 2, 29), (0, 0, 0), 500_000_000, 1, Some(0)), "-00:00 is not +00:00");
    assert_eq!(completed.to_string(), "2000-02-29T00:00:00.5-00:00", "-00:00 is kept");
    let expires = attributes.expires_at.expect("expires_at");
    assert_eq!(expires, ts((2026, 12, 31), (23, 59, 59), 1_000, 6, Some(23 * 60 + 59)));
    assert_eq!(expires.to_string(), "2026-12-31T23:59:59.000001+23:59");
    let mut expected = minimal_job(
        JobKind::CatalogItemBulkCreate,
        "01GSQPBF74KQ5YTDEPP41T1BZS",
        "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZS/",
        JobStatus::Complete,
        created,
        1,
    );
    expected.attributes.completed_at = Some(completed);
    expected.attributes.expires_at = Some(expires);
    assert_eq!(document.job, expected);
}

/// `prefix` filled with `fill`, then `x`, to exactly `total` UTF-8 bytes
/// (as `generate.py` builds them).
fn padded(prefix: &str, total: usize, fill: char) -> String {
    let mut text = prefix.to_owned();
    while text.len() + fill.len_utf8() <= total {
        text.push(fill);
    }
    while text.len() < total {
        text.push('x');
    }
    text
}

#[test]
fn strings_exactly_at_capacity() {
    let document = single("single-capacity-exact.json");
    let job = &document.job;
    let url = |path: &str| padded(&format!("{CATALOG_JOBS}/{path}"), 256, 'x');
    assert_eq!(job.id.as_str(), padded("J", 64, 'é'));
    assert_eq!(job.id.len(), 64);
    assert_eq!(job.links.self_link.as_str(), url("job/"), "written with \\/ escapes");
    assert_eq!(document.links, links(&url("doc/")));
    let error = &job.errors().expect("errors").as_slice()[0];
    assert_eq!(error.id.as_str(), padded("", 64, 'é'), "written as \\u escapes");
    assert_eq!(error.code.as_str(), padded("code-", 64, 'x'));
    assert_eq!(error.title.as_str(), "😀".repeat(64), "written as surrogate pairs");
    assert_eq!(error.detail.as_str(), padded("detail ", 1024, 'ü'));
    assert_eq!(error.source.pointer.as_deref(), Some(padded("/data/", 256, 'x').as_str()));
    let items = job.relationship(RelationshipName::Items).expect("items");
    assert_eq!(items.members.as_slice()[0].id.as_str(), padded("$custom:::$default:::", 128, '€'));
    assert_eq!(items.links.self_link.as_deref(), Some(url("self/").as_str()));
    assert_eq!(items.links.related.as_deref(), Some(url("related/").as_str()));
    for (value, capacity) in [
        (job.id.len(), 64),
        (job.links.self_link.len(), 256),
        (error.id.len(), 64),
        (error.code.len(), 64),
        (error.title.len(), 256),
        (error.detail.len(), 1024),
        (error.source.pointer.as_ref().map_or(0, |p| p.len()), 256),
        (items.members.as_slice()[0].id.len(), 128),
    ] {
        assert_eq!(value, capacity);
    }
}

// --- Sparse fieldsets ---------------------------------------------------------

fn sparse(fields: &str) -> Options {
    Options { fields: Some(AttributeSet::from_fields(fields)), ..Options::default() }
}

#[test]
fn sparse_fieldset_without_created_at() {
    let document = single("single-sparse-status-counts.json");
    let mut expected: TestJob = job(
        JobKind::CatalogItemBulkCreate,
        "01GSQPBF74KQ5YTDEPP41T1BZT",
        "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZT/",
    );
    expected.attributes.status = JobStatus::Processing;
    expected.attributes.total_count = 10;
    expected.attributes.completed_count = Some(7);
    expected.attributes.fields = set(&[Attribute::Status, Attribute::TotalCount, Attribute::CompletedCount]);
    assert_eq!(document.job, expected);
    let attributes = &document.job.attributes;
    assert_eq!(attributes.fields, AttributeSet::from_fields("status,completed_count,total_count"));
    // A name given twice is still in the set.
    assert_eq!(attributes.fields, AttributeSet::from_fields("status, total_count,completed_count,status"));
    assert!(!attributes.fields.contains(Attribute::CreatedAt));
    assert_eq!(attributes.created_at, Timestamp::default(), "not carried: its zero value");
    assert_eq!(attributes.failed_count, None, "not requested, not carried");
    assert!(document.job.errors().is_none());
    assert_eq!(
        document.links,
        links(
            "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZT\
             ?fields%5Bcatalog-item-bulk-create-job%5D=status%2Ccompleted_count%2Ctotal_count"
        )
    );
}

#[test]
fn sparse_fieldset_requested_but_absent_count_takes_its_default() {
    let document = single("single-sparse-default-count.json");
    let attributes = &document.job.attributes;
    assert_eq!(attributes.status, JobStatus::Queued);
    assert_eq!(attributes.total_count, 10);
    assert_eq!(attributes.completed_count, Some(0), "requested and absent: the schema default");
    assert_eq!(attributes.failed_count, None, "not requested");
    assert_eq!(attributes.fields, set(&[Attribute::Status, Attribute::TotalCount, Attribute::CompletedCount]));
    assert_eq!(document.job.id.as_str(), "01GSQPBF74KQ5YTDEPP41T1BZU");
    assert_eq!(document.links, None);
}

#[test]
fn sparse_fieldset_of_no_attribute_allows_no_attributes_member() {
    let document = single("single-sparse-no-attributes.json");
    let expected: TestJob = {
        let mut job = job(
            JobKind::CatalogItemBulkCreate,
            "01GSQPBF74KQ5YTDEPP41T1BZV",
            "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZV/",
        );
        job.attributes.fields = AttributeSet::EMPTY;
        job
    };
    assert_eq!(document.job, expected);
    // Asking for any attribute makes `attributes` required again.
    let input = read("valid", "single-sparse-no-attributes.json");
    let mut again = Box::new(Doc::new());
    let error = decode_single(&input, 0, sparse("status"), &mut again).expect_err("attributes is required");
    assert_eq!(error.kind, ErrorKind::MissingMember);
    let job_end = offset_of(&input, b"/\"}}}") + 3;
    assert_eq!(error.to_string(), format!("missing required member at byte {job_end} (data.attributes)"));
}

#[test]
fn sparse_fieldset_keeps_attributes_sent_but_not_requested() {
    let document = single("single-sparse-extra-attribute.json");
    let attributes = &document.job.attributes;
    assert_eq!(attributes.status, JobStatus::Complete);
    assert_eq!(attributes.total_count, 4);
    assert_eq!(attributes.failed_count, Some(2));
    assert_eq!(attributes.created_at, utc((2026, 7, 2), (5, 19, 57)));
    assert_eq!(attributes.completed_count, None, "neither requested nor sent");
    assert_eq!(
        attributes.fields,
        set(&[Attribute::Status, Attribute::CreatedAt, Attribute::TotalCount, Attribute::FailedCount])
    );
}

#[test]
fn sparse_fieldset_missing_requested_required_attribute_is_an_error() {
    let input = read("valid", "single-sparse-status-counts.json");
    let attributes_end = offset_of(&input, b"\"total_count\":10}") + b"\"total_count\":10".len();
    for fields in [None, Some("status,created_at,total_count"), Some("created_at")] {
        let options = Options { fields: fields.map(AttributeSet::from_fields), ..Options::default() };
        let mut document = Box::new(Doc::new());
        let error = decode_single(&input, 0, options, &mut document).expect_err("created_at is missing");
        assert_eq!(error.kind, ErrorKind::MissingMember, "{fields:?}");
        assert_eq!(error.offset, attributes_end, "{fields:?}");
        assert_eq!(error.path.as_str(), "data.attributes.created_at", "{fields:?}");
        assert_eq!(
            error.to_string(),
            format!("missing required member at byte {attributes_end} (data.attributes.created_at)")
        );
    }
    let input = br#"{"data":{"type":"catalog-item-bulk-create-job","id":"x","attributes":{"status":"queued"},"links":{"self":"s"}}}"#;
    let mut document = Box::new(Doc::new());
    let error = decode_single(input, 0, sparse("status,total_count"), &mut document).expect_err("total_count");
    let at = offset_of(input, b"\"queued\"}") + 8;
    assert_eq!(error.to_string(), format!("missing required member at byte {at} (data.attributes.total_count)"));
    // A requested attribute that is present still follows the usual rules.
    let input = br#"{"data":{"type":"catalog-item-bulk-create-job","id":"x","attributes":{"status":"queued","total_count":null},"links":{"self":"s"}}}"#;
    let error = decode_single(input, 0, sparse("status,total_count"), &mut document).expect_err("null total_count");
    let at = offset_of(input, b"null");
    assert_eq!(error.to_string(), format!("expected number, found null at byte {at} (data.attributes.total_count)"));
}

#[test]
fn sparse_fieldset_in_a_list() {
    let list = page("list-sparse.json");
    assert_eq!(list.jobs.len(), 2);
    let requested = set(&[Attribute::Status, Attribute::TotalCount, Attribute::CompletedCount]);
    let mut first: TestJob = job(
        JobKind::CatalogItemBulkCreate,
        "01GSQPBF74KQ5YTDEPP41T1BZX",
        "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZX/",
    );
    first.attributes.status = JobStatus::Processing;
    first.attributes.total_count = 10;
    first.attributes.completed_count = Some(3);
    first.attributes.fields = requested;
    let mut second: TestJob = job(
        JobKind::ProfileSuppressionBulkCreate,
        "01GSQPBF74KQ5YTDEPP41T1BZY",
        "https://a.klaviyo.com/api/profile-suppression-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZY/",
    );
    second.attributes.status = JobStatus::Complete;
    second.attributes.total_count = 1;
    second.attributes.completed_count = Some(0);
    second.attributes.fields = requested;
    assert_eq!(list.jobs.as_slice(), [first, second]);
    assert_eq!(
        list.links,
        collection(
            "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs\
             ?fields%5Bcatalog-item-bulk-create-job%5D=status%2Ccompleted_count%2Ctotal_count",
            None,
            None
        )
    );
}

// --- Accepting one kind only --------------------------------------------------

#[test]
fn accept_only_one_kind() {
    let input = read("valid", "single-base-compact.json");
    let only = |kind| Options { accept: Accept::Only(kind), ..Options::default() };
    let mut document = Box::new(Doc::new());
    decode_single(&input, 0, only(JobKind::CatalogItemBulkCreate), &mut document).expect("its own kind");
    assert_eq!(document.job, base_job());

    let type_at = offset_of(&input, b"\"catalog-item-bulk-create-job\"");
    for chunk in [0, 1, 7] {
        let error =
            decode_single(&input, chunk, only(JobKind::CouponCodeBulkCreate), &mut document).expect_err("another kind");
        assert_eq!(
            error.kind,
            ErrorKind::UnexpectedJobKind {
                expected: JobKind::CouponCodeBulkCreate,
                found: JobKind::CatalogItemBulkCreate
            }
        );
        assert_eq!(error.offset, type_at);
        assert_eq!(error.path.as_str(), "data.type");
        assert_eq!(
            error.to_string(),
            format!(
                "expected coupon-code-bulk-create-job, found catalog-item-bulk-create-job at byte {type_at} (data.type)"
            )
        );
    }

    // In a list, the first job of another kind is the error; type last.
    let input = read("valid", "single-type-last-compact.json");
    let error = decode_single(&input, 0, only(JobKind::CatalogItemBulkCreate), &mut document).expect_err("coupon");
    let type_at = offset_of(&input, b"\"coupon-code-bulk-create-job\"");
    assert_eq!(
        error.to_string(),
        format!(
            "expected catalog-item-bulk-create-job, found coupon-code-bulk-create-job at byte {type_at} (data.type)"
        )
    );
    let input = read("valid", "list-sparse.json");
    let mut list = Box::new(Page::new());
    let options =
        Options { accept: Accept::Only(JobKind::CatalogItemBulkCreate), ..common::options_for("list-sparse.json") };
    let error = decode_page(&input, 0, options, &mut list).expect_err("second job is a suppression job");
    let type_at = offset_of(&input, b"\"profile-suppression-bulk-create-job\"");
    assert_eq!(
        error.to_string(),
        format!(
            "expected catalog-item-bulk-create-job, found profile-suppression-bulk-create-job at byte {type_at} (data[1].type)"
        )
    );
}

// --- List documents -----------------------------------------------------------

#[test]
fn list_compact_base() {
    let list = page("list-base-compact.json");
    let second = minimal_job(
        JobKind::CatalogItemBulkCreate,
        "01GSQPBF74KQ5YTDEPP41T1BZJ",
        "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZJ/",
        JobStatus::Queued,
        ts((2026, 7, 3), (0, 0, 0), 0, 0, None),
        3,
    );
    assert_eq!(list.jobs.as_slice(), [base_job(), second]);
    assert_eq!(list.jobs.total(), 2);
    assert!(list.is_complete());
    assert_eq!(
        list.links,
        collection(
            CATALOG_JOBS,
            None,
            Some("https://a.klaviyo.com/api/catalog-item-bulk-create-jobs?page%5Bcursor%5D=bmV4dA%3D%3D")
        )
    );
}

#[test]
fn list_with_every_collection_link_and_next_null() {
    let list = page("list-page-links.json");
    let self_of = |id: &str| format!("{CATALOG_JOBS}/{id}/");
    let mut first: TestJob =
        job(JobKind::CatalogItemBulkCreate, "01GSQPBF74KQ5YTDEPP41T1C01", &self_of("01GSQPBF74KQ5YTDEPP41T1C01"));
    first.attributes.status = JobStatus::Complete;
    first.attributes.created_at = utc((2026, 7, 1), (10, 0, 0));
    first.attributes.total_count = 100;
    first.attributes.completed_count = Some(100);
    first.attributes.failed_count = Some(0);
    first.attributes.completed_at = Some(ts((2026, 7, 1), (10, 0, 42), 500_000_000, 1, Some(0)));
    first.attributes.expires_at = Some(utc((2026, 7, 8), (10, 0, 0)));
    first.has_errors = true;
    first.relationships.push(relationship(
        RelationshipName::Items,
        None,
        Some(&format!("{CATALOG_JOBS}/01GSQPBF74KQ5YTDEPP41T1C01/relationships/items/")),
        Some(&format!("{CATALOG_JOBS}/01GSQPBF74KQ5YTDEPP41T1C01/items/")),
    ));
    let mut second: TestJob =
        job(JobKind::CatalogItemBulkCreate, "01GSQPBF74KQ5YTDEPP41T1C02", &self_of("01GSQPBF74KQ5YTDEPP41T1C02"));
    second.attributes.status = JobStatus::Processing;
    second.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    second.attributes.total_count = 50;
    second.attributes.completed_count = Some(20);
    second.attributes.failed_count = Some(2);
    second.has_errors = true;
    second.errors.push(error(
        "a1",
        "invalid",
        "Invalid input",
        "price must be a number",
        Some("/data/attributes/items/7/attributes/price"),
    ));
    second.errors.push(error("a2", "invalid", "Invalid input", "title is required", Some("/data")));
    let third = minimal_job(
        JobKind::CatalogItemBulkCreate,
        "01GSQPBF74KQ5YTDEPP41T1C03",
        &self_of("01GSQPBF74KQ5YTDEPP41T1C03"),
        JobStatus::Cancelled,
        ts((2026, 7, 2), (6, 0, 0), 0, 0, None),
        10,
    );
    assert_eq!(list.jobs.as_slice(), [first, second, third]);
    let cursor = |page: &str| format!("{CATALOG_JOBS}?page%5Bcursor%5D={page}");
    assert_eq!(
        list.links,
        Some(CollectionLinks {
            self_link: text(&cursor("cGFnZTI%3D")),
            first: Some(text(CATALOG_JOBS)),
            last: Some(text(&cursor("cGFnZTI%3D"))),
            prev: Some(text(&cursor("cGFnZTE%3D"))),
            next: None,
        })
    );
}

#[test]
fn list_last_page_with_prev_and_next_null() {
    let list = page("list-last-page.json");
    let expected = minimal_job(
        JobKind::CatalogVariantBulkUpdate,
        "01GSQPBF74KQ5YTDEPP41T1C04",
        "https://a.klaviyo.com/api/catalog-variant-bulk-update-jobs/01GSQPBF74KQ5YTDEPP41T1C04/",
        JobStatus::Queued,
        utc((2026, 7, 2), (5, 19, 57)),
        1,
    );
    assert_eq!(list.jobs.as_slice(), [expected]);
    assert!(list.jobs.as_slice()[0].errors().is_none(), "errors: null");
    assert_eq!(list.links, collection("https://a.klaviyo.com/api/catalog-variant-bulk-update-jobs", None, None));
}

#[test]
fn list_empty_absent_and_null_links() {
    let list = page("list-empty.json");
    assert!(list.jobs.is_empty());
    assert_eq!(list.jobs.total(), 0);
    assert!(list.is_complete());
    assert_eq!(
        list.links,
        collection(
            "https://a.klaviyo.com/api/catalog-item-bulk-delete-jobs?filter=equals%28status%2C%27processing%27%29",
            None,
            None
        )
    );

    let list = page("list-no-links.json");
    let mut expected = minimal_job(
        JobKind::CouponCodeBulkCreate,
        "01GSQPBF74KQ5YTDEPP41T1C05",
        "https://a.klaviyo.com/api/coupon-code-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1C05/",
        JobStatus::Processing,
        utc((2026, 7, 2), (5, 19, 57)),
        1000,
    );
    expected.attributes.completed_count = Some(250);
    assert_eq!(list.jobs.as_slice(), [expected]);
    assert_eq!(list.links, None);

    let list = page("list-links-null.json");
    let mut expected = minimal_job(
        JobKind::CatalogCategoryBulkDelete,
        "01GSQPBF74KQ5YTDEPP41T1C06",
        "https://a.klaviyo.com/api/catalog-category-bulk-delete-jobs/01GSQPBF74KQ5YTDEPP41T1C06/",
        JobStatus::Complete,
        utc((2026, 7, 2), (5, 19, 57)),
        2,
    );
    expected.attributes.completed_count = Some(2);
    assert_eq!(list.jobs.as_slice(), [expected]);
    assert_eq!(list.links, None);
}

#[test]
fn list_next_cursor() {
    let list = page("list-next-cursor.json");
    let id = "VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ";
    let mut expected = minimal_job(
        JobKind::ProfileBulkImport,
        id,
        &format!("https://a.klaviyo.com/api/profile-bulk-import-jobs/{id}/"),
        JobStatus::Complete,
        utc((2026, 7, 2), (5, 19, 57)),
        2,
    );
    expected.attributes.completed_count = Some(2);
    expected.attributes.completed_at = Some(utc((2026, 7, 2), (5, 20, 30)));
    expected.attributes.expires_at = Some(utc((2026, 7, 9), (5, 19, 57)));
    expected.attributes.started_at = Some(utc((2026, 7, 2), (5, 20, 0)));
    assert_eq!(list.jobs.as_slice(), [expected]);
    assert_eq!(
        list.links,
        collection(
            "https://a.klaviyo.com/api/profile-bulk-import-jobs",
            None,
            Some(
                "https://a.klaviyo.com/api/profile-bulk-import-jobs\
                 ?page%5Bcursor%5D=WzE3ODI5NjY0MzIsICI3ZnhtZ0xjYnhQQyIsIHRydWVd%3D%3D"
            )
        )
    );
}

#[test]
fn list_relationship_shapes() {
    let list = page("list-relationship-shapes.json");
    let jobs = list.jobs.as_slice();
    assert_eq!(jobs.len(), 7);
    for (index, job) in jobs.iter().enumerate() {
        let id = format!("rel-{}", index + 1);
        let mut expected = minimal_job(
            JobKind::CatalogItemBulkCreate,
            &id,
            &format!("{CATALOG_JOBS}/{id}/"),
            JobStatus::Queued,
            ts((2026, 7, 2), (5, 19, 57), 0, 0, None),
            if index == 6 { 2 } else { 1 },
        );
        match index {
            // `"items": null` and `{}`: no relationship.
            0 | 5 => {}
            // `{}` and `{"data": null, "links": null}`: the relationship, empty.
            1 | 3 => {
                expected.relationships.push(relationship(RelationshipName::Items, None, None, None));
            }
            // `{"data": []}`: data present and empty.
            2 => {
                expected.relationships.push(relationship(RelationshipName::Items, Some(&[]), None, None));
            }
            4 => {
                expected.relationships.push(relationship(
                    RelationshipName::Items,
                    None,
                    Some("https://a.klaviyo.com/r5/relationships/items/"),
                    Some("https://a.klaviyo.com/r5/items/"),
                ));
            }
            _ => {
                expected.relationships.push(relationship(RelationshipName::Items, Some(&["a", "b"]), None, None));
            }
        }
        assert_eq!(*job, expected, "{id}");
    }
    assert!(!jobs[1].relationships.as_slice()[0].has_data);
    assert!(jobs[2].relationships.as_slice()[0].has_data);
    assert!(!jobs[3].relationships.as_slice()[0].has_data, "data: null");
    assert_eq!(list.links, collection(CATALOG_JOBS, None, None));
}

#[test]
fn list_links_exactly_at_capacity() {
    let list = page("list-capacity-exact-links.json");
    let url = |path: &str| text(&padded(&format!("{CATALOG_JOBS}/{path}"), 256, 'x'));
    assert_eq!(
        list.links,
        Some(CollectionLinks {
            self_link: url("self/"),
            first: Some(url("first/")),
            last: Some(url("last/")),
            prev: Some(url("prev/")),
            next: Some(url("next/")),
        })
    );
    assert!(list.jobs.is_empty());
}

// --- Capacity smaller than the document ---------------------------------------

#[test]
fn lists_keep_their_first_entries_and_count_them_all() {
    let input = read("valid", "single-get-included.json");
    let mut small: Box<JobDocument<1, 2, 1>> = Box::new(JobDocument::new());
    decode_single(&input, 0, Options::default(), &mut small).expect("decodes");
    let full = single("single-get-included.json");
    let job = &small.job;
    let errors = job.errors().expect("errors");
    assert_eq!((errors.len(), errors.total(), errors.capacity()), (2, 3, 2));
    assert!(!errors.is_complete());
    assert_eq!(errors.as_slice(), &full.job.errors.as_slice()[..2]);
    let items = &job.relationships.as_slice()[0];
    assert_eq!((items.members.len(), items.members.total()), (1, 2));
    assert!(!items.is_complete());
    assert_eq!(items.members.as_slice()[0], full.job.relationships.as_slice()[0].members.as_slice()[0]);
    assert_eq!(items.links, full.job.relationships.as_slice()[0].links);
    assert_eq!((job.relationships.len(), job.relationships.total()), (1, 1));
    assert!(!job.is_complete());
    assert_eq!(job.attributes, full.job.attributes);
    assert_eq!(small.links, full.links);
    // Chunking does not change what is kept.
    let mut pieces: Box<JobDocument<1, 2, 1>> = Box::new(JobDocument::new());
    decode_single(&input, 3, Options::default(), &mut pieces).expect("decodes");
    assert_eq!(pieces, small);
    // Re-encoded, the document holds only what was kept, and says so.
    let mut out = vec![0u8; 1 << 16];
    let len = encode_job(&small, &mut out).expect("fits");
    let mut again: Box<JobDocument<1, 2, 1>> = Box::new(JobDocument::new());
    decode_single(&out[..len], 0, Options::default(), &mut again).expect("decodes");
    assert!(again.job.is_complete());
    assert_eq!(again.job.errors.total(), 2);

    // A status poll keeps no list at all, and still counts.
    let input = read("valid", "single-profile-bulk-import-recorded.json");
    let mut poll: JobDocument<0, 0, 0> = JobDocument::new();
    decode_single(&input, 0, Options::default(), &mut poll).expect("decodes");
    assert_eq!((poll.job.relationships.len(), poll.job.relationships.total()), (0, 3));
    assert!(!poll.job.is_complete());
    let full = single("single-profile-bulk-import-recorded.json");
    assert_eq!(poll.job.attributes, full.job.attributes);
    assert_eq!(poll.job.id, full.job.id);
    assert_eq!(poll.links, full.links);

    let mut two: Box<JobDocument<1, 0, 2>> = Box::new(JobDocument::new());
    decode_single(&input, 0, Options::default(), &mut two).expect("decodes");
    let names: Vec<_> = two.job.relationships.iter().map(|relationship| relationship.name).collect();
    assert_eq!(names, [RelationshipName::Lists, RelationshipName::Profiles]);
    assert_eq!(two.job.relationships.total(), 3);
    assert!(two.job.relationships.as_slice()[0].is_complete());

    // Jobs of a page.
    let input = read("valid", "list-page-links.json");
    let mut short: Box<JobList<2, 0, 1, 0>> = Box::new(JobList::new());
    decode_page(&input, 0, Options::default(), &mut short).expect("decodes");
    assert_eq!((short.jobs.len(), short.jobs.total()), (2, 3));
    assert!(!short.is_complete());
    let second = &short.jobs.as_slice()[1];
    assert_eq!((second.errors.len(), second.errors.total()), (1, 2));
    assert_eq!(second.id.as_str(), "01GSQPBF74KQ5YTDEPP41T1C02");
    let first = &short.jobs.as_slice()[0];
    assert_eq!((first.relationships.len(), first.relationships.total()), (0, 1));
    let full = page("list-page-links.json");
    assert_eq!(short.links, full.links);
    let mut none: Box<JobList<0, 0, 0, 0>> = Box::new(JobList::new());
    decode_page(&input, 1, Options::default(), &mut none).expect("decodes");
    assert_eq!((none.jobs.len(), none.jobs.total()), (0, 3));
    assert_eq!(none.links, full.links);
    // A page is complete only if every job is kept and every kept job is
    // complete: either alone is not enough.
    let mut every_job: Box<JobList<3, 0, 1, 0>> = Box::new(JobList::new());
    decode_page(&input, 0, Options::default(), &mut every_job).expect("decodes");
    assert!(every_job.jobs.is_complete() && !every_job.jobs.iter().all(|job| job.is_complete()));
    assert!(!every_job.is_complete());
    let mut first_job: Box<JobList<1>> = Box::new(JobList::new());
    decode_page(&input, 0, Options::default(), &mut first_job).expect("decodes");
    assert!(!first_job.jobs.is_complete() && first_job.jobs.iter().all(|job| job.is_complete()));
    assert!(!first_job.is_complete());
}

#[test]
fn statuses_parse_from_their_text_and_progress_stays_within_a_thousand() {
    for status in [JobStatus::Queued, JobStatus::Processing, JobStatus::Complete, JobStatus::Cancelled] {
        assert_eq!(JobStatus::parse(status.as_str()), Some(status));
    }
    for text in ["", "Queued", "complete ", "done"] {
        assert_eq!(JobStatus::parse(text), None, "{text:?}");
    }
    let progress = |completed, failed, total| Progress { completed, failed, total }.per_mille();
    assert_eq!(progress(1, 0, 3), 333);
    assert_eq!(progress(2, 1, 3), 1000);
    assert_eq!(progress(0, 0, 0), 1000);
    // Counts past the total (the API does not forbid them) stop at 1000.
    assert_eq!(progress(5, 1, 3), 1000);
    assert_eq!(progress(u32::MAX, u32::MAX, 1), 1000);
}
