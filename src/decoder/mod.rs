//! The schema layer: walks the lexer's events through the job document's
//! schema and writes each value in place into the model.
//!
//! It keeps one frame per object or array it knows (at most
//! [`MAX_FRAMES`]), each with a bitmask of the members seen, which gives
//! duplicates, required members and defaults without any buffering. Members
//! it does not know are handed back to the lexer to skip.

#[cfg(feature = "fast-path")]
mod direct;
mod output;
mod schema;

use heapless::string::StringView;

use crate::error::{Error, ErrorKind, Fault, JsonType, Path};
use crate::lexer::{Events, Fragment, Lexer, Literal, Next, Number};
use crate::model::{
    Attribute, AttributeSet, Attributes, CollectionLinks, Entry, JobDocument, JobKind, JobList, JobStatus, Links,
    RelationshipName, Text,
};
use crate::time::Timestamp;
use output::{JobMut, JobStore, JobsStore};
use schema::{FrameKind, Slot, Small, Target, bits, required, slot_of};

/// The most objects and arrays of the schema open at once (a relationship
/// member in a list document is seven deep).
pub const MAX_FRAMES: usize = 8;
const _: () = assert!(MAX_FRAMES.is_power_of_two());

/// Bytes of a key or short value (`type`, `status`, a timestamp) held while
/// it is read. Longer keys are unknown members; longer short values are
/// invalid.
const SMALL_CAPACITY: usize = 40;

/// Bytes of an unknown member's key shown in an error path.
const UNKNOWN_KEY_IN_PATH: usize = 32;

/// Which job kinds a decode accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Accept {
    /// Any kind of the bulk-job family; [`Job::kind`](crate::Job::kind) says which.
    #[default]
    Any,
    /// Only this kind; any other is [`ErrorKind::UnexpectedJobKind`].
    Only(JobKind),
}

impl Accept {
    /// Does this accept jobs of `kind`? (The direct path's check; the
    /// streaming decoder also names the kind expected in its error.)
    #[cfg(feature = "fast-path")]
    #[inline]
    pub(crate) fn admits(self, kind: JobKind) -> bool {
        match self {
            Accept::Any => true,
            Accept::Only(expected) => expected == kind,
        }
    }
}

/// How to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Options {
    /// Which kinds to accept.
    pub accept: Accept,
    /// The sparse fieldset the request asked for
    /// (`fields[<job type>]=status,total_count`), or `None` for every
    /// attribute. Attributes outside it may be absent even when the schema
    /// requires them; requested ones follow the usual rules.
    pub fields: Option<AttributeSet>,
}

/// Where decoding stands after a chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Status {
    /// The document is not complete yet: feed more.
    Incomplete,
    /// The document is complete; only whitespace may follow. Call `finish`.
    Complete,
}

/// The output being written, with every capacity erased.
enum Out<'o> {
    Single { job: &'o mut dyn JobStore, links: &'o mut Option<Links> },
    List { jobs: &'o mut dyn JobsStore, links: &'o mut Option<CollectionLinks> },
}

impl Out<'_> {
    const fn is_list(&self) -> bool {
        matches!(self, Out::List { .. })
    }

    /// The job being decoded, if it is kept.
    #[inline]
    fn job(&mut self) -> Option<JobMut<'_>> {
        match self {
            Out::Single { job, .. } => Some(job.parts()),
            Out::List { jobs, .. } => jobs.current(),
        }
    }

    /// The attributes of the job being decoded, if it is kept.
    #[inline]
    fn attributes(&mut self) -> Option<&mut Attributes> {
        match self {
            Out::Single { job, .. } => Some(job.attributes()),
            Out::List { jobs, .. } => jobs.attributes(),
        }
    }
}

const NO_KEY: u8 = u8::MAX;
const NO_SLOT: u32 = u32::MAX;

/// One open object or array of the schema.
#[derive(Clone, Copy, Debug)]
struct Frame {
    kind: FrameKind,
    /// Its member bit in the parent object, or `NO_KEY` for an array element.
    key: u8,
    /// Members seen so far.
    seen: u16,
    /// Arrays: elements begun. Jobs: relationship names seen.
    aux: u32,
}

