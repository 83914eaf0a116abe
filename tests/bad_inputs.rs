//! Every invalid fixture in `tests/fixtures/invalid/` fails with exactly the
//! error its line in `expected.tsv` gives: kind, byte offset and path, as
//! `Display` renders them. The same error comes whatever the list
//! capacities and however the input is split into chunks.
//!
//! The fixtures and the manifest are written by `tests/fixtures/generate.py`,
//! which computes each offset from the rules in `src/error.rs`.

mod common;
#[path = "support/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;

use common::{Doc, Page, decode_page, decode_single, folder, json_files, read};
use klaviyo_bulk_job::{Error, ErrorKind, JobDocument, JobList, JsonType, MAX_DEPTH, Options};

/// `expected.tsv`: file name → the error's exact `Display`.
fn manifest() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(folder("invalid").join("expected.tsv")).expect("expected.tsv");
    let mut entries = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let (name, display) = line.split_once('\t').unwrap_or_else(|| panic!("line {}: no tab", number + 1));
        assert!(!display.contains('\t'), "line {}: more than two fields", number + 1);
        let previous = entries.insert(name.to_owned(), display.to_owned());
        assert!(previous.is_none(), "{name} is listed twice");
    }
    entries
}

/// Decode invalid fixture `name` as its prefix says, with capacities
/// `(members, errors, relationships)` small (0), one, or the test default,
/// fed in `chunk`-byte pieces (0: whole).
fn decode(name: &str, input: &[u8], capacities: usize, chunk: usize) -> Result<(), Error> {
    let options = Options::default();
    if name.starts_with("single-") {
        match capacities {
            0 => decode_single(input, chunk, options, &mut JobDocument::<0, 0, 0>::new()),
            1 => decode_single(input, chunk, options, &mut Box::new(JobDocument::<1, 1, 1>::new())),
            _ => decode_single(input, chunk, options, &mut Box::new(Doc::new())),
        }
    } else {
        assert!(name.starts_with("list-"), "{name}: name it single-* or list-*");
        match capacities {
            0 => decode_page(input, chunk, options, &mut JobList::<0, 0, 0, 0>::new()),
            1 => decode_page(input, chunk, options, &mut Box::new(JobList::<1, 1, 1, 1>::new())),
            _ => decode_page(input, chunk, options, &mut Box::new(Page::new())),
        }
    }
}

