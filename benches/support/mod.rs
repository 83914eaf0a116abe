//! What the criterion bench (`decode.rs`) and the callgrind driver
//! (`instructions.rs`) share: the reference documents, the parsers, one
//! runner per parser and shape, and the check that a parser really decoded a
//! document before it is measured.

pub mod mirrors;

use std::hint::black_box;

use klaviyo_bulk_job::{JobDocument, JobList, decode_job, decode_list};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;

/// Relationship members kept per job, by the crate and by the mirrors.
pub const MEMBERS: usize = 100;
/// Errors kept per job.
pub const ERRORS: usize = 5;
/// Relationships kept per job (the mirrors hold one).
pub const RELATIONSHIPS: usize = 1;
/// Jobs kept per list page.
pub const JOBS: usize = 20;
/// serde-json-core's buffer for unescaping one string: the longest field.
pub const UNESCAPE_BUFFER: usize = 1024;
/// The chunk size of the streaming row.
pub const CHUNK: usize = 64;

pub type KlaviyoDocument = JobDocument<MEMBERS, ERRORS, RELATIONSHIPS>;
pub type KlaviyoList = JobList<JOBS, MEMBERS, ERRORS, RELATIONSHIPS>;

/// Stack for the thread that runs the parsers: serde-json-core returns its
/// heapless mirrors by value (a list page is about 450 KB), and unoptimised
/// builds (`cargo test --benches`) copy them several times over.
const STACK: usize = 256 << 20;

/// Run `work` on a thread with a [`STACK`]-byte stack.
pub fn with_big_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .name("bench".into())
        .stack_size(STACK)
        .spawn(work)
        .expect("spawn the bench thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// A single-job document or a job-list document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Single,
    List,
}

/// The reference documents, in report order, with their shapes.
pub const DOCUMENTS: [(&str, Shape); 4] =
    [("small", Shape::Single), ("full", Shape::Single), ("list", Shape::List), ("included", Shape::Single)];

/// One reference document from `benches/data/`.
pub struct Document {
    pub name: &'static str,
    pub shape: Shape,
    pub bytes: Vec<u8>,
}

/// The bytes of the file at `path`: a bench without its document cannot run.
fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

impl Document {
    /// A reference document by name, or any job or list document by the
    /// path of its file (ending in `.json`), for a diagnostic such as
    /// `scripts/skip-forms.sh`.
    pub fn load(name: &str) -> Option<Document> {
        if let Some((name, shape)) = DOCUMENTS.into_iter().find(|(known, _)| *known == name) {
            let path = format!("{}/benches/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
            return Some(Document { name, shape, bytes: read(&path) });
        }
        name.ends_with(".json").then(|| Document::from_path(name, name))
    }

    /// The job or list document in the file at `path`, called `name`.
    pub fn from_path(path: &str, name: &str) -> Document {
        let bytes = read(path);
        let value: Value = serde_json::from_slice(&bytes).unwrap_or_else(|error| panic!("{path}: {error}"));
        let shape = if value["data"].is_array() { Shape::List } else { Shape::Single };
        Document { name: Box::leak(name.into()), shape, bytes }
    }

    /// The documents of `$BENCH_DOCUMENTS`, colon-separated paths, each
    /// named by its file's stem; or, without it, the reference documents.
    pub fn selected() -> Vec<Document> {
        match std::env::var("BENCH_DOCUMENTS") {
            Ok(paths) => paths
                .split(':')
                .map(|path| {
                    let stem = std::path::Path::new(path).file_stem().and_then(|stem| stem.to_str());
                    Document::from_path(path, stem.unwrap_or(path))
                })
                .collect(),
            Err(_) => Document::all(),
        }
    }

    pub fn all() -> Vec<Document> {
        DOCUMENTS.iter().filter_map(|(name, _)| Document::load(name)).collect()
    }
}

/// The rows of each group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parser {
    /// `decode_job` / `decode_list` over the whole buffer, in place.
    Klaviyo,
    /// The streaming `Decoder` fed [`CHUNK`]-byte chunks.
    KlaviyoChunks,
    /// `serde_json_core::from_slice_escaped` into the heapless mirrors.
    SerdeJsonCore,
    /// `serde_json::from_slice` into the owned mirrors.
    SerdeJson,
    /// `serde_json::from_slice::<IgnoredAny>`: syntax only.
    SerdeJsonValidate,
    /// `simd_json::serde::from_slice` into the owned mirrors, on a copy.
    SimdJson,
    /// A diagnostic, not a row: the streaming `Decoder` fed chunks of at
    /// least [`CHUNK`] bytes that each end between two tokens, so no token
    /// is cut. Against the whole buffer it gives what a `feed` costs in
    /// itself; against `chunks-64`, what a cut token adds.
    KlaviyoChunksAtTokens,
    /// A diagnostic, not a row: the streaming `Decoder` fed 256-byte
    /// chunks, the smallest receive buffer a firmware is planned with.
    KlaviyoChunks256,
    /// A diagnostic, not a row: the streaming `Decoder` fed 1024-byte
    /// chunks.
    KlaviyoChunks1024,
    /// A diagnostic, not a row: the streaming `Decoder` fed the whole
    /// document at once, what `decode_job` is without the `fast-path`
    /// feature; the base that `--chunk-cost` measures feeds against.
    KlaviyoStreamingWhole,
}

