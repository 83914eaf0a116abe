//! The direct path for a document that lies whole in memory: one function
//! per object of the schema, each reading its members straight into the
//! model through a [`Cursor`], with no events, frames or pending member in
//! between.
//!
//! It takes only documents it can prove valid, and writes exactly what the
//! streaming decoder writes for them. At anything else (any error, a
//! sparse fieldset) it gives up, and [`decode_job_with`] and
//! [`decode_list_with`] decode the same input again with the streaming
//! decoder, which reports the error's kind, offset and path. The tests
//! decode every document both ways and require the same outcome.
//!
//! The functions nest as the schema does, at most seven deep; what they
//! do not know is skipped by one loop. Nothing recurses on input.
//!
//! [`decode_job_with`]: super::decode_job_with
//! [`decode_list_with`]: super::decode_list_with

use heapless::string::StringView;

use super::output::JobStore;
use super::schema::{
    DEFAULT_POINTER, FrameKind, bits, quoted_member_type, relationship_bit, relationship_name, required,
};
use super::{Accept, finish_job};
use crate::lexer::cursor::{Cursor, GiveUp, Measure, Step};
use crate::lexer::input::{CheckedAsRead, CheckedFirst, Input};
use crate::model::text::{
    ERROR_CODE_CAPACITY, ERROR_DETAIL_CAPACITY, ERROR_ID_CAPACITY, ERROR_TITLE_CAPACITY, JOB_ID_CAPACITY,
    MEMBER_ID_CAPACITY, POINTER_CAPACITY, URL_CAPACITY,
};
use crate::model::{
    Attribute, AttributeSet, BoundedList, CollectionLinks, Entry, ErrorSource, Job, JobDocument, JobError, JobKind,
    JobList, JobStatus, Links, Member, Relationship, RelationshipLinks, RelationshipName, Text, Url,
};
use crate::time::Timestamp;

// A short value the direct path holds is one the streaming decoder holds.
const _: () = assert!(crate::lexer::cursor::SHORT_CAPACITY == super::SMALL_CAPACITY);

/// Decode a single-job document, or give up. Never inlined, so that its
/// frame and the streaming decoder's, which reads the input next when it
/// gives up, are not on the stack at once.
#[inline(never)]
pub(crate) fn single<const M: usize, const E: usize, const R: usize>(
    input: &[u8],
    document: &mut JobDocument<M, E, R>,
    accept: Accept,
) -> Step {
    if checks_as_read::<JobDocument<M, E, R>>(input) {
        single_checked::<CheckedAsRead, M, E, R>(input, document, accept)
    } else {
        single_checked::<CheckedFirst, M, E, R>(input, document, accept)
    }
}

/// [`single`], with the input checked as UTF-8 as `I` does it.
#[inline(never)]
fn single_checked<'i, I: Input<'i>, const M: usize, const E: usize, const R: usize>(
    input: &'i [u8],
    document: &mut JobDocument<M, E, R>,
    accept: Accept,
) -> Step {
    document.job.clear();
    document.links = None;
    read_document::<I>(
        input,
        |cursor| job(cursor, Some(&mut document.job), accept, 2),
        |cursor| {
            let links = document.links.insert(Links { self_link: Text::new() });
            self_link(cursor, Some(&mut links.self_link), 2)
        },
    )
}

/// Decode a list document, or give up. Never inlined (see [`single`]).
#[inline(never)]
pub(crate) fn list<const J: usize, const M: usize, const E: usize, const R: usize>(
    input: &[u8],
    list: &mut JobList<J, M, E, R>,
    accept: Accept,
) -> Step {
    if checks_as_read::<JobList<J, M, E, R>>(input) {
        list_checked::<CheckedAsRead, J, M, E, R>(input, list, accept)
    } else {
        list_checked::<CheckedFirst, J, M, E, R>(input, list, accept)
    }
}

/// [`list`], with the input checked as UTF-8 as `I` does it.
#[inline(never)]
fn list_checked<'i, I: Input<'i>, const J: usize, const M: usize, const E: usize, const R: usize>(
    input: &'i [u8],
    list: &mut JobList<J, M, E, R>,
    accept: Accept,
) -> Step {
    list.jobs.clear();
    list.links = None;
    read_document::<I>(
        input,
        |cursor| cursor.elements(|cursor| job(cursor, list.jobs.as_mut().begin(), accept, 3)),
        |cursor| collection_links(cursor, list.links.insert(CollectionLinks::default())),
    )
}

/// Whether to check `input` as UTF-8 as it is read ([`CheckedAsRead`]),
/// not whole first ([`CheckedFirst`]): when it is longer than the `Output`
/// it is read into. Kept text is never longer than the output, so what
/// the document has past that is skipped (an `included` array, members
/// past the capacity, unknown members), and checking as read costs less
/// on skipped text and a little more on kept text. A single job that
/// fills a `JobDocument<100, 5, 1>` (22 KB) takes about 14 KB. Only on
/// 64-bit targets: on a microcontroller, the second copy of the direct
/// path it needs would cost flash. `--cfg kbj_always_check_as_read`
/// checks every document as read, to measure what that costs.
#[inline(always)]
fn checks_as_read<Output>(input: &[u8]) -> bool {
    cfg!(target_pointer_width = "64")
        && (cfg!(kbj_always_check_as_read) || input.len() > core::mem::size_of::<Output>())
}

