//! The 13 job kinds of the bulk-job family (spec `klaviyo-bulk-jobs.md` §2):
//! each kind's `type`, relationship names, member types and attribute set,
//! decoded from a single and a list fixture; `Accept::Only` for every pair
//! of kinds; and members a kind does not define, which are decoded and
//! validated, then cleared, whatever their order relative to `type`.

mod common;

use common::{
    Doc, Page, TestJob, decode_page, decode_single, error, job, json_files, offset_of, page, read, relationship,
    single, ts, utc,
};
use klaviyo_bulk_job::{
    Accept, Attribute, AttributeSet, CollectionLinks, ErrorKind, JobDocument, JobKind, JobList, JobStatus, Links,
    Options, RelationshipName, Text,
};

const API: &str = "https://a.klaviyo.com/api";
const KIND_ID: &str = "01J2KINDJOB0000000000000AB";
const KIND_ID_2: &str = "01J2KINDJOB0000000000000CD";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Family {
    /// Catalog item, variant and category jobs and coupon-code jobs.
    Catalog,
    /// `profile-bulk-import-job`: `started_at`, no `errors`.
    Import,
    /// Profile-suppression jobs: `skipped_count`; no `failed_count`,
    /// `errors` or `expires_at`.
    Suppression,
}

/// One relationship of a kind: its name, member type, the member ids the
/// fixture has (`None`: no `data`), and whether its links carry `self`.
struct Rel {
    name: RelationshipName,
    json_name: &'static str,
    member_type: &'static str,
    members: Option<&'static [&'static str]>,
    self_link: bool,
}

const ITEMS: &[&str] = &["$custom:::$default:::SAMPLE-DATA-ITEM-1", "$custom:::$default:::SAMPLE-DATA-ITEM-2"];
const VARIANTS: &[&str] = &["$custom:::$default:::SAMPLE-DATA-ITEM-1-VARIANT-MEDIUM"];
const CATEGORIES: &[&str] = &["$custom:::$default:::SAMPLE-DATA-CATEGORY-APPAREL"];
const COUPONS: &[&str] = &["10OFF-ASD325FHK324UJDOI2M3JNES99", "10OFF-ZXC987"];

const fn rel(
    name: RelationshipName,
    json_name: &'static str,
    member_type: &'static str,
    members: Option<&'static [&'static str]>,
) -> Rel {
    Rel { name, json_name, member_type, members, self_link: true }
}

const R_ITEMS: Rel = rel(RelationshipName::Items, "items", "catalog-item", Some(ITEMS));
const R_VARIANTS: Rel = rel(RelationshipName::Variants, "variants", "catalog-variant", Some(VARIANTS));
const R_CATEGORIES: Rel = rel(RelationshipName::Categories, "categories", "catalog-category", Some(CATEGORIES));
const R_COUPONS: Rel = rel(RelationshipName::CouponCodes, "coupon-codes", "coupon-code", Some(COUPONS));
const R_IMPORT_LISTS: Rel = rel(RelationshipName::Lists, "lists", "list", Some(&["XW53Ha"]));
const R_PROFILES: Rel = rel(RelationshipName::Profiles, "profiles", "profile", None);
const R_IMPORT_ERRORS: Rel = Rel {
    name: RelationshipName::ImportErrors,
    json_name: "import-errors",
    member_type: "import-error",
    members: None,
    self_link: false,
};
const R_SUPPRESSION_LISTS: Rel = rel(RelationshipName::Lists, "lists", "list", Some(&["Y6nRLr"]));
const R_SEGMENTS: Rel = rel(RelationshipName::Segments, "segments", "segment", Some(&["UVwXyZ", "Tq8Pw2"]));