impl Frame {
    /// The first member not seen yet, the likeliest next key.
    #[inline]
    fn next_member(&self) -> u32 {
        (!self.seen).trailing_zeros()
    }
}

const EMPTY_FRAME: Frame = Frame { kind: FrameKind::Document, key: NO_KEY, seen: 0, aux: 0 };

/// The member whose value comes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    None,
    Member(u8),
    /// An unknown member, named by the key still in the small buffer
    /// while its value is skipped.
    Unknown,
}

/// The schema walk's state.
#[derive(Clone, Debug)]
struct Walk {
    /// UTF-8 bytes of the current string value when it is not kept,
    /// counted against its field's capacity.
    text_len: u32,
    /// The slot of the relationship being decoded, or `NO_SLOT`; with
    /// `relationship`, valid inside a relationship (they do not nest).
    relationship_slot: u32,
    relationship: RelationshipName,
    frames: [Frame; MAX_FRAMES],
    options: Options,
    target: Target,
    pending: Pending,
    depth: u8,
    small_len: u8,
    small_overflow: bool,
    small: [u8; SMALL_CAPACITY],
}

/// A streaming decoder writing into a [`JobDocument`] or a [`JobList`].
///
/// [`feed`](Self::feed) it chunks of any size as they arrive, then call
/// [`finish`](Self::finish). The outcome is the same for every way of
/// splitting the input, errors and their offsets included. Its state is a
/// fixed-size struct (its size is below); string values are written
/// straight into the output.
///
/// The output is cleared when the decoder is made. After an error the output
/// holds what was decoded so far and must not be trusted.
///
/// Memory: 240 bytes on 64-bit targets, whatever the capacities and the
/// input (the output is separate); at most 256 on every target, checked
/// when the crate compiles.
pub struct Decoder<'o> {
    out: Out<'o>,
    walk: Walk,
    lexer: Lexer,
    failed: Option<Fault>,
}

impl<'o> Decoder<'o> {
    fn with_out(out: Out<'o>) -> Self {
        Decoder {
            out,
            walk: Walk {
                text_len: 0,
                relationship_slot: NO_SLOT,
                relationship: RelationshipName::Items,
                frames: [EMPTY_FRAME; MAX_FRAMES],
                options: Options { accept: Accept::Any, fields: None },
                target: Target::JobId,
                pending: Pending::None,
                depth: 0,
                small_len: 0,
                small_overflow: false,
                small: [0; SMALL_CAPACITY],
            },
            lexer: Lexer::new(),
            failed: None,
        }
    }

    /// Decode a single-job document into `document`.
    pub fn single<const M: usize, const E: usize, const R: usize>(document: &'o mut JobDocument<M, E, R>) -> Self {
        document.job.clear();
        document.links = None;
        Self::with_out(Out::Single { job: &mut document.job, links: &mut document.links })
    }

    /// Decode a job-list document into `list`.
    pub fn list<const J: usize, const M: usize, const E: usize, const R: usize>(
        list: &'o mut JobList<J, M, E, R>,
    ) -> Self {
        list.jobs.clear();
        list.links = None;
        Self::with_out(Out::List { jobs: &mut list.jobs, links: &mut list.links })
    }

    /// Decode with `options` instead of the defaults.
    pub fn with_options(mut self, options: Options) -> Self {
        self.walk.options = options;
        self
    }

    /// Bytes accepted so far: the total length of the chunks fed without
    /// error. A chunk that fails is not counted, wherever its error lies.
    pub fn offset(&self) -> usize {
        self.lexer.consumed()
    }

    /// Feed the next chunk, of any size. Incomplete input is a status, not
    /// an error. After an error every call returns the same error.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Status, Error> {
        if let Some(fault) = self.failed {
            return Err(self.error(fault));
        }
        let sink = Sink { out: &mut self.out, walk: &mut self.walk };
        match self.lexer.feed(chunk, sink) {
            Ok(()) if self.lexer.is_done() => Ok(Status::Complete),
            Ok(()) => Ok(Status::Incomplete),
            Err(fault) => {
                self.failed = Some(fault);
                Err(self.error(fault))
            }
        }
    }

    /// The input has ended: the document must be complete.
    pub fn finish(mut self) -> Result<(), Error> {
        if let Some(fault) = self.failed {
            return Err(self.error(fault));
        }
        let mut sink = Sink { out: &mut self.out, walk: &mut self.walk };
        self.lexer.finish(&mut sink).map_err(|fault| self.error(fault))
    }

    fn error(&self, fault: Fault) -> Error {
        Error { kind: fault.kind, offset: fault.offset, path: self.walk.path(self.lexer.is_skipping()) }
    }
}