impl Parser {
    pub const ALL: [Parser; 6] = [
        Parser::Klaviyo,
        Parser::KlaviyoChunks,
        Parser::SerdeJsonCore,
        Parser::SerdeJson,
        Parser::SerdeJsonValidate,
        Parser::SimdJson,
    ];

    /// Diagnostics that only `scripts/instructions.sh --chunk-cost` runs.
    pub const DIAGNOSTICS: [Parser; 4] = [
        Parser::KlaviyoChunksAtTokens,
        Parser::KlaviyoChunks256,
        Parser::KlaviyoChunks1024,
        Parser::KlaviyoStreamingWhole,
    ];

    /// The bench ID's parser part.
    pub fn id(self) -> &'static str {
        match self {
            Parser::Klaviyo => "klaviyo-bulk-job",
            Parser::KlaviyoChunks => "klaviyo-bulk-job/chunks-64",
            Parser::SerdeJsonCore => "serde-json-core",
            Parser::SerdeJson => "serde_json",
            Parser::SerdeJsonValidate => "serde_json-validate",
            Parser::SimdJson => "simd-json",
            Parser::KlaviyoChunksAtTokens => "klaviyo-bulk-job/chunks-64-at-tokens",
            Parser::KlaviyoChunks256 => "klaviyo-bulk-job/chunks-256",
            Parser::KlaviyoChunks1024 => "klaviyo-bulk-job/chunks-1024",
            Parser::KlaviyoStreamingWhole => "klaviyo-bulk-job/streaming-whole",
        }
    }

    #[allow(dead_code)] // used by instructions.rs only
    pub fn from_id(id: &str) -> Option<Parser> {
        Parser::ALL.into_iter().chain(Parser::DIAGNOSTICS).find(|parser| parser.id() == id)
    }
}

/// What a decode produced, in plain owned data, to compare parsers with the
/// expected content.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    pub jobs: Vec<JobSummary>,
    /// Top-level `links`: `[self]` for a single document, `[self, first,
    /// last, prev, next]` for a list.
    pub links: Option<Vec<Option<String>>>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct JobSummary {
    pub kind: String,
    pub id: String,
    pub status: String,
    pub created_at: String,
    pub total_count: u32,
    pub completed_count: Option<u32>,
    pub failed_count: Option<u32>,
    pub completed_at: Option<String>,
    pub expires_at: Option<String>,
    /// Each error as `[id, code, title, detail]`, then the pointer if any.
    pub errors: Option<Vec<Vec<String>>>,
    pub relationship: Option<RelationshipSummary>,
    pub self_link: String,
}

#[derive(Debug, PartialEq, Eq)]
pub struct RelationshipSummary {
    /// `[type, id]` of each member.
    pub members: Option<Vec<[String; 2]>>,
    pub self_link: Option<String>,
    pub related: Option<String>,
}

/// The relationship names the mirrors hold.
const RELATIONSHIP_NAMES: [&str; 4] = ["items", "variants", "categories", "coupon-codes"];

