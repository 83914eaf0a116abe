//! The same documents through serde-json-core 0.6 (`from_slice_escaped`)
//! into serde-derived heapless structs of the same capacities and string
//! sizes as klaviyo-bulk-job's model, with the same defaults
//! (`completed_count`/`failed_count` absent: 0; `source.pointer` absent:
//! `"/data"`).
//!
//! serde-json-core only decodes a whole buffer, so there is no chunked run.
//! Timestamps stay strings, and the relationships are a map of at most 3.
//! Where it cannot decode a document, the error it gives is compiled in
//! below and checked, so the list of what it cannot do stays true.

use core::mem::MaybeUninit;
use core::ptr::addr_of_mut;

use heapless::{LinearMap, String, Vec};
use serde::Deserialize;
use serde_json_core::de::{Error as SjcError, from_slice_escaped};

use crate::expected::{self, DOCUMENTS, MALFORMED};
use crate::{Case, Report, stack};

/// Members kept per relationship.
pub const M: usize = 4;
/// Errors kept per job.
pub const E: usize = 2;
/// Relationships kept per job.
pub const R: usize = 3;
/// Jobs kept per list page.
pub const J: usize = 3;

/// A string of at most `N` bytes with a `u16` length, as in klaviyo-bulk-job.
type Text<const N: usize> = String<N, u16>;
const URL: usize = 256;
/// Longest RFC 3339 timestamp: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+HH:MM`.
const TIMESTAMP: usize = 35;
/// The unescape buffer must hold the longest string field (`detail`).
const ESCAPE_BUFFER: usize = 1024;

#[derive(Deserialize, defmt::Format, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Queued,
    Processing,
    Complete,
    Cancelled,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Processing => "processing",
            Status::Complete => "complete",
            Status::Cancelled => "cancelled",
        }
    }
}

fn zero() -> Option<u32> {
    Some(0)
}

fn data_pointer() -> Option<Text<256>> {
    Text::try_from("/data").ok()
}

#[derive(Deserialize, defmt::Format)]
pub struct Attributes {
    pub status: Status,
    pub created_at: Text<TIMESTAMP>,
    pub total_count: u32,
    #[serde(default = "zero")]
    pub completed_count: Option<u32>,
    #[serde(default = "zero")]
    pub failed_count: Option<u32>,
    #[serde(default)]
    pub skipped_count: Option<u32>,
    #[serde(default)]
    pub completed_at: Option<Text<TIMESTAMP>>,
    #[serde(default)]
    pub expires_at: Option<Text<TIMESTAMP>>,
    #[serde(default)]
    pub started_at: Option<Text<TIMESTAMP>>,
    #[serde(default)]
    pub errors: Option<Vec<JobError, E>>,
}

#[derive(Deserialize, defmt::Format)]
pub struct Source {
    #[serde(default = "data_pointer")]
    pub pointer: Option<Text<256>>,
}

#[derive(Deserialize, defmt::Format)]
pub struct JobError {
    pub id: Text<64>,
    pub code: Text<64>,
    pub title: Text<256>,
    pub detail: Text<1024>,
    pub source: Source,
}

#[derive(Deserialize, defmt::Format)]
pub struct Member {
    #[serde(rename = "type")]
    pub type_: Text<16>,
    pub id: Text<128>,
}

#[derive(Deserialize, defmt::Format)]
pub struct RelationshipLinks {
    #[serde(rename = "self", default)]
    pub self_link: Option<Text<URL>>,
    #[serde(default)]
    pub related: Option<Text<URL>>,
}

#[derive(Deserialize, defmt::Format)]
pub struct Relationship {
    #[serde(default)]
    pub data: Option<Vec<Member, M>>,
    #[serde(default)]
    pub links: Option<RelationshipLinks>,
}

/// `relationships`: at most `R`, by name, in document order.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct Relationships(pub LinearMap<Text<16>, Relationship, R>);

impl defmt::Format for Relationships {
    fn format(&self, f: defmt::Formatter) {
        for (name, relationship) in self.0.iter() {
            defmt::write!(f, "{=str}: {} ", name.as_str(), relationship);
        }
    }
}

#[derive(Deserialize, defmt::Format)]
pub struct Links {
    #[serde(rename = "self")]
    pub self_link: Text<URL>,
}