/// Read the members of an object whose `{` was taken into `$members`:
/// first those of `$bits`, in that order (the schema's, which is
/// Klaviyo's), each taken if its key comes next; then the rest as they
/// come, an unknown one skipped inside `$depth` containers. `$read` reads
/// the value of the member of bit `$bit`. It is written out for each bit
/// of `$bits`, where the bit is a constant, so reading in order makes no
/// dispatch on which member it is. Being written out, a `return` in it
/// leaves the function that reads the object.
macro_rules! read_members {
    ($members:ident, $cursor:ident, $depth:expr, [$($bits:expr),* $(,)?], |$bit:ident| $read:expr) => {{
        $(if $members.take($cursor, $bits)? {
            let $bit: u8 = $bits;
            $read?;
        })*
        while let Some(known) = $members.next($cursor)? {
            match known {
                Some($bit) => $read?,
                None => $cursor.skip_value($depth)?,
            }
        }
    }};
}

/// The document's object: `data` reads its `data`, and `links` its `links`
/// unless they are `null`; nothing but whitespace may follow. The input is
/// checked as UTF-8 as `I` does it ([`Input`]).
#[inline(always)]
fn read_document<'i, I: Input<'i>>(
    input: &'i [u8],
    mut data: impl FnMut(&mut Cursor<'i, I>) -> Step,
    mut links: impl FnMut(&mut Cursor<'i, I>) -> Step,
) -> Step {
    let cursor = &mut Cursor::<I>::over(input)?;
    let mut members = Members::open(cursor, FrameKind::Document)?;
    read_members!(members, cursor, 1, [bits::DATA, bits::LINKS_OF_DOCUMENT], |bit| {
        if bit == bits::DATA {
            data(cursor)
        } else if cursor.null() {
            Step::Ok(())
        } else {
            links(cursor)
        }
    });
    members.complete(None)?;
    cursor.end()
}

/// The members of one object of the schema as they are read: which were
/// seen, and which probably comes next. Klaviyo writes members in the
/// schema's order, so the key after a member of bit `b` is first tried as
/// the one of bit `b + 1`, then `b + 2` (an optional member left out), one
/// comparison each, before it is scanned and looked up.
struct Members {
    kind: FrameKind,
    /// Members seen so far: one bit each, as in the streaming decoder.
    seen: u16,
    /// The member expected next.
    guess: u8,
    /// Whether a member was read: the next one then needs a comma.
    started: bool,
    /// The comma before the next key was taken, and the key was not.
    at_key: bool,
    /// The closing `}` was taken.
    ended: bool,
}

impl Members {
    /// Take the object's `{`.
    #[inline]
    fn open<'i, I: Input<'i>>(cursor: &mut Cursor<'i, I>, kind: FrameKind) -> Step<Self> {
        cursor.expect(b'{')?;
        Ok(Members { kind, seen: 0, guess: 0, started: false, at_key: false, ended: false })
    }

    /// Move to the next key: take the comma before it, or the `}`. False
    /// once the object has ended.
    #[inline(always)]
    fn key_follows<'i, I: Input<'i>>(&mut self, cursor: &mut Cursor<'i, I>) -> Step<bool> {
        if self.at_key || self.ended {
            return Ok(self.at_key);
        }
        let follows = if self.started { cursor.member_follows()? } else { !cursor.object_ends() };
        self.started = true;
        self.at_key = follows;
        self.ended = !follows;
        Ok(follows)
    }

    /// Take member `bit` and its colon if its key comes next: the object
    /// read in the schema's order, one comparison a member and no dispatch
    /// on which member it is. Used before [`Members::next`], so `bit` has
    /// not been seen.
    #[inline(always)]
    fn take<'i, I: Input<'i>>(&mut self, cursor: &mut Cursor<'i, I>, bit: u8) -> Step<bool> {
        if !self.key_follows(cursor)? {
            return Ok(false);
        }
        let key = &self.kind.quoted_keys()[usize::from(bit)];
        if !cursor.key_is(key.text, key.mask, usize::from(key.len), key.with_colon)? {
            return Ok(false);
        }
        self.at_key = false;
        self.seen |= 1 << bit;
        self.guess = bit + 1;
        Ok(true)
    }

    /// The next member: `Some(Some(bit))` for one the schema knows,
    /// `Some(None)` for one it does not, `None` after the closing `}`.
    /// Gives up on a duplicate.
    #[inline(always)]
    fn next<'i, I: Input<'i>>(&mut self, cursor: &mut Cursor<'i, I>) -> Step<Option<Option<u8>>> {
        if !self.key_follows(cursor)? {
            return Ok(None);
        }
        self.at_key = false;
        // The member after the last one, or the one after that when an
        // optional member is left out.
        let mut predicted = None;
        for candidate in [self.guess, self.guess + 1] {
            if let Some(key) = self.kind.quoted_keys().get(usize::from(candidate))
                && cursor.key_is(key.text, key.mask, usize::from(key.len), key.with_colon)?
            {
                predicted = Some(candidate);
                break;
            }
        }
        let bit = match predicted {
            Some(bit) => bit,
            None => match self.kind.bit_of(cursor.key(self.kind.keys())?) {
                Some(bit) => bit,
                None => return Ok(Some(None)),
            },
        };
        if self.seen & 1 << bit != 0 {
            return Err(GiveUp);
        }
        self.seen |= 1 << bit;
        self.guess = bit + 1;
        Ok(Some(Some(bit)))
    }

    /// Every member the object must have was seen (`relationship`: whose
    /// `links` these are, for a relationship's links).
    #[inline]
    fn complete(&self, relationship: Option<RelationshipName>) -> Step {
        let required = required(self.kind, relationship, AttributeSet::ALL);
        if required & !self.seen == 0 { Ok(()) } else { Err(GiveUp) }
    }
}

/// A string value into `field`, or only checked against `capacity` when
/// the field is not kept.
#[inline]
fn text<'i, I: Input<'i>>(cursor: &mut Cursor<'i, I>, field: Option<&mut StringView<u16>>, capacity: usize) -> Step {
    match field {
        Some(field) => cursor.string(field),
        None => cursor.string(&mut Measure { room: capacity }),
    }
}

/// A job object, inside `depth` open containers once it opens. `job` is
/// `None` when the list is full: the job is then checked, not kept.
fn job<'i, I: Input<'i>, const M: usize, const E: usize, const R: usize>(
    cursor: &mut Cursor<'i, I>,
    mut job: Option<&mut Job<M, E, R>>,
    accept: Accept,
    depth: u8,
) -> Step {
    let mut members = Members::open(cursor, FrameKind::Job)?;
    let mut kind = None;
    let mut relationship_names = 0;
    read_members!(
        members,
        cursor,
        depth,
        [bits::TYPE, bits::ID, bits::ATTRIBUTES, bits::RELATIONSHIPS, bits::LINKS_OF_JOB],
        |bit| {
            match bit {
                bits::TYPE => {
                    let found = cursor.short(JobKind::from_type_bytes)?;
                    if !accept.admits(found) {
                        return Err(GiveUp);
                    }
                    if let Some(job) = job.as_deref_mut() {
                        job.kind = found;
                    }
                    kind = Some(found);
                }
                bits::ID => text(cursor, job.as_deref_mut().map(|job| job.id.as_mut_view()), JOB_ID_CAPACITY)?,
                bits::ATTRIBUTES => attributes(cursor, job.as_deref_mut(), depth + 1)?,
                bits::LINKS_OF_JOB => {
                    self_link(cursor, job.as_deref_mut().map(|job| &mut job.links.self_link), depth + 1)?;
                }
                _ => {
                    if !cursor.null() {
                        let list = job.as_deref_mut().map(|job| &mut job.relationships);
                        relationship_names = relationships(cursor, list, kind, depth + 1)?;
                    }
                }
            }
            Step::Ok(())
        }
    );
    members.complete(None)?;
    if let Some(job) = job {
        finish_job(job.parts(), AttributeSet::ALL, relationship_names);
    }
    Ok(())
}

/// A job's `attributes`: first in the schema's order, which is Klaviyo's,
/// then whatever is left in any order.
fn attributes<'i, I: Input<'i>, const M: usize, const E: usize, const R: usize>(
    cursor: &mut Cursor<'i, I>,
    mut job: Option<&mut Job<M, E, R>>,
    depth: u8,
) -> Step {
    let mut members = Members::open(cursor, FrameKind::Attributes)?;
    read_members!(members, cursor, depth, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], |bit| {
        attribute_value(cursor, job.as_deref_mut(), Attribute::ALL[usize::from(bit)], depth)
    });
    members.complete(None)?;
    if let Some(job) = job {
        job.attributes.fields = AttributeSet::from_bits(members.seen);
    }
    Ok(())
}

/// The value of `attribute`, whose key was read.
#[inline(always)]
fn attribute_value<'i, I: Input<'i>, const M: usize, const E: usize, const R: usize>(
    cursor: &mut Cursor<'i, I>,
    job: Option<&mut Job<M, E, R>>,
    attribute: Attribute,
    depth: u8,
) -> Step {
    if !AttributeSet::REQUIRED.contains(attribute) && cursor.null() {
        return Ok(());
    }
    match attribute {
        Attribute::Status => {
            let status = cursor.short(JobStatus::parse_bytes)?;
            if let Some(job) = job {
                job.attributes.status = status;
            }
        }
        Attribute::TotalCount | Attribute::CompletedCount | Attribute::FailedCount | Attribute::SkippedCount => {
            let count = cursor.count()?;
            if let Some(job) = job {
                job.attributes.set_count(attribute, count);
            }
        }
        Attribute::CreatedAt | Attribute::CompletedAt | Attribute::ExpiresAt | Attribute::StartedAt => {
            let timestamp = match cursor.short_prefix(
                #[cfg_attr(target_pointer_width = "64", inline(always))]
                #[expect(
                    clippy::redundant_closure,
                    reason = "the function passed as it is goes through a shim that is not inlined, and \
                              its result comes back through memory (see `Timestamp::parse_prefix`)"
                )]
                |text| Timestamp::parse_prefix(text),
            ) {
                Some(timestamp) => timestamp,
                None => cursor.short(Timestamp::parse)?,
            };
            if let Some(job) = job {
                job.attributes.set_timestamp(attribute, timestamp);
            }
        }
        Attribute::Errors => errors(cursor, job, depth + 1)?,
    }
    Ok(())
}

