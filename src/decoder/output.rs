//! The output seen without its capacities. The decoder reaches every job
//! through these traits, so one copy of the lexer and the schema walk serves
//! every `JobDocument<M, E, R>` and `JobList<J, M, E, R>` a program uses.
//! What is compiled per set of capacities is the stores' methods: the
//! borrowed view [`JobMut`], and the three that every value written goes
//! through (a text field found by [`job_text`], a container prepared by
//! [`job_enter`], the attributes), which work on the concrete job rather
//! than through that view, for speed at the cost of a copy of each per
//! output type.

use heapless::string::StringView;

use super::schema::{FrameKind, Target};
use crate::model::{Attributes, BoundedList, Job, JobError, JobKind, ListMut, Relationship, RelationshipName, Text};

/// One job's fields, borrowed.
pub(crate) struct JobMut<'a> {
    pub kind: &'a mut JobKind,
    pub has_errors: &'a mut bool,
    pub attributes: &'a mut Attributes,
    pub errors: ListMut<'a, JobError>,
    pub relationships: &'a mut dyn Relationships,
}

/// A job's relationship list, whatever its capacities.
pub(crate) trait Relationships {
    /// Count a relationship called `name`; its slot if it is kept.
    fn begin(&mut self, name: RelationshipName) -> Option<u32>;
    /// Keep only `kind`'s relationships, of which the job had `total`.
    fn retain_kind(&mut self, kind: JobKind, total: u32);
}

impl<const M: usize, const R: usize> Relationships for BoundedList<Relationship<M>, R> {
    fn begin(&mut self, name: RelationshipName) -> Option<u32> {
        let mut list = self.as_mut();
        let relationship = list.reborrow().begin()?;
        relationship.name = name;
        Some(self.len() as u32 - 1)
    }

    fn retain_kind(&mut self, kind: JobKind, total: u32) {
        self.as_mut().retain(|relationship| kind.has_relationship(relationship.name), total);
    }
}

/// One job's storage.
pub(crate) trait JobStore {
    fn parts(&mut self) -> JobMut<'_>;
    /// The job's attributes, found in one step rather than through
    /// [`JobMut`], as every count and timestamp is written.
    fn attributes(&mut self) -> &mut Attributes;
    /// The job's text field `target` (see [`job_text`]).
    fn text(&mut self, target: Target, relationship: u32, fresh: bool) -> Option<&mut StringView<u16>>;
    /// Prepare the job for a container of `kind` (see [`job_enter`]).
    fn enter(&mut self, kind: FrameKind, relationship: u32);
}

/// The relationship in `slot` of `job`, if there is one (`NO_SLOT` is
/// out of range).
#[inline]
fn relationship_at<const M: usize, const E: usize, const R: usize>(
    job: &mut Job<M, E, R>,
    slot: u32,
) -> Option<&mut Relationship<M>> {
    job.relationships.as_mut_slice().get_mut(usize::try_from(slot).unwrap_or(usize::MAX))
}

/// Prepare `job` for a container of `kind` that begins inside it, in one
/// step rather than through [`JobMut`]: mark `errors` present, begin an
/// error, mark relationship `relationship`'s `data` present, or begin one
/// of its members. Other kinds change nothing here.
#[inline]
fn job_enter<const M: usize, const E: usize, const R: usize>(
    job: &mut Job<M, E, R>,
    kind: FrameKind,
    relationship: u32,
) {
    match kind {
        FrameKind::Errors => job.has_errors = true,
        FrameKind::Error => {
            job.errors.as_mut().begin();
        }
        FrameKind::Members => {
            if let Some(relationship) = relationship_at(job, relationship) {
                relationship.has_data = true;
            }
        }
        FrameKind::Member => {
            if let Some(relationship) = relationship_at(job, relationship) {
                relationship.members.as_mut().begin();
            }
        }
        _ => {}
    }
}

