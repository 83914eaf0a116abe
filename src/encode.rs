//! The model written back as compact JSON:API into a `&mut [u8]`, with no
//! allocation. Decoding the output, with the same [`Options`](crate::Options),
//! gives back the same model.
//!
//! Every attribute in [`Attributes::fields`](crate::model::Attributes) is
//! written, with `null` for none. `errors` is written as `null` when the job
//! has none. Relationship `data` is written when it was present, and
//! `links` members when they are set. Only kept list entries are written,
//! so a list cut short by its capacity comes back complete but shorter.
//!
//! - **Sparse fieldsets.** A job decoded with `Options::fields` is written
//!   with the attributes it carries (those requested, and any others the
//!   document had), so it decodes back only with the same options: without
//!   them its absent required attributes are missing.
//! - **Models not made by decoding.** The fields are public, so a model
//!   built by hand can hold what no document does: a timestamp on
//!   2026-02-30, or the same relationship name twice. The encoder writes
//!   it as it is, clamping numbers to their written width, and the decoder
//!   then rejects the output (`InvalidTimestamp`, `DuplicateMember`).

use core::fmt;

use crate::decimal::Decimal;
use crate::model::{Attribute, CollectionLinks, Job, JobDocument, JobError, JobList, Relationship};
use crate::time::{TIMESTAMP_MAX_LEN, Timestamp};

/// The output buffer was too small for the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct BufferTooSmall {
    /// The buffer's length.
    pub capacity: usize,
}

impl fmt::Display for BufferTooSmall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "output buffer of {} bytes is too small", self.capacity)
    }
}

impl core::error::Error for BufferTooSmall {}

/// Writes into a byte buffer, remembering whether anything did not fit.
struct Writer<'b> {
    out: &'b mut [u8],
    len: usize,
    overflow: bool,
}