/// A job's `errors` array.
fn errors<'i, I: Input<'i>, const M: usize, const E: usize, const R: usize>(
    cursor: &mut Cursor<'i, I>,
    mut job: Option<&mut Job<M, E, R>>,
    depth: u8,
) -> Step {
    // Set before the `[` is checked: without it the whole decode gives up.
    if let Some(job) = job.as_deref_mut() {
        job.has_errors = true;
    }
    cursor.elements(|cursor| error(cursor, job.as_deref_mut().and_then(|job| job.errors.as_mut().begin()), depth + 1))
}

/// One of a job's `errors`.
fn error<'i, I: Input<'i>>(cursor: &mut Cursor<'i, I>, mut error: Option<&mut JobError>, depth: u8) -> Step {
    let mut members = Members::open(cursor, FrameKind::Error)?;
    read_members!(members, cursor, depth, [0, 1, 2, 3, 4], |bit| {
        let error = error.as_deref_mut();
        match bit {
            0 => text(cursor, error.map(|error| error.id.as_mut_view()), ERROR_ID_CAPACITY),
            1 => text(cursor, error.map(|error| error.code.as_mut_view()), ERROR_CODE_CAPACITY),
            2 => text(cursor, error.map(|error| error.title.as_mut_view()), ERROR_TITLE_CAPACITY),
            3 => text(cursor, error.map(|error| error.detail.as_mut_view()), ERROR_DETAIL_CAPACITY),
            _ => source(cursor, error.map(|error| &mut error.source), depth + 1),
        }
    });
    members.complete(None)
}