impl Walk {
    /// The index of the innermost open frame. Every caller has one open
    /// (the lexer reports no key, value inside a container or container
    /// end before the document's object), and `depth` never exceeds
    /// [`MAX_FRAMES`], so taking it modulo the frame count changes nothing
    /// and spares a bounds check.
    #[inline]
    fn top_index(&self) -> usize {
        debug_assert!(self.depth > 0 && usize::from(self.depth) <= MAX_FRAMES);
        usize::from(self.depth.wrapping_sub(1)) % MAX_FRAMES
    }

    #[inline]
    fn top(&self) -> Frame {
        self.frames[self.top_index()]
    }

    #[inline]
    fn top_mut(&mut self) -> &mut Frame {
        let index = self.top_index();
        &mut self.frames[index]
    }

    #[inline]
    fn relationship(&self) -> (RelationshipName, Option<usize>) {
        (self.relationship, (self.relationship_slot != NO_SLOT).then_some(self.relationship_slot as usize))
    }

    /// The short value read into the small buffer (empty if it overflowed,
    /// which no short value may).
    fn small_bytes(&self) -> &[u8] {
        if self.small_overflow { &[] } else { &self.small[..usize::from(self.small_len)] }
    }

    /// A string value that goes to `target` begins: nothing of its text
    /// read yet.
    #[inline]
    fn begin_target(&mut self, target: Target) {
        self.target = target;
        self.text_len = 0;
        self.small_len = 0;
        self.small_overflow = false;
    }

    /// Append to the small buffer as much as fits; what does not fit marks
    /// it overflowed (its start still names an unknown key in paths).
    fn push_small(&mut self, text: &[u8]) {
        let start = usize::from(self.small_len);
        let room = &mut self.small[start..];
        let fits = text.len().min(room.len());
        room[..fits].copy_from_slice(&text[..fits]);
        self.small_len += fits as u8;
        if fits < text.len() {
            self.small_overflow = true;
        }
    }

    /// The path of the member being read. `skipping` says whether the
    /// lexer is still inside an unknown member's value: once that value has
    /// ended, the path names the object it was in, as it does after a known
    /// member's value.
    fn path(&self, skipping: bool) -> Path {
        let mut path = Path::root();
        for index in 1..usize::from(self.depth) {
            let (parent, frame) = (self.frames[index - 1], self.frames[index]);
            if frame.key != NO_KEY {
                path.push_key(parent.kind.key_name(frame.key));
            }
            if frame.kind.is_array() && frame.aux > 0 {
                path.push_index(frame.aux - 1);
            }
        }
        match self.pending {
            Pending::Member(bit) if self.depth > 0 => path.push_key(self.top().kind.key_name(bit)),
            Pending::Unknown if skipping => {
                let key = &self.small[..usize::from(self.small_len).min(UNKNOWN_KEY_IN_PATH)];
                let valid = match core::str::from_utf8(key) {
                    Ok(text) => text,
                    Err(error) => core::str::from_utf8(&key[..error.valid_up_to()]).unwrap_or_default(),
                };
                path.push_key(valid);
            }
            _ => {}
        }
        path
    }

    /// Take the key just read: `bit` in the current object, or unknown.
    #[inline]
    fn accept_key(&mut self, bit: Option<u8>, at: usize) -> Result<Next, Fault> {
        let Some(bit) = bit else {
            self.pending = Pending::Unknown;
            return Ok(Next::Skip);
        };
        self.pending = Pending::Member(bit);
        let top = self.top_mut();
        if top.seen & 1 << bit != 0 {
            return Err(Fault::new(ErrorKind::DuplicateMember, at));
        }
        top.seen |= 1 << bit;
        Ok(Next::Report)
    }