impl Writer<'_> {
    fn raw(&mut self, bytes: &[u8]) {
        match self.out.get_mut(self.len..self.len + bytes.len()) {
            Some(room) if !self.overflow => {
                room.copy_from_slice(bytes);
                self.len += bytes.len();
            }
            _ => self.overflow = true,
        }
    }

    /// A JSON string: quotes, escapes for `"`, `\` and control characters,
    /// everything else as UTF-8.
    fn string(&mut self, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.raw(b"\"");
        let bytes = text.as_bytes();
        let mut start = 0;
        for (index, &byte) in bytes.iter().enumerate() {
            let short = match byte {
                b'"' => b'"',
                b'\\' => b'\\',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x08 => b'b',
                0x0c => b'f',
                0x00..=0x1f => 0,
                _ => continue,
            };
            self.raw(&bytes[start..index]);
            if short == 0 {
                self.raw(&[b'\\', b'u', b'0', b'0', HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]);
            } else {
                self.raw(&[b'\\', short]);
            }
            start = index + 1;
        }
        self.raw(&bytes[start..]);
        self.raw(b"\"");
    }

    fn key(&mut self, comma: bool, key: &str) {
        if comma {
            self.raw(b",");
        }
        self.raw(b"\"");
        self.raw(key.as_bytes());
        self.raw(b"\":");
    }

    fn number(&mut self, value: u32) {
        self.raw(Decimal::new(value).as_bytes());
    }

    fn optional_number(&mut self, value: Option<u32>) {
        match value {
            Some(value) => self.number(value),
            None => self.raw(b"null"),
        }
    }

    fn timestamp(&mut self, value: Option<&Timestamp>) {
        let Some(timestamp) = value else {
            return self.raw(b"null");
        };
        let mut text = [0u8; TIMESTAMP_MAX_LEN];
        let len = timestamp.write_to(&mut text);
        self.raw(b"\"");
        self.raw(&text[..len]);
        self.raw(b"\"");
    }

    fn optional_string(&mut self, value: Option<&str>) {
        match value {
            Some(text) => self.string(text),
            None => self.raw(b"null"),
        }
    }

    fn error(&mut self, error: &JobError) {
        self.raw(b"{");
        self.key(false, "id");
        self.string(&error.id);
        self.key(true, "code");
        self.string(&error.code);
        self.key(true, "title");
        self.string(&error.title);
        self.key(true, "detail");
        self.string(&error.detail);
        self.key(true, "source");
        self.raw(b"{");
        self.key(false, "pointer");
        self.optional_string(error.source.pointer.as_deref());
        self.raw(b"}}");
    }

    fn relationship<const M: usize>(&mut self, relationship: &Relationship<M>) {
        self.raw(b"{");
        let mut comma = false;
        if relationship.has_data {
            self.key(false, "data");
            self.raw(b"[");
            for (index, member) in relationship.members.iter().enumerate() {
                if index > 0 {
                    self.raw(b",");
                }
                self.raw(b"{");
                self.key(false, "type");
                self.string(relationship.name.member_type());
                self.key(true, "id");
                self.string(&member.id);
                self.raw(b"}");
            }
            self.raw(b"]");
            comma = true;
        }
        let links = &relationship.links;
        if links.self_link.is_some() || links.related.is_some() {
            self.key(comma, "links");
            self.raw(b"{");
            let mut inner = false;
            if let Some(url) = &links.self_link {
                self.key(false, "self");
                self.string(url);
                inner = true;
            }
            if let Some(url) = &links.related {
                self.key(inner, "related");
                self.string(url);
            }
            self.raw(b"}");
        }
        self.raw(b"}");
    }

    fn job<const M: usize, const E: usize, const R: usize>(&mut self, job: &Job<M, E, R>) {
        self.raw(b"{");
        self.key(false, "type");
        self.string(job.kind.type_str());
        self.key(true, "id");
        self.string(&job.id);
        self.key(true, "attributes");
        self.raw(b"{");
        let attributes = &job.attributes;
        for (index, attribute) in attributes.fields.iter().enumerate() {
            self.key(index > 0, attribute.as_str());
            match attribute {
                Attribute::Status => self.string(attributes.status.as_str()),
                Attribute::CreatedAt => self.timestamp(Some(&attributes.created_at)),
                Attribute::TotalCount => self.number(attributes.total_count),
                Attribute::CompletedCount => self.optional_number(attributes.completed_count),
                Attribute::FailedCount => self.optional_number(attributes.failed_count),
                Attribute::SkippedCount => self.optional_number(attributes.skipped_count),
                Attribute::CompletedAt => self.timestamp(attributes.completed_at.as_ref()),
                Attribute::ExpiresAt => self.timestamp(attributes.expires_at.as_ref()),
                Attribute::StartedAt => self.timestamp(attributes.started_at.as_ref()),
                Attribute::Errors => match job.errors() {
                    Some(errors) => {
                        self.raw(b"[");
                        for (index, error) in errors.iter().enumerate() {
                            if index > 0 {
                                self.raw(b",");
                            }
                            self.error(error);
                        }
                        self.raw(b"]");
                    }
                    None => self.raw(b"null"),
                },
            }
        }
        self.raw(b"}");
        if !job.relationships.is_empty() {
            self.key(true, "relationships");
            self.raw(b"{");
            for (index, relationship) in job.relationships.iter().enumerate() {
                self.key(index > 0, relationship.name.as_str());
                self.relationship(relationship);
            }
            self.raw(b"}");
        }
        self.key(true, "links");
        self.raw(b"{");
        self.key(false, "self");
        self.string(&job.links.self_link);
        self.raw(b"}}");
    }

    fn collection_links(&mut self, links: &CollectionLinks) {
        self.raw(b"{");
        self.key(false, "self");
        self.string(&links.self_link);
        for (name, url) in [("first", &links.first), ("last", &links.last)] {
            if let Some(url) = url {
                self.key(true, name);
                self.string(url);
            }
        }
        self.key(true, "prev");
        self.optional_string(links.prev.as_deref());
        self.key(true, "next");
        self.optional_string(links.next.as_deref());
        self.raw(b"}");
    }

    fn finish(self) -> Result<usize, BufferTooSmall> {
        if self.overflow { Err(BufferTooSmall { capacity: self.out.len() }) } else { Ok(self.len) }
    }
}

/// Write `document` as compact JSON into `out`; returns the bytes written.
pub fn encode_job<const M: usize, const E: usize, const R: usize>(
    document: &JobDocument<M, E, R>,
    out: &mut [u8],
) -> Result<usize, BufferTooSmall> {
    let mut writer = Writer { out, len: 0, overflow: false };
    writer.raw(b"{\"data\":");
    writer.job(&document.job);
    if let Some(links) = &document.links {
        writer.raw(b",\"links\":{\"self\":");
        writer.string(&links.self_link);
        writer.raw(b"}");
    }
    writer.raw(b"}");
    writer.finish()
}

/// Write `list` as compact JSON into `out`; returns the bytes written.
pub fn encode_list<const J: usize, const M: usize, const E: usize, const R: usize>(
    list: &JobList<J, M, E, R>,
    out: &mut [u8],
) -> Result<usize, BufferTooSmall> {
    let mut writer = Writer { out, len: 0, overflow: false };
    writer.raw(b"{\"data\":[");
    for (index, job) in list.jobs.iter().enumerate() {
        if index > 0 {
            writer.raw(b",");
        }
        writer.job(job);
    }
    writer.raw(b"]");
    if let Some(links) = &list.links {
        writer.raw(b",\"links\":");
        writer.collection_links(links);
    }
    writer.raw(b"}");
    writer.finish()
}