/// The family, as spec §2 gives it.
const KINDS: [(JobKind, &str, Family, &[Rel]); 13] = [
    (JobKind::CatalogItemBulkCreate, "catalog-item-bulk-create-job", Family::Catalog, &[R_ITEMS]),
    (JobKind::CatalogItemBulkUpdate, "catalog-item-bulk-update-job", Family::Catalog, &[R_ITEMS]),
    (JobKind::CatalogItemBulkDelete, "catalog-item-bulk-delete-job", Family::Catalog, &[R_ITEMS]),
    (JobKind::CatalogVariantBulkCreate, "catalog-variant-bulk-create-job", Family::Catalog, &[R_VARIANTS]),
    (JobKind::CatalogVariantBulkUpdate, "catalog-variant-bulk-update-job", Family::Catalog, &[R_VARIANTS]),
    (JobKind::CatalogVariantBulkDelete, "catalog-variant-bulk-delete-job", Family::Catalog, &[R_VARIANTS]),
    (JobKind::CatalogCategoryBulkCreate, "catalog-category-bulk-create-job", Family::Catalog, &[R_CATEGORIES]),
    (JobKind::CatalogCategoryBulkUpdate, "catalog-category-bulk-update-job", Family::Catalog, &[R_CATEGORIES]),
    (JobKind::CatalogCategoryBulkDelete, "catalog-category-bulk-delete-job", Family::Catalog, &[R_CATEGORIES]),
    (JobKind::CouponCodeBulkCreate, "coupon-code-bulk-create-job", Family::Catalog, &[R_COUPONS]),
    (
        JobKind::ProfileBulkImport,
        "profile-bulk-import-job",
        Family::Import,
        &[R_IMPORT_LISTS, R_PROFILES, R_IMPORT_ERRORS],
    ),
    (
        JobKind::ProfileSuppressionBulkCreate,
        "profile-suppression-bulk-create-job",
        Family::Suppression,
        &[R_SUPPRESSION_LISTS, R_SEGMENTS],
    ),
    (
        JobKind::ProfileSuppressionBulkDelete,
        "profile-suppression-bulk-delete-job",
        Family::Suppression,
        &[R_SUPPRESSION_LISTS, R_SEGMENTS],
    ),
];

/// Files this test checks value by value: every valid fixture with `kind`
/// in its name.
const FOREIGN: [&str; 5] = [
    "single-kind-import-foreign-type-last.json",
    "single-kind-import-nulls.json",
    "single-kind-suppression-foreign-type-first.json",
    "single-kind-suppression-foreign-type-last.json",
    "single-kind-suppression-nulls.json",
];

fn set(attributes: &[Attribute]) -> AttributeSet {
    attributes.iter().fold(AttributeSet::EMPTY, |set, attribute| set.with(*attribute))
}

/// The attributes spec §2 gives each family.
fn family_attributes(family: Family) -> AttributeSet {
    use Attribute as A;
    let common = [A::Status, A::CreatedAt, A::TotalCount, A::CompletedCount, A::CompletedAt];
    let extra: &[Attribute] = match family {
        Family::Catalog => &[A::FailedCount, A::ExpiresAt, A::Errors],
        Family::Import => &[A::FailedCount, A::ExpiresAt, A::StartedAt],
        Family::Suppression => &[A::SkippedCount],
    };
    set(&common).union(set(extra))
}

/// The full job `generate.py` writes for a kind.
fn full_job(kind: JobKind, type_str: &str, family: Family, relationships: &[Rel], id: &str) -> TestJob {
    let base = format!("{API}/{type_str}s/{id}/");
    let mut expected: TestJob = job(kind, id, &base);
    let attributes = &mut expected.attributes;
    match family {
        Family::Catalog => {
            attributes.status = JobStatus::Complete;
            attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
            attributes.total_count = 2;
            attributes.completed_count = Some(1);
            attributes.failed_count = Some(1);
            attributes.completed_at = Some(ts((2026, 7, 2), (5, 20, 3), 250_000_000, 3, Some(0)));
            attributes.expires_at = Some(utc((2026, 7, 9), (5, 19, 57)));
            expected.has_errors = true;
            expected.errors.push(error(
                "e4eebb08-b055-4a6f-bb13-c8cb69c9eb94",
                "invalid",
                "Invalid input",
                "The payload provided in the request is invalid.",
                Some("/data/attributes/1"),
            ));
        }
        Family::Import => {
            attributes.status = JobStatus::Processing;
            attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
            attributes.total_count = 5;
            attributes.completed_count = Some(3);
            attributes.failed_count = Some(1);
            attributes.expires_at = Some(utc((2026, 7, 9), (5, 19, 57)));
            attributes.started_at = Some(ts((2026, 7, 2), (5, 20, 1), 500_000_000, 1, Some(0)));
        }
        Family::Suppression => {
            attributes.status = JobStatus::Complete;
            attributes.created_at = ts((2026, 7, 2), (5, 19, 57), 0, 0, None);
            attributes.total_count = 3;
            attributes.completed_count = Some(2);
            attributes.skipped_count = Some(1);
            attributes.completed_at = Some(ts((2026, 7, 2), (5, 21, 0), 0, 0, None));
        }
    }
    for rel in relationships {
        let self_link = rel.self_link.then(|| format!("{base}relationships/{}/", rel.json_name));
        expected.relationships.push(relationship(
            rel.name,
            rel.members,
            self_link.as_deref(),
            Some(&format!("{base}{}/", rel.json_name)),
        ));
    }
    expected
}

