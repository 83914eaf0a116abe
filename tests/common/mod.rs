//! Helpers shared by `tests/fixtures.rs`, `tests/kinds.rs` and
//! `tests/bad_inputs.rs`: reading the fixture folders, decoding whole or in
//! chunks, and building the expected model.
#![allow(dead_code)]

use std::path::PathBuf;

use klaviyo_bulk_job::{
    AttributeSet, Decoder, Error, ErrorSource, Job, JobDocument, JobError, JobKind, JobList, Member, Options,
    Relationship, RelationshipLinks, RelationshipName, Text, Timestamp, UtcOffset,
};

/// Capacities large enough for every valid fixture.
pub const M: usize = 8;
pub const E: usize = 4;
/// One slot per relationship name of the family: with that many, relationships
/// a kind lacks that come before `type` never take a slot its own need (see
/// the README's note on member order), so every fixture decodes the same
/// whatever its member order.
pub const R: usize = 8;
pub const J: usize = 16;

pub type Doc = JobDocument<M, E, R>;
pub type Page = JobList<J, M, E, R>;
pub type TestJob = Job<M, E, R>;

/// Chunk sizes every fixture is fed in, besides whole.
pub const CHUNKS: [usize; 8] = [1, 2, 3, 5, 7, 16, 64, 4096];

pub fn folder(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join(kind)
}

/// The bytes of `kind/name` (`kind` is `valid` or `invalid`).
pub fn read(kind: &str, name: &str) -> Vec<u8> {
    let path = folder(kind).join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The `*.json` file names in `kind`, sorted.
pub fn json_files(kind: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder(kind))
        .expect("fixture folder")
        .map(|entry| entry.expect("entry").file_name().into_string().expect("UTF-8 name"))
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// The sparse fieldset a valid fixture was fetched with, by file name.
pub fn fields_for(name: &str) -> Option<&'static str> {
    match name {
        "single-sparse-status-counts.json" | "single-sparse-default-count.json" | "list-sparse.json" => {
            Some("status,completed_count,total_count")
        }
        "single-sparse-no-attributes.json" => Some("id"),
        "single-sparse-extra-attribute.json" => Some("status,total_count"),
        _ => None,
    }
}

pub fn options_for(name: &str) -> Options {
    Options { fields: fields_for(name).map(AttributeSet::from_fields), ..Options::default() }
}

/// Decode a single-job document fed `chunk` bytes at a time (0: whole).
pub fn decode_single<const M2: usize, const E2: usize, const R2: usize>(
    input: &[u8],
    chunk: usize,
    options: Options,
    document: &mut JobDocument<M2, E2, R2>,
) -> Result<(), Error> {
    let mut decoder = Decoder::single(document).with_options(options);
    let size = if chunk == 0 { input.len().max(1) } else { chunk };
    for piece in input.chunks(size) {
        decoder.feed(piece)?;
    }
    decoder.finish()
}

/// Decode a job-list document fed `chunk` bytes at a time (0: whole).
pub fn decode_page<const J2: usize, const M2: usize, const E2: usize, const R2: usize>(
    input: &[u8],
    chunk: usize,
    options: Options,
    list: &mut JobList<J2, M2, E2, R2>,
) -> Result<(), Error> {
    let mut decoder = Decoder::list(list).with_options(options);
    let size = if chunk == 0 { input.len().max(1) } else { chunk };
    for piece in input.chunks(size) {
        decoder.feed(piece)?;
    }
    decoder.finish()
}

/// Decode valid fixture `name` whole into a fresh document.
pub fn single(name: &str) -> Box<Doc> {
    let mut document = Box::new(Doc::new());
    decode_single(&read("valid", name), 0, options_for(name), &mut document)
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    document
}

/// Decode valid fixture `name` whole into a fresh list.
pub fn page(name: &str) -> Box<Page> {
    let mut list = Box::new(Page::new());
    decode_page(&read("valid", name), 0, options_for(name), &mut list)
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    list
}

/// Offset of the first `needle` in `haystack`.
pub fn offset_of(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
        .unwrap_or_else(|| panic!("{:?} not found", String::from_utf8_lossy(needle)))
}

// --- Expected values -------------------------------------------------------

pub fn text<const N: usize>(value: &str) -> Text<N> {
    Text::try_from(value).unwrap_or_else(|_| panic!("{value:?} exceeds {N} bytes"))
}

/// A timestamp from its fields; `offset` in minutes, `None` for `Z`.
pub fn ts(
    date: (u16, u8, u8),
    time: (u8, u8, u8),
    nanosecond: u32,
    fraction_digits: u8,
    offset: Option<i16>,
) -> Timestamp {
    Timestamp {
        nanosecond,
        year: date.0,
        offset: offset.map_or(UtcOffset::Z, UtcOffset::from_minutes),
        month: date.1,
        day: date.2,
        hour: time.0,
        minute: time.1,
        second: time.2,
        fraction_digits,
    }
}

/// `YYYY-MM-DDTHH:MM:SS+00:00`, Klaviyo's usual form.
pub fn utc(date: (u16, u8, u8), time: (u8, u8, u8)) -> Timestamp {
    ts(date, time, 0, 0, Some(0))
}

/// A job of `kind` with every attribute at its zero value and `fields` set
/// to the kind's attributes.
pub fn job<const M2: usize, const E2: usize, const R2: usize>(
    kind: JobKind,
    id: &str,
    self_link: &str,
) -> Job<M2, E2, R2> {
    let mut job = Job::new();
    job.kind = kind;
    job.id = text(id);
    job.links.self_link = text(self_link);
    job.attributes.fields = kind.attributes();
    job
}

pub fn error(id: &str, code: &str, title: &str, detail: &str, pointer: Option<&str>) -> JobError {
    JobError {
        id: text(id),
        code: text(code),
        title: text(title),
        detail: text(detail),
        source: ErrorSource { pointer: pointer.map(text) },
    }
}

/// A relationship; `data` is `None` when the document had no `data`.
pub fn relationship<const M2: usize>(
    name: RelationshipName,
    data: Option<&[&str]>,
    self_link: Option<&str>,
    related: Option<&str>,
) -> Relationship<M2> {
    let mut relationship = Relationship::new();
    relationship.name = name;
    relationship.has_data = data.is_some();
    for id in data.unwrap_or_default() {
        relationship.members.push(Member { id: text(id) });
    }
    relationship.links = RelationshipLinks { self_link: self_link.map(text), related: related.map(text) };
    relationship
}