    /// The slot the next value fills, counting it first if it is an array
    /// element.
    #[inline]
    fn begin_value(&mut self, at: usize, found: JsonType) -> Result<(Slot, bool), Fault> {
        if self.depth == 0 {
            return match found {
                JsonType::Object => Ok((Slot::Object(FrameKind::Document), false)),
                _ => Err(Fault::new(ErrorKind::WrongType { expected: JsonType::Object, found }, at)),
            };
        }
        let top = self.top_mut();
        if top.kind.is_array() {
            top.aux = top.aux.saturating_add(1);
            return Ok(slot_of(top.kind, 0));
        }
        match self.pending {
            // `import-errors` links have no `self` (`OnlyRelatedLinks`): there
            // it may be `null`, which reads as absent.
            Pending::Member(bits::SELF) if self.top().kind == FrameKind::RelationshipLinks => {
                Ok((slot_of(FrameKind::RelationshipLinks, bits::SELF).0, !self.relationship().0.has_self_link()))
            }
            Pending::Member(bit) => Ok(slot_of(self.top().kind, bit)),
            _ => Err(Fault::new(ErrorKind::UnexpectedByte, at)),
        }
    }

    #[inline]
    fn wrong_type(slot: Slot, list: bool, found: JsonType, at: usize) -> Fault {
        let expected = match slot {
            Slot::Data if list => JsonType::Array,
            Slot::Data | Slot::Object(_) => JsonType::Object,
            Slot::Array(_) => JsonType::Array,
            Slot::Text(_) => JsonType::String,
            Slot::Count(_) => JsonType::Number,
        };
        Fault::new(ErrorKind::WrongType { expected, found }, at)
    }

    fn requested(&self) -> AttributeSet {
        self.options.fields.unwrap_or(AttributeSet::ALL)
    }

    /// The members `frame` must have had.
    #[inline]
    fn required(&self, frame: &Frame) -> u16 {
        required(frame.kind, Some(self.relationship().0), self.requested())
    }
}

/// The lexer's event handler: the walk plus the output it writes.
struct Sink<'a, 'o> {
    out: &'a mut Out<'o>,
    walk: &'a mut Walk,
}

impl Sink<'_, '_> {
    #[inline]
    fn begin_container(&mut self, found: JsonType, at: usize) -> Result<(), Fault> {
        let (slot, _) = self.walk.begin_value(at, found)?;
        let list = self.out.is_list();
        let kind = match (slot, found) {
            (Slot::Data, JsonType::Object) if !list => FrameKind::Job,
            (Slot::Data, JsonType::Array) if list => FrameKind::Jobs,
            (Slot::Object(FrameKind::DocumentLinks), JsonType::Object) if list => FrameKind::ListLinks,
            (Slot::Object(kind), JsonType::Object) | (Slot::Array(kind), JsonType::Array) => kind,
            _ => return Err(Walk::wrong_type(slot, list, found, at)),
        };
        let key = match self.walk.pending {
            Pending::Member(bit) if self.walk.depth > 0 && !self.walk.top().kind.is_array() => bit,
            _ => NO_KEY,
        };
        self.enter(kind, key);
        let frame = self.walk.frames.get_mut(usize::from(self.walk.depth)).ok_or(Fault::new(ErrorKind::TooDeep, at))?;
        *frame = Frame { kind, key, seen: 0, aux: 0 };
        self.walk.depth += 1;
        self.walk.pending = Pending::None;
        Ok(())
    }

    /// Prepare the output for a container of `kind` entered under member
    /// `key`.
    #[inline]
    fn enter(&mut self, kind: FrameKind, key: u8) {
        match kind {
            FrameKind::Job | FrameKind::Errors | FrameKind::Error | FrameKind::Members | FrameKind::Member => {
                let relationship = self.walk.relationship_slot;
                match &mut *self.out {
                    Out::Single { job, .. } => job.enter(kind, relationship),
                    Out::List { jobs, .. } => jobs.enter(kind, relationship),
                }
            }
            FrameKind::Relationship => self.enter_relationship(key),
            FrameKind::DocumentLinks => {
                if let Out::Single { links, .. } = self.out {
                    **links = Some(Links { self_link: Text::new() });
                }
            }
            FrameKind::ListLinks => {
                if let Out::List { links, .. } = self.out {
                    **links = Some(CollectionLinks::default());
                }
            }
            _ => {}
        }
    }

