//! The checks of the fuzz targets, in one place.
//!
//! The fuzz targets (`fuzz/fuzz_targets/*.rs`, nightly, libFuzzer) and the
//! stable replay test (`tests/fuzz_regressions.rs`, which includes this file
//! with `#[path]`) call the same functions, so an input kept under
//! `fuzz/regressions/<target>/` is judged exactly as the target judged it.
//!
//! Only the crate itself, `serde` and `serde_json` are used here: they are
//! dependencies of the fuzz crate and dev-dependencies of the main crate.
//! Nothing here may rely on `serde_json`'s `preserve_order` feature, which
//! only the fuzz crate turns on.
#![allow(dead_code)]

use std::fmt::Debug;

use klaviyo_bulk_job::{
    BoundedList, BufferTooSmall, Decoder, Error, ErrorKind, Job, JobDocument, JobList, MAX_DEPTH, decode_job,
    decode_list, encode_job, encode_list,
};
use serde::de::IgnoredAny;

/// The single-document capacities most checks use: room for every
/// relationship of every kind (`profile-bulk-import-job` has three).
pub type Doc = JobDocument<3, 3, 3>;
/// A single document whose lists are cut short early.
pub type SmallDoc = JobDocument<1, 1, 1>;
/// The list-document capacities most checks use.
pub type List = JobList<2, 2, 2, 3>;
/// A list document whose lists are cut short early.
pub type SmallList = JobList<1, 1, 1, 1>;

/// A decoded document of either shape, seen the same way by every check.
pub trait Model: Clone + PartialEq + Debug {
    /// `job` or `list`, as written in regression files.
    const SHAPE: &'static str;
    /// A fresh output, on the heap.
    fn empty() -> Box<Self>;
    /// The whole-buffer decode.
    fn decode(input: &[u8], out: &mut Self) -> Result<(), Error>;
    /// The streaming decode: `input` cut into chunks of the sizes in
    /// `sizes`, used in turn and repeated (a size of 0 feeds an empty chunk;
    /// no sizes, or only zeros, feeds one byte at a time).
    fn decode_chunked(input: &[u8], sizes: &[u8], out: &mut Self) -> Result<(), Error>;
    /// The encoder.
    fn encode(&self, out: &mut [u8]) -> Result<usize, BufferTooSmall>;
    /// The same model with every list marked complete: what encoding and
    /// decoding again gives back (the encoder writes the entries kept).
    fn completed(&self) -> Self;
    /// Relationships of every job sorted by name (for comparing documents
    /// whose `relationships` members come in another order).
    fn sort_relationships(&mut self);
}

fn complete_job<const M: usize, const E: usize, const R: usize>(job: &Job<M, E, R>) -> Job<M, E, R> {
    let mut out = job.clone();
    out.errors = BoundedList::new();
    for error in job.errors.iter() {
        out.errors.push(error.clone());
    }
    out.relationships = BoundedList::new();
    for relationship in job.relationships.iter() {
        let mut copy = relationship.clone();
        copy.members = BoundedList::new();
        for member in relationship.members.iter() {
            copy.members.push(member.clone());
        }
        out.relationships.push(copy);
    }
    out
}

fn sort_job<const M: usize, const E: usize, const R: usize>(job: &mut Job<M, E, R>) {
    job.relationships.as_mut_slice().sort_by_key(|relationship| relationship.name as u8);
}

fn stream(mut decoder: Decoder<'_>, input: &[u8], sizes: &[u8]) -> Result<(), Error> {
    let sizes: &[u8] = if sizes.iter().all(|&size| size == 0) { &[1] } else { sizes };
    let mut at = 0;
    let mut turn = 0;
    loop {
        let size = usize::from(sizes[turn % sizes.len()]);
        turn += 1;
        let end = (at + size).min(input.len());
        if let Err(error) = decoder.feed(&input[at..end]) {
            // After an error, every call returns the same error.
            let again = decoder.feed(&input[end..]);
            assert_eq!(again.as_ref(), Err(&error), "feed after an error");
            let finished = decoder.finish();
            assert_eq!(finished.as_ref(), Err(&error), "finish after an error");
            return Err(error);
        }
        at = end;
        if at == input.len() {
            break;
        }
    }
    decoder.finish()
}

