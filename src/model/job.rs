//! One bulk job: its kind, id, attributes, errors, relationships and links.

use super::kind::{Attribute, AttributeSet, JobKind, RelationshipName};
use super::list::{BoundedList, Entry};
use super::text::{
    ERROR_CODE_CAPACITY, ERROR_DETAIL_CAPACITY, ERROR_ID_CAPACITY, ERROR_TITLE_CAPACITY, JOB_ID_CAPACITY,
    MEMBER_ID_CAPACITY, POINTER_CAPACITY, Text, Url,
};
use crate::time::Timestamp;

/// `attributes.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum JobStatus {
    /// `queued`
    #[default]
    Queued,
    /// `processing`
    Processing,
    /// `complete`
    Complete,
    /// `cancelled`
    Cancelled,
}

impl JobStatus {
    /// The JSON string.
    pub const fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Processing => "processing",
            JobStatus::Complete => "complete",
            JobStatus::Cancelled => "cancelled",
        }
    }

    /// The status whose JSON string is `text`.
    pub fn parse(text: &str) -> Option<JobStatus> {
        Self::parse_bytes(text.as_bytes())
    }

    pub(crate) fn parse_bytes(text: &[u8]) -> Option<JobStatus> {
        [JobStatus::Queued, JobStatus::Processing, JobStatus::Complete, JobStatus::Cancelled]
            .into_iter()
            .find(|status| status.as_str().as_bytes() == text)
    }

    /// The job will not change any more: `complete` or `cancelled`.
    pub const fn is_finished(self) -> bool {
        matches!(self, JobStatus::Complete | JobStatus::Cancelled)
    }
}

/// The job's attributes, except `errors` (see [`Job::errors`]).
///
/// Absent and `null` follow the contract: `completed_count`, `failed_count`
/// and `skipped_count` are `Some(0)` when absent and `None` when `null`; the
/// timestamps are `None` when absent or `null`.
///
/// `fields` says which attributes this job carries: its kind's attributes,
/// narrowed under a sparse fieldset to the requested ones and any others
/// the document had. An attribute outside `fields` holds its zero value
/// (`None`, `0`, `Queued`).
///
/// Memory: 108 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Attributes {
    /// `status`
    pub status: JobStatus,
    /// `created_at`
    pub created_at: Timestamp,
    /// `total_count`
    pub total_count: u32,
    /// `completed_count`
    pub completed_count: Option<u32>,
    /// `failed_count` (not in the profile-suppression kinds)
    pub failed_count: Option<u32>,
    /// `skipped_count` (profile-suppression kinds only)
    pub skipped_count: Option<u32>,
    /// `completed_at`
    pub completed_at: Option<Timestamp>,
    /// `expires_at` (not in the profile-suppression kinds)
    pub expires_at: Option<Timestamp>,
    /// `started_at` (profile-bulk-import only)
    pub started_at: Option<Timestamp>,
    /// The attributes this job carries.
    pub fields: AttributeSet,
}

impl Attributes {
    /// Set the count `attribute` (one of the four counts) to `value`.
    #[inline]
    pub(crate) fn set_count(&mut self, attribute: Attribute, value: u32) {
        match attribute {
            Attribute::TotalCount => self.total_count = value,
            Attribute::CompletedCount => self.completed_count = Some(value),
            Attribute::FailedCount => self.failed_count = Some(value),
            _ => self.skipped_count = Some(value),
        }
    }

    /// Set the timestamp `attribute` (one of the four timestamps) to `value`.
    #[inline]
    pub(crate) fn set_timestamp(&mut self, attribute: Attribute, value: Timestamp) {
        match attribute {
            Attribute::CreatedAt => self.created_at = value,
            Attribute::CompletedAt => self.completed_at = Some(value),
            Attribute::ExpiresAt => self.expires_at = Some(value),
            _ => self.started_at = Some(value),
        }
    }

