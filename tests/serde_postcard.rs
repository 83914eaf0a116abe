//! Decoded models forwarded through serde: postcard (`to_allocvec` /
//! `from_bytes`) and serde_json give back equal models, for every valid
//! fixture, the recorded job, arbitrary models, and lists cut short by their
//! capacity (which must stay marked incomplete).
#![cfg(feature = "serde")]

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/model_strategy.rs"]
mod model_strategy;
#[path = "support/runner.rs"]
mod runner;

use corpus::Shape;
use klaviyo_bulk_job::{JobDocument, JobList, decode_job_with, decode_list_with};
use proptest::prop_assert_eq;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Round-trip `value` through postcard and serde_json; both must give it back.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(name: &str, value: &T) {
    let bytes = postcard::to_allocvec(value).unwrap_or_else(|error| panic!("{name}: postcard: {error}"));
    let back: T = postcard::from_bytes(&bytes).unwrap_or_else(|error| panic!("{name}: postcard back: {error}"));
    assert_eq!(&back, value, "{name}: postcard");

    let text = serde_json::to_string(value).unwrap_or_else(|error| panic!("{name}: serde_json: {error}"));
    let back: T =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{name}: serde_json back: {error}\n{text}"));
    assert_eq!(&back, value, "{name}: serde_json");
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
            let bytes = postcard::to_allocvec(&doc).unwrap();
            prop_assert_eq!(&postcard::from_bytes::<model_strategy::Doc>(&bytes).unwrap(), &doc);
            let text = serde_json::to_string(&doc).unwrap();
            prop_assert_eq!(&serde_json::from_str::<model_strategy::Doc>(&text).unwrap(), &doc);

            let bytes = postcard::to_allocvec(&list).unwrap();
            prop_assert_eq!(&postcard::from_bytes::<model_strategy::List>(&bytes).unwrap(), &list);
            let text = serde_json::to_string(&list).unwrap();
            prop_assert_eq!(&serde_json::from_str::<model_strategy::List>(&text).unwrap(), &list);
            Ok(())
        },
    );
}

/// Deserializing trusts no field: an offset beyond ±23:59, which parsing
/// never gives, still writes back as a valid timestamp, clamped; a form
/// other than `Z` (1) and `-00:00` (2) writes `±HH:MM`.
#[test]
fn an_offset_out_of_range_writes_back_clamped() {
    use klaviyo_bulk_job::Timestamp;
    for (offset, written) in [
        (r#"{"minutes":5000,"form":0}"#, "2026-07-02T05:19:57+23:59"),
        (r#"{"minutes":-32768,"form":0}"#, "2026-07-02T05:19:57-23:59"),
        (r#"{"minutes":1439,"form":0}"#, "2026-07-02T05:19:57+23:59"),
        (r#"{"minutes":-90,"form":0}"#, "2026-07-02T05:19:57-01:30"),
        (r#"{"minutes":-90,"form":2}"#, "2026-07-02T05:19:57-00:00"),
        (r#"{"minutes":-90,"form":1}"#, "2026-07-02T05:19:57Z"),
        (r#"{"minutes":-90,"form":200}"#, "2026-07-02T05:19:57-01:30"),
    ] {
        let text = format!(
            r#"{{"nanosecond":0,"year":2026,"offset":{offset},"month":7,"day":2,"hour":5,"minute":19,"second":57,"fraction_digits":0}}"#
        );
        let timestamp: Timestamp = serde_json::from_str(&text).unwrap();
        assert_eq!(timestamp.to_string(), written, "{offset}");
        assert!(Timestamp::parse(timestamp.to_string().as_bytes()).is_some(), "{offset}");
    }
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
