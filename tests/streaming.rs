//! The streaming contract: the outcome is identical for every split of the
//! input, the model on success and the error (kind, offset and path) on
//! failure, whether the error comes from `feed` or from `finish`.
//!
//! Every file in `tests/fixtures/valid`, `tests/fixtures/invalid` and
//! `../shared/fixtures/recorded` is decoded whole, then split in two at every
//! byte, fed one byte at a time, and split at random points; and a document
//! with 1 MiB of `included[]` and a 1 MiB unknown string is fed 64 bytes at a
//! time without a single heap allocation. A string cut after some of its
//! text is also read with the cut straight after its quote, the reference.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/counting_alloc.rs"]
mod counting_alloc;
#[path = "support/runner.rs"]
mod runner;

use std::sync::OnceLock;

use corpus::{Expect, Harness, Sample, Shape, chunks_at};
use klaviyo_bulk_job::{Decoder, JobDocument, JobList, Options, Status, decode_job};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

/// The capacities fixtures are decoded with (`corpus::Single`, `corpus::List`).
type FixtureHarness = Harness<100, 10, 3, 4>;

fn all_samples() -> &'static [Sample] {
    static SAMPLES: OnceLock<Vec<Sample>> = OnceLock::new();
    SAMPLES.get_or_init(corpus::corpus)
}

/// The other envelope: a single document decoded as a list and vice versa
/// must fail the same way whatever the split.
fn other(shape: Shape) -> Shape {
    match shape {
        Shape::Single => Shape::List,
        Shape::List => Shape::Single,
    }
}

/// Each way a sample is decoded: its own shape with its options, and the
/// other shape with the defaults.
fn decodings(sample: &Sample) -> [(Shape, Options); 2] {
    [(sample.shape, sample.options), (other(sample.shape), Options::default())]
}

/// Split `sample` in two at every byte (the empty first and last chunks
/// included) and feed it one byte at a time; every outcome must equal the
/// whole-buffer one.
fn check_every_split(harness: &mut FixtureHarness, sample: &Sample) {
    let input = &sample.bytes[..];
    for (shape, options) in decodings(sample) {
        let whole = harness.whole(shape, input, options);
        for cut in 0..=input.len() {
            let streamed = harness.streamed(shape, chunks_at(input, &[cut]), options);
            if let Some(difference) = harness.compare(shape, &whole, &streamed) {
                panic!("{} as {shape:?}, split at {cut}: {difference}", sample.name);
            }
        }
        let streamed = harness.streamed(shape, input.chunks(1), options);
        if let Some(difference) = harness.compare(shape, &whole, &streamed) {
            panic!("{} as {shape:?}, 1 byte at a time: {difference}", sample.name);
        }
    }
}

/// Valid documents decode, so that their splits compare models, not
/// errors. (Which error each invalid fixture gives is `bad_inputs.rs`'s
/// business; here only its sameness across splits is.)
fn check_valid(harness: &mut FixtureHarness, sample: &Sample) {
    if sample.expect == Expect::Valid {
        let whole = harness.whole(sample.shape, &sample.bytes, sample.options);
        assert_eq!(whole, Ok(()), "{} must decode", sample.name);
    }
}

#[test]
fn every_split_of_every_valid_document_and_recording() {
    let mut harness = FixtureHarness::new();
    let samples: Vec<&Sample> = all_samples().iter().filter(|sample| sample.expect != Expect::Invalid).collect();
    assert!(samples.len() >= 2, "the recorded responses at least");
    for sample in &samples {
        check_valid(&mut harness, sample);
        check_every_split(&mut harness, sample);
    }
    println!("{} valid and recorded documents split at every byte", samples.len());
}

#[test]
fn every_split_of_every_invalid_document() {
    let mut harness = FixtureHarness::new();
    let samples: Vec<&Sample> = all_samples().iter().filter(|sample| sample.expect == Expect::Invalid).collect();
    for sample in &samples {
        check_every_split(&mut harness, sample);
    }
    println!("{} invalid documents split at every byte", samples.len());
}

