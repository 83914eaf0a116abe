//! The fixture corpus and the decoding harness the test binaries share:
//! load every fixture file, decode it whole or in chunks, and compare
//! outcomes (the same model on success, the same `Error` on failure).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use klaviyo_bulk_job::{
    AttributeSet, Decoder, Error, JobDocument, JobList, Options, decode_job_with, decode_list_with,
};

/// The single-document output used for fixtures: the default capacities.
pub type Single = JobDocument;
/// The list output used for fixtures: a few jobs of the default capacities
/// (the default `JobList` is over 1 MiB, too big to build on a test stack).
pub type List = JobList<4>;

/// Which envelope a file is decoded as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Single,
    List,
}

/// What the corpus says a file must do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// `tests/fixtures/valid` or a recorded job document: must decode.
    Valid,
    /// `tests/fixtures/invalid`: must fail.
    Invalid,
    /// Recorded, but not a job document (the catalog-items page).
    Other,
}

/// One corpus file, read into memory.
#[derive(Clone, Debug)]
pub struct Sample {
    pub name: String,
    pub bytes: Vec<u8>,
    pub shape: Shape,
    pub expect: Expect,
    /// The options it decodes with: the defaults, or for a valid document
    /// that only decodes under a sparse fieldset (`single-sparse-*`), one
    /// that requests no attribute, so whatever the document carries is read.
    pub options: Options,
}

/// A sparse fieldset that requests nothing: every attribute becomes optional.
pub const SPARSE: Options = Options { accept: klaviyo_bulk_job::Accept::Any, fields: Some(AttributeSet::EMPTY) };

impl Sample {
    /// The length without trailing whitespace: every shorter prefix cuts
    /// into the document, every longer one is the whole document.
    pub fn trimmed_len(&self) -> usize {
        self.bytes.iter().rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')).map_or(0, |last| last + 1)
    }
}

pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The project's shared data (the JSONTestSuite corpus, the recorded
/// responses): `$SHARED_DIR` if set, as for `fuzz/seed.sh`, or else
/// `../shared` beside the crate.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("SHARED_DIR").map_or_else(|| crate_root().join("..").join("shared"), PathBuf::from)
}

fn shape_of(file_name: &str) -> Shape {
    if file_name.starts_with("list-") || file_name.contains(".list.") { Shape::List } else { Shape::Single }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path, expect: Expect) -> Sample {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_owned();
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
    let mut sample = Sample { shape: shape_of(&name), name, bytes, expect, options: Options::default() };
    if expect == Expect::Valid {
        let mut harness = Harness::<100, 10, 3, 4>::new();
        if harness.whole(sample.shape, &sample.bytes, sample.options).is_err() {
            sample.options = SPARSE;
        }
    }
    sample
}

/// The two recorded responses in `../shared/fixtures/recorded`.
pub fn recorded() -> Vec<Sample> {
    let dir = shared_dir().join("fixtures").join("recorded");
    let samples: Vec<Sample> = json_files(&dir)
        .iter()
        .map(|path| {
            let expect = if path.to_string_lossy().contains("bulk-import-job") { Expect::Valid } else { Expect::Other };
            load(path, expect)
        })
        .collect();
    assert_eq!(samples.len(), 2, "expected the two recorded responses in {}", dir.display());
    samples
}

/// `tests/fixtures/valid/*.json`, whatever is there now.
pub fn valid_fixtures() -> Vec<Sample> {
    json_files(&crate_root().join("tests").join("fixtures").join("valid"))
        .iter()
        .map(|p| load(p, Expect::Valid))
        .collect()
}

/// `tests/fixtures/invalid/*.json`, whatever is there now.
pub fn invalid_fixtures() -> Vec<Sample> {
    json_files(&crate_root().join("tests").join("fixtures").join("invalid"))
        .iter()
        .map(|p| load(p, Expect::Invalid))
        .collect()
}

/// Every fixture file and the recorded ones.
pub fn corpus() -> Vec<Sample> {
    let mut all = valid_fixtures();
    all.extend(invalid_fixtures());
    all.extend(recorded());
    all
}

/// The documents that must decode: valid fixtures and the recorded job.
pub fn valid_corpus() -> Vec<Sample> {
    let mut all = valid_fixtures();
    all.extend(recorded().into_iter().filter(|sample| sample.expect == Expect::Valid));
    all
}

/// A model decoded from one input, or the error.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<T> {
    Decoded(T),
    Failed(Error),
}