impl<const M: usize, const E: usize, const R: usize> Model for JobDocument<M, E, R> {
    const SHAPE: &'static str = "job";
    fn empty() -> Box<Self> {
        Box::new(JobDocument::new())
    }
    fn decode(input: &[u8], out: &mut Self) -> Result<(), Error> {
        decode_job(input, out)
    }
    fn decode_chunked(input: &[u8], sizes: &[u8], out: &mut Self) -> Result<(), Error> {
        stream(Decoder::single(out), input, sizes)
    }
    fn encode(&self, out: &mut [u8]) -> Result<usize, BufferTooSmall> {
        encode_job(self, out)
    }
    fn completed(&self) -> Self {
        JobDocument { job: complete_job(&self.job), links: self.links.clone() }
    }
    fn sort_relationships(&mut self) {
        sort_job(&mut self.job);
    }
}

impl<const J: usize, const M: usize, const E: usize, const R: usize> Model for JobList<J, M, E, R> {
    const SHAPE: &'static str = "list";
    fn empty() -> Box<Self> {
        Box::new(JobList::new())
    }
    fn decode(input: &[u8], out: &mut Self) -> Result<(), Error> {
        decode_list(input, out)
    }
    fn decode_chunked(input: &[u8], sizes: &[u8], out: &mut Self) -> Result<(), Error> {
        stream(Decoder::list(out), input, sizes)
    }
    fn encode(&self, out: &mut [u8]) -> Result<usize, BufferTooSmall> {
        encode_list(self, out)
    }
    fn completed(&self) -> Self {
        let mut out = JobList { jobs: BoundedList::new(), links: self.links.clone() };
        for job in self.jobs.iter() {
            out.jobs.push(complete_job(job));
        }
        out
    }
    fn sort_relationships(&mut self) {
        for job in self.jobs.as_mut_slice() {
            sort_job(job);
        }
    }
}

/// Shows bytes as an escaped Rust byte string, for failure messages.
pub struct Escaped<'a>(pub &'a [u8]);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("b\"")?;
        for &byte in self.0 {
            for c in std::ascii::escape_default(byte) {
                std::fmt::Write::write_char(f, c as char)?;
            }
        }
        f.write_str("\"")
    }
}

/// Encode `model`, checking the buffer contract on the way: the length
/// returned fits exactly, one byte less is `BufferTooSmall`, and the output
/// is JSON.
pub fn encode_vec<T: Model>(model: &T) -> Vec<u8> {
    let mut size = 4096;
    let mut buffer = loop {
        let mut buffer = vec![0u8; size];
        match model.encode(&mut buffer) {
            Ok(len) => {
                buffer.truncate(len);
                break buffer;
            }
            Err(error) => {
                assert_eq!(error, BufferTooSmall { capacity: size }, "BufferTooSmall names the buffer's length");
                size *= 4;
                assert!(size <= 1 << 28, "encoding never fits");
            }
        }
    };
    let len = buffer.len();
    let mut exact = vec![0u8; len];
    assert_eq!(model.encode(&mut exact), Ok(len), "encoding into a buffer of exactly its length");
    assert_eq!(exact, buffer, "encoding is deterministic");
    if len > 0 {
        let mut short = vec![0u8; len - 1];
        assert_eq!(model.encode(&mut short), Err(BufferTooSmall { capacity: len - 1 }), "one byte short");
    }
    assert!(is_json(&buffer), "the encoder wrote something that is not JSON: {}", Escaped(&buffer));
    buffer.truncate(len);
    buffer
}

/// `bytes` are JSON text (UTF-8, RFC 8259 §8.1) holding one value, for
/// `serde_json`. `from_str` on checked UTF-8 rather than `from_slice`:
/// `from_slice` does not check UTF-8 inside strings it ignores.
pub fn is_json(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| serde_json::from_str::<IgnoredAny>(text).is_ok())
}

// ---------------------------------------------------------------- decode

/// `decode`: arbitrary bytes, whole-buffer decode as a single document and
/// as a list document. Never a panic; the capacities never change the
/// outcome; and a decoded model encodes to JSON that decodes to the same
/// model (with every list complete, as the encoder writes what was kept).
pub fn check_decode(input: &[u8]) {
    let small = decode_then_reencode::<SmallDoc>(input);
    let large = decode_then_reencode::<Doc>(input);
    assert_eq!(small, large, "capacity changed the outcome of decode_job for {}", Escaped(input));
    let small = decode_then_reencode::<SmallList>(input);
    let large = decode_then_reencode::<List>(input);
    assert_eq!(small, large, "capacity changed the outcome of decode_list for {}", Escaped(input));
}