/// A string or key that a chunk cuts after some of its text has that
/// first run read with its beginning, in one step; cut right after its
/// quote as well, the beginning comes alone and the run is read by the
/// byte-wise path, the reference. For every quote of every corpus file and
/// every cut up to eight bytes after it, both ways must give the
/// whole-buffer outcome.
#[test]
fn a_cut_string_reads_the_same_with_its_beginning_or_after_it() {
    let mut harness = FixtureHarness::new();
    for sample in all_samples() {
        let input = &sample.bytes[..];
        for (shape, options) in decodings(sample) {
            let whole = harness.whole(shape, input, options);
            for quote in (0..input.len()).filter(|&at| input[at] == b'"') {
                for cut in quote + 2..=(quote + 9).min(input.len()) {
                    for (way, cuts) in [("with its beginning", &[cut][..]), ("after it", &[quote + 1, cut][..])] {
                        let streamed = harness.streamed(shape, chunks_at(input, cuts), options);
                        if let Some(difference) = harness.compare(shape, &whole, &streamed) {
                            panic!("{} as {shape:?}, cut at {cut}, read {way}: {difference}", sample.name);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn random_splits_of_corpus_files() {
    runner::check(
        256,
        || (any::<Index>(), vec(any::<Index>(), 1..24), any::<bool>()),
        |(file, indexes, other_shape)| {
            let samples = all_samples();
            let sample = &samples[file.index(samples.len())];
            let (shape, options) = decodings(sample)[usize::from(other_shape)];
            let mut cuts: Vec<usize> = indexes.iter().map(|index| index.index(sample.bytes.len() + 1)).collect();
            cuts.sort_unstable();
            let mut harness = FixtureHarness::new();
            let whole = harness.whole(shape, &sample.bytes, options);
            let streamed = harness.streamed(shape, chunks_at(&sample.bytes, &cuts), options);
            let difference = harness.compare(shape, &whole, &streamed);
            prop_assert!(difference.is_none(), "{} as {:?} cut at {:?}: {:?}", sample.name, shape, cuts, difference);
            Ok(())
        },
    );
}

/// `Status` after each chunk: `Incomplete` until the document's last byte
/// has been fed, `Complete` from then on (trailing whitespace included).
#[test]
fn status_turns_complete_at_the_last_byte_of_the_document() {
    let mut document: Box<corpus::Single> = Box::new(JobDocument::new());
    let mut list: Box<corpus::List> = Box::new(JobList::new());
    for sample in corpus::valid_corpus() {
        let end = sample.trimmed_len();
        let mut statuses = Vec::new();
        match sample.shape {
            Shape::Single => {
                let mut decoder = Decoder::single(&mut *document).with_options(sample.options);
                statuses.extend(sample.bytes.chunks(1).map(|byte| decoder.feed(byte).unwrap()));
                decoder.finish().unwrap();
            }
            Shape::List => {
                let mut decoder = Decoder::list(&mut *list).with_options(sample.options);
                statuses.extend(sample.bytes.chunks(1).map(|byte| decoder.feed(byte).unwrap()));
                decoder.finish().unwrap();
            }
        }
        for (index, status) in statuses.iter().enumerate() {
            let expected = if index + 1 >= end { Status::Complete } else { Status::Incomplete };
            assert_eq!(*status, expected, "{}: after byte {index} of {end}", sample.name);
        }
    }
}

/// `Decoder::offset` is the bytes of the chunks accepted so far, empty
/// chunks and trailing whitespace included. A chunk that fails is not
/// accepted: the offset stays where it was, however far into the chunk the
/// error lies, and later feeds change nothing.
#[test]
fn offset_counts_the_bytes_of_every_chunk_accepted() {
    let mut document: Box<corpus::Single> = Box::new(JobDocument::new());
    let sample = corpus::valid_corpus()
        .into_iter()
        .find(|sample| sample.shape == Shape::Single && sample.bytes.len() > 100)
        .expect("a single document in the corpus");
    let bytes = &sample.bytes[..];

    let mut decoder = Decoder::single(&mut *document).with_options(sample.options);
    assert_eq!(decoder.offset(), 0);
    let mut fed = 0;
    for chunk in bytes.chunks(7) {
        decoder.feed(chunk).unwrap();
        fed += chunk.len();
        assert_eq!(decoder.offset(), fed);
        decoder.feed(&[]).unwrap();
        assert_eq!(decoder.offset(), fed, "an empty chunk adds nothing");
    }
    decoder.feed(b" \n").unwrap();
    assert_eq!(decoder.offset(), bytes.len() + 2);
    decoder.finish().unwrap();

    // Trailing data, ten bytes into the last chunk.
    let mut decoder = Decoder::single(&mut *document).with_options(sample.options);
    decoder.feed(bytes).unwrap();
    let error = decoder.feed(b"          x          ").unwrap_err();
    assert_eq!(error.offset, bytes.len() + 10);
    assert_eq!(decoder.offset(), bytes.len(), "the failed chunk is not counted");
    assert_eq!(decoder.feed(b" ").unwrap_err(), error);
    assert_eq!(decoder.offset(), bytes.len());
}

// ---------------------------------------------------------------------------
// A large document, fed 64 bytes at a time, with no heap allocation

/// About `size` bytes of `included[]` members: objects with nested arrays,
/// numbers of every form, literals, escapes and multi-byte UTF-8.
fn included(size: usize) -> Vec<u8> {
    let mut out = b"[".to_vec();
    let mut index = 0u32;
    while out.len() < size {
        if index > 0 {
            out.push(b',');
        }
        let member = format!(
            r#"{{"type":"catalog-item","id":"$custom:::$default:::item-{index}","attributes":{{"title":"Caf\u00e9 n\u00ba {index} \"quoted\" \\ / ünïcödé 😀","price":{index}.99,"ratio":-1.5e-3,"big":12345678901234567890,"exp":1E+10,"zero":0,"published":true,"deleted":false,"note":null,"tags":["a","b",[],[[{{}}]],{{"nested":{{"deeper":[1,2,3]}}}}],"surrogates":"\ud83d\ude00\u20ac"}},"links":{{"self":"https://a.klaviyo.com/api/catalog-items/{index}/"}}}}"#
        );
        out.extend_from_slice(member.as_bytes());
        index += 1;
    }
    out.push(b']');
    out
}

/// A JSON string of about `size` bytes of text: ASCII, escapes and 2-, 3-
/// and 4-byte UTF-8, so that 64-byte chunks cut escapes and sequences.
fn long_string(size: usize) -> Vec<u8> {
    const PIECES: [&str; 6] = ["plain ascii text ", "é", "€", "😀", r#"\"\\\/\b\f\n\r\t"#, r"\u00e9\ud83d\ude00"];
    let mut out = b"\"".to_vec();
    let mut index = 0;
    while out.len() < size {
        out.extend_from_slice(PIECES[index % PIECES.len()].as_bytes());
        index += 1;
    }
    out.push(b'"');
    out
}

const JOB: &str = r#"{"type":"catalog-item-bulk-create-job","id":"01GSQPBF74KQ5YTDEPP41T1BZH","attributes":{"status":"processing","created_at":"2022-11-08T00:00:00+00:00","total_count":10,"completed_count":4,"failed_count":1,"completed_at":null,"expires_at":"2022-11-15T00:00:00Z","errors":[{"id":"e1","code":"invalid","title":"Invalid","detail":"Bad item","source":{"pointer":"/data/0"}}]},"relationships":{"items":{"data":[{"type":"catalog-item","id":"$custom:::$default:::item-1"}],"links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/relationships/items/","related":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/items/"}}},"links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/"}}"#;

#[test]
fn a_2_mib_document_fed_64_bytes_at_a_time_decodes_without_allocating() {
    const MIB: usize = 1 << 20;
    // Everything the measured region uses is built first.
    let small = format!(r#"{{"data":{JOB}}}"#).into_bytes();
    let big = [
        br#"{"meta":{"note":"#.as_slice(),
        &long_string(MIB),
        br#"},"data":"#,
        JOB.as_bytes(),
        br#","included":"#,
        &included(MIB),
        b"}",
    ]
    .concat();
    assert!(big.len() > 2 * MIB);
    let mut expected: Box<JobDocument> = Box::new(JobDocument::new());
    decode_job(&small, &mut *expected).expect("the job alone decodes");
    let mut decoded: Box<JobDocument> = Box::new(JobDocument::new());
    let mut statuses = [0usize; 2];

    let (result, allocations) = counting_alloc::count_allocations(|| {
        let mut decoder = Decoder::single(&mut *decoded);
        for chunk in big.chunks(64) {
            match decoder.feed(chunk)? {
                Status::Incomplete => statuses[0] += 1,
                Status::Complete => statuses[1] += 1,
            }
        }
        decoder.finish()
    });

    assert_eq!(result, Ok(()));
    assert_eq!(allocations, 0, "heap allocations while decoding");
    assert_eq!(statuses, [big.len().div_ceil(64) - 1, 1], "Incomplete until the last chunk");
    assert_eq!(*decoded, *expected, "the skipped megabytes change nothing");
}

#[test]
fn the_allocation_counter_counts() {
    let (_, allocations) = counting_alloc::count_allocations(|| std::hint::black_box(vec![1u8; 64]));
    assert!(allocations >= 1);
}

// ---------------------------------------------------------------------------
// Regressions found by the tests above

/// Found by `every_split_of_every_invalid_document` on
/// `single-number-in-long-unknown-key.json`; this is its minimal form. An
/// error inside the value of an unknown member whose key is longer than the
/// decoder's 40-byte key buffer: the whole-buffer decode names the member
/// with an empty key (path `""`), while a split inside the key names it by
/// the part before the split (`"k"`). `Path` documents an unknown member as
/// "named by its key (cut to 32 bytes)", the same for every split.
#[test]
fn regression_a_long_unknown_key_names_the_path_the_same_for_every_split() {
    let key = "k".repeat(41);
    let input = format!(r#"{{"{key}":-}}"#).into_bytes();
    let mut harness = FixtureHarness::new();
    let whole = harness.whole(Shape::Single, &input, Options::default()).unwrap_err();
    let mut differences = Vec::new();
    for cut in 0..=input.len() {
        let streamed = harness.streamed(Shape::Single, chunks_at(&input, &[cut]), Options::default()).unwrap_err();
        if streamed != whole {
            differences.push(format!("split at {cut}: {:?}", streamed.path.as_str()));
        }
    }
    assert_eq!(whole.offset, input.len() - 1);
    assert_eq!(whole.path.as_str(), &key[..32], "whole-buffer path");
    assert!(differences.is_empty(), "whole: {:?}; {}", whole.path.as_str(), differences.join(", "));
}
