//! Decoded models forwarded through serde: postcard (`to_allocvec` /
//! `from_bytes`), CBOR (ciborium) and serde_json, from borrowed text and
//! from owned (`from_reader`, `from_value`), give back equal models, for
//! every valid fixture, the recorded job, arbitrary models, and lists cut
//! short by their capacity (which must stay marked incomplete).
#![cfg(feature = "serde")]

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/model_strategy.rs"]
mod model_strategy;
#[path = "support/runner.rs"]
mod runner;

use corpus::Shape;
use klaviyo_bulk_job::{JobDocument, JobList, decode_job_with, decode_list_with};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Round-trip `value` through postcard, CBOR and serde_json (from a
/// `&str`, which lends its keys, and from a reader and a `Value`, which
/// do not); each must give it back.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(name: &str, value: &T) {
    let bytes = postcard::to_allocvec(value).unwrap_or_else(|error| panic!("{name}: postcard: {error}"));
    let back: T = postcard::from_bytes(&bytes).unwrap_or_else(|error| panic!("{name}: postcard back: {error}"));
    assert_eq!(&back, value, "{name}: postcard");

    let mut cbor = Vec::new();
    ciborium::into_writer(value, &mut cbor).unwrap_or_else(|error| panic!("{name}: CBOR: {error}"));
    let back: T = ciborium::from_reader(&cbor[..]).unwrap_or_else(|error| panic!("{name}: CBOR back: {error}"));
    assert_eq!(&back, value, "{name}: CBOR");

    let text = serde_json::to_string(value).unwrap_or_else(|error| panic!("{name}: serde_json: {error}"));
    let back: T =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{name}: serde_json back: {error}\n{text}"));
    assert_eq!(&back, value, "{name}: serde_json");
    let back: T = serde_json::from_reader(text.as_bytes())
        .unwrap_or_else(|error| panic!("{name}: serde_json from a reader: {error}"));
    assert_eq!(&back, value, "{name}: serde_json from a reader");
    let tree = serde_json::to_value(value).unwrap_or_else(|error| panic!("{name}: serde_json Value: {error}"));
    let back: T = serde_json::from_value(tree).unwrap_or_else(|error| panic!("{name}: from a Value: {error}"));
    assert_eq!(&back, value, "{name}: serde_json from a Value");
}

#[test]
fn every_valid_fixture_and_the_recorded_job_round_trip() {
    runner::on_big_stack(|| {
        let samples = corpus::valid_corpus();
        assert!(samples.iter().any(|sample| sample.name == "profile-bulk-import-job.post.json"));
        for sample in &samples {
            match sample.shape {
                Shape::Single => {
                    let mut document: Box<corpus::Single> = Box::new(JobDocument::new());
                    decode_job_with(&sample.bytes, &mut *document, sample.options).unwrap();
                    round_trip(&sample.name, &*document);
                }
                Shape::List => {
                    let mut list: Box<corpus::List> = Box::new(JobList::new());
                    decode_list_with(&sample.bytes, &mut *list, sample.options).unwrap();
                    round_trip(&sample.name, &*list);
                }
            }
        }
        println!("{} decoded documents round-tripped", samples.len());
    });
}

#[test]
fn the_recorded_job_round_trips_field_by_field() {
    runner::on_big_stack(|| {
        let sample = corpus::recorded().into_iter().find(|sample| sample.name.contains("bulk-import-job")).unwrap();
        let mut document: Box<corpus::Single> = Box::new(JobDocument::new());
        decode_job_with(&sample.bytes, &mut *document, sample.options).unwrap();
        let bytes = postcard::to_allocvec(&*document).unwrap();
        let back: corpus::Single = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.job.id.as_str(), "VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ");
        assert_eq!(back.job.relationships.len(), 3);
        assert_eq!(back.job.attributes, document.job.attributes);
        assert_eq!(back, *document);
    });
}

/// A list cut short by its capacity comes back with the same total, still
/// incomplete.
#[test]
fn lists_cut_short_stay_incomplete() {
    runner::on_big_stack(|| {
        let samples = corpus::valid_corpus();
        let mut checked = 0;
        for sample in samples.iter().filter(|sample| sample.shape == Shape::Single) {
            let mut document: Box<JobDocument<1, 1, 1>> = Box::new(JobDocument::new());
            decode_job_with(&sample.bytes, &mut *document, sample.options).unwrap();
            if document.job.is_complete() {
                continue;
            }
            round_trip(&sample.name, &*document);
            let back: JobDocument<1, 1, 1> = postcard::from_bytes(&postcard::to_allocvec(&*document).unwrap()).unwrap();
            assert!(!back.job.is_complete(), "{}", sample.name);
            assert_eq!(back.job.errors.total(), document.job.errors.total());
            checked += 1;
        }
        assert!(checked > 0, "some fixture has more than one error, relationship or member");
    });
}