fn decode_then_reencode<T: Model>(input: &[u8]) -> Result<(), Error> {
    let mut first = T::empty();
    T::decode(input, &mut first)?;
    let encoded = encode_vec(&*first);
    let mut second = T::empty();
    match T::decode(&encoded, &mut second) {
        Ok(()) => assert_eq!(
            *second,
            first.completed(),
            "decode({}) re-encoded as {} decodes to another {} model",
            Escaped(input),
            Escaped(&encoded),
            T::SHAPE
        ),
        Err(error) => panic!(
            "decode({}) re-encoded as {} does not decode as a {}: {error} ({error:?})",
            Escaped(input),
            Escaped(&encoded),
            T::SHAPE
        ),
    }
    Ok(())
}

// --------------------------------------------------------------- chunked

/// How `chunked` reads its input: the first byte's low 4 bits say how many
/// chunk sizes follow; the rest is the document.
pub fn split_plan(data: &[u8]) -> (&[u8], &[u8]) {
    match data.split_first() {
        Some((&count, rest)) => rest.split_at(usize::from(count & 15).min(rest.len())),
        None => (&[], &[]),
    }
}

/// `chunked`: the streaming decoder, fed the document in chunks chosen by
/// the input, has the same outcome as the whole-buffer decode: the same
/// model, or the same error (kind, offset and path). An error also stays
/// the same on every later `feed` and on `finish`.
pub fn check_chunked(data: &[u8]) {
    let (sizes, input) = split_plan(data);
    same_outcome::<SmallDoc>(input, sizes);
    same_outcome::<Doc>(input, sizes);
    same_outcome::<SmallList>(input, sizes);
    same_outcome::<List>(input, sizes);
}

fn same_outcome<T: Model>(input: &[u8], sizes: &[u8]) {
    let mut whole = T::empty();
    let whole_result = T::decode(input, &mut whole);
    let mut streamed = T::empty();
    let streamed_result = T::decode_chunked(input, sizes, &mut streamed);
    assert_eq!(
        streamed_result,
        whole_result,
        "{}: chunks of {sizes:?} disagree with the whole buffer for {}",
        T::SHAPE,
        Escaped(input)
    );
    if whole_result.is_ok() {
        assert_eq!(streamed, whole, "{}: chunks of {sizes:?} give another model for {}", T::SHAPE, Escaped(input));
    }
}

// ----------------------------------------------------- json_differential

/// A valid job document up to the value of its unknown member `x_unknown`
/// (shared/conformance/README.md).
pub const DIFFERENTIAL_PREFIX: &[u8] = br#"{"data":{"type":"catalog-item-bulk-create-job","id":"01GSQPBF74KQ5YTDEPP41T1BZH","attributes":{"status":"queued","created_at":"2022-11-08T00:00:00+00:00","total_count":1,"x_unknown":"#;
/// The rest of that document after the value.
pub const DIFFERENTIAL_SUFFIX: &[u8] =
    br#"},"links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/"}}}"#;

/// Containers the document already has open around the value: its own
/// object, `data` and `attributes`.
pub const DIFFERENTIAL_OPEN: usize = 3;

/// The deepest nesting a value can have there and still be accepted under
/// the contract's limit (`MAX_DEPTH` counts the document's own object as
/// level 1): 64 - 3 = 61.
pub const DIFFERENTIAL_MAX_VALUE_DEPTH: usize = MAX_DEPTH as usize - DIFFERENTIAL_OPEN;

/// The document with `value` as the value of `x_unknown`.
pub fn differential_document(value: &[u8]) -> Vec<u8> {
    [DIFFERENTIAL_PREFIX, value, DIFFERENTIAL_SUFFIX].concat()
}

