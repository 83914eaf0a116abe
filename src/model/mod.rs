//! Plain data with fixed-capacity storage: what the decoder writes and the
//! encoder reads.

mod document;
mod job;
mod kind;
mod list;
#[cfg(feature = "serde")]
mod serde;
pub mod text;

pub use document::{CollectionLinks, JobDocument, JobList};
pub use job::{
    Attributes, ErrorSource, Job, JobError, JobStatus, Links, Member, Progress, Relationship, RelationshipLinks,
};
pub use kind::{Attribute, AttributeSet, JobKind, RelationshipName};
pub(crate) use list::ListMut;
pub use list::{BoundedList, Entry};
pub use text::{Text, Url};