#[derive(Deserialize, defmt::Format)]
pub struct Job {
    #[serde(rename = "type")]
    pub type_: Text<40>,
    pub id: Text<64>,
    pub attributes: Attributes,
    #[serde(default)]
    pub relationships: Option<Relationships>,
    pub links: Links,
}

#[derive(Deserialize, defmt::Format)]
pub struct Document {
    pub data: Job,
    #[serde(default)]
    pub links: Option<Links>,
}

#[derive(Deserialize, defmt::Format)]
pub struct CollectionLinks {
    #[serde(rename = "self")]
    pub self_link: Text<URL>,
    #[serde(default)]
    pub first: Option<Text<URL>>,
    #[serde(default)]
    pub last: Option<Text<URL>>,
    #[serde(default)]
    pub prev: Option<Text<URL>>,
    #[serde(default)]
    pub next: Option<Text<URL>>,
}

#[derive(Deserialize, defmt::Format)]
pub struct List {
    pub data: Vec<Job, J>,
    #[serde(default)]
    pub links: Option<CollectionLinks>,
}

/// The status poll: no `errors` and no `relationships` (serde-json-core
/// skips them); it cannot count them.
#[derive(Deserialize, defmt::Format)]
pub struct PollAttributes {
    pub status: Status,
    pub created_at: Text<TIMESTAMP>,
    pub total_count: u32,
    #[serde(default = "zero")]
    pub completed_count: Option<u32>,
    #[serde(default = "zero")]
    pub failed_count: Option<u32>,
    #[serde(default)]
    pub skipped_count: Option<u32>,
    #[serde(default)]
    pub completed_at: Option<Text<TIMESTAMP>>,
    #[serde(default)]
    pub expires_at: Option<Text<TIMESTAMP>>,
    #[serde(default)]
    pub started_at: Option<Text<TIMESTAMP>>,
}

#[derive(Deserialize, defmt::Format)]
pub struct PollJob {
    #[serde(rename = "type")]
    pub type_: Text<40>,
    pub id: Text<64>,
    pub attributes: PollAttributes,
    pub links: Links,
}

#[derive(Deserialize, defmt::Format)]
pub struct PollDocument {
    pub data: PollJob,
    #[serde(default)]
    pub links: Option<Links>,
}

/// serde-json-core's error, logged by name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Fail(pub SjcError);

impl defmt::Format for Fail {
    fn format(&self, f: defmt::Formatter) {
        defmt::write!(f, "{=str}", name(self.0));
    }
}

fn name(error: SjcError) -> &'static str {
    match error {
        SjcError::AnyIsUnsupported => "AnyIsUnsupported",
        SjcError::BytesIsUnsupported => "BytesIsUnsupported",
        SjcError::EofWhileParsingList => "EofWhileParsingList",
        SjcError::EofWhileParsingObject => "EofWhileParsingObject",
        SjcError::EofWhileParsingString => "EofWhileParsingString",
        SjcError::EofWhileParsingNumber => "EofWhileParsingNumber",
        SjcError::EofWhileParsingValue => "EofWhileParsingValue",
        SjcError::ExpectedColon => "ExpectedColon",
        SjcError::ExpectedListCommaOrEnd => "ExpectedListCommaOrEnd",
        SjcError::ExpectedObjectCommaOrEnd => "ExpectedObjectCommaOrEnd",
        SjcError::ExpectedSomeIdent => "ExpectedSomeIdent",
        SjcError::ExpectedSomeValue => "ExpectedSomeValue",
        SjcError::InvalidNumber => "InvalidNumber",
        SjcError::InvalidType => "InvalidType",
        SjcError::InvalidUnicodeCodePoint => "InvalidUnicodeCodePoint",
        SjcError::InvalidEscapeSequence => "InvalidEscapeSequence",
        SjcError::EscapedStringIsTooLong => "EscapedStringIsTooLong",
        SjcError::KeyMustBeAString => "KeyMustBeAString",
        SjcError::TrailingCharacters => "TrailingCharacters",
        SjcError::TrailingComma => "TrailingComma",
        SjcError::CustomError => "CustomError",
        _ => "other",
    }
}

/// Outputs in statics, as for klaviyo-bulk-job; serde-json-core returns
/// its value, which is then moved there.
pub struct Ctx {
    pub doc: &'static mut Option<Document>,
    pub poll: &'static mut Option<PollDocument>,
    pub list: &'static mut Option<List>,
    pub escape: &'static mut [u8; ESCAPE_BUFFER],
    pub result: Result<(), Fail>,
}