/// `json_differential`: `value` as the value of an unknown member of a valid
/// job document. The document decodes exactly when `serde_json` accepts
/// `value` as JSON text, except for the two differences the contract makes,
/// each excused below only when the input really has it.
pub fn check_json_differential(value: &[u8]) {
    let document = differential_document(value);
    let mut decoded: Box<JobDocument<0, 0, 0>> = Box::new(JobDocument::new());
    let ours = decode_job(&document, &mut decoded);
    // serde_json::from_str::<IgnoredAny> on the value. It allows whitespace
    // around the value, as the document does around a member value.
    // It is given checked UTF-8: JSON text is UTF-8 (RFC 8259 §8.1), and
    // from_slice does not check UTF-8 inside the strings IgnoredAny skips.
    // Its recursion limit (128) does not apply: IgnoredAny is skipped
    // by an iterative loop, at any depth.
    let reference = is_json(value);
    match &ours {
        Ok(()) if reference => {
            // The value was skipped without touching the model.
            let mut base: Box<JobDocument<0, 0, 0>> = Box::new(JobDocument::new());
            decode_job(&differential_document(b"null"), &mut base).expect("the base document decodes");
            assert_eq!(decoded, base, "skipping {} changed the model", Escaped(value));
        }
        Ok(()) => {
            // Not one JSON value, yet the document decoded. That is right
            // only when the bytes are not the member's value at all but close
            // it and carry on the document (`1,"y":2`, `1},"q":{`): the
            // framing, not the decoder. The whole document must then be JSON.
            assert!(
                is_json(&document),
                "accepted a document that is not JSON: value {} (serde_json rejects it)",
                Escaped(value)
            );
        }
        Err(_) if !reference => {}
        Err(error) => {
            let inside = (DIFFERENTIAL_PREFIX.len()..DIFFERENTIAL_PREFIX.len() + value.len()).contains(&error.offset);
            let excused = match error.kind {
                // Contract: a fixed nesting limit of MAX_DEPTH (64) levels in
                // all. serde_json has no limit here, so a value nested deeper
                // than the room left in the document must be rejected by us.
                ErrorKind::TooDeep => inside && value_depth(value) > DIFFERENTIAL_MAX_VALUE_DEPTH,
                // Contract: a lone surrogate escape is an error. serde_json
                // does not look at the code points of `\u` escapes in strings
                // it ignores (read.rs, ignore_escape), so it accepts them.
                ErrorKind::LoneSurrogate => inside && has_lone_surrogate(value),
                _ => false,
            };
            assert!(
                excused,
                "rejected a valid JSON value: {} gives {error} ({error:?}); nesting depth {}",
                Escaped(value),
                value_depth(value)
            );
        }
    }
}