/// An error's `source`: its `pointer` is `"/data"` when absent.
fn source<'i, I: Input<'i>>(cursor: &mut Cursor<'i, I>, mut source: Option<&mut ErrorSource>, depth: u8) -> Step {
    let mut members = Members::open(cursor, FrameKind::Source)?;
    read_members!(members, cursor, depth, [bits::POINTER], |_bit| {
        if cursor.null() {
            Step::Ok(())
        } else {
            let pointer = source.as_deref_mut().map(|source| source.pointer.insert(Text::new()).as_mut_view());
            text(cursor, pointer, POINTER_CAPACITY)
        }
    });
    if members.seen & 1 << bits::POINTER == 0
        && let Some(source) = source
    {
        source.pointer = Text::try_from(DEFAULT_POINTER).ok();
    }
    Ok(())
}

/// A job's `relationships`, `kind` the job's if its `type` came first;
/// returns the bits of the names that held an object.
fn relationships<'i, I: Input<'i>, const M: usize, const R: usize>(
    cursor: &mut Cursor<'i, I>,
    mut list: Option<&mut BoundedList<Relationship<M>, R>>,
    kind: Option<JobKind>,
    depth: u8,
) -> Step<u32> {
    let mut members = Members::open(cursor, FrameKind::Relationships)?;
    let mut names = 0;
    // A job has one to three of the eight names, so none is taken in
    // order. After `type` the first is predicted: the first its kind has.
    if let Some(first) = kind.and_then(|kind| kind.relationships().first()) {
        members.guess = relationship_bit(*first);
    }
    read_members!(members, cursor, depth, [], |bit| {
        if !cursor.null() {
            let name = relationship_name(bit);
            names |= 1 << bit;
            // Another kind's relationship is checked, not kept. Before
            // `type` the kind is unknown: `finish_job` drops it then.
            let kept = kind.is_none_or(|kind| kind.has_relationship(name));
            let mut slot = list.as_deref_mut().filter(|_| kept).and_then(|list| list.as_mut().begin());
            if let Some(relationship) = slot.as_deref_mut() {
                relationship.name = name;
            }
            relationship(cursor, slot, name, depth + 1)?;
        }
        Step::Ok(())
    });
    Ok(names)
}