// As in `ours`: set at start-up, so they take no flash.
#[unsafe(link_section = ".uninit.DOC")]
static mut DOC: MaybeUninit<Option<Document>> = MaybeUninit::uninit();
#[unsafe(link_section = ".uninit.POLL")]
static mut POLL: MaybeUninit<Option<PollDocument>> = MaybeUninit::uninit();
#[unsafe(link_section = ".uninit.LIST")]
static mut LIST: MaybeUninit<Option<List>> = MaybeUninit::uninit();
static mut ESCAPE: [u8; ESCAPE_BUFFER] = [0; ESCAPE_BUFFER];

impl Ctx {
    /// Call once.
    pub fn take() -> Ctx {
        // SAFETY: called once from `main`, so these are the only references.
        unsafe {
            Ctx {
                doc: (*addr_of_mut!(DOC)).write(None),
                poll: (*addr_of_mut!(POLL)).write(None),
                list: (*addr_of_mut!(LIST)).write(None),
                escape: &mut *addr_of_mut!(ESCAPE),
                result: Ok(()),
            }
        }
    }
}

type Run = fn(&mut Ctx, &'static [u8]);

#[inline(never)]
fn doc_whole(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = match from_slice_escaped::<Document>(input, ctx.escape) {
        Ok((doc, _)) => {
            *ctx.doc = Some(doc);
            Ok(())
        }
        Err(error) => Err(Fail(error)),
    };
}

#[inline(never)]
fn poll_whole(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = match from_slice_escaped::<PollDocument>(input, ctx.escape) {
        Ok((doc, _)) => {
            *ctx.poll = Some(doc);
            Ok(())
        }
        Err(error) => Err(Fail(error)),
    };
}

#[inline(never)]
fn list_whole(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = match from_slice_escaped::<List>(input, ctx.escape) {
        Ok((list, _)) => {
            *ctx.list = Some(list);
            Ok(())
        }
        Err(error) => Err(Fail(error)),
    };
}

/// What serde-json-core gives for each of [`DOCUMENTS`] (`None`: it
/// decodes it, and the result is checked).
const VALID: [Option<SjcError>; 5] = [
    None,
    None,
    // `\ud83d\ude80`: it unescapes each `\u` on its own, and a surrogate is
    // not a `char`.
    Some(SjcError::InvalidEscapeSequence),
    None,
    None,
];

/// What serde-json-core gives for each of [`MALFORMED`] (`None`: it
/// accepts the document).
const REJECTS: [Option<SjcError>; 15] = [
    Some(SjcError::EofWhileParsingString),    // truncated
    Some(SjcError::TrailingCharacters),       // trailing-data
    Some(SjcError::CustomError),              // unknown-status
    None,                                     // bad-timestamp: a string to it
    Some(SjcError::CustomError),              // missing-total-count
    Some(SjcError::CustomError),              // duplicate-id
    Some(SjcError::InvalidType),              // count-as-string
    Some(SjcError::ExpectedObjectCommaOrEnd), // count-fraction
    Some(SjcError::InvalidNumber),            // count-too-big
    Some(SjcError::InvalidEscapeSequence),    // lone-surrogate
    None,                                     // control-character: not checked
    Some(SjcError::CustomError),              // member-id-too-long
    None,                                     // wrong-member-type: a string to it
    Some(SjcError::InvalidType),              // wrong-type-data
    None,                                     // too-deep: no depth limit (it recurses)
];

fn expect(report: &mut Report, doc: &str, mode: &str, got: &Result<(), Fail>, want: Option<SjcError>) -> bool {
    match (got, want) {
        (Ok(()), None) => true,
        (Err(error), Some(want)) => {
            defmt::info!("LIMIT serde-json-core {=str} {=str}: {}", mode, doc, error);
            report.check(error.0 == want, doc, "serde-json-core error");
            false
        }
        (Ok(()), Some(want)) => {
            defmt::error!("serde-json-core {=str} {=str}: decoded, expected {=str}", mode, doc, name(want));
            report.check(false, doc, "serde-json-core decoded");
            false
        }
        (Err(error), None) => {
            defmt::error!("serde-json-core {=str} {=str}: {}", mode, doc, error);
            report.check(false, doc, "serde-json-core failed");
            false
        }
    }
}

pub fn run(report: &mut Report) {
    let mut ctx = Ctx::take();
    defmt::info!("MEASURE size sjc poll-document {=usize}", core::mem::size_of::<Option<PollDocument>>());
    defmt::info!("MEASURE size sjc full-document {=usize}", core::mem::size_of::<Option<Document>>());
    defmt::info!("MEASURE size sjc list {=usize}", core::mem::size_of::<Option<List>>());
    defmt::info!("MEASURE size sjc escape-buffer {=usize}", ESCAPE_BUFFER);

    for (doc, want) in DOCUMENTS.iter().zip(VALID) {
        if doc.list {
            let case = Case { decoder: "sjc", mode: "whole", output: "list", doc: doc.name };
            report.measure(case, list_whole as Run, &mut ctx, doc.bytes);
            if expect(report, doc.name, "list", &ctx.result, want)
                && let Some(list) = ctx.list.as_ref()
            {
                check_list(report, doc, list);
                defmt::info!("sjc whole {=str}: {}", doc.name, list);
            }
            continue;
        }
        let case = Case { decoder: "sjc", mode: "whole", output: "full", doc: doc.name };
        report.measure(case, doc_whole as Run, &mut ctx, doc.bytes);
        if expect(report, doc.name, "full", &ctx.result, want)
            && let Some(decoded) = ctx.doc.as_ref()
        {
            let want_job = &doc.jobs[0];
            check_job(report, doc.name, want_job, &decoded.data);
            report.check(
                decoded.links.as_ref().map(|l| l.self_link.as_str()) == doc.links.as_ref().map(|l| l.self_link),
                doc.name,
                "links.self",
            );
            defmt::info!("sjc whole {=str}: {}", doc.name, decoded);
        }

        let case = Case { decoder: "sjc", mode: "whole", output: "poll", doc: doc.name };
        report.measure(case, poll_whole as Run, &mut ctx, doc.bytes);
        if expect(report, doc.name, "poll", &ctx.result, want)
            && let Some(decoded) = ctx.poll.as_ref()
        {
            let job = &decoded.data;
            let a = &job.attributes;
            check_common(
                report,
                doc.name,
                &doc.jobs[0],
                Common {
                    type_: &job.type_,
                    id: &job.id,
                    status: a.status,
                    created_at: &a.created_at,
                    total_count: a.total_count,
                    counts: [a.completed_count, a.failed_count, a.skipped_count],
                    times: [a.completed_at.as_deref(), a.expires_at.as_deref(), a.started_at.as_deref()],
                    self_link: &job.links.self_link,
                },
            );
            defmt::info!(
                "sjc poll whole {=str}: {=str} {} {}/{}",
                doc.name,
                job.id.as_str(),
                a.status,
                a.completed_count,
                a.total_count
            );
        }
    }

    for (malformed, want) in MALFORMED.iter().zip(REJECTS) {
        let used = stack::measure(doc_whole as Run, &mut ctx, malformed.bytes);
        report.stack("sjc", "whole", "error", malformed.name, used);
        match (&ctx.result, want) {
            (Ok(()), None) => defmt::info!("LIMIT serde-json-core accepts malformed {=str}", malformed.name),
            (Err(error), Some(want)) => {
                defmt::info!("sjc whole {=str}: {}", malformed.name, error);
                report.check(error.0 == want, malformed.name, "serde-json-core error");
            }
            (Ok(()), Some(want)) => {
                defmt::error!("serde-json-core accepted {=str}, expected {=str}", malformed.name, name(want));
                report.check(false, malformed.name, "serde-json-core accepted");
            }
            (Err(error), None) => {
                defmt::error!("serde-json-core rejected {=str}: {}", malformed.name, error);
                report.check(false, malformed.name, "serde-json-core rejected");
            }
        }
    }
}

/// The fields a full job and a poll job share.
struct Common<'a> {
    type_: &'a str,
    id: &'a str,
    status: Status,
    created_at: &'a str,
    total_count: u32,
    /// completed, failed, skipped
    counts: [Option<u32>; 3],
    /// completed_at, expires_at, started_at
    times: [Option<&'a str>; 3],
    self_link: &'a str,
}

fn check_common(report: &mut Report, doc: &str, want: &expected::Job, got: Common<'_>) {
    report.check(got.type_ == want.type_, doc, "type");
    report.check(got.id == want.id, doc, "id");
    report.check(got.status.as_str() == want.status, doc, "status");
    report.check(got.created_at == want.created_at.text, doc, "created_at");
    report.check(got.total_count == want.total_count, doc, "total_count");
    report.check(got.counts == [want.completed_count, want.failed_count, want.skipped_count], doc, "counts");
    let want_times = [&want.completed_at, &want.expires_at, &want.started_at].map(|ts| ts.as_ref().map(|ts| ts.text));
    report.check(got.times == want_times, doc, "timestamps");
    report.check(got.self_link == want.self_link, doc, "job links.self");
}

fn check_job(report: &mut Report, doc: &str, want: &expected::Job, job: &Job) {
    let a = &job.attributes;
    check_common(
        report,
        doc,
        want,
        Common {
            type_: &job.type_,
            id: &job.id,
            status: a.status,
            created_at: &a.created_at,
            total_count: a.total_count,
            counts: [a.completed_count, a.failed_count, a.skipped_count],
            times: [a.completed_at.as_deref(), a.expires_at.as_deref(), a.started_at.as_deref()],
            self_link: &job.links.self_link,
        },
    );
    match (a.errors.as_ref(), want.errors) {
        (None, None) => {}
        (Some(errors), Some(want_errors)) => {
            report.check(errors.len() == want_errors.len(), doc, "errors count");
            for (got, want) in errors.iter().zip(want_errors) {
                report.check(got.id.as_str() == want.id, doc, "errors[].id");
                report.check(got.code.as_str() == want.code, doc, "errors[].code");
                report.check(got.title.as_str() == want.title, doc, "errors[].title");
                report.check(got.detail.as_str() == want.detail, doc, "errors[].detail");
                report.check(got.source.pointer.as_deref() == want.pointer, doc, "errors[].source.pointer");
            }
        }
        _ => report.check(false, doc, "errors present"),
    }
    let count = job.relationships.as_ref().map_or(0, |r| r.0.len());
    report.check(count == want.relationships.len(), doc, "relationships count");
    if let Some(relationships) = job.relationships.as_ref() {
        for ((name, got), want) in relationships.0.iter().zip(want.relationships) {
            report.check(name.as_str() == want.name, doc, "relationship name");
            report.check(got.data.is_some() == want.has_data, doc, "relationship has data");
            let members = got.data.as_deref().unwrap_or_default();
            report.check(members.len() == want.members.len(), doc, "members count");
            for (member, id) in members.iter().zip(want.members) {
                report.check(member.type_.as_str() == want.member_type, doc, "member type");
                report.check(member.id.as_str() == *id, doc, "member id");
            }
            let links = got.links.as_ref();
            report.check(links.and_then(|l| l.self_link.as_deref()) == want.self_link, doc, "relationship links.self");
            report.check(links.and_then(|l| l.related.as_deref()) == want.related, doc, "relationship links.related");
        }
    }
}

fn check_list(report: &mut Report, doc: &expected::Document, list: &List) {
    report.check(list.data.len() == doc.jobs.len(), doc.name, "jobs count");
    for (job, want) in list.data.iter().zip(doc.jobs) {
        check_job(report, doc.name, want, job);
    }
    let links = list.links.as_ref();
    let want = doc.links.as_ref();
    report.check(links.map(|l| l.self_link.as_str()) == want.map(|l| l.self_link), doc.name, "links.self");
    report.check(links.and_then(|l| l.next.as_deref()) == want.and_then(|l| l.next), doc.name, "links.next");
    report.check(links.and_then(|l| l.prev.as_deref()) == want.and_then(|l| l.prev), doc.name, "links.prev");
}

/// See `ours::bare`.
#[cfg(feature = "bare")]
pub fn bare() {
    use core::hint::black_box;
    let mut ctx = Ctx::take();
    for doc in DOCUMENTS {
        let runs: &[Run] = if cfg!(feature = "one-shape") {
            if doc.list { &[] } else { &[doc_whole] }
        } else if doc.list {
            &[list_whole]
        } else {
            &[doc_whole, poll_whole]
        };
        for run in runs {
            run(&mut ctx, black_box(doc.bytes));
            black_box(&ctx.result);
        }
    }
    for malformed in MALFORMED {
        doc_whole(&mut ctx, black_box(malformed.bytes));
        black_box(&ctx.result);
    }
    black_box(&*ctx.doc);
    black_box(&*ctx.poll);
    black_box(&*ctx.list);
}