/// The second job of each `list-kind-*` fixture: required members only,
/// `type` last.
fn minimal_job(kind: JobKind, type_str: &str, family: Family) -> TestJob {
    let mut expected: TestJob = job(kind, KIND_ID_2, &format!("{API}/{type_str}s/{KIND_ID_2}/"));
    expected.attributes.status = JobStatus::Queued;
    expected.attributes.created_at = ts((2026, 7, 3), (0, 0, 0), 0, 0, None);
    expected.attributes.total_count = 0;
    expected.attributes.completed_count = Some(0);
    match family {
        Family::Suppression => expected.attributes.skipped_count = Some(0),
        _ => expected.attributes.failed_count = Some(0),
    }
    expected
}

#[test]
fn the_family_has_thirteen_kinds_with_their_relationships() {
    assert_eq!(JobKind::ALL.len(), KINDS.len());
    for (index, (kind, type_str, family, relationships)) in KINDS.iter().enumerate() {
        assert_eq!(JobKind::ALL[index], *kind);
        assert_eq!(kind.type_str(), *type_str);
        assert_eq!(kind.to_string(), *type_str);
        assert_eq!(JobKind::from_type_str(type_str), Some(*kind));
        assert_eq!(kind.attributes(), family_attributes(*family), "{type_str}");
        let names: Vec<RelationshipName> = relationships.iter().map(|rel| rel.name).collect();
        assert_eq!(kind.relationships(), names.as_slice(), "{type_str}");
        for rel in relationships.iter() {
            assert!(kind.has_relationship(rel.name));
            assert_eq!(rel.name.as_str(), rel.json_name);
            assert_eq!(rel.name.to_string(), rel.json_name);
            assert_eq!(rel.name.member_type(), rel.member_type, "{type_str} {}", rel.json_name);
            assert_eq!(rel.name.has_self_link(), rel.self_link, "{type_str} {}", rel.json_name);
        }
    }
}

#[test]
fn every_kind_fixture_is_checked() {
    for name in json_files("valid").into_iter().filter(|name| name.contains("kind")) {
        let known = name == "list-all-kinds.json"
            || FOREIGN.contains(&name.as_str())
            || KINDS.iter().any(|(_, type_str, _, _)| {
                name == format!("single-kind-{type_str}.json") || name == format!("list-kind-{type_str}.json")
            });
        assert!(known, "{name} is not checked by tests/kinds.rs");
    }
    for (_, type_str, _, _) in KINDS {
        for name in [format!("single-kind-{type_str}.json"), format!("list-kind-{type_str}.json")] {
            assert!(common::folder("valid").join(&name).is_file(), "{name} is missing");
        }
    }
    for name in FOREIGN {
        assert!(common::folder("valid").join(name).is_file(), "{name} is missing");
    }
}

#[test]
fn every_kind_decodes_as_a_single_document() {
    for (kind, type_str, family, relationships) in KINDS {
        let name = format!("single-kind-{type_str}.json");
        let document = single(&name);
        let expected = full_job(kind, type_str, family, relationships, KIND_ID);
        assert_eq!(document.job, expected, "{name}");
        assert_eq!(document.job.attributes.fields, family_attributes(family), "{name}");
        assert_eq!(
            document.links,
            Some(Links { self_link: Text::try_from(format!("{API}/{type_str}s").as_str()).unwrap() })
        );
        let decoded = &document.job;
        match family {
            Family::Catalog => {
                assert_eq!(decoded.errors().map(|errors| errors.len()), Some(1), "{name}");
                assert_eq!(decoded.attributes.skipped_count, None, "{name}");
                assert_eq!(decoded.attributes.started_at, None, "{name}");
            }
            Family::Import => {
                assert!(decoded.errors().is_none(), "{name}");
                assert!(decoded.attributes.started_at.is_some(), "{name}");
                let import_errors = decoded.relationship(RelationshipName::ImportErrors).expect("import-errors");
                assert_eq!(import_errors.links.self_link, None, "related-only links");
            }
            Family::Suppression => {
                assert!(decoded.errors().is_none(), "{name}");
                assert_eq!(decoded.attributes.failed_count, None, "{name}");
                assert_eq!(decoded.attributes.expires_at, None, "{name}");
                assert_eq!(decoded.attributes.skipped_count, Some(1), "{name}");
                assert_eq!(decoded.progress().failed, 0, "{name}");
            }
        }
        for (rel, decoded) in relationships.iter().zip(decoded.relationships.iter()) {
            assert_eq!(decoded.name, rel.name, "{name}");
            assert_eq!(decoded.has_data, rel.members.is_some(), "{name} {}", rel.json_name);
        }
    }
}