/// The text field `target` of `job`, if it is kept, found in one step
/// rather than through [`JobMut`], as every string value's text is.
/// `relationship` is the slot of the relationship being decoded (or out of
/// range when it is not kept). `fresh` says the value begins: a field that
/// may be absent (`pointer`, a relationship's links) is made empty text.
/// `DocumentLink` and `Small` targets are not the job's: `None`.
#[inline]
fn job_text<const M: usize, const E: usize, const R: usize>(
    job: &mut Job<M, E, R>,
    target: Target,
    relationship: u32,
    fresh: bool,
) -> Option<&mut StringView<u16>> {
    /// An optional field's text: made empty first if the value begins.
    fn optional<const N: usize>(field: &mut Option<Text<N>>, fresh: bool) -> Option<&mut StringView<u16>> {
        if fresh {
            *field = Some(Text::new());
        }
        field.as_mut().map(|text| text.as_mut_view())
    }
    let text = match target {
        Target::JobId => job.id.as_mut_view(),
        Target::JobSelf => job.links.self_link.as_mut_view(),
        Target::ErrorId | Target::ErrorCode | Target::ErrorTitle | Target::ErrorDetail | Target::Pointer => {
            let error = job.errors.as_mut().current()?;
            match target {
                Target::ErrorId => error.id.as_mut_view(),
                Target::ErrorCode => error.code.as_mut_view(),
                Target::ErrorTitle => error.title.as_mut_view(),
                Target::ErrorDetail => error.detail.as_mut_view(),
                _ => return optional(&mut error.source.pointer, fresh),
            }
        }
        Target::MemberId | Target::RelationshipSelf | Target::RelationshipRelated => {
            let relationship = job.relationships.as_mut_slice().get_mut(relationship as usize)?;
            match target {
                Target::MemberId => relationship.members.as_mut().current()?.id.as_mut_view(),
                Target::RelationshipSelf => return optional(&mut relationship.links.self_link, fresh),
                _ => return optional(&mut relationship.links.related, fresh),
            }
        }
        Target::Small(_) | Target::DocumentLink(_) => return None,
    };
    Some(text)
}

impl<const M: usize, const E: usize, const R: usize> JobStore for Job<M, E, R> {
    fn attributes(&mut self) -> &mut Attributes {
        &mut self.attributes
    }

    fn text(&mut self, target: Target, relationship: u32, fresh: bool) -> Option<&mut StringView<u16>> {
        job_text(self, target, relationship, fresh)
    }

    fn enter(&mut self, kind: FrameKind, relationship: u32) {
        job_enter(self, kind, relationship);
    }

    fn parts(&mut self) -> JobMut<'_> {
        JobMut {
            kind: &mut self.kind,
            has_errors: &mut self.has_errors,
            attributes: &mut self.attributes,
            errors: self.errors.as_mut(),
            relationships: &mut self.relationships,
        }
    }
}

/// A list of jobs' storage.
pub(crate) trait JobsStore {
    /// Prepare for a container of `kind`: for a job, count it and clear
    /// its slot if it is kept; else see [`job_enter`] for the job last
    /// begun, if it was kept.
    fn enter(&mut self, kind: FrameKind, relationship: u32);
    /// The job last begun, if it was kept.
    fn current(&mut self) -> Option<JobMut<'_>>;
    /// The attributes of the job last begun, if it was kept.
    fn attributes(&mut self) -> Option<&mut Attributes>;
    /// The text field `target` of the job last begun (see [`job_text`]).
    fn text(&mut self, target: Target, relationship: u32, fresh: bool) -> Option<&mut StringView<u16>>;
}

impl<const J: usize, const M: usize, const E: usize, const R: usize> JobsStore for BoundedList<Job<M, E, R>, J> {
    fn enter(&mut self, kind: FrameKind, relationship: u32) {
        if kind == FrameKind::Job {
            self.as_mut().begin();
        } else if let Some(job) = self.as_mut().current() {
            job_enter(job, kind, relationship);
        }
    }

    fn current(&mut self) -> Option<JobMut<'_>> {
        self.as_mut().current().map(Job::parts)
    }

    fn text(&mut self, target: Target, relationship: u32, fresh: bool) -> Option<&mut StringView<u16>> {
        job_text(self.as_mut().current()?, target, relationship, fresh)
    }

    fn attributes(&mut self) -> Option<&mut Attributes> {
        self.as_mut().current().map(|job| &mut job.attributes)
    }
}