/// The content of `bytes` read through `serde_json::Value`, independently
/// of every parser measured.
pub fn expected(bytes: &[u8]) -> Summary {
    let document: Value = serde_json::from_slice(bytes).expect("the reference document is JSON");
    let text = |value: &Value| value.as_str().map(str::to_string);
    let count = |value: Option<&Value>| match value {
        None => Some(0),
        Some(value) => value.as_u64().map(|n| n as u32),
    };
    let job = |job: &Value| {
        let attributes = &job["attributes"];
        let relationship = RELATIONSHIP_NAMES.iter().find_map(|name| job["relationships"].get(name));
        JobSummary {
            kind: text(&job["type"]).unwrap(),
            id: text(&job["id"]).unwrap(),
            status: text(&attributes["status"]).unwrap(),
            created_at: text(&attributes["created_at"]).unwrap(),
            total_count: attributes["total_count"].as_u64().unwrap() as u32,
            completed_count: count(attributes.get("completed_count")),
            failed_count: count(attributes.get("failed_count")),
            completed_at: text(&attributes["completed_at"]),
            expires_at: text(&attributes["expires_at"]),
            errors: attributes["errors"].as_array().map(|errors| {
                errors
                    .iter()
                    .map(|error| {
                        let pointer = match error["source"].get("pointer") {
                            None => Some("/data".to_string()),
                            Some(pointer) => text(pointer),
                        };
                        ["id", "code", "title", "detail"]
                            .iter()
                            .map(|key| text(&error[key]).unwrap())
                            .chain(pointer)
                            .collect()
                    })
                    .collect()
            }),
            relationship: relationship.map(|relationship| RelationshipSummary {
                members: relationship["data"]
                    .as_array()
                    .map(|members| members.iter().map(|m| ["type", "id"].map(|k| text(&m[k]).unwrap())).collect()),
                self_link: text(&relationship["links"]["self"]),
                related: text(&relationship["links"]["related"]),
            }),
            self_link: text(&job["links"]["self"]).unwrap(),
        }
    };
    let links = &document["links"];
    match &document["data"] {
        Value::Array(jobs) => Summary {
            jobs: jobs.iter().map(job).collect(),
            links: links.is_object().then(|| ["self", "first", "last", "prev", "next"].map(|k| text(&links[k])).into()),
        },
        data => Summary { jobs: vec![job(data)], links: links.is_object().then(|| vec![text(&links["self"])]) },
    }
}

fn klaviyo_job(job: &klaviyo_bulk_job::Job<MEMBERS, ERRORS, RELATIONSHIPS>) -> JobSummary {
    let attributes = &job.attributes;
    let url = |url: &Option<klaviyo_bulk_job::Url>| url.as_ref().map(|url| url.to_string());
    JobSummary {
        kind: job.kind.type_str().to_string(),
        id: job.id.to_string(),
        status: attributes.status.as_str().to_string(),
        created_at: attributes.created_at.to_string(),
        total_count: attributes.total_count,
        completed_count: attributes.completed_count,
        failed_count: attributes.failed_count,
        completed_at: attributes.completed_at.map(|t| t.to_string()),
        expires_at: attributes.expires_at.map(|t| t.to_string()),
        errors: job.errors().map(|errors| {
            errors
                .iter()
                .map(|e| {
                    [e.id.to_string(), e.code.to_string(), e.title.to_string(), e.detail.to_string()]
                        .into_iter()
                        .chain(e.source.pointer.as_ref().map(|p| p.to_string()))
                        .collect()
                })
                .collect()
        }),
        relationship: job.relationships.iter().next().map(|r| RelationshipSummary {
            members: r
                .has_data
                .then(|| r.members.iter().map(|m| [r.name.member_type().to_string(), m.id.to_string()]).collect()),
            self_link: url(&r.links.self_link),
            related: url(&r.links.related),
        }),
        self_link: job.links.self_link.to_string(),
    }
}

/// One parser set up for one document: its input and its reusable state.
pub trait Runner {
    /// Decode the document once; the result is kept or black-boxed.
    fn run(&mut self) -> Result<(), String>;
    /// Decode the document once and describe what came out (`None` for a
    /// parser that builds nothing).
    fn summary(&mut self) -> Result<Option<Summary>, String>;
    /// How many pieces one decode is given in (1 for a whole buffer).
    #[allow(dead_code)] // used by instructions.rs only
    fn feeds(&self) -> usize {
        1
    }
}

/// Something to do with a runner, generic so that each use is compiled for
/// each runner (no dynamic dispatch in the measured loop).
pub trait Task {
    type Output;
    fn call<R: Runner>(self, runner: R) -> Self::Output;
}