/// Check one invalid fixture; the error message on failure.
fn check(name: &str, expected: &str) -> Result<(), String> {
    let input = read("invalid", name);
    let whole = match decode(name, &input, 2, 0) {
        Ok(()) => return Err(format!("{name}: decodes, expected `{expected}`")),
        Err(error) => error,
    };
    if whole.to_string() != expected {
        return Err(format!("{name}:\n    expected `{expected}`\n    actual   `{whole}`"));
    }
    if whole.offset > input.len() {
        return Err(format!("{name}: offset {} beyond the input's {} bytes", whole.offset, input.len()));
    }
    for capacities in [0, 1, 2] {
        for chunk in [0, 1, 2, 7, 64] {
            match decode(name, &input, capacities, chunk) {
                Err(error) if error == whole => {}
                outcome => {
                    return Err(format!(
                        "{name}: with capacities {capacities} in {chunk}-byte chunks: {outcome:?}, \
                         but `{whole}` decoded whole"
                    ));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn every_invalid_fixture_is_in_the_manifest() {
    let entries = manifest();
    let files = json_files("invalid");
    for name in &files {
        assert!(entries.contains_key(name), "{name} has no line in expected.tsv");
        assert!(name.starts_with("single-") || name.starts_with("list-"), "{name}: name it single-* or list-*");
    }
    for name in entries.keys() {
        assert!(files.contains(name), "expected.tsv lists {name}, which is not in tests/fixtures/invalid");
    }
    assert!(files.len() >= 250, "only {} invalid fixtures", files.len());
}

#[test]
fn every_invalid_fixture_fails_with_its_exact_error() {
    let entries = manifest();
    let failures: Vec<String> = entries.iter().filter_map(|(name, expected)| check(name, expected).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} invalid fixtures fail:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
}

#[test]
fn the_manifest_covers_every_error_class() {
    let entries = manifest();
    let depth = format!("nesting deeper than {MAX_DEPTH} at");
    let classes: &[&str] = &[
        "unexpected end of input at",
        "unexpected byte at",
        "data after the document at",
        &depth,
        "invalid number at",
        "invalid literal at",
        "invalid escape at",
        "lone surrogate escape at",
        "control character in string at",
        "invalid UTF-8 at",
        "expected string, found object at",
        "expected string, found null at",
        "expected number, found null at",
        "expected number, found string at",
        "expected object, found array at",
        "expected array, found object at",
        "missing required member at",
        "duplicate member at",
        "unknown job status at",
        "unknown job type at",
        "wrong member type at",
        "count is not an integer at",
        "count out of range at",
        "invalid timestamp at",
        "string exceeds capacity 64 at",
        "string exceeds capacity 128 at",
        "string exceeds capacity 256 at",
        "string exceeds capacity 1024 at",
    ];
    for class in classes {
        let count = entries.values().filter(|display| display.starts_with(class)).count();
        assert!(count > 0, "no invalid fixture for `{class}`");
    }
    // Each error class appears in a known member and in a skipped one where
    // both can happen.
    for (class, known, skipped) in [
        ("invalid UTF-8 at", "data.attributes.errors[0].detail)", "(included)"),
        ("lone surrogate escape at", "data.", "(included)"),
        ("control character in string at", "data.", "(included)"),
        ("invalid escape at", "data.", "(included)"),
    ] {
        let with = |place: &str| entries.values().any(|display| display.starts_with(class) && display.contains(place));
        assert!(with(known), "`{class}` in a known member");
        assert!(with(skipped), "`{class}` in a skipped value");
    }
}

#[test]
fn the_recorded_catalog_items_list_is_not_a_job_list() {
    let input = read("invalid", "list-catalog-items-recorded.json");
    let recorded = std::fs::read(
        corpus::shared_dir().join("fixtures").join("recorded").join("catalog-items.list.first-item.json"),
    );
    if let Ok(recorded) = recorded {
        assert_eq!(input, recorded, "copied unchanged");
    }
    let error = decode("list-catalog-items-recorded.json", &input, 2, 0).expect_err("catalog-item is not a job");
    assert_eq!(error.kind, ErrorKind::UnknownJobType);
    assert_eq!(error.offset, 34);
    assert_eq!(error.path.as_str(), "data[0].type");
    assert_eq!(error.to_string(), "unknown job type at byte 34 (data[0].type)");
    // The path alone prints as its text, and as a quoted string in `Debug`.
    assert_eq!(error.path.to_string(), "data[0].type");
    assert_eq!(format!("{:?}", error.path), r#""data[0].type""#);
}

#[test]
fn errors_carry_structured_kinds() {
    // The `Display` strings above are built from these kinds; check a few
    // structurally so a renamed message cannot hide a changed kind.
    let expect = |name: &str, kind: ErrorKind| {
        let input = read("invalid", name);
        let error = decode(name, &input, 2, 0).expect_err(name);
        assert_eq!(error.kind, kind, "{name}");
    };
    expect("single-id-object.json", ErrorKind::WrongType { expected: JsonType::String, found: JsonType::Object });
    expect("single-total-count-null.json", ErrorKind::WrongType { expected: JsonType::Number, found: JsonType::Null });
    expect("single-data-array.json", ErrorKind::WrongType { expected: JsonType::Object, found: JsonType::Array });
    expect("list-data-object.json", ErrorKind::WrongType { expected: JsonType::Array, found: JsonType::Object });
    expect("single-job-id-65.json", ErrorKind::StringTooLong { capacity: 64 });
    expect("single-error-detail-1025.json", ErrorKind::StringTooLong { capacity: 1024 });
    expect("single-too-deep-in-unknown-attribute.json", ErrorKind::TooDeep);
    expect("single-total-count-above-u32.json", ErrorKind::CountOutOfRange);
    expect("single-total-count-fraction.json", ErrorKind::NotAnInteger);
    expect("single-missing-created-at.json", ErrorKind::MissingMember);
    expect("single-duplicate-status.json", ErrorKind::DuplicateMember);
    expect("single-timestamp-offset-24-00.json", ErrorKind::InvalidTimestamp);
    expect("single-empty.json", ErrorKind::UnexpectedEnd);
    expect("single-trailing-data.json", ErrorKind::TrailingData);
}

#[test]
fn one_byte_over_capacity_fails_where_exactly_capacity_decodes() {
    // u32::MAX is the largest count; one more is out of range.
    let base = read("valid", "single-base-compact.json");
    let with_total = |total: &str| {
        String::from_utf8(base.clone())
            .expect("UTF-8")
            .replace("\"total_count\":10", &format!("\"total_count\":{total}"))
    };
    let mut document = Box::new(Doc::new());
    decode_single(with_total("4294967295").as_bytes(), 0, Options::default(), &mut document).expect("u32::MAX");
    assert_eq!(document.job.attributes.total_count, u32::MAX);
    let input = with_total("4294967296");
    let error = decode_single(input.as_bytes(), 0, Options::default(), &mut document).expect_err("u32::MAX + 1");
    let at = input.find("4294967296").expect("count");
    assert_eq!(error.to_string(), format!("count out of range at byte {at} (data.attributes.total_count)"));

    // Every string field: capacity bytes decode, capacity + 1 fail at the
    // value's opening quote.
    let text = String::from_utf8(base).expect("UTF-8");
    for (old, capacity, path) in [
        ("\"01GSQPBF74KQ5YTDEPP41T1BZH\"", 64, "data.id"),
        ("\"$custom:::$default:::SAMPLE-DATA-ITEM-1\"", 128, "data.relationships.items.data[0].id"),
        ("\"e4eebb08-b055-4a6f-bb13-c8cb69c9eb94\"", 64, "data.attributes.errors[0].id"),
        ("\"invalid\"", 64, "data.attributes.errors[0].code"),
        ("\"Invalid input\"", 256, "data.attributes.errors[0].title"),
        ("\"The payload provided in the request is invalid.\"", 1024, "data.attributes.errors[0].detail"),
        ("\"/data/attributes/items/0\"", 256, "data.attributes.errors[0].source.pointer"),
        ("\"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs\"", 256, "links.self"),
    ] {
        assert_eq!(text.matches(old).count(), 1, "{old}");
        let at = text.find(old).expect("present");
        // Two-byte characters, so a cut in the middle of one would show.
        let exact = format!("\"{}\"", "é".repeat(capacity / 2));
        let input = text.replace(old, &exact);
        decode_single(input.as_bytes(), 0, Options::default(), &mut document)
            .unwrap_or_else(|error| panic!("{path} at capacity: {error}"));
        let over = format!("\"{}x\"", "é".repeat(capacity / 2));
        let input = text.replace(old, &over);
        for chunk in [0, 1, 5] {
            let error = decode_single(input.as_bytes(), chunk, Options::default(), &mut document)
                .expect_err("one byte over capacity");
            assert_eq!(error.to_string(), format!("string exceeds capacity {capacity} at byte {at} ({path})"));
        }
    }
}

/// A comma straight after the document's closing brace is data after the
/// document, at the comma, in compact JSON as in spaced (the
/// `single-trailing-comma.json` fixture has a space before its comma).
#[test]
fn a_comma_right_after_the_document_is_trailing_data() {
    for (name, suffix) in [("single-base-compact.json", ","), ("single-base-compact.json", ",{}")] {
        let mut input = read("valid", name);
        let at = input.len();
        input.extend_from_slice(suffix.as_bytes());
        for chunk in [0, 1, 7, 64] {
            let error = decode(name, &input, 2, chunk).expect_err(name);
            assert_eq!((error.kind, error.offset), (ErrorKind::TrailingData, at), "{suffix:?} in {chunk}-byte chunks");
        }
    }
}

/// An unknown member is in the path while its value is read, and leaves it
/// when the value ends: an error after the value belongs to the object, as
/// after a known member's value. The same whole and in every chunk size.
#[test]
fn an_unknown_member_is_in_the_path_only_until_its_value_ends() {
    let cases: [(&str, ErrorKind, &str); 10] = [
        // Inside the skipped value, or between its key and its value.
        (r#"{"data":{"attributes":{"zz":{"a":"#, ErrorKind::UnexpectedEnd, "data.attributes.zz"),
        (r#"{"data":{"attributes":{"zz":[1,}"#, ErrorKind::UnexpectedByte, "data.attributes.zz"),
        (r#"{"data":{"attributes":{"zz" 1"#, ErrorKind::UnexpectedByte, "data.attributes.zz"),
        (r#"{"data":{"attributes":{"zz":tru"#, ErrorKind::UnexpectedEnd, "data.attributes.zz"),
        // After it.
        (r#"{"data":{"attributes":{"zz":1"#, ErrorKind::UnexpectedEnd, "data.attributes"),
        (r#"{"data":{"attributes":{"zz":"a","#, ErrorKind::UnexpectedEnd, "data.attributes"),
        (r#"{"data":{"attributes":{"zz":{} x"#, ErrorKind::UnexpectedByte, "data.attributes"),
        (r#"{"data":{"meta":{"a":1}"#, ErrorKind::UnexpectedEnd, "data"),
        // The same places after a known member's value.
        (r#"{"data":{"attributes":{"total_count":1"#, ErrorKind::UnexpectedEnd, "data.attributes"),
        (r#"{"data":{"attributes":{"status":"queued" x"#, ErrorKind::UnexpectedByte, "data.attributes"),
    ];
    for (input, kind, path) in cases {
        let bytes = input.as_bytes();
        let whole = klaviyo_bulk_job::decode_job(bytes, &mut Box::new(Doc::new())).expect_err(input);
        assert_eq!((whole.kind, whole.path.as_str()), (kind, path), "{input}");
        for chunk in 1..=bytes.len() {
            let streamed = decode_single(bytes, chunk, Options::default(), &mut Box::new(Doc::new())).expect_err(input);
            assert_eq!(streamed, whole, "{input} in {chunk}-byte chunks");
        }
    }
}
