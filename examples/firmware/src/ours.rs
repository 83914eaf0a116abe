//! The documents through klaviyo-bulk-job: whole and in 64-byte chunks,
//! into a full model, a status-poll model and a list model; then the
//! malformed documents, whose errors must be exact.

use core::mem::MaybeUninit;
use core::ptr::addr_of_mut;

use klaviyo_bulk_job::{
    Decoder, Error, ErrorKind, Job, JobDocument, JobList, JsonType, Timestamp, decode_job, decode_list,
};

use crate::expected::{self, DOCUMENTS, MALFORMED, Ts};
use crate::{Case, Report, stack};

/// Members kept per relationship.
pub const M: usize = 4;
/// Errors kept per job.
pub const E: usize = 2;
/// Relationships kept per job.
pub const R: usize = 3;
/// Jobs kept per list page.
pub const J: usize = 3;

/// Bytes fed to the decoder at a time in the chunked runs.
pub const CHUNK: usize = 64;

pub type Full = JobDocument<M, E, R>;
/// The status-poll configuration: lists only count.
pub type Poll = JobDocument<0, 0, 0>;
pub type List = JobList<J, M, E, R>;

/// The outputs live in statics, written in place; only the decoder's own
/// state is on the stack.
pub struct Ctx {
    pub full: &'static mut Full,
    pub poll: &'static mut Poll,
    pub list: &'static mut List,
    #[cfg(feature = "default-capacities")]
    pub wide: &'static mut Wide,
    pub result: Result<(), Error>,
}

/// The crate's default capacities (100 members, 10 errors, 3
/// relationships): 58 KB, only with the `default-capacities` feature.
#[cfg(feature = "default-capacities")]
pub type Wide = JobDocument;

// The outputs' empty values are not all zero bytes: as initialised statics
// they would sit in .data and take their size in flash too. In .uninit they
// are set at start-up instead.
#[cfg(feature = "default-capacities")]
#[unsafe(link_section = ".uninit.WIDE")]
static mut WIDE: MaybeUninit<Wide> = MaybeUninit::uninit();
#[unsafe(link_section = ".uninit.FULL")]
static mut FULL: MaybeUninit<Full> = MaybeUninit::uninit();
#[unsafe(link_section = ".uninit.POLL")]
static mut POLL: MaybeUninit<Poll> = MaybeUninit::uninit();
#[unsafe(link_section = ".uninit.LIST")]
static mut LIST: MaybeUninit<List> = MaybeUninit::uninit();

impl Ctx {
    /// Call once.
    pub fn take() -> Ctx {
        // SAFETY: called once from `main`, so these are the only references.
        unsafe {
            Ctx {
                full: (*addr_of_mut!(FULL)).write(Full::new()),
                poll: (*addr_of_mut!(POLL)).write(Poll::new()),
                list: (*addr_of_mut!(LIST)).write(List::new()),
                #[cfg(feature = "default-capacities")]
                wide: (*addr_of_mut!(WIDE)).write(Wide::new()),
                result: Ok(()),
            }
        }
    }
}