    /// All zero values, carrying no field.
    pub const EMPTY: Attributes = Attributes {
        status: JobStatus::Queued,
        created_at: Timestamp {
            nanosecond: 0,
            year: 0,
            offset: crate::time::UtcOffset::from_minutes(0),
            month: 0,
            day: 0,
            hour: 0,
            minute: 0,
            second: 0,
            fraction_digits: 0,
        },
        total_count: 0,
        completed_count: None,
        failed_count: None,
        skipped_count: None,
        completed_at: None,
        expires_at: None,
        started_at: None,
        fields: AttributeSet::EMPTY,
    };
}

/// `source` of a job error.
///
/// Memory: 260 bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ErrorSource {
    /// `pointer`: `"/data"` when absent (the schema default), `None` when
    /// `null`. Capacity [`POINTER_CAPACITY`] bytes.
    pub pointer: Option<Text<POINTER_CAPACITY>>,
}

/// One entry of `attributes.errors`.
///
/// Memory: 1676 bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct JobError {
    /// `id`, at most [`ERROR_ID_CAPACITY`] bytes.
    pub id: Text<ERROR_ID_CAPACITY>,
    /// `code`, at most [`ERROR_CODE_CAPACITY`] bytes.
    pub code: Text<ERROR_CODE_CAPACITY>,
    /// `title`, at most [`ERROR_TITLE_CAPACITY`] bytes.
    pub title: Text<ERROR_TITLE_CAPACITY>,
    /// `detail`, at most [`ERROR_DETAIL_CAPACITY`] bytes.
    pub detail: Text<ERROR_DETAIL_CAPACITY>,
    /// `source`
    pub source: ErrorSource,
}

impl Entry for JobError {
    const EMPTY: Self = JobError {
        id: Text::new(),
        code: Text::new(),
        title: Text::new(),
        detail: Text::new(),
        source: ErrorSource { pointer: None },
    };
    fn clear(&mut self) {
        self.id.clear();
        self.code.clear();
        self.title.clear();
        self.detail.clear();
        self.source.pointer = None;
    }
}

/// A relationship member. Its `type` is the relationship's
/// [`member_type`](RelationshipName::member_type), checked while decoding.
///
/// Memory: 130 bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Member {
    /// `id`, at most [`MEMBER_ID_CAPACITY`] bytes.
    pub id: Text<MEMBER_ID_CAPACITY>,
}

impl Entry for Member {
    const EMPTY: Self = Member { id: Text::new() };
    fn clear(&mut self) {
        self.id.clear();
    }
}

/// A relationship's `links`. `None` when absent or `null`.
///
/// Memory: 520 bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RelationshipLinks {
    /// `self` (absent for `import-errors`).
    pub self_link: Option<Url>,
    /// `related`
    pub related: Option<Url>,
}

/// One relationship of a job, such as `items`: its members and links.
///
/// Memory: `532 + 130 × M` bytes, rounded up to a multiple of 4 (13 532
/// for `M = 100`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Relationship<const M: usize = 100> {
    /// Its name, which fixes its members' type.
    pub name: RelationshipName,
    /// `data` was present (an array, possibly empty).
    pub has_data: bool,
    /// `links`
    pub links: RelationshipLinks,
    /// `data`: the first `M` members, and how many there were.
    pub members: BoundedList<Member, M>,
}

impl<const M: usize> Relationship<M> {
    /// An empty `items` relationship.
    pub const fn new() -> Self {
        <Self as Entry>::EMPTY
    }

    /// Every member was kept.
    pub const fn is_complete(&self) -> bool {
        self.members.is_complete()
    }
}

impl<const M: usize> Default for Relationship<M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const M: usize> Entry for Relationship<M> {
    const EMPTY: Self = Relationship {
        name: RelationshipName::Items,
        has_data: false,
        links: RelationshipLinks { self_link: None, related: None },
        members: BoundedList::new(),
    };
    fn clear(&mut self) {
        self.name = RelationshipName::Items;
        self.has_data = false;
        self.links.self_link = None;
        self.links.related = None;
        self.members.clear();
    }
}

/// A resource's or single document's `links`: `self`.
///
/// Memory: 258 bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Links {
    /// `self`, at most [`URL_CAPACITY`](super::text::URL_CAPACITY) bytes.
    pub self_link: Url,
}

