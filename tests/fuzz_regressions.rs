//! Replays every input kept under `fuzz/regressions/<target>/` through the
//! same checks as the fuzz targets (`fuzz/src/checks.rs`), on stable, so a
//! bug fuzzing found stays fixed without nightly or cargo-fuzz.
//!
//! `decode`, `chunked` and `json_differential` files are the raw fuzz inputs.
//! `roundtrip` files are the documents the target produced (the canonical
//! encoding and its re-serialized variant, see `checks::roundtrip_regression`),
//! as its model generator needs `arbitrary`, which only the fuzz crate has.

#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn regressions(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.map(|entry| entry.expect("read_dir entry").path()).collect(),
        Err(error) => panic!("{}: {error}", dir.display()),
    };
    files
        .retain(|path| path.is_file() && path.file_name().is_some_and(|name| !name.to_string_lossy().starts_with('.')));
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8])) {
    let mut failed = Vec::new();
    for path in regressions(target) {
        let bytes = std::fs::read(&path).expect("read a regression file");
        if std::panic::catch_unwind(|| check(&bytes)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target}: failing regressions:\n{}", failed.join("\n"));
}

#[test]
fn decode_regressions() {
    replay("decode", checks::check_decode);
}

#[test]
fn chunked_regressions() {
    replay("chunked", checks::check_chunked);
}

#[test]
fn json_differential_regressions() {
    replay("json_differential", checks::check_json_differential);
}

#[test]
fn roundtrip_regressions() {
    replay("roundtrip", checks::replay_roundtrip);
}

/// The checks themselves catch what they are for: a sanity pass over a few
/// hand-made inputs, so an empty regression folder still tests something.
#[test]
fn checks_pass_on_known_good_inputs() {
    let document: &[u8] = br#"{"data":{"type":"catalog-item-bulk-create-job","id":"01GSQPBF74KQ5YTDEPP41T1BZH","attributes":{"status":"processing","created_at":"2026-07-02T05:19:57+00:00","total_count":10,"completed_count":4,"errors":[{"id":"e1","code":"c","title":"t","detail":"d","source":{}}]},"relationships":{"items":{"data":[{"type":"catalog-item","id":"a"},{"type":"catalog-item","id":"b"}],"links":{"self":"s","related":"r"}}},"links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/"}}}"#;
    checks::check_decode(document);
    checks::check_chunked(&[&[3u8, 1, 7, 0][..], document].concat());
    checks::check_chunked(&[&[0u8][..], document].concat());
    for value in [&b"null"[..], b" [1, {\"a\": \"\\ud83d\\ude00\"}] ", b"1,\"y\":2", b"\"\\ud800\"", b"[[[[]]]]"] {
        checks::check_json_differential(value);
    }
    // 61 levels fit under the document's 3 (MAX_DEPTH = 64): accepted;
    // 62 are the excused nesting difference.
    for depth in [61, 62, 200] {
        checks::check_json_differential(&[vec![b'['; depth], vec![b']'; depth]].concat());
    }
    let mut doc: checks::Doc = checks::Doc::new();
    klaviyo_bulk_job::decode_job(document, &mut doc).unwrap();
    let canonical = checks::encode_vec(&doc);
    let variant = String::from_utf8(canonical.clone()).unwrap().replace(",", " ,\n ");
    let file = checks::roundtrip_regression("job", &canonical, variant.as_bytes(), None);
    checks::replay_roundtrip(&file);
    let long = String::from_utf8(canonical.clone())
        .unwrap()
        .replace("\"id\":\"a\"", &format!("\"id\":\"{}\"", "é".repeat(65)));
    let too_long = checks::TooLong {
        capacity: 128,
        path: "data.relationships.items.data[0].id".into(),
        quote: long.find("\"id\":\"é").unwrap() + 5,
    };
    let file = checks::roundtrip_regression("job", &canonical, long.as_bytes(), Some(&too_long));
    checks::replay_roundtrip(&file);
    // The offset is checked: the quote of another string is not it.
    let elsewhere = checks::TooLong { quote: too_long.quote - 5, ..too_long };
    let file = checks::roundtrip_regression("job", &canonical, long.as_bytes(), Some(&elsewhere));
    assert!(std::panic::catch_unwind(|| checks::replay_roundtrip(&file)).is_err(), "the key's quote passed");
}