    /// Begin relationship `key` (its bit under `relationships`): keep it
    /// unless the job's kind is known and lacks it.
    fn enter_relationship(&mut self, key: u8) {
        let name = schema::relationship_name(key);
        self.walk.relationship = name;
        self.walk.relationship_slot = self.relationship_slot(name, key);
    }

    /// Count relationship `name` in its job, and the slot it is written to,
    /// or `NO_SLOT` when it is not kept.
    fn relationship_slot(&mut self, name: RelationshipName, key: u8) -> u32 {
        let Some(job_frame) = self.walk.frames[..usize::from(self.walk.depth)]
            .iter_mut()
            .rev()
            .find(|frame| frame.kind == FrameKind::Job)
        else {
            return NO_SLOT;
        };
        job_frame.aux |= 1 << key;
        let kind_known = job_frame.seen & 1 << bits::TYPE != 0;
        let Some(job) = self.out.job() else {
            return NO_SLOT;
        };
        if kind_known && !job.kind.has_relationship(name) {
            return NO_SLOT;
        }
        job.relationships.begin(name).unwrap_or(NO_SLOT)
    }

    #[inline]
    fn end_container(&mut self, at: usize) -> Result<(), Fault> {
        let frame = self.walk.top();
        let missing = self.walk.required(&frame) & !frame.seen;
        if missing != 0 {
            self.walk.pending = Pending::Member(missing.trailing_zeros() as u8);
            return Err(Fault::new(ErrorKind::MissingMember, at));
        }
        self.leave(&frame);
        self.walk.depth -= 1;
        self.walk.pending = Pending::None;
        Ok(())
    }

    /// Complete the output of a container that has closed.
    #[inline]
    fn leave(&mut self, frame: &Frame) {
        match frame.kind {
            FrameKind::Source if frame.seen & 1 << bits::POINTER == 0 => {
                if let Some(error) = self.out.job().and_then(|job| job.errors.current()) {
                    error.source.pointer = Text::try_from(schema::DEFAULT_POINTER).ok();
                }
            }
            FrameKind::Attributes => {
                if let Some(attributes) = self.out.attributes() {
                    attributes.fields = AttributeSet::from_bits(frame.seen);
                }
            }
            FrameKind::Job => {
                let requested = self.walk.requested();
                if let Some(job) = self.out.job() {
                    finish_job(job, requested, frame.aux);
                }
            }
            _ => {}
        }
    }

    /// Begin a string value that goes to `target`.
    #[inline]
    fn begin_text(&mut self, target: Target) {
        self.walk.begin_target(target);
        if matches!(
            target,
            Target::Pointer | Target::RelationshipSelf | Target::RelationshipRelated | Target::DocumentLink(_)
        ) {
            self.destination(target, true);
        }
    }

    /// Where the text of the current string value goes, if it is kept.
    /// `fresh` says the value begins: a field that may be absent (an error's
    /// `pointer`, a relationship's or a list's links) is made empty text
    /// first.
    #[inline]
    fn destination(&mut self, target: Target, fresh: bool) -> Option<&mut StringView<u16>> {
        let relationship = self.walk.relationship_slot;
        match &mut *self.out {
            Out::Single { job, .. } if !matches!(target, Target::DocumentLink(_)) => {
                job.text(target, relationship, fresh)
            }
            Out::List { jobs, .. } if !matches!(target, Target::DocumentLink(_)) => {
                jobs.text(target, relationship, fresh)
            }
            Out::Single { links: Some(links), .. } => Some(links.self_link.as_mut_view()),
            Out::List { links: Some(links), .. } => {
                let link = match target {
                    Target::DocumentLink(0) => return Some(links.self_link.as_mut_view()),
                    Target::DocumentLink(1) => &mut links.first,
                    Target::DocumentLink(2) => &mut links.last,
                    Target::DocumentLink(3) => &mut links.prev,
                    _ => &mut links.next,
                };
                if fresh {
                    *link = Some(Text::new());
                }
                link.as_mut().map(|url| url.as_mut_view())
            }
            _ => None,
        }
    }