/// Set `parser` up for `document` and hand it to `task`.
pub fn dispatch<T: Task>(parser: Parser, document: &Document, task: T) -> T::Output {
    let input = document.bytes.as_slice();
    match (parser, document.shape) {
        (Parser::Klaviyo, _) => klaviyo(task, document, Feeding::Whole),
        (Parser::KlaviyoChunks, _) => klaviyo(task, document, Feeding::Chunks(CHUNK)),
        (Parser::KlaviyoChunks256, _) => klaviyo(task, document, Feeding::Chunks(256)),
        (Parser::KlaviyoChunks1024, _) => klaviyo(task, document, Feeding::Chunks(1024)),
        (Parser::KlaviyoStreamingWhole, _) => klaviyo(task, document, Feeding::Chunks(usize::MAX)),
        (Parser::KlaviyoChunksAtTokens, _) => klaviyo(task, document, Feeding::at_tokens(input)),
        (Parser::SerdeJsonCore, Shape::Single) => task.call(SerdeJsonCore::<mirrors::fixed::Document>::new(input)),
        (Parser::SerdeJsonCore, Shape::List) => task.call(SerdeJsonCore::<mirrors::fixed::ListDocument>::new(input)),
        (Parser::SerdeJson, Shape::Single) => task.call(SerdeJson::<mirrors::owned::Document>::new(input)),
        (Parser::SerdeJson, Shape::List) => task.call(SerdeJson::<mirrors::owned::ListDocument>::new(input)),
        (Parser::SerdeJsonValidate, _) => task.call(SerdeJson::<IgnoredAny>::new(input)),
        (Parser::SimdJson, Shape::Single) => task.call(SimdJson::<mirrors::owned::Document>::new(input)),
        (Parser::SimdJson, Shape::List) => task.call(SimdJson::<mirrors::owned::ListDocument>::new(input)),
    }
}

/// `task` with klaviyo-bulk-job given `document` by `feeding`, into the
/// output of the document's shape.
fn klaviyo<T: Task>(task: T, document: &Document, feeding: Feeding) -> T::Output {
    let input = document.bytes.as_slice();
    match document.shape {
        Shape::Single => task.call(Klaviyo::<KlaviyoDocument>::new(input, feeding)),
        Shape::List => task.call(Klaviyo::<KlaviyoList>::new(input, feeding)),
    }
}

/// Decode once and compare with the expected content: `Err` says why the
/// parser cannot be measured on this document.
pub fn check<R: Runner>(runner: &mut R, expected: &Summary) -> Result<(), String> {
    match runner.summary()? {
        Some(summary) if summary != *expected => {
            Err(format!("decoded differently: {}", first_difference(&summary, expected)))
        }
        _ => Ok(()),
    }
}

fn first_difference(got: &Summary, expected: &Summary) -> String {
    if got.jobs.len() != expected.jobs.len() {
        return format!("{} jobs, expected {}", got.jobs.len(), expected.jobs.len());
    }
    for (index, (got, expected)) in got.jobs.iter().zip(&expected.jobs).enumerate() {
        if got != expected {
            return format!("job {index}: got {got:?}, expected {expected:?}");
        }
    }
    format!("links: got {:?}, expected {:?}", got.links, expected.links)
}

/// The output types of the crate: a single document or a list.
pub trait KlaviyoOutput {
    fn new_boxed() -> Box<Self>;
    fn decode(&mut self, input: &[u8]) -> Result<(), klaviyo_bulk_job::Error>;
    fn decoder(&mut self) -> klaviyo_bulk_job::Decoder<'_>;
    fn summary(&self) -> Summary;
}

impl KlaviyoOutput for KlaviyoDocument {
    fn new_boxed() -> Box<Self> {
        Box::new(JobDocument::new())
    }
    fn decode(&mut self, input: &[u8]) -> Result<(), klaviyo_bulk_job::Error> {
        decode_job(input, self)
    }
    fn decoder(&mut self) -> klaviyo_bulk_job::Decoder<'_> {
        klaviyo_bulk_job::Decoder::single(self)
    }
    fn summary(&self) -> Summary {
        Summary {
            jobs: vec![klaviyo_job(&self.job)],
            links: self.links.as_ref().map(|l| vec![Some(l.self_link.to_string())]),
        }
    }
}

