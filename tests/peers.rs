//! What the benchmark's `serde_json` rows check, next to what this crate
//! checks: the README's performance section compares the two, and says
//! that `serde_json` does not look at the text of a value it ignores. This
//! holds that statement to the `serde_json` the benches run.

use klaviyo_bulk_job::{ErrorKind, JobDocument, decode_job};
use serde::de::IgnoredAny;

const PREFIX: &[u8] = br#"{"data":{"type":"catalog-item-bulk-create-job","id":"01GSQPBF74KQ5YTDEPP41T1BZH",
 "attributes":{"status":"queued","created_at":"2022-11-08T00:00:00+00:00",
 "total_count":1,"x_unknown":"#;
const SUFFIX: &[u8] = br#"},
 "links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/"}}}"#;

/// A member `serde_json`'s mirror structs do not name, as `included[]` is
/// to them.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Document {
    data: IgnoredAny,
}

/// String values that are not valid text, with the error this crate gives
/// each: a byte that is never UTF-8, an encoded surrogate, a cut sequence,
/// and an escaped lone surrogate.
const NOT_TEXT: [(&[u8], ErrorKind); 4] = [
    (b"\"\xff\"", ErrorKind::InvalidUtf8),
    (b"\"\xed\xa0\x80\"", ErrorKind::InvalidUtf8),
    (b"\"caf\xc3\"", ErrorKind::InvalidUtf8),
    (b"\"\\ud800\"", ErrorKind::LoneSurrogate),
];

#[test]
fn serde_json_passes_over_what_the_contract_rejects_in_an_ignored_value() {
    for (value, kind) in NOT_TEXT {
        let input = [PREFIX, value, SUFFIX].concat();
        let shown = String::from_utf8_lossy(value);
        assert!(serde_json::from_slice::<IgnoredAny>(&input).is_ok(), "serde_json-validate rejects {shown}");
        assert!(serde_json::from_slice::<Document>(&input).is_ok(), "serde_json rejects {shown}");
        let mut document = Box::new(JobDocument::<1, 1, 1>::new());
        let error = decode_job(&input, &mut *document).expect_err("the contract rejects it");
        assert_eq!(error.kind, kind, "{shown}");
    }
}

#[test]
fn serde_json_rejects_it_where_it_reads_the_text() {
    for (value, _) in NOT_TEXT {
        let input = value.to_vec();
        assert!(serde_json::from_slice::<String>(&input).is_err(), "{}", String::from_utf8_lossy(value));
    }
}