    /// Write `text`, a piece of the current string value, to `target`, or
    /// count it if the value is not kept. `fresh` as for
    /// [`destination`](Self::destination).
    #[inline]
    fn write_text(&mut self, target: Target, text: Fragment<'_>, fresh: bool, at: usize) -> Result<(), Fault> {
        let capacity = target.capacity();
        let too_long = Fault::new(ErrorKind::StringTooLong { capacity: capacity as u16 }, at);
        match self.destination(target, fresh) {
            // `insert_str` at the end copies in bulk; `push_str` copies byte
            // by byte. The text comes first, so that no call falls between
            // reading the length and inserting there: the compiler then sees
            // that nothing after the end moves, and links no `memmove`.
            Some(destination) => {
                let text = text.as_str();
                let end = destination.len();
                destination.insert_str(end, text).map_err(|_| too_long)
            }
            None => {
                let walk = &mut *self.walk;
                walk.text_len = walk.text_len.saturating_add(text.as_bytes().len() as u32);
                if walk.text_len as usize > capacity { Err(too_long) } else { Ok(()) }
            }
        }
    }
}

/// Read `text` as the short value that began at `at`, into `out`. A
/// function of the output and the walk's state, not a method of the sink,
/// so that `text` can be the walk's small buffer itself.
#[inline]
fn end_small(out: &mut Out<'_>, walk: &Walk, small: Small, text: &[u8], at: usize) -> Result<(), Fault> {
    match small {
        Small::JobType => {
            let found = JobKind::from_type_bytes(text).ok_or(Fault::new(ErrorKind::UnknownJobType, at))?;
            if let Accept::Only(expected) = walk.options.accept
                && expected != found
            {
                return Err(Fault::new(ErrorKind::UnexpectedJobKind { expected, found }, at));
            }
            if let Some(job) = out.job() {
                *job.kind = found;
            }
        }
        Small::Status => {
            let status = JobStatus::parse_bytes(text).ok_or(Fault::new(ErrorKind::UnknownStatus, at))?;
            if let Some(attributes) = out.attributes() {
                attributes.status = status;
            }
        }
        Small::Timestamp(attribute) => {
            // `Timestamp::parse`'s two steps, written out so that
            // `parse_prefix` is called here: `parse` would hand back through
            // memory what `parse_prefix`, inlined into it on 64-bit targets,
            // built in registers (see `parse_prefix`), and on the Cortex-M4
            // its frame costs every decode 8 B of stack. `parse` stays as
            // it is, so that it is not forced inline into callers' code.
            let timestamp = Timestamp::parse_prefix(text)
                .and_then(|(timestamp, len)| (len == text.len()).then_some(timestamp))
                .ok_or(Fault::new(ErrorKind::InvalidTimestamp, at))?;
            if let Some(attributes) = out.attributes() {
                attributes.set_timestamp(attribute, timestamp);
            }
        }
        Small::MemberType => {
            if !schema::short_eq(text, walk.relationship.member_type().as_bytes()) {
                return Err(Fault::new(ErrorKind::WrongMemberType, at));
            }
        }
    }
    Ok(())
}

/// Apply the job's kind and the requested fieldset once the job has closed:
/// defaults for absent attributes, zero values for the ones it does not
/// carry, and only the relationships its kind defines.
fn finish_job(job: JobMut<'_>, requested: AttributeSet, relationship_names: u32) {
    let kind = *job.kind;
    let attributes = job.attributes;
    let present = attributes.fields;
    let carried = kind.attributes().intersection(requested.union(present));
    let count = |value: &mut Option<u32>, attribute| {
        if !carried.contains(attribute) {
            *value = None;
        } else if !present.contains(attribute) {
            *value = Some(0);
        }
    };
    count(&mut attributes.completed_count, Attribute::CompletedCount);
    count(&mut attributes.failed_count, Attribute::FailedCount);
    count(&mut attributes.skipped_count, Attribute::SkippedCount);
    let timestamp = |value: &mut Option<Timestamp>, attribute| {
        if !carried.contains(attribute) {
            *value = None;
        }
    };
    timestamp(&mut attributes.completed_at, Attribute::CompletedAt);
    timestamp(&mut attributes.expires_at, Attribute::ExpiresAt);
    timestamp(&mut attributes.started_at, Attribute::StartedAt);
    if !carried.contains(Attribute::Status) {
        attributes.status = JobStatus::Queued;
    }
    if !carried.contains(Attribute::CreatedAt) {
        attributes.created_at = Timestamp::default();
    }
    if !carried.contains(Attribute::TotalCount) {
        attributes.total_count = 0;
    }
    attributes.fields = carried;
    if !carried.contains(Attribute::Errors) {
        *job.has_errors = false;
        job.errors.clear();
    }
    let kind_names = kind.relationships().iter().fold(0u32, |mask, name| mask | 1 << *name as u32);
    job.relationships.retain_kind(kind, (relationship_names & kind_names).count_ones());
}

