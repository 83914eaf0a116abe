//! Decode Klaviyo bulk-job JSON:API documents into fixed-capacity
//! structures: `#![no_std]`, `#![forbid(unsafe_code)]`, no allocation, no recursion.
//!
//! The data flows one way: bytes go through the lexer (JSON), then the
//! [`decoder`] (the schema), into the [`model`]; the [`encode`] module writes
//! the model back as JSON.
//!
//! ```
//! use klaviyo_bulk_job::{decode_job, JobDocument, JobStatus};
//!
//! let body = br#"{"data":{"type":"catalog-item-bulk-create-job","id":"01GSQPBF74KQ5YTDEPP41T1BZH",
//!   "attributes":{"status":"processing","created_at":"2026-07-02T05:19:57+00:00",
//!   "total_count":10,"completed_count":4},
//!   "links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/"}}}"#;
//! let mut document: JobDocument<0, 0, 0> = JobDocument::new();
//! decode_job(body, &mut document).unwrap();
//! let job = &document.job;
//! assert_eq!(job.attributes.status, JobStatus::Processing);
//! assert_eq!((job.progress().completed, job.progress().total), (4, 10));
//! assert_eq!(job.attributes.failed_count, Some(0)); // absent: the schema default
//! ```
//!
//! See the README for the contract: what every member, `null`, default and
//! bad input does.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod decimal;
pub mod decoder;
pub mod encode;
pub mod error;
mod lexer;
pub mod model;
mod scan;
pub mod time;
mod utf8;
#[cfg(test)]
mod xorshift;

pub use decoder::{
    Accept, Decoder, MAX_FRAMES, Options, Status, decode_job, decode_job_with, decode_list, decode_list_with,
};
pub use encode::{BufferTooSmall, encode_job, encode_list};
pub use error::{Error, ErrorKind, JsonType, Path};
pub use lexer::MAX_DEPTH;
pub use model::{
    Attribute, AttributeSet, Attributes, BoundedList, CollectionLinks, ErrorSource, Job, JobDocument, JobError,
    JobKind, JobList, JobStatus, Links, Member, Progress, Relationship, RelationshipLinks, RelationshipName, Text, Url,
};
pub use time::{Timestamp, UtcOffset};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
