//! JSONTestSuite (`conformance/JSONTestSuite/test_parsing` of the shared
//! data: `../shared`, or `$SHARED_DIR`) applied
//! to the values the decoder skips: each file's bytes become the value of an
//! unknown member of an otherwise valid job document. Every `y_` document
//! must decode, every `n_` document must fail with an error, and every `i_`
//! document may do either but never panic. Each is decoded whole and fed
//! one byte at a time, with the same outcome required.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{Harness, Shape};
use klaviyo_bulk_job::{JobDocument, Options, decode_job};

const PREFIX: &[u8] = br#"{"data":{"type":"catalog-item-bulk-create-job","id":"01GSQPBF74KQ5YTDEPP41T1BZH",
 "attributes":{"status":"queued","created_at":"2022-11-08T00:00:00+00:00",
 "total_count":1,"x_unknown":"#;
const SUFFIX: &[u8] = br#"},
 "links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/"}}}"#;

/// The same document with the file as a top-level member, one level deep
/// instead of three.
const TOP_PREFIX: &[u8] = br#"{"included":"#;
const TOP_SUFFIX: &[u8] = br#","data":{"type":"catalog-item-bulk-create-job","id":"01GSQPBF74KQ5YTDEPP41T1BZH",
 "attributes":{"status":"queued","created_at":"2022-11-08T00:00:00+00:00","total_count":1},
 "links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/"}}}"#;

/// The template with `null` as the unknown value: what every `y_` document
/// must decode to.
fn expected_model() -> Box<JobDocument<0, 0, 0>> {
    let mut document = Box::new(JobDocument::new());
    let input = [PREFIX, b"null", SUFFIX].concat();
    decode_job(&input, &mut *document).expect("the template decodes");
    document
}

struct Case {
    name: String,
    input: Vec<u8>,
}

fn suite() -> Vec<(String, Vec<u8>)> {
    let dir = corpus::shared_dir().join("conformance").join("JSONTestSuite").join("test_parsing");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()))
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().and_then(|name| name.to_str()).expect("file name").to_owned();
            let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
            (name, bytes)
        })
        .filter(|(name, _)| name.ends_with(".json"))
        .collect();
    files.sort();
    files
}

fn cases(files: &[(String, Vec<u8>)], prefix: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for (name, bytes) in files.iter().filter(|(name, _)| name.starts_with(prefix)) {
        cases.push(Case { name: format!("{name} (attributes)"), input: [PREFIX, bytes, SUFFIX].concat() });
        cases.push(Case { name: format!("{name} (top level)"), input: [TOP_PREFIX, bytes, TOP_SUFFIX].concat() });
    }
    cases
}

fn counts(files: &[(String, Vec<u8>)]) -> [usize; 3] {
    ["y_", "n_", "i_"].map(|prefix| files.iter().filter(|(name, _)| name.starts_with(prefix)).count())
}

/// Decode whole and one byte at a time; the outcomes must be equal.
fn decode(harness: &mut Harness<0, 0, 0, 1>, case: &Case) -> Result<(), klaviyo_bulk_job::Error> {
    let bytes = case.input.chunks(1);
    harness.check(Shape::Single, &case.input, bytes, Options::default(), &|| {
        format!("{}: whole vs 1-byte feed", case.name)
    })
}

#[test]
fn the_suite_is_all_there() {
    assert_eq!(counts(&suite()), [95, 188, 35], "y_, n_ and i_ files in the suite");
}

#[test]
fn every_y_document_decodes_to_the_template() {
    let files = suite();
    assert_eq!(counts(&files)[0], 95);
    let expected = expected_model();
    let mut harness = Harness::new();
    let mut failures = Vec::new();
    for case in cases(&files, "y_") {
        match decode(&mut harness, &case) {
            Ok(()) if *harness.whole_single == *expected => {}
            Ok(()) => failures.push(format!("{}: decoded to a different model", case.name)),
            Err(error) => failures.push(format!("{}: {error}", case.name)),
        }
    }
    assert!(failures.is_empty(), "{} y_ documents failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_n_document_fails() {
    let files = suite();
    assert_eq!(counts(&files)[1], 188);
    let mut harness = Harness::new();
    let mut accepted = Vec::new();
    for case in cases(&files, "n_") {
        if decode(&mut harness, &case).is_ok() {
            accepted.push(case.name);
        }
    }
    assert!(accepted.is_empty(), "{} n_ documents decoded:\n{}", accepted.len(), accepted.join("\n"));
}

#[test]
fn every_i_document_returns_without_panicking() {
    let files = suite();
    assert_eq!(counts(&files)[2], 35);
    let expected = expected_model();
    let mut harness = Harness::new();
    let (mut accepted, mut rejected) = (Vec::new(), Vec::new());
    for pair in cases(&files, "i_").chunks(2) {
        // A panic fails the test here; an outcome that differs between the
        // whole and the byte-at-a-time decode fails it inside `decode`.
        let outcomes: Vec<_> = pair
            .iter()
            .map(|case| {
                let outcome = decode(&mut harness, case);
                if outcome.is_ok() {
                    assert_eq!(*harness.whole_single, *expected, "{} decoded to a different model", case.name);
                }
                outcome
            })
            .collect();
        let name = pair[0].name.trim_end_matches(" (attributes)");
        match (&outcomes[0], &outcomes[1]) {
            (Ok(()), Ok(())) => accepted.push(name.to_owned()),
            (Err(a), Err(b)) if a.kind == b.kind => rejected.push(format!("{name}: {}", a.kind)),
            _ => panic!("{name}: accepted in one place only: {outcomes:?}"),
        }
    }
    assert_eq!(accepted.len() + rejected.len(), 35);
    println!(
        "i_ files: {} accepted, {} rejected (each as a member value at depth 3 and 1)",
        accepted.len(),
        rejected.len()
    );
    println!("accepted:\n  {}", accepted.join("\n  "));
    println!("rejected:\n  {}", rejected.join("\n  "));
}