#[test]
fn every_kind_decodes_as_a_list() {
    for (kind, type_str, family, relationships) in KINDS {
        let name = format!("list-kind-{type_str}.json");
        let list = page(&name);
        let first = full_job(kind, type_str, family, relationships, KIND_ID);
        let second = minimal_job(kind, type_str, family);
        assert_eq!(list.jobs.as_slice(), [first, second], "{name}");
        assert_eq!(list.jobs.total(), 2);
        assert!(list.is_complete());
        let url = |text: String| Text::try_from(text.as_str()).unwrap();
        assert_eq!(
            list.links,
            Some(CollectionLinks {
                self_link: url(format!("{API}/{type_str}s")),
                first: None,
                last: None,
                prev: Some(url(format!("{API}/{type_str}s?page%5Bcursor%5D=cHJldg%3D%3D"))),
                next: None,
            }),
            "{name}"
        );
    }
}

#[test]
fn every_kind_on_one_page() {
    let list = page("list-all-kinds.json");
    assert_eq!(list.jobs.len(), 13);
    for (index, ((kind, type_str, family, relationships), decoded)) in KINDS.iter().zip(list.jobs.iter()).enumerate() {
        let id = format!("01J2ALLKINDS{index:014}");
        assert_eq!(*decoded, full_job(*kind, type_str, *family, relationships, &id), "{type_str}");
    }
    assert_eq!(
        list.links,
        Some(CollectionLinks {
            self_link: Text::try_from("https://a.klaviyo.com/api/bulk-jobs").unwrap(),
            first: None,
            last: None,
            prev: None,
            next: None,
        })
    );

    // Four jobs kept, no errors, members or relationships: all counted.
    let input = read("valid", "list-all-kinds.json");
    for chunk in [0, 1, 64] {
        let mut short: Box<JobList<4, 0, 0, 0>> = Box::new(JobList::new());
        decode_page(&input, chunk, Options::default(), &mut short).expect("decodes");
        assert_eq!((short.jobs.len(), short.jobs.total()), (4, 13));
        assert!(!short.is_complete());
        for ((kind, _, family, relationships), decoded) in KINDS.iter().zip(short.jobs.iter()) {
            assert_eq!(decoded.kind, *kind);
            assert_eq!(decoded.relationships.len(), 0);
            assert_eq!(decoded.relationships.total() as usize, relationships.len());
            assert_eq!(decoded.errors.total(), u32::from(*family == Family::Catalog));
            assert_eq!(decoded.errors().is_some(), *family == Family::Catalog);
            assert!(!decoded.is_complete());
        }
        assert_eq!(short.links, list.links);
    }
    // One member and one relationship kept per job.
    let mut narrow: Box<JobList<13, 1, 1, 1>> = Box::new(JobList::new());
    decode_page(&input, 0, Options::default(), &mut narrow).expect("decodes");
    for ((_, type_str, _, relationships), decoded) in KINDS.iter().zip(narrow.jobs.iter()) {
        let kept = &decoded.relationships.as_slice()[0];
        assert_eq!(kept.name, relationships[0].name, "{type_str}");
        let members = relationships[0].members.unwrap_or_default();
        assert_eq!(kept.members.total() as usize, members.len(), "{type_str}");
        assert_eq!(
            kept.members.iter().map(|member| member.id.as_str()).collect::<Vec<_>>(),
            members[..members.len().min(1)]
        );
        assert_eq!(decoded.relationships.total() as usize, relationships.len(), "{type_str}");
    }
}