impl Events for Sink<'_, '_> {
    #[inline]
    fn begin_object(&mut self, at: usize) -> Result<(), Fault> {
        self.begin_container(JsonType::Object, at)
    }

    #[inline]
    fn end_object(&mut self, at: usize) -> Result<(), Fault> {
        self.end_container(at)
    }

    #[inline]
    fn begin_array(&mut self, at: usize) -> Result<(), Fault> {
        self.begin_container(JsonType::Array, at)
    }

    #[inline]
    fn end_array(&mut self, at: usize) -> Result<(), Fault> {
        self.end_container(at)
    }

    #[inline]
    fn begin_key(&mut self, _at: usize) {
        let walk = &mut *self.walk;
        walk.small_len = 0;
        walk.small_overflow = false;
    }

    #[inline]
    fn key_text(&mut self, text: &[u8]) {
        self.walk.push_small(text);
    }

    #[inline]
    fn end_key(&mut self, at: usize) -> Result<Next, Fault> {
        let walk = &mut *self.walk;
        let top = walk.top();
        let bit = if walk.small_overflow {
            None
        } else {
            top.kind.bit_of_guess(&walk.small[..usize::from(walk.small_len)], top.next_member())
        };
        walk.accept_key(bit, at)
    }

    #[inline]
    fn key(&mut self, key: &[u8], at: usize) -> Result<Next, Fault> {
        let walk = &mut *self.walk;
        let top = walk.top();
        let bit = top.kind.bit_of_guess(key, top.next_member());
        if bit.is_none() {
            // Keep the start of the unknown key to name it in paths.
            walk.small_len = 0;
            walk.small_overflow = false;
            walk.push_small(key);
        }
        walk.accept_key(bit, at)
    }

    #[inline]
    fn begin_string(&mut self, at: usize) -> Result<(), Fault> {
        match self.walk.begin_value(at, JsonType::String)? {
            (Slot::Text(target), _) => {
                self.begin_text(target);
                Ok(())
            }
            (slot, _) => Err(Walk::wrong_type(slot, self.out.is_list(), JsonType::String, at)),
        }
    }

    #[inline]
    fn string_text(&mut self, text: Fragment<'_>, at: usize) -> Result<(), Fault> {
        let target = self.walk.target;
        if let Target::Small(_) = target {
            self.walk.push_small(text.as_bytes());
            return Ok(());
        }
        self.write_text(target, text, false, at)
    }

    #[inline]
    fn begin_string_text(&mut self, text: Fragment<'_>, at: usize) -> Result<(), Fault> {
        let target = match self.walk.begin_value(at, JsonType::String)? {
            (Slot::Text(target), _) => target,
            (slot, _) => return Err(Walk::wrong_type(slot, self.out.is_list(), JsonType::String, at)),
        };
        self.walk.begin_target(target);
        if let Target::Small(_) = target {
            self.walk.push_small(text.as_bytes());
            return Ok(());
        }
        // A fresh write makes an optional field empty first, as
        // `begin_text` does.
        self.write_text(target, text, true, at)
    }

    #[inline]
    fn end_string(&mut self, at: usize) -> Result<(), Fault> {
        if let Target::Small(small) = self.walk.target {
            end_small(self.out, self.walk, small, self.walk.small_bytes(), at)?;
        }
        self.walk.pending = Pending::None;
        Ok(())
    }

