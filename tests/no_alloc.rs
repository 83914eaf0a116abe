//! The no-allocation proof: with a counting global allocator, decoding the
//! whole corpus (every fixture, the recorded responses and the
//! JSONTestSuite documents), whole and in chunks of 1, 7 and 64 bytes, then
//! formatting every error and re-encoding every model, makes no heap
//! allocation. Inputs and outputs are all built before counting starts;
//! only the measuring thread is counted.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use core::fmt::Write;

use corpus::{Sample, Shape};
use counting_alloc::count_allocations;
use klaviyo_bulk_job::{
    Decoder, Error, JobDocument, JobList, Options, decode_job, decode_job_with, decode_list, decode_list_with,
    encode_job, encode_list,
};

/// Every input: the fixture corpus and the JSONTestSuite files as the value
/// of an unknown member.
fn inputs() -> Vec<Sample> {
    let mut samples = corpus::corpus();
    let dir = corpus::shared_dir().join("conformance").join("JSONTestSuite").join("test_parsing");
    let prefix: &[u8] = br#"{"data":{"type":"catalog-item-bulk-create-job","id":"01GSQPBF74KQ5YTDEPP41T1BZH","attributes":{"status":"queued","created_at":"2022-11-08T00:00:00+00:00","total_count":1,"x_unknown":"#;
    let suffix: &[u8] =
        br#"},"links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/"}}}"#;
    let mut suite: Vec<_> = std::fs::read_dir(&dir).expect("JSONTestSuite").map(|e| e.unwrap().path()).collect();
    suite.sort();
    assert_eq!(suite.len(), 318);
    for path in suite {
        let bytes = std::fs::read(&path).unwrap();
        samples.push(Sample {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            bytes: [prefix, &bytes, suffix].concat(),
            shape: Shape::Single,
            expect: corpus::Expect::Other,
            options: Options::default(),
        });
    }
    samples
}

/// What the measured region found, written into preallocated storage.
struct Tally {
    decoded: usize,
    failed: usize,
}

/// Feed `input` in `size`-byte chunks.
fn feed(mut decoder: Decoder<'_>, input: &[u8], size: usize) -> Result<(), Error> {
    for chunk in input.chunks(size) {
        decoder.feed(chunk)?;
    }
    decoder.finish()
}

/// Decode every sample every way, format every error, re-encode every
/// model: nothing here may allocate.
fn decode_everything(
    samples: &[Sample],
    single: &mut corpus::Single,
    list: &mut corpus::List,
    small: &mut JobDocument<0, 0, 0>,
    buffer: &mut [u8],
    message: &mut heapless::String<256>,
) -> Tally {
    let mut tally = Tally { decoded: 0, failed: 0 };
    let mut note = |result: Result<(), Error>| match result {
        Ok(()) => tally.decoded += 1,
        Err(error) => {
            tally.failed += 1;
            message.clear();
            // `Display` of an error must not allocate either.
            write!(message, "{error}").expect("an error message fits 256 bytes");
        }
    };
    for sample in samples {
        let input = &sample.bytes[..];
        note(decode_job_with(input, single, sample.options));
        if sample.shape == Shape::Single {
            encode_job(single, buffer).ok();
        }
        note(decode_list_with(input, list, sample.options));
        if sample.shape == Shape::List {
            encode_list(list, buffer).ok();
        }
        note(decode_job(input, small));
        note(decode_list(input, &mut JobList::<0, 0, 0, 0>::new()));
        for size in [1, 7, 64] {
            match sample.shape {
                Shape::Single => note(feed(Decoder::single(single).with_options(sample.options), input, size)),
                Shape::List => note(feed(Decoder::list(list).with_options(sample.options), input, size)),
            }
        }
    }
    tally
}

#[test]
fn decoding_the_whole_corpus_makes_no_heap_allocation() {
    let samples = inputs();
    let mut single: Box<corpus::Single> = Box::new(JobDocument::new());
    let mut list: Box<corpus::List> = Box::new(JobList::new());
    let mut small: Box<JobDocument<0, 0, 0>> = Box::new(JobDocument::new());
    let mut buffer = vec![0u8; 1 << 16];
    let mut message = heapless::String::new();

    let (tally, allocations) = count_allocations(|| {
        decode_everything(&samples, &mut single, &mut list, &mut small, &mut buffer, &mut message)
    });

    assert_eq!(allocations, 0, "heap allocations while decoding {} inputs", samples.len());
    // Both paths were exercised: documents that decode and ones that fail.
    assert!(tally.decoded > 100 && tally.failed > 1000, "{} decoded, {} failed", tally.decoded, tally.failed);
    println!("{} inputs: {} decodes succeeded, {} failed, 0 allocations", samples.len(), tally.decoded, tally.failed);
}

#[test]
fn the_counter_sees_allocations_in_the_measured_region() {
    let (_, allocations) = count_allocations(|| {
        let mut text = String::new();
        write!(text, "{}", 12345).unwrap();
        std::hint::black_box(text)
    });
    assert!(allocations >= 1, "a String was built while armed");
    // And nothing outside it is counted.
    let (_, allocations) = count_allocations(|| ());
    assert_eq!(allocations, 0);
}