/// How far a job has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Progress {
    /// Operations done (`completed_count`, 0 when `null`).
    pub completed: u32,
    /// Operations that failed (`failed_count`, 0 when `null` or not defined).
    pub failed: u32,
    /// Operations in all (`total_count`).
    pub total: u32,
}

impl Progress {
    /// Completed and failed operations per thousand of the total, rounded
    /// down and at most 1000 (1000 when the total is 0, and when the counts
    /// add up to more than the total).
    pub const fn per_mille(self) -> u32 {
        if self.total == 0 {
            return 1000;
        }
        let done = self.completed as u64 + self.failed as u64;
        let value = done * 1000 / self.total as u64;
        if value > 1000 { 1000 } else { value as u32 }
    }
}

/// One bulk job.
///
/// Capacities: `M` members per relationship, `E` errors, `R` relationships.
/// Strings have the fixed capacities of [`crate::model::text`].
///
/// Memory: `452 + 1676 × E + R × size_of::<Relationship<M>>()` bytes, the
/// same on every target: 57 808 with the defaults (`M = 100`, `E = 10`,
/// `R = 3`), and 452 for a status poll (`Job<0, 0, 0>`). An empty job is all
/// zero bytes, so a `static` one costs no flash.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Job<const M: usize = 100, const E: usize = 10, const R: usize = 3> {
    /// The kind, from `type`.
    pub kind: JobKind,
    /// `errors` was an array (possibly empty); `false` when absent or `null`.
    pub has_errors: bool,
    /// `id`, at most [`JOB_ID_CAPACITY`] bytes.
    pub id: Text<JOB_ID_CAPACITY>,
    /// `attributes`, except `errors`.
    pub attributes: Attributes,
    /// `attributes.errors`: the first `E` errors, and how many there were.
    /// Use [`Job::errors`] to tell `[]` from none.
    pub errors: BoundedList<JobError, E>,
    /// The relationships the job's kind defines, in document order.
    pub relationships: BoundedList<Relationship<M>, R>,
    /// `links`
    pub links: Links,
}

impl<const M: usize, const E: usize, const R: usize> Job<M, E, R> {
    /// An empty job.
    pub const fn new() -> Self {
        <Self as Entry>::EMPTY
    }

    /// `attributes.errors`: `None` when absent or `null`.
    pub fn errors(&self) -> Option<&BoundedList<JobError, E>> {
        self.has_errors.then_some(&self.errors)
    }

    /// The relationship called `name`, if the document had it.
    pub fn relationship(&self, name: RelationshipName) -> Option<&Relationship<M>> {
        self.relationships.iter().find(|relationship| relationship.name == name)
    }

    /// Completed, failed and total counts.
    pub fn progress(&self) -> Progress {
        Progress {
            completed: self.attributes.completed_count.unwrap_or(0),
            failed: self.attributes.failed_count.unwrap_or(0),
            total: self.attributes.total_count,
        }
    }

    /// The job will not change any more: `complete` or `cancelled`.
    pub fn is_finished(&self) -> bool {
        self.attributes.status.is_finished()
    }

    /// Every error and every relationship member was kept.
    pub fn is_complete(&self) -> bool {
        self.errors.is_complete()
            && self.relationships.is_complete()
            && self.relationships.iter().all(Relationship::is_complete)
    }
}

impl<const M: usize, const E: usize, const R: usize> Default for Job<M, E, R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const M: usize, const E: usize, const R: usize> Entry for Job<M, E, R> {
    const EMPTY: Self = Job {
        kind: JobKind::CatalogItemBulkCreate,
        has_errors: false,
        id: Text::new(),
        attributes: Attributes::EMPTY,
        errors: BoundedList::new(),
        relationships: BoundedList::new(),
        links: Links { self_link: Text::new() },
    };
    fn clear(&mut self) {
        self.kind = JobKind::CatalogItemBulkCreate;
        self.has_errors = false;
        self.id.clear();
        self.attributes = Attributes::EMPTY;
        self.errors.clear();
        self.relationships.clear();
        self.links.self_link.clear();
    }
}