/// One relationship: its `data` members and its `links`.
fn relationship<'i, I: Input<'i>, const M: usize>(
    cursor: &mut Cursor<'i, I>,
    mut relationship: Option<&mut Relationship<M>>,
    name: RelationshipName,
    depth: u8,
) -> Step {
    let mut members = Members::open(cursor, FrameKind::Relationship)?;
    read_members!(members, cursor, depth, [bits::DATA, bits::LINKS_OF_RELATIONSHIP], |bit| {
        if cursor.null() {
            Step::Ok(())
        } else if bit == bits::DATA {
            if let Some(relationship) = relationship.as_deref_mut() {
                relationship.has_data = true;
            }
            cursor.elements(|cursor| {
                let slot = relationship.as_deref_mut().and_then(|relationship| relationship.members.as_mut().begin());
                member_of(cursor, slot, name, depth + 2)
            })
        } else {
            let links = relationship.as_deref_mut().map(|relationship| &mut relationship.links);
            relationship_links(cursor, links, name, depth + 1)
        }
    });
    Ok(())
}

/// A relationship member: `{type, id}`, its type the relationship's.
fn member_of<'i, I: Input<'i>>(
    cursor: &mut Cursor<'i, I>,
    mut member_out: Option<&mut Member>,
    name: RelationshipName,
    depth: u8,
) -> Step {
    let mut members = Members::open(cursor, FrameKind::Member)?;
    read_members!(members, cursor, depth, [bits::TYPE, bits::ID], |bit| {
        if bit == bits::TYPE {
            // One comparison; an escaped or longer type is read in full.
            match quoted_member_type(name) {
                Some(quoted) if cursor.string_is(quoted.text, quoted.mask, usize::from(quoted.len)) => Ok(()),
                _ => cursor.short(|text| (text == name.member_type().as_bytes()).then_some(())),
            }
        } else {
            text(cursor, member_out.as_deref_mut().map(|member| member.id.as_mut_view()), MEMBER_ID_CAPACITY)
        }
    });
    members.complete(None)
}

/// A relationship's `links`. `self` may be `null` where the relationship
/// has none (`import-errors`).
fn relationship_links<'i, I: Input<'i>>(
    cursor: &mut Cursor<'i, I>,
    mut links: Option<&mut RelationshipLinks>,
    name: RelationshipName,
    depth: u8,
) -> Step {
    let mut members = Members::open(cursor, FrameKind::RelationshipLinks)?;
    read_members!(members, cursor, depth, [bits::SELF, bits::RELATED], |bit| {
        let links = links.as_deref_mut();
        if bit != bits::SELF {
            text(cursor, links.map(|links| links.related.insert(Text::new()).as_mut_view()), URL_CAPACITY)
        } else if name.has_self_link() || !cursor.null() {
            text(cursor, links.map(|links| links.self_link.insert(Text::new()).as_mut_view()), URL_CAPACITY)
        } else {
            Step::Ok(())
        }
    });
    members.complete(Some(name))
}

/// A `links` object with only `self` (a job's, or a single document's).
fn self_link<'i, I: Input<'i>>(cursor: &mut Cursor<'i, I>, mut url: Option<&mut Url>, depth: u8) -> Step {
    let mut members = Members::open(cursor, FrameKind::JobLinks)?;
    read_members!(members, cursor, depth, [bits::SELF], |_bit| text(
        cursor,
        url.as_deref_mut().map(Url::as_mut_view),
        URL_CAPACITY
    ));
    members.complete(None)
}