impl KlaviyoOutput for KlaviyoList {
    fn new_boxed() -> Box<Self> {
        Box::new(JobList::new())
    }
    fn decode(&mut self, input: &[u8]) -> Result<(), klaviyo_bulk_job::Error> {
        decode_list(input, self)
    }
    fn decoder(&mut self) -> klaviyo_bulk_job::Decoder<'_> {
        klaviyo_bulk_job::Decoder::list(self)
    }
    fn summary(&self) -> Summary {
        let text = |url: &Option<klaviyo_bulk_job::Url>| url.as_ref().map(|url| url.to_string());
        Summary {
            jobs: self.jobs.iter().map(klaviyo_job).collect(),
            links: self.links.as_ref().map(|l| {
                vec![Some(l.self_link.to_string()), text(&l.first), text(&l.last), text(&l.prev), text(&l.next)]
            }),
        }
    }
}

/// How `klaviyo-bulk-job` is given the document.
pub enum Feeding {
    /// `decode_job` / `decode_list` over the whole buffer.
    Whole,
    /// The streaming decoder, fed chunks of this many bytes.
    Chunks(usize),
    /// The streaming decoder, fed chunks that end at these offsets.
    Ends(Vec<usize>),
}

impl Feeding {
    /// Chunks of at least [`CHUNK`] bytes, each ending right after a `,`,
    /// `:`, `{` or `[` outside strings, so that no token is cut.
    fn at_tokens(input: &[u8]) -> Feeding {
        let mut ends = Vec::new();
        let (mut start, mut in_string, mut escaped) = (0, false, false);
        for (index, &byte) in input.iter().enumerate() {
            if in_string {
                (in_string, escaped) = match byte {
                    _ if escaped => (true, false),
                    b'\\' => (true, true),
                    b'"' => (false, false),
                    _ => (true, false),
                };
            } else if byte == b'"' {
                in_string = true;
            } else if matches!(byte, b',' | b':' | b'{' | b'[') && index + 1 - start >= CHUNK {
                start = index + 1;
                ends.push(start);
            }
        }
        ends.push(input.len());
        Feeding::Ends(ends)
    }

    /// How many times the decoder is fed.
    #[allow(dead_code)] // used by instructions.rs only
    pub fn feeds(&self, input: &[u8]) -> usize {
        match self {
            Feeding::Whole => 1,
            Feeding::Chunks(size) => input.len().div_ceil(*size),
            Feeding::Ends(ends) => ends.len(),
        }
    }
}

/// `klaviyo-bulk-job`, in place into an output made once.
pub struct Klaviyo<'i, O> {
    input: &'i [u8],
    feeding: Feeding,
    out: Box<O>,
}

impl<'i, O: KlaviyoOutput> Klaviyo<'i, O> {
    fn new(input: &'i [u8], feeding: Feeding) -> Self {
        Klaviyo { input, feeding, out: O::new_boxed() }
    }
}

impl<O: KlaviyoOutput> Runner for Klaviyo<'_, O> {
    #[inline]
    fn run(&mut self) -> Result<(), String> {
        let input = black_box(self.input);
        let result = match &self.feeding {
            Feeding::Whole => self.out.decode(input),
            Feeding::Chunks(size) => {
                let mut decoder = self.out.decoder();
                input.chunks(*size).try_for_each(|chunk| decoder.feed(chunk).map(drop)).and_then(|()| decoder.finish())
            }
            Feeding::Ends(ends) => {
                let mut decoder = self.out.decoder();
                let mut start = 0;
                ends.iter()
                    .try_for_each(|&end| {
                        let chunk = &input[start..end];
                        start = end;
                        decoder.feed(chunk).map(drop)
                    })
                    .and_then(|()| decoder.finish())
            }
        };
        black_box(&mut *self.out);
        result.map_err(|error| error.to_string())
    }

    fn summary(&mut self) -> Result<Option<Summary>, String> {
        self.run()?;
        Ok(Some(self.out.summary()))
    }

    fn feeds(&self) -> usize {
        self.feeding.feeds(self.input)
    }
}

/// The mirrors' summaries, for the generic peers.
pub trait Mirror {
    fn summary(&self) -> Option<Summary>;
}