#[test]
fn accept_only_each_kind() {
    for (expected, expected_str, _, _) in KINDS {
        let options = Options { accept: Accept::Only(expected), ..Options::default() };
        for (found, found_str, _, _) in KINDS {
            let input = read("valid", &format!("single-kind-{found_str}.json"));
            let mut document = Box::new(Doc::new());
            let outcome = decode_single(&input, 0, options, &mut document);
            if expected == found {
                outcome.unwrap_or_else(|error| panic!("{found_str} with Only({expected_str}): {error}"));
                assert_eq!(document.job.kind, found);
                continue;
            }
            let error = outcome.expect_err("another kind");
            let at = offset_of(&input, format!("\"{found_str}\"").as_bytes());
            assert_eq!(error.kind, ErrorKind::UnexpectedJobKind { expected, found });
            assert_eq!(
                error.to_string(),
                format!("expected {expected_str}, found {found_str} at byte {at} (data.type)")
            );

            // The list's second job has `type` last; the first is the error.
            let input = read("valid", &format!("list-kind-{found_str}.json"));
            let mut list = Box::new(Page::new());
            let error = decode_page(&input, 0, options, &mut list).expect_err("another kind");
            let at = offset_of(&input, format!("\"{found_str}\"").as_bytes());
            assert_eq!(
                error.to_string(),
                format!("expected {expected_str}, found {found_str} at byte {at} (data[0].type)")
            );
        }
    }
}

/// The profile-suppression job of the foreign fixtures, as its kind
/// defines it.
fn suppression_without_foreign_members() -> TestJob {
    let base = format!("{API}/profile-suppression-bulk-create-jobs/01GSUPPRESSFOREIGN00000AAA/");
    let mut expected: TestJob = job(JobKind::ProfileSuppressionBulkCreate, "01GSUPPRESSFOREIGN00000AAA", &base);
    expected.attributes.status = JobStatus::Processing;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 4;
    expected.attributes.completed_count = Some(1);
    expected.attributes.skipped_count = Some(0); // absent: the schema default
    expected.relationships.push(relationship(RelationshipName::Lists, Some(&["Y6nRLr"]), None, None));
    expected.relationships.push(relationship(
        RelationshipName::Segments,
        Some(&["UVwXyZ"]),
        Some(&format!("{base}relationships/segments/")),
        Some(&format!("{base}segments/")),
    ));
    expected
}

#[test]
fn members_a_kind_lacks_are_cleared_whatever_the_order() {
    let expected = suppression_without_foreign_members();
    for name in ["single-kind-suppression-foreign-type-first.json", "single-kind-suppression-foreign-type-last.json"] {
        let document = single(name);
        let decoded = &document.job;
        assert_eq!(decoded.attributes.failed_count, None, "{name}: failed_count is not a suppression attribute");
        assert_eq!(decoded.attributes.expires_at, None, "{name}: expires_at is not a suppression attribute");
        assert_eq!(decoded.attributes.started_at, None, "{name}: started_at is not a suppression attribute");
        assert!(decoded.errors().is_none(), "{name}: errors is not a suppression attribute");
        assert_eq!(decoded.attributes.skipped_count, Some(0), "{name}");
        assert_eq!(decoded.attributes.fields, family_attributes(Family::Suppression), "{name}");
        let names: Vec<_> = decoded.relationships.iter().map(|relationship| relationship.name).collect();
        assert_eq!(
            names,
            [RelationshipName::Lists, RelationshipName::Segments],
            "{name}: items, import-errors dropped"
        );
        assert_eq!(decoded.relationships.total(), 2, "{name}: only the kind's relationships are counted");
        assert!(decoded.is_complete(), "{name}");
        assert_eq!(*decoded, expected, "{name}");
        assert_eq!(document.links, None);
    }
}