/// A list document's `links`: `self`, and the pages, each of which may be
/// `null`.
fn collection_links<'i, I: Input<'i>>(cursor: &mut Cursor<'i, I>, links: &mut CollectionLinks) -> Step {
    let mut members = Members::open(cursor, FrameKind::ListLinks)?;
    read_members!(members, cursor, 2, [bits::SELF, 1, 2, 3, 4], |bit| {
        if bit == bits::SELF {
            text(cursor, Some(links.self_link.as_mut_view()), URL_CAPACITY)
        } else if cursor.null() {
            Step::Ok(())
        } else {
            let page = match bit {
                1 => &mut links.first,
                2 => &mut links.last,
                3 => &mut links.prev,
                _ => &mut links.next,
            };
            text(cursor, Some(page.insert(Text::new()).as_mut_view()), URL_CAPACITY)
        }
    });
    members.complete(None)
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::boxed::Box;
    use std::path::Path;
    use std::string::{String, ToString};
    use std::vec::Vec;

    use super::*;
    use crate::decoder::{Decoder, Error, Options};

    /// `json` with the whitespace between tokens left out.
    fn compact(json: &[u8]) -> Vec<u8> {
        let (mut in_string, mut escaped) = (false, false);
        let mut out = Vec::with_capacity(json.len());
        for &byte in json {
            if in_string {
                (in_string, escaped) = (escaped || byte != b'"', !escaped && byte == b'\\');
            } else if byte.is_ascii_whitespace() {
                continue;
            } else {
                in_string = byte == b'"';
            }
            out.push(byte);
        }
        out
    }

    /// Every fixture, recording and benchmark document, by name.
    fn documents() -> Vec<(String, Vec<u8>)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        // The shared data is `$SHARED_DIR`, or `../shared` beside the crate.
        let shared = std::env::var_os("SHARED_DIR").map_or_else(|| root.join("../shared"), Into::into);
        let folders = [
            root.join("tests/fixtures/valid"),
            root.join("tests/fixtures/invalid"),
            shared.join("fixtures/recorded"),
            root.join("benches/data"),
        ];
        let mut documents = Vec::new();
        for folder in folders {
            let Ok(entries) = std::fs::read_dir(folder) else { continue };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|extension| extension == "json") {
                    documents.push((path.display().to_string(), std::fs::read(&path).unwrap()));
                }
            }
        }
        documents
    }

    fn streamed(mut decoder: Decoder<'_>, input: &[u8]) -> Result<(), Error> {
        decoder.feed(input)?;
        decoder.finish()
    }

    /// Decode `input` as a single document both ways; returns whether the
    /// streaming decoder accepted it.
    fn single_both_ways<const M: usize, const E: usize, const R: usize>(name: &str, input: &[u8]) -> bool {
        single_accepting::<M, E, R>(name, input, Accept::Any)
    }

    fn single_accepting<const M: usize, const E: usize, const R: usize>(
        name: &str,
        input: &[u8],
        accept: Accept,
    ) -> bool {
        let mut reference = Box::new(JobDocument::<M, E, R>::new());
        let options = Options { accept, fields: None };
        let accepted = streamed(Decoder::single(&mut reference).with_options(options), input).is_ok();
        // Checked as UTF-8 whole first, then as it is read.
        let both = [single_checked::<CheckedFirst, M, E, R>, single_checked::<CheckedAsRead, M, E, R>];
        for (read, as_read) in both.into_iter().zip([false, true]) {
            let mut direct = Box::new(JobDocument::<M, E, R>::new());
            let outcome = read(input, &mut direct, accept);
            let case = std::format!("{name} <{M}, {E}, {R}>, checked as read: {as_read}");
            assert_eq!(outcome.is_ok(), accepted, "{case}: the direct path decides otherwise");
            if accepted {
                assert_eq!(direct, reference, "{case}: the direct path writes another model");
            }
        }
        accepted
    }

    fn list_both_ways<const J: usize, const M: usize, const E: usize, const R: usize>(
        name: &str,
        input: &[u8],
    ) -> bool {
        list_accepting::<J, M, E, R>(name, input, Accept::Any)
    }

    fn list_accepting<const J: usize, const M: usize, const E: usize, const R: usize>(
        name: &str,
        input: &[u8],
        accept: Accept,
    ) -> bool {
        let mut reference = Box::new(JobList::<J, M, E, R>::new());
        let options = Options { accept, fields: None };
        let accepted = streamed(Decoder::list(&mut reference).with_options(options), input).is_ok();
        // Checked as UTF-8 whole first, then as it is read.
        let both = [list_checked::<CheckedFirst, J, M, E, R>, list_checked::<CheckedAsRead, J, M, E, R>];
        for (read, as_read) in both.into_iter().zip([false, true]) {
            let mut direct = Box::new(JobList::<J, M, E, R>::new());
            let outcome = read(input, &mut direct, accept);
            let case = std::format!("{name} <{J}, {M}, {E}, {R}>, checked as read: {as_read}");
            assert_eq!(outcome.is_ok(), accepted, "{case}: the direct path decides otherwise");
            if accepted {
                assert_eq!(direct, reference, "{case}: the direct path writes another model");
            }
        }
        accepted
    }

    /// Every spelling of a count: the direct path reads it as the streaming
    /// decoder does, or gives up where that one fails.
    #[test]
    fn counts_read_as_the_streaming_decoder_reads_them() {
        let spellings = [
            "0",
            "-0",
            "7",
            "42 ",
            "4294967295",
            "4294967296",
            "99999999999999999999",
            "01",
            "00",
            "-1",
            "-01",
            "1.0",
            "0.5",
            "1e0",
            "1E2",
            "-",
            "--1",
            "+1",
            "1-",
            "0x10",
            "\"1\"",
            "null",
            "true",
            "[1]",
        ];
        for spelling in spellings {
            let document = std::format!(
                r#"{{"data":{{"type":"catalog-item-bulk-create-job","id":"J","attributes":{{"status":"queued","created_at":"2026-07-02T05:19:57Z","total_count":{spelling},"completed_count":{spelling}}},"links":{{"self":"u"}}}}}}"#
            );
            let accepted = single_both_ways::<0, 0, 0>(spelling, document.as_bytes());
            assert_eq!(accepted, ["0", "-0", "7", "42 ", "4294967295"].contains(&spelling), "{spelling}");
        }
    }

    /// `Accept::Only`: each kind's documents, single and list, are taken for
    /// that kind only, as the streaming decoder takes them.
    #[test]
    fn accepts_only_the_kind_asked_for() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let mut accepted = 0;
        for found in JobKind::ALL {
            let single_input = std::fs::read(root.join(std::format!("single-kind-{}.json", found.type_str()))).unwrap();
            let list_input = std::fs::read(root.join(std::format!("list-kind-{}.json", found.type_str()))).unwrap();
            for expected in JobKind::ALL {
                let name = std::format!("{found:?} with Only({expected:?})");
                let outcomes = [
                    single_accepting::<3, 3, 3>(&name, &single_input, Accept::Only(expected)),
                    list_accepting::<4, 3, 3, 3>(&name, &list_input, Accept::Only(expected)),
                ];
                assert_eq!(outcomes, [expected == found; 2], "{name}");
                accepted += usize::from(outcomes[0]);
            }
        }
        assert_eq!(accepted, JobKind::ALL.len());
    }

    /// Each comma before a key turned into a `}`, and the document's last
    /// `}` removed, so that the braces still balance: the members after it
    /// follow their object's close with no comma, and belong to no object.
    /// Both paths reject every such document; an object read in order
    /// must not take them as its own.
    #[test]
    fn members_after_their_object_closes_are_not_taken() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for (name, is_list) in [
            ("tests/fixtures/valid/single-base-compact.json", false),
            ("benches/data/small.json", false),
            ("benches/data/full.json", false),
            ("tests/fixtures/valid/list-base-compact.json", true),
        ] {
            let original = std::fs::read(root.join(name)).unwrap();
            let last_brace = original.iter().rposition(|&byte| byte == b'}').unwrap();
            let mut cases = 0;
            for at in 0..original.len() {
                let before_key = original[at + 1..].iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'"');
                if original[at] != b',' || !before_key {
                    continue;
                }
                let mut input = original.clone();
                input[at] = b'}';
                input.remove(last_brace);
                let case = std::format!("{name} with its comma at {at} made a brace");
                let accepted = if is_list {
                    list_both_ways::<2, 2, 2, 2>(&case, &input)
                } else {
                    single_both_ways::<2, 2, 2>(&case, &input)
                };
                assert!(!accepted, "{case}");
                cases += 1;
            }
            assert!(cases > 5, "{name}: {cases}");
        }
    }

    /// Every byte of four valid documents replaced in turn by each byte of
    /// JSON's structure (and a letter, a space, a backslash, a control
    /// byte, and bytes that continue, start or never begin a UTF-8
    /// character): the direct path decides as the streaming decoder does,
    /// and writes the same model when both accept.
    #[test]
    fn every_byte_changed_decides_as_the_streaming_decoder_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let replacements = *b"{}[],:\"x \\\n\x80\xC3\xE6\xF0\xFF";
        // Each document, whether to compact it, and the share of changes
        // that must break it: over half, but a third where most bytes
        // are string text, in which most replacements are still valid.
        for (name, is_list, compacted, broken_share) in [
            ("single-base-compact.json", false, false, 2),
            ("single-kind-profile-bulk-import-job.json", false, false, 2),
            ("list-base-compact.json", true, false, 2),
            // Compacted, so that its 1.6 KB of `included` is skipped by quote bitmaps.
            ("single-get-included.json", false, true, 3),
        ] {
            let original = std::fs::read(root.join(name)).unwrap();
            let original = if compacted { compact(&original) } else { original };
            let mut rejected = 0;
            for at in 0..original.len() {
                for replacement in replacements {
                    if original[at] == replacement {
                        continue;
                    }
                    let mut input = original.clone();
                    input[at] = replacement;
                    let case = std::format!("{name} with {:?} at {at}", char::from(replacement));
                    let accepted = if is_list {
                        list_both_ways::<2, 2, 2, 2>(&case, &input)
                    } else {
                        single_both_ways::<2, 2, 2>(&case, &input)
                    };
                    rejected += usize::from(!accepted);
                }
            }
            assert!(rejected > original.len() * replacements.len() / broken_share, "{name}: {rejected}");
        }
    }

    /// Unknown keys with escapes, of every length around the longest name,
    /// and known ones spelled with escapes: read as the streaming decoder
    /// reads them, and a duplicate made by an escape is one.
    #[test]
    fn escaped_keys_read_as_the_streaming_decoder_reads_them() {
        let keys = [
            r#""\u0078""#,
            r#""\u0078123456789abcd""#,
            r#""\u0078123456789abcde""#,
            r#""\u0078123456789abcdef""#,
            r#""\u0078123456789abcdef0123456789abcdef0123456789""#,
            r#""st\u0061tus_x""#,
            r#""completed\u005fcount""#,
            r#""total\u005fcount""#,
            r#""\ud83d\ude00""#,
            r#""\u00e9t\u00e9""#,
            r#""\ud83d""#,
            r#""\q""#,
        ];
        let mut accepted = 0;
        for key in keys {
            let document = std::format!(
                r#"{{"data":{{"type":"catalog-item-bulk-create-job","id":"J","attributes":{{"status":"queued","created_at":"2026-07-02T05:19:57Z",{key}:1,"total_count":1}},"links":{{"self":"u"}}}}}}"#
            );
            accepted += usize::from(single_both_ways::<0, 0, 0>(key, document.as_bytes()));
        }
        // All but the duplicate `total_count`, the lone surrogate and `\q`.
        assert_eq!(accepted, keys.len() - 3);
    }

    /// `template` with an unknown member `"x"` of `levels` nested arrays at
    /// its `at`-th `@`, and every other `@` removed.
    fn with_deep_member(template: &str, at: usize, levels: usize) -> String {
        let mut document = String::new();
        for (index, piece) in template.split('@').enumerate() {
            if index == at + 1 {
                document.push_str("\"x\":");
                document.push_str(&"[".repeat(levels));
                document.push_str(&"]".repeat(levels));
                document.push(',');
            }
            document.push_str(piece);
        }
        document
    }

    /// An unknown member nested up to the limit and past it, in every
    /// object of both documents: the direct path counts the depth around
    /// each as the streaming decoder does.
    #[test]
    fn skipped_values_meet_the_nesting_limit_where_the_streaming_decoder_does() {
        let job = r#"{@"type":"catalog-item-bulk-create-job","id":"J","attributes":{@"status":"queued","created_at":"2026-07-02T05:19:57Z","total_count":1,"errors":[{@"id":"e","code":"c","title":"t","detail":"d","source":{@"pointer":"/p"}}]},"relationships":{@"items":{@"data":[{@"type":"catalog-item","id":"m"}],"links":{@"self":"s","related":"r"}}},"links":{@"self":"u"}}"#;
        let single = std::format!(r#"{{@"data":{job},"links":{{@"self":"d"}}}}"#);
        let list = std::format!(r#"{{@"data":[{job}],"links":{{@"self":"d","next":null}}}}"#);
        for (template, is_list) in [(&single, false), (&list, true)] {
            for at in 0..template.matches('@').count() {
                let verdicts: Vec<bool> = (52..=64)
                    .map(|levels| {
                        let document = with_deep_member(template, at, levels);
                        let name = std::format!("{levels} levels at @{at}");
                        if is_list {
                            list_both_ways::<1, 1, 1, 1>(&name, document.as_bytes())
                        } else {
                            single_both_ways::<1, 1, 1>(&name, document.as_bytes())
                        }
                    })
                    .collect();
                // The limit falls inside the range tried, wherever the member is.
                assert!(verdicts.contains(&true) && verdicts.contains(&false), "@{at}: {verdicts:?}");
            }
        }
    }

    /// A document is checked as UTF-8 as it is read when it is longer than
    /// the output it is read into, and only on a 64-bit target; a shorter
    /// one too under `--cfg kbj_always_check_as_read`, the measuring build.
    #[test]
    fn a_document_longer_than_its_output_is_checked_as_read() {
        let as_read = cfg!(target_pointer_width = "64");
        let short_as_read = as_read && cfg!(kbj_always_check_as_read);
        let output = core::mem::size_of::<JobDocument<0, 0, 0>>();
        assert_eq!(checks_as_read::<JobDocument<0, 0, 0>>(&std::vec![b' '; output]), short_as_read);
        assert_eq!(checks_as_read::<JobDocument<0, 0, 0>>(&std::vec![b' '; output + 1]), as_read);
        let list = core::mem::size_of::<JobList<1, 1, 1, 1>>();
        assert_eq!(checks_as_read::<JobList<1, 1, 1, 1>>(&std::vec![b' '; list]), short_as_read);
        assert_eq!(checks_as_read::<JobList<1, 1, 1, 1>>(&std::vec![b' '; list + 1]), as_read);
    }

    /// The direct path takes every document the streaming decoder accepts
    /// (with the default options) and writes the same model, with room for
    /// everything and with room for one of each; and it gives up on every
    /// document the streaming decoder rejects.
    #[test]
    fn takes_what_the_streaming_decoder_accepts_and_writes_the_same() {
        let documents = documents();
        let mut accepted = 0;
        for (name, input) in &documents {
            let outcomes = [
                single_both_ways::<100, 10, 3>(name, input),
                single_both_ways::<1, 1, 1>(name, input),
                single_both_ways::<0, 0, 0>(name, input),
                list_both_ways::<4, 100, 10, 3>(name, input),
                list_both_ways::<1, 1, 1, 1>(name, input),
            ];
            accepted += outcomes.iter().filter(|accepted| **accepted).count();
        }
        // Most valid fixtures decode in at least one shape at every capacity.
        assert!(accepted > 150, "only {accepted} decodings of {} documents succeeded", documents.len());
    }
}