#[test]
fn arbitrary_models_round_trip() {
    runner::check(
        64,
        || (model_strategy::document(), model_strategy::list()),
        |(doc, list)| {
            // A panic in `round_trip` fails the case, and proptest shrinks it.
            round_trip("an arbitrary document", &doc);
            round_trip("an arbitrary list", &list);
            Ok(())
        },
    );
}

/// Deserializing trusts no field of a type that keeps its own invariants:
/// an offset parsing never gives is rejected, and a field set keeps only
/// the bits that stand for an attribute. Accepted offsets write back as
/// they read.
#[test]
fn offsets_and_field_sets_take_only_what_decoding_gives() {
    use klaviyo_bulk_job::{AttributeSet, Timestamp};
    let timestamp = |offset: &str| {
        serde_json::from_str::<Timestamp>(&format!(
            r#"{{"nanosecond":0,"year":2026,"offset":{offset},"month":7,"day":2,"hour":5,"minute":19,"second":57,"fraction_digits":0}}"#
        ))
    };
    for (offset, written) in [
        (r#"{"minutes":1439,"form":0}"#, "2026-07-02T05:19:57+23:59"),
        (r#"{"minutes":-90,"form":0}"#, "2026-07-02T05:19:57-01:30"),
        (r#"{"minutes":0,"form":0}"#, "2026-07-02T05:19:57+00:00"),
        (r#"{"minutes":0,"form":1}"#, "2026-07-02T05:19:57Z"),
        (r#"{"minutes":0,"form":2}"#, "2026-07-02T05:19:57-00:00"),
    ] {
        let timestamp = timestamp(offset).unwrap_or_else(|error| panic!("{offset}: {error}"));
        assert_eq!(timestamp.to_string(), written, "{offset}");
        assert_eq!(Timestamp::parse(written.as_bytes()), Some(timestamp), "{offset}");
    }
    for (offset, message) in [
        (r#"{"minutes":1440,"form":0}"#, "more than 23:59"),
        (r#"{"minutes":-32768,"form":0}"#, "more than 23:59"),
        (r#"{"minutes":60,"form":1}"#, "minutes given"),
        (r#"{"minutes":-1,"form":2}"#, "minutes given"),
        (r#"{"minutes":0,"form":3}"#, "form other than"),
    ] {
        let error = timestamp(offset).expect_err(offset);
        assert!(error.to_string().contains(message), "{offset}: {error}");
    }
    let set: AttributeSet = serde_json::from_str("65535").unwrap();
    assert_eq!(set, AttributeSet::ALL);
    assert_eq!(serde_json::to_string(&set).unwrap(), AttributeSet::ALL.bits().to_string());
    let set: AttributeSet = serde_json::from_str(&(0xFC00u16 | 0b101).to_string()).unwrap();
    assert_eq!(set, AttributeSet::from_bits(0b101));
}

/// A list's `total` is taken as it is, in one step: a total of `u32::MAX`
/// does not count its way up, and a total below the items given is raised
/// to them.
#[test]
fn a_deserialized_total_is_taken_at_once_and_never_below_the_items() {
    use klaviyo_bulk_job::{BoundedList, Member};
    let list: BoundedList<Member, 2> = serde_json::from_str(r#"{"total":4294967295,"items":[{"id":"a"}]}"#).unwrap();
    assert_eq!((list.len(), list.total()), (1, u32::MAX));
    assert!(!list.is_complete());
    let list: BoundedList<Member, 2> =
        serde_json::from_str(r#"{"total":1,"items":[{"id":"a"},{"id":"b"},{"id":"c"}]}"#).unwrap();
    assert_eq!((list.len(), list.total()), (2, 3));
    let bytes = postcard::to_allocvec(&list).unwrap();
    let back: BoundedList<Member, 2> = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back, list);
    assert_eq!(back.total(), 3);
}

/// A value of the wrong shape is an error that says what was expected.
#[test]
fn a_list_of_the_wrong_shape_says_what_was_expected() {
    use klaviyo_bulk_job::{BoundedList, Member};
    for (text, expected) in
        [("42", "expected a bounded list"), (r#"{"total":1,"items":5}"#, "expected a sequence of list items")]
    {
        let error = serde_json::from_str::<BoundedList<Member, 2>>(text).expect_err(text);
        assert!(error.to_string().contains(expected), "{text}: {error}");
    }
}

/// A list's member names are read whether the format lends them or hands
/// them over owned: an escaped key is unescaped into a new string.
#[test]
fn a_list_reads_escaped_member_names() {
    use klaviyo_bulk_job::{BoundedList, Member};
    let list: BoundedList<Member, 2> =
        serde_json::from_str(r#"{"tot\u0061l":3,"\u0069tems":[{"id":"a"}]}"#).expect("escaped names");
    assert_eq!((list.len(), list.total()), (1, 3));
    let error = serde_json::from_str::<BoundedList<Member, 2>>(r#"{"total":1,"item":[]}"#).unwrap_err();
    assert!(error.to_string().contains("unknown field `item`, expected `total` or `items`"), "{error}");
}