/// Feed `chunks` to a fresh decoder over `out`, then finish. An error from
/// `feed` must repeat on `finish` (the contract: after an error every call
/// returns the same error).
pub fn feed_single<'c, const M: usize, const E: usize, const R: usize>(
    out: &mut JobDocument<M, E, R>,
    chunks: impl IntoIterator<Item = &'c [u8]>,
    options: Options,
) -> Result<(), Error> {
    feed_all(Decoder::single(out).with_options(options), chunks)
}

/// [`feed_single`] for a list document.
pub fn feed_list<'c, const J: usize, const M: usize, const E: usize, const R: usize>(
    out: &mut JobList<J, M, E, R>,
    chunks: impl IntoIterator<Item = &'c [u8]>,
    options: Options,
) -> Result<(), Error> {
    feed_all(Decoder::list(out).with_options(options), chunks)
}

fn feed_all<'c>(mut decoder: Decoder<'_>, chunks: impl IntoIterator<Item = &'c [u8]>) -> Result<(), Error> {
    for chunk in chunks {
        if let Err(error) = decoder.feed(chunk) {
            assert_eq!(decoder.feed(b" ").unwrap_err(), error, "feed after an error must repeat it");
            assert_eq!(decoder.finish().unwrap_err(), error, "finish after an error must repeat it");
            return Err(error);
        }
    }
    decoder.finish()
}

/// `input` cut at `cuts` (sorted, each at most `input.len()`).
pub fn chunks_at<'i>(input: &'i [u8], cuts: &[usize]) -> Vec<&'i [u8]> {
    let mut chunks = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &cut in cuts {
        chunks.push(&input[start..cut]);
        start = cut;
    }
    chunks.push(&input[start..]);
    chunks
}

/// Reusable outputs for decoding one input whole and streamed, with the
/// comparison of the two outcomes.
pub struct Harness<const M: usize, const E: usize, const R: usize, const J: usize> {
    pub whole_single: Box<JobDocument<M, E, R>>,
    pub streamed_single: Box<JobDocument<M, E, R>>,
    pub whole_list: Box<JobList<J, M, E, R>>,
    pub streamed_list: Box<JobList<J, M, E, R>>,
}

impl<const M: usize, const E: usize, const R: usize, const J: usize> Default for Harness<M, E, R, J> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const M: usize, const E: usize, const R: usize, const J: usize> Harness<M, E, R, J> {
    pub fn new() -> Self {
        Harness {
            whole_single: Box::new(JobDocument::new()),
            streamed_single: Box::new(JobDocument::new()),
            whole_list: Box::new(JobList::new()),
            streamed_list: Box::new(JobList::new()),
        }
    }

    /// Decode `input` whole with `decode_job` / `decode_list` into the
    /// "whole" output.
    pub fn whole(&mut self, shape: Shape, input: &[u8], options: Options) -> Result<(), Error> {
        match shape {
            Shape::Single => decode_job_with(input, &mut *self.whole_single, options),
            Shape::List => decode_list_with(input, &mut *self.whole_list, options),
        }
    }

    /// Decode `chunks` with the streaming decoder into the "streamed" output.
    pub fn streamed<'c>(
        &mut self,
        shape: Shape,
        chunks: impl IntoIterator<Item = &'c [u8]>,
        options: Options,
    ) -> Result<(), Error> {
        match shape {
            Shape::Single => feed_single(&mut *self.streamed_single, chunks, options),
            Shape::List => feed_list(&mut *self.streamed_list, chunks, options),
        }
    }

    /// The streamed outcome equals the whole one: the same model on success
    /// and the same error (kind, offset, path) on failure. Returns a
    /// description of the difference, if any.
    pub fn compare(&self, shape: Shape, whole: &Result<(), Error>, streamed: &Result<(), Error>) -> Option<String> {
        match (whole, streamed) {
            (Ok(()), Ok(())) => {
                let same = match shape {
                    Shape::Single => self.whole_single == self.streamed_single,
                    Shape::List => self.whole_list == self.streamed_list,
                };
                (!same).then(|| "both decoded, to different models".to_owned())
            }
            (Err(a), Err(b)) if a == b => None,
            _ => Some(format!("whole: {whole:?}, streamed: {streamed:?}")),
        }
    }

    /// Decode whole, then streamed as `chunks`, and panic with `context` if
    /// the outcomes differ. Returns the whole outcome.
    pub fn check<'c>(
        &mut self,
        shape: Shape,
        input: &[u8],
        chunks: impl IntoIterator<Item = &'c [u8]>,
        options: Options,
        context: &dyn Fn() -> String,
    ) -> Result<(), Error> {
        let whole = self.whole(shape, input, options);
        let streamed = self.streamed(shape, chunks, options);
        if let Some(difference) = self.compare(shape, &whole, &streamed) {
            panic!("{}: {difference}", context());
        }
        whole
    }
}