type Run = fn(&mut Ctx, &'static [u8]);

fn feed(mut decoder: Decoder<'_>, input: &[u8]) -> Result<(), Error> {
    for chunk in input.chunks(CHUNK) {
        decoder.feed(chunk)?;
    }
    decoder.finish()
}

#[inline(never)]
fn full_whole(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = decode_job(input, ctx.full);
}

#[inline(never)]
fn full_chunked(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = feed(Decoder::single(ctx.full), input);
}

#[inline(never)]
fn poll_whole(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = decode_job(input, ctx.poll);
}

#[inline(never)]
fn poll_chunked(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = feed(Decoder::single(ctx.poll), input);
}

#[cfg(feature = "default-capacities")]
#[inline(never)]
fn wide_whole(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = decode_job(input, ctx.wide);
}

#[cfg(feature = "default-capacities")]
#[inline(never)]
fn wide_chunked(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = feed(Decoder::single(ctx.wide), input);
}

#[inline(never)]
fn list_whole(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = decode_list(input, ctx.list);
}

#[inline(never)]
fn list_chunked(ctx: &mut Ctx, input: &'static [u8]) {
    ctx.result = feed(Decoder::list(ctx.list), input);
}

const MODES: [(&str, usize); 2] = [("whole", 0), ("chunked", 1)];

/// Decode every document, check it, log it, measure each decode's stack.
pub fn run(report: &mut Report) {
    let mut ctx = Ctx::take();
    let poll_doc = core::mem::size_of::<Poll>();
    let poll_decoder = core::mem::size_of::<Decoder<'static>>();
    defmt::info!("MEASURE size ours poll-document {=usize}", poll_doc);
    defmt::info!("MEASURE size ours poll-decoder {=usize}", poll_decoder);
    defmt::info!("MEASURE size ours poll-total {=usize}", poll_doc + poll_decoder);
    defmt::info!("MEASURE size ours full-document {=usize}", core::mem::size_of::<Full>());
    defmt::info!("MEASURE size ours full-decoder {=usize}", core::mem::size_of::<Decoder<'static>>());
    defmt::info!("MEASURE size ours list {=usize}", core::mem::size_of::<List>());
    report.check(poll_doc + poll_decoder <= 1024, "status poll", "output + decoder state <= 1 KiB");

    for doc in DOCUMENTS {
        for (mode, index) in MODES {
            if doc.list {
                let run: Run = [list_whole, list_chunked][index];
                let case = Case { decoder: "ours", mode, output: "list", doc: doc.name };
                report.measure(case, run, &mut ctx, doc.bytes);
                if report.ok(&ctx.result, "ours", mode, doc.name) {
                    check_list(report, doc, ctx.list);
                    defmt::info!("ours {=str} {=str}: {}", mode, doc.name, *ctx.list);
                }
            } else {
                let run: Run = [full_whole, full_chunked][index];
                let case = Case { decoder: "ours", mode, output: "full", doc: doc.name };
                report.measure(case, run, &mut ctx, doc.bytes);
                if report.ok(&ctx.result, "ours", mode, doc.name) {
                    check_job(report, doc.name, &doc.jobs[0], &ctx.full.job);
                    check_links(report, doc, ctx.full.links.as_ref().map(|links| links.self_link.as_str()));
                    defmt::info!("ours {=str} {=str}: {}", mode, doc.name, *ctx.full);
                }

                #[cfg(feature = "default-capacities")]
                {
                    let run: Run = [wide_whole, wide_chunked][index];
                    let case = Case { decoder: "ours", mode, output: "default", doc: doc.name };
                    report.measure(case, run, &mut ctx, doc.bytes);
                    if report.ok(&ctx.result, "ours", mode, doc.name) {
                        check_job(report, doc.name, &doc.jobs[0], &ctx.wide.job);
                    }
                }

                let run: Run = [poll_whole, poll_chunked][index];
                let case = Case { decoder: "ours", mode, output: "poll", doc: doc.name };
                report.measure(case, run, &mut ctx, doc.bytes);
                if report.ok(&ctx.result, "ours", mode, doc.name) {
                    check_job(report, doc.name, &doc.jobs[0], &ctx.poll.job);
                    check_links(report, doc, ctx.poll.links.as_ref().map(|links| links.self_link.as_str()));
                    let job = &ctx.poll.job;
                    defmt::info!(
                        "ours poll {=str} {=str}: {=str} {} {}/{} errors {=u32} relationships {=u32}",
                        mode,
                        doc.name,
                        job.id.as_str(),
                        job.attributes.status,
                        job.progress().completed,
                        job.progress().total,
                        job.errors.total(),
                        job.relationships.total(),
                    );
                }
            }
        }
    }

    for (malformed, want) in MALFORMED.iter().zip(FAULTS) {
        for (mode, index) in MODES {
            let run: Run = [full_whole, full_chunked][index];
            let used = stack::measure(run, &mut ctx, malformed.bytes);
            report.stack("ours", mode, "error", malformed.name, used);
            match &ctx.result {
                Err(error) => {
                    defmt::info!("ours {=str} {=str}: {}", mode, malformed.name, error);
                    report.check(error.kind == want.kind, malformed.name, "error kind");
                    report.check(error.offset == want.offset, malformed.name, "error offset");
                    report.check(error.path.as_str() == want.path, malformed.name, "error path");
                }
                Ok(()) => report.check(false, malformed.name, "decoded a malformed document"),
            }
        }
    }
    report.check(MALFORMED.len() == FAULTS.len(), "malformed", "one expected error per document");
}

/// The error each malformed document must give, whole or chunked.
struct Fault {
    kind: ErrorKind,
    offset: usize,
    path: &'static str,
}

const fn fault(kind: ErrorKind, offset: usize, path: &'static str) -> Fault {
    Fault { kind, offset, path }
}

/// In the order of [`MALFORMED`]. Offsets follow the contract: a value's
/// first byte, a key's quote, an object's closing brace for a missing
/// member, the input length for an unexpected end.
const FAULTS: [Fault; 15] = [
    fault(ErrorKind::UnexpectedEnd, 60, "data"),
    fault(ErrorKind::TrailingData, 230, ""),
    fault(ErrorKind::UnknownStatus, 81, "data.attributes.status"),
    fault(ErrorKind::InvalidTimestamp, 103, "data.attributes.created_at"),
    fault(ErrorKind::MissingMember, 130, "data.attributes.total_count"),
    fault(ErrorKind::DuplicateMember, 58, "data.id"),
    fault(
        ErrorKind::WrongType { expected: JsonType::Number, found: JsonType::String },
        145,
        "data.attributes.total_count",
    ),
    fault(ErrorKind::NotAnInteger, 145, "data.attributes.total_count"),
    fault(ErrorKind::CountOutOfRange, 145, "data.attributes.total_count"),
    fault(ErrorKind::LoneSurrogate, 205, "data.attributes.errors[0].detail"),
    fault(ErrorKind::ControlCharacter, 190, "data.attributes.errors[0].title"),
    fault(ErrorKind::StringTooLong { capacity: 128 }, 210, "data.relationships.items.data[0].id"),
    fault(ErrorKind::WrongMemberType, 190, "data.relationships.items.data[0].type"),
    fault(ErrorKind::WrongType { expected: JsonType::Object, found: JsonType::Array }, 8, "data"),
    fault(ErrorKind::TooDeep, 303, "included"),
];

fn ts_eq(got: &Timestamp, want: &Ts) -> bool {
    let offset = (!got.offset.is_z()).then(|| got.offset.minutes());
    (got.year, got.month, got.day, got.hour, got.minute, got.second)
        == (want.year, want.month, want.day, want.hour, want.minute, want.second)
        && got.nanosecond == want.nanosecond
        && got.fraction_digits == want.fraction_digits
        && offset == want.offset
}

fn opt_ts_eq(got: Option<&Timestamp>, want: Option<&Ts>) -> bool {
    match (got, want) {
        (Some(got), Some(want)) => ts_eq(got, want),
        (None, None) => true,
        _ => false,
    }
}

fn check_links(report: &mut Report, doc: &expected::Document, got: Option<&str>) {
    report.check(got == doc.links.as_ref().map(|links| links.self_link), doc.name, "links.self");
}

/// Compare a decoded job with what it must be. Lists of capacity 0 (or
/// below the expected length) are checked for their totals and for the
/// entries they kept.
fn check_job<const M: usize, const E: usize, const R: usize>(
    report: &mut Report,
    doc: &str,
    want: &expected::Job,
    job: &Job<M, E, R>,
) {
    let attributes = &job.attributes;
    report.check(job.kind.type_str() == want.type_, doc, "type");
    report.check(job.id.as_str() == want.id, doc, "id");
    report.check(attributes.status.as_str() == want.status, doc, "status");
    report.check(ts_eq(&attributes.created_at, &want.created_at), doc, "created_at");
    report.check(attributes.total_count == want.total_count, doc, "total_count");
    report.check(attributes.completed_count == want.completed_count, doc, "completed_count");
    report.check(attributes.failed_count == want.failed_count, doc, "failed_count");
    report.check(attributes.skipped_count == want.skipped_count, doc, "skipped_count");
    report.check(opt_ts_eq(attributes.completed_at.as_ref(), want.completed_at.as_ref()), doc, "completed_at");
    report.check(opt_ts_eq(attributes.expires_at.as_ref(), want.expires_at.as_ref()), doc, "expires_at");
    report.check(opt_ts_eq(attributes.started_at.as_ref(), want.started_at.as_ref()), doc, "started_at");
    match (job.errors(), want.errors) {
        (None, None) => {}
        (Some(errors), Some(want_errors)) => {
            report.check(errors.total() as usize == want_errors.len(), doc, "errors total");
            report.check(errors.len() == want_errors.len().min(E), doc, "errors kept");
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
    let relationships = &job.relationships;
    report.check(relationships.total() as usize == want.relationships.len(), doc, "relationships total");
    report.check(relationships.len() == want.relationships.len().min(R), doc, "relationships kept");
    for (got, want) in relationships.iter().zip(want.relationships) {
        report.check(got.name.as_str() == want.name, doc, "relationship name");
        report.check(got.name.member_type() == want.member_type, doc, "relationship member type");
        report.check(got.has_data == want.has_data, doc, "relationship has data");
        report.check(got.members.total() as usize == want.members.len(), doc, "members total");
        report.check(got.members.len() == want.members.len().min(M), doc, "members kept");
        for (member, id) in got.members.iter().zip(want.members) {
            report.check(member.id.as_str() == *id, doc, "member id");
        }
        report.check(got.links.self_link.as_deref() == want.self_link, doc, "relationship links.self");
        report.check(got.links.related.as_deref() == want.related, doc, "relationship links.related");
    }
    report.check(job.links.self_link.as_str() == want.self_link, doc, "job links.self");
}

fn check_list(report: &mut Report, doc: &expected::Document, list: &List) {
    report.check(list.jobs.total() as usize == doc.jobs.len(), doc.name, "jobs total");
    report.check(list.jobs.len() == doc.jobs.len().min(J), doc.name, "jobs kept");
    for (job, want) in list.jobs.iter().zip(doc.jobs) {
        check_job(report, doc.name, want, job);
    }
    let links = list.links.as_ref();
    report.check(
        links.map(|links| links.self_link.as_str()) == doc.links.as_ref().map(|l| l.self_link),
        doc.name,
        "links.self",
    );
    let want_next = doc.links.as_ref().and_then(|links| links.next);
    let want_prev = doc.links.as_ref().and_then(|links| links.prev);
    report.check(links.and_then(|links| links.next.as_deref()) == want_next, doc.name, "links.next");
    report.check(links.and_then(|links| links.prev.as_deref()) == want_prev, doc.name, "links.prev");
}

/// The smallest firmware that decodes every document the same ways, with
/// no checks and no logging: the flash it adds over a firmware that decodes
/// nothing is the decoder's share.
#[cfg(feature = "bare")]
pub fn bare() {
    use core::hint::black_box;
    let mut ctx = Ctx::take();
    for doc in DOCUMENTS {
        let runs: &[Run] = if cfg!(feature = "one-shape") {
            // One output type only: single documents into `Full`.
            if doc.list { &[] } else { &[full_whole, full_chunked] }
        } else if doc.list {
            &[list_whole, list_chunked]
        } else {
            &[full_whole, full_chunked, poll_whole, poll_chunked]
        };
        for run in runs {
            run(&mut ctx, black_box(doc.bytes));
            black_box(&ctx.result);
        }
    }
    for malformed in MALFORMED {
        for run in [full_whole as Run, full_chunked] {
            run(&mut ctx, black_box(malformed.bytes));
            black_box(&ctx.result);
        }
    }
    black_box(&*ctx.full);
    black_box(&*ctx.poll);
    black_box(&*ctx.list);
}