impl Mirror for mirrors::fixed::Document {
    fn summary(&self) -> Option<Summary> {
        Some(mirrors::fixed::Document::summary(self))
    }
}
impl Mirror for mirrors::fixed::ListDocument {
    fn summary(&self) -> Option<Summary> {
        Some(mirrors::fixed::ListDocument::summary(self))
    }
}
impl Mirror for mirrors::owned::Document {
    fn summary(&self) -> Option<Summary> {
        Some(mirrors::owned::Document::summary(self))
    }
}
impl Mirror for mirrors::owned::ListDocument {
    fn summary(&self) -> Option<Summary> {
        Some(mirrors::owned::ListDocument::summary(self))
    }
}
impl Mirror for IgnoredAny {
    fn summary(&self) -> Option<Summary> {
        None
    }
}

/// `serde_json_core::from_slice_escaped` with a [`UNESCAPE_BUFFER`]-byte
/// buffer made once. The value comes back by value, as the API returns it.
pub struct SerdeJsonCore<'i, T> {
    input: &'i [u8],
    unescape: Box<[u8; UNESCAPE_BUFFER]>,
    _value: std::marker::PhantomData<T>,
}

impl<'i, T> SerdeJsonCore<'i, T> {
    fn new(input: &'i [u8]) -> Self {
        SerdeJsonCore { input, unescape: Box::new([0; UNESCAPE_BUFFER]), _value: std::marker::PhantomData }
    }

    /// The API's result, left where it was returned: moving the value out
    /// would add copies of a large struct that are the harness's, not
    /// serde-json-core's.
    #[inline(always)]
    fn parse(&mut self) -> serde_json_core::de::Result<(T, usize)>
    where
        T: DeserializeOwned,
    {
        serde_json_core::from_slice_escaped::<T>(black_box(self.input), &mut self.unescape[..])
    }
}

fn serde_json_core_error(error: &serde_json_core::de::Error) -> String {
    format!("{error} ({error:?})")
}

impl<T: DeserializeOwned + Mirror> Runner for SerdeJsonCore<'_, T> {
    #[inline]
    fn run(&mut self) -> Result<(), String> {
        let parsed = self.parse();
        black_box(&parsed);
        parsed.as_ref().map(drop).map_err(serde_json_core_error)
    }

    fn summary(&mut self) -> Result<Option<Summary>, String> {
        Ok(self.parse().map_err(|error| serde_json_core_error(&error))?.0.summary())
    }
}

/// `serde_json::from_slice` into owned values (or `IgnoredAny`).
pub struct SerdeJson<'i, T> {
    input: &'i [u8],
    _value: std::marker::PhantomData<T>,
}

impl<'i, T> SerdeJson<'i, T> {
    fn new(input: &'i [u8]) -> Self {
        SerdeJson { input, _value: std::marker::PhantomData }
    }
}

impl<T: DeserializeOwned + Mirror> Runner for SerdeJson<'_, T> {
    #[inline]
    fn run(&mut self) -> Result<(), String> {
        let value = serde_json::from_slice::<T>(black_box(self.input)).map_err(|error| error.to_string())?;
        black_box(&value);
        Ok(())
    }

    fn summary(&mut self) -> Result<Option<Summary>, String> {
        Ok(serde_json::from_slice::<T>(self.input).map_err(|error| error.to_string())?.summary())
    }
}

/// `simd_json::serde::from_slice` into owned values. simd-json parses in
/// place, so each run first copies the input into a buffer (allocated once,
/// reused): that copy is part of what it needs and is measured.
pub struct SimdJson<'i, T> {
    input: &'i [u8],
    copy: Vec<u8>,
    _value: std::marker::PhantomData<T>,
}

impl<'i, T> SimdJson<'i, T> {
    fn new(input: &'i [u8]) -> Self {
        SimdJson { input, copy: Vec::with_capacity(input.len()), _value: std::marker::PhantomData }
    }

    fn decode(&mut self) -> Result<T, String>
    where
        T: DeserializeOwned,
    {
        self.copy.clear();
        self.copy.extend_from_slice(black_box(self.input));
        simd_json::serde::from_slice::<T>(&mut self.copy).map_err(|error| error.to_string())
    }
}

impl<T: DeserializeOwned + Mirror> Runner for SimdJson<'_, T> {
    #[inline]
    fn run(&mut self) -> Result<(), String> {
        let value = self.decode()?;
        black_box(&value);
        Ok(())
    }

    fn summary(&mut self) -> Result<Option<Summary>, String> {
        Ok(self.decode()?.summary())
    }
}