#[test]
fn a_small_relationship_capacity_counts_what_it_cannot_keep() {
    // With room for one relationship and `type` first, the kind's first
    // relationship is kept. With `type` last, the foreign `items` that comes
    // first takes the only slot until the kind is known, and is then
    // dropped: the kind's relationships are still counted, and the job
    // says it is incomplete rather than silently short (a documented limit
    // of decoding without buffering; Klaviyo never sends foreign ones).
    let expected = suppression_without_foreign_members();
    for chunk in [0, 1] {
        let mut document: Box<JobDocument<4, 0, 1>> = Box::new(JobDocument::new());
        let input = read("valid", "single-kind-suppression-foreign-type-first.json");
        decode_single(&input, chunk, Options::default(), &mut document).expect("decodes");
        let names: Vec<_> = document.job.relationships.iter().map(|relationship| relationship.name).collect();
        assert_eq!(names, [RelationshipName::Lists]);
        assert_eq!(document.job.relationships.total(), 2);
        assert_eq!(
            document.job.relationships.as_slice()[0].members.as_slice(),
            expected.relationships.as_slice()[0].members.as_slice()
        );

        let input = read("valid", "single-kind-suppression-foreign-type-last.json");
        decode_single(&input, chunk, Options::default(), &mut document).expect("decodes");
        assert!(document.job.relationships.is_empty(), "the foreign relationship held the slot");
        assert_eq!(document.job.relationships.total(), 2, "both of the kind's relationships are counted");
        assert!(!document.job.is_complete());
    }
}

#[test]
fn profile_import_with_foreign_members_type_last() {
    let name = "single-kind-import-foreign-type-last.json";
    let document = single(name);
    let base = format!("{API}/profile-bulk-import-jobs/01GIMPORTFOREIGN0000000AAA/");
    let mut expected: TestJob = job(JobKind::ProfileBulkImport, "01GIMPORTFOREIGN0000000AAA", &base);
    expected.attributes.status = JobStatus::Complete;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 2;
    expected.attributes.completed_count = Some(0);
    expected.attributes.failed_count = Some(0);
    expected.attributes.started_at = Some(ts((2026, 7, 2), (5, 19, 58), 250_000_000, 2, Some(0)));
    // Document order, without coupon-codes and segments.
    expected.relationships.push(relationship(
        RelationshipName::ImportErrors,
        None,
        None,
        Some(&format!("{base}import-errors/")),
    ));
    expected.relationships.push(relationship(RelationshipName::Lists, Some(&["XW53Ha", "XW53Hb"]), None, None));
    let decoded = &document.job;
    assert_eq!(decoded.attributes.skipped_count, None, "skipped_count is not a profile-bulk-import attribute");
    assert!(decoded.errors().is_none(), "errors: [] is not a profile-bulk-import attribute");
    assert!(!decoded.has_errors);
    assert_eq!(decoded.attributes.fields, family_attributes(Family::Import));
    assert_eq!(*decoded, expected, "{name}");
}

#[test]
fn profile_suppression_nulls() {
    let document = single("single-kind-suppression-nulls.json");
    let mut expected: TestJob = job(
        JobKind::ProfileSuppressionBulkDelete,
        "01GSUPPRESSNULLS0000000AAA",
        &format!("{API}/profile-suppression-bulk-delete-jobs/01GSUPPRESSNULLS0000000AAA/"),
    );
    expected.attributes.status = JobStatus::Queued;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 1;
    // `lists: null` is absent; `segments` has null data and links.
    expected.relationships.push(relationship(RelationshipName::Segments, None, None, None));
    assert_eq!(document.job, expected);
    assert_eq!(document.job.attributes.skipped_count, None, "null: none, not the default");
    assert_eq!(document.job.attributes.completed_count, None);
    assert_eq!(document.job.relationships.total(), 1);
    assert_eq!(document.links, None);
}

#[test]
fn profile_import_nulls() {
    let document = single("single-kind-import-nulls.json");
    let base = format!("{API}/profile-bulk-import-jobs/01GIMPORTNULLS000000000AAA/");
    let mut expected: TestJob = job(JobKind::ProfileBulkImport, "01GIMPORTNULLS000000000AAA", &base);
    expected.attributes.status = JobStatus::Processing;
    expected.attributes.created_at = utc((2026, 7, 2), (5, 19, 57));
    expected.attributes.total_count = 9;
    expected.relationships.push(relationship(
        RelationshipName::Lists,
        None,
        Some(&format!("{base}relationships/lists/")),
        Some(&format!("{base}lists/")),
    ));
    expected.relationships.push(relationship(RelationshipName::Profiles, None, None, None));
    expected.relationships.push(relationship(
        RelationshipName::ImportErrors,
        None,
        None,
        Some(&format!("{base}import-errors/")),
    ));
    assert_eq!(document.job, expected);
    let attributes = &document.job.attributes;
    assert_eq!((attributes.completed_count, attributes.failed_count), (None, None));
    assert_eq!((attributes.completed_at, attributes.expires_at, attributes.started_at), (None, None, None));
}