    #[inline]
    fn string(&mut self, text: Fragment<'_>, at: usize) -> Result<(), Fault> {
        let target = match self.walk.begin_value(at, JsonType::String)? {
            (Slot::Text(target), _) => target,
            (slot, _) => return Err(Walk::wrong_type(slot, self.out.is_list(), JsonType::String, at)),
        };
        if let Target::Small(small) = target {
            let bytes = text.as_bytes();
            let bytes = if bytes.len() > SMALL_CAPACITY { &[][..] } else { bytes };
            end_small(self.out, self.walk, small, bytes, at)?;
        } else {
            self.walk.begin_target(target);
            self.write_text(target, text, true, at)?;
        }
        self.walk.pending = Pending::None;
        Ok(())
    }

    #[inline]
    fn number(&mut self, number: Number, at: usize) -> Result<(), Fault> {
        let (slot, _) = self.walk.begin_value(at, JsonType::Number)?;
        let Slot::Count(attribute) = slot else {
            return Err(Walk::wrong_type(slot, self.out.is_list(), JsonType::Number, at));
        };
        if !number.integer {
            return Err(Fault::new(ErrorKind::NotAnInteger, at));
        }
        let value = u32::try_from(number.magnitude)
            .ok()
            .filter(|value| !number.negative || *value == 0)
            .ok_or(Fault::new(ErrorKind::CountOutOfRange, at))?;
        if let Some(attributes) = self.out.attributes() {
            attributes.set_count(attribute, value);
        }
        self.walk.pending = Pending::None;
        Ok(())
    }

    #[inline]
    fn literal(&mut self, literal: Literal, at: usize) -> Result<(), Fault> {
        let found = if literal == Literal::Null { JsonType::Null } else { JsonType::Bool };
        let (slot, nullable) = self.walk.begin_value(at, found)?;
        if found != JsonType::Null || !nullable {
            return Err(Walk::wrong_type(slot, self.out.is_list(), found, at));
        }
        // The output already holds "none" for every nullable member.
        self.walk.pending = Pending::None;
        Ok(())
    }
}

const _: () = assert!(core::mem::size_of::<Decoder<'static>>() <= 256);

/// Decode a whole single-job document into `document`, accepting any kind.
pub fn decode_job<const M: usize, const E: usize, const R: usize>(
    input: &[u8],
    document: &mut JobDocument<M, E, R>,
) -> Result<(), Error> {
    decode_job_with(input, document, Options::default())
}

/// Decode a whole single-job document into `document` with `options`.
///
/// With the `fast-path` feature (on by default) and no sparse fieldset, a
/// direct walk of the schema reads the buffer first. It takes only input it
/// can prove valid, and writes the same model the streaming [`Decoder`]
/// would. On anything else it gives up and the streaming decoder reads the
/// input again, so an invalid document costs up to two passes and gets the
/// streaming decoder's error, with its kind, offset and path. Where most
/// documents are expected to be invalid, a [`Decoder`] fed the whole
/// buffer reads each once.
pub fn decode_job_with<const M: usize, const E: usize, const R: usize>(
    input: &[u8],
    document: &mut JobDocument<M, E, R>,
    options: Options,
) -> Result<(), Error> {
    #[cfg(feature = "fast-path")]
    if options.fields.is_none() && direct::single(input, document, options.accept).is_ok() {
        return Ok(());
    }
    let mut decoder = Decoder::single(document).with_options(options);
    decoder.feed(input)?;
    decoder.finish()
}

/// Decode a whole job-list document into `list`, accepting any kind.
pub fn decode_list<const J: usize, const M: usize, const E: usize, const R: usize>(
    input: &[u8],
    list: &mut JobList<J, M, E, R>,
) -> Result<(), Error> {
    decode_list_with(input, list, Options::default())
}

/// Decode a whole job-list document into `list` with `options`. The
/// `fast-path` feature works here as in [`decode_job_with`].
pub fn decode_list_with<const J: usize, const M: usize, const E: usize, const R: usize>(
    input: &[u8],
    list: &mut JobList<J, M, E, R>,
    options: Options,
) -> Result<(), Error> {
    #[cfg(feature = "fast-path")]
    if options.fields.is_none() && direct::list(input, list, options.accept).is_ok() {
        return Ok(());
    }
    let mut decoder = Decoder::list(list).with_options(options);
    decoder.feed(input)?;
    decoder.finish()
}