/// The deepest nesting of arrays and objects in JSON text (strings are
/// skipped). Meaningful for valid JSON only.
pub fn value_depth(json: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &byte in json {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// A string in JSON text has a `\u` escape of a UTF-16 surrogate that is not
/// half of a high-then-low pair.
pub fn has_lone_surrogate(json: &[u8]) -> bool {
    let hex = |at: usize| -> Option<u16> {
        let digits = json.get(at..at + 4)?;
        u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let mut at = 0;
    let mut in_string = false;
    while at < json.len() {
        let byte = json[at];
        if !in_string {
            in_string = byte == b'"';
            at += 1;
            continue;
        }
        match byte {
            b'"' => in_string = false,
            b'\\' if json.get(at + 1) == Some(&b'u') => {
                let unit = hex(at + 2).unwrap_or(0);
                match unit {
                    0xD800..=0xDBFF => {
                        let low = (json.get(at + 6..at + 8) == Some(b"\\u")).then(|| hex(at + 8)).flatten();
                        if !matches!(low, Some(0xDC00..=0xDFFF)) {
                            return true;
                        }
                        at += 12;
                        continue;
                    }
                    0xDC00..=0xDFFF => return true,
                    _ => {
                        at += 6;
                        continue;
                    }
                }
            }
            b'\\' => {
                at += 2;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    false
}

// ------------------------------------------------------------- roundtrip

/// What the roundtrip check expects of the re-serialized document.
#[derive(Debug)]
pub enum Expect<'a, T> {
    /// The models both documents must decode to: the generated model for the
    /// canonical encoding, and the same model with its relationships in the
    /// re-serialized document's order for the variant.
    Models { canonical: &'a T, variant: &'a T },
    /// No model at hand (replaying a regression file): the canonical
    /// encoding must decode to a model that encodes back to the same bytes,
    /// and the variant to that model (relationship order aside).
    FromCanonical,
}

/// A string made longer than its field's capacity: the error the decoder
/// must give for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLong {
    /// The field's capacity.
    pub capacity: u16,
    /// The decoder's path for the field.
    pub path: String,
    /// The offset of the string's opening quote in the variant.
    pub quote: usize,
}

/// `roundtrip`: `canonical` is the encoder's output for a valid model, and
/// `variant` the same document re-serialized (whitespace, member order,
/// escapes, unknown members). Both decode to the model. When `too_long` is
/// given, one string of the variant was made longer than its field holds:
/// decoding it must be `StringTooLong` with that capacity, at that path,
/// at that string's opening quote.
pub fn check_roundtrip<T: Model>(canonical: &[u8], variant: &[u8], expect: Expect<'_, T>, too_long: Option<&TooLong>) {
    let mut from_canonical = T::empty();
    if let Err(error) = T::decode(canonical, &mut from_canonical) {
        panic!("the encoder's output {} does not decode: {error} ({error:?})", Escaped(canonical));
    }
    let variant_model = match expect {
        Expect::Models { canonical: model, variant } => {
            assert_eq!(*from_canonical, *model, "the encoding {} decodes to another model", Escaped(canonical));
            Some(variant.clone())
        }
        Expect::FromCanonical => {
            let again = encode_vec(&*from_canonical);
            assert_eq!(
                Escaped(&again).to_string(),
                Escaped(canonical).to_string(),
                "the model decoded from the encoding encodes differently"
            );
            None
        }
    };
    let mut from_variant = T::empty();
    let result = T::decode(variant, &mut from_variant);
    match too_long {
        Some(TooLong { capacity, path, quote }) => {
            let error = result.expect_err("a string over its capacity decoded");
            let capacity = *capacity;
            assert_eq!(error.kind, ErrorKind::StringTooLong { capacity }, "{error} for {}", Escaped(variant));
            assert_eq!(error.path.as_str(), path, "{error} for {}", Escaped(variant));
            assert_eq!(error.offset, *quote, "{error}: the offset is not the string's quote, {quote}");
        }
        None => {
            if let Err(error) = result {
                panic!("the re-serialized document {} does not decode: {error} ({error:?})", Escaped(variant));
            }
            match variant_model {
                Some(model) => {
                    assert_eq!(*from_variant, model, "{} decodes to another model", Escaped(variant));
                }
                None => {
                    let mut expected = (*from_canonical).clone();
                    expected.sort_relationships();
                    from_variant.sort_relationships();
                    assert_eq!(*from_variant, expected, "{} decodes to another model", Escaped(variant));
                }
            }
        }
    }
}

/// A roundtrip failure as a regression file: a header line, a `too_long`
/// line, the canonical encoding on one line (the encoder escapes every
/// control character, so it has no raw newline), then the variant to the
/// end of the file.
pub fn roundtrip_regression(shape: &str, canonical: &[u8], variant: &[u8], too_long: Option<&TooLong>) -> Vec<u8> {
    let mut file = format!("roundtrip {shape}\n").into_bytes();
    match too_long {
        Some(TooLong { capacity, path, quote }) => {
            file.extend_from_slice(format!("too_long {capacity} {quote} {path}\n").as_bytes())
        }
        None => file.extend_from_slice(b"too_long none\n"),
    }
    file.extend_from_slice(canonical);
    file.push(b'\n');
    file.extend_from_slice(variant);
    file
}

/// Replay a file written by [`roundtrip_regression`] through
/// [`check_roundtrip`].
pub fn replay_roundtrip(file: &[u8]) {
    let mut lines = file.splitn(4, |&byte| byte == b'\n');
    let header = lines.next().unwrap_or_default();
    let too_long = std::str::from_utf8(lines.next().unwrap_or_default()).expect("too_long line");
    let canonical = lines.next().expect("canonical line");
    let variant = lines.next().expect("variant");
    let too_long = match too_long.strip_prefix("too_long ").expect("too_long line") {
        "none" => None,
        rest => {
            let mut fields = rest.splitn(3, ' ');
            let capacity = fields.next().and_then(|field| field.parse().ok()).expect("capacity");
            let quote = fields.next().and_then(|field| field.parse().ok()).expect("quote");
            Some(TooLong { capacity, path: fields.next().unwrap_or_default().to_owned(), quote })
        }
    };
    match header {
        b"roundtrip job" => check_roundtrip::<Doc>(canonical, variant, Expect::FromCanonical, too_long.as_ref()),
        b"roundtrip list" => check_roundtrip::<List>(canonical, variant, Expect::FromCanonical, too_long.as_ref()),
        other => panic!("not a roundtrip regression file: {}", Escaped(other)),
    }
}
