//! Valid models from `arbitrary::Unstructured`, respecting every invariant a
//! decoded model has:
//!
//! - a job carries exactly its kind's attributes (`fields`), and every
//!   attribute outside them holds its zero value;
//! - strings fit their capacity (the capacity contract is tested by the
//!   re-serializer, which lengthens one string of the encoded document);
//! - timestamps are real dates and times, nanoseconds match their digits;
//! - every list is complete (the encoder writes only what was kept);
//! - relationships are the kind's, without duplicates, with both links or
//!   none (`import-errors`: `related` only), and members only with `data`;
//! - `errors` only for kinds that have it, and entries only when present.

use arbitrary::{Result, Unstructured};
use klaviyo_bulk_job::model::text::Text;
use klaviyo_bulk_job::time::days_in_month;
use klaviyo_bulk_job::{
    Attribute, BoundedList, CollectionLinks, ErrorSource, Job, JobDocument, JobError, JobKind, JobList, JobStatus,
    Links, Member, Relationship, RelationshipLinks, RelationshipName, Timestamp, UtcOffset,
};

/// Characters that stress the lexer and the encoder: JSON's specials,
/// control characters, and UTF-8 of every width.
const SPECIAL: &[char] = &[
    '"',
    '\\',
    '/',
    '\n',
    '\r',
    '\t',
    '\u{8}',
    '\u{c}',
    '\u{0}',
    '\u{1f}',
    '\u{7f}',
    'é',
    '€',
    '\u{2028}',
    '\u{fffd}',
    '\u{ffff}',
    '😀',
    '\u{10ffff}',
    'u',
    ' ',
];

/// One character, mostly printable ASCII.
pub fn character(u: &mut Unstructured) -> Result<char> {
    Ok(match u.int_in_range(0..=9u8)? {
        0..=5 => char::from(u.int_in_range(0x20..=0x7eu8)?),
        6..=8 => *u.choose(SPECIAL)?,
        _ => char::from_u32(u.arbitrary::<u32>()? % 0x11_0000).unwrap_or('\u{d7ff}'),
    })
}

/// A string of at most `N` bytes: mostly short, sometimes right at the
/// capacity.
pub fn text<const N: usize>(u: &mut Unstructured) -> Result<Text<N>> {
    let target =
        if u.ratio(1, 8)? { N - usize::from(u.int_in_range(0..=4u8)?).min(N) } else { u.int_in_range(0..=12)? };
    let mut out = Text::new();
    while out.len() < target.min(N) {
        if out.push(character(u)?).is_err() {
            // A wide character that does not fit: fill with ASCII.
            while out.push('x').is_ok() && out.len() < target {}
            break;
        }
        if u.is_empty() {
            break;
        }
    }
    Ok(out)
}

/// A valid RFC 3339 timestamp, kept as the decoder keeps it.
pub fn timestamp(u: &mut Unstructured) -> Result<Timestamp> {
    let year = u.int_in_range(0..=9999u16)?;
    let month = u.int_in_range(1..=12u8)?;
    let day = u.int_in_range(1..=days_in_month(year, month))?;
    let fraction_digits = u.int_in_range(0..=9u8)?;
    let unit = 10u32.pow(9 - u32::from(fraction_digits));
    let nanosecond = u.int_in_range(0..=999_999_999 / unit)? * unit;
    let offset = match u.int_in_range(0..=3u8)? {
        0 => UtcOffset::Z,
        1 => UtcOffset::UNKNOWN_LOCAL,
        _ => UtcOffset::from_minutes(u.int_in_range(-1439..=1439i16)?),
    };
    let mut timestamp = Timestamp {
        nanosecond,
        year,
        offset,
        month,
        day,
        hour: u.int_in_range(0..=23)?,
        minute: u.int_in_range(0..=59)?,
        second: u.int_in_range(0..=59)?,
        fraction_digits,
    };
    // Now and then a leap second: 23:59:60 UTC on the month's last day, at
    // an offset of zero or west of UTC, so that it is that day locally too.
    if u.ratio(1, 8)? {
        let minutes = timestamp.offset.minutes();
        if minutes > 0 {
            timestamp.offset = UtcOffset::from_minutes(-minutes);
        }
        let local = 23 * 60 + 59 + timestamp.offset.minutes();
        timestamp.day = days_in_month(year, month);
        (timestamp.hour, timestamp.minute, timestamp.second) = ((local / 60) as u8, (local % 60) as u8, 60);
    }
    Ok(timestamp)
}

fn count(u: &mut Unstructured) -> Result<u32> {
    Ok(match u.int_in_range(0..=3u8)? {
        0 => 0,
        1 => u32::MAX,
        _ => u.arbitrary()?,
    })
}

fn shuffle<T>(u: &mut Unstructured, items: &mut [T]) -> Result<()> {
    for index in (1..items.len()).rev() {
        let other = u.int_in_range(0..=index)?;
        items.swap(index, other);
    }
    Ok(())
}

fn job_error(u: &mut Unstructured) -> Result<JobError> {
    Ok(JobError {
        id: text(u)?,
        code: text(u)?,
        title: text(u)?,
        detail: text(u)?,
        source: ErrorSource { pointer: if u.ratio(1, 4)? { None } else { Some(text(u)?) } },
    })
}

fn relationship<const M: usize>(u: &mut Unstructured, name: RelationshipName) -> Result<Relationship<M>> {
    let mut relationship = Relationship::new();
    relationship.name = name;
    relationship.has_data = u.arbitrary()?;
    if relationship.has_data {
        for _ in 0..u.int_in_range(0..=M)? {
            relationship.members.push(Member { id: text(u)? });
        }
    }
    if u.arbitrary()? {
        relationship.links = RelationshipLinks {
            self_link: if name.has_self_link() { Some(text(u)?) } else { None },
            related: Some(text(u)?),
        };
    }
    Ok(relationship)
}

/// A job of any kind, consistent with its kind.
pub fn job<const M: usize, const E: usize, const R: usize>(u: &mut Unstructured) -> Result<Job<M, E, R>> {
    let kind = *u.choose(&JobKind::ALL)?;
    let fields = kind.attributes();
    let mut job = Job::new();
    job.kind = kind;
    job.id = text(u)?;
    let attributes = &mut job.attributes;
    attributes.status =
        *u.choose(&[JobStatus::Queued, JobStatus::Processing, JobStatus::Complete, JobStatus::Cancelled])?;
    attributes.created_at = timestamp(u)?;
    attributes.total_count = count(u)?;
    let optional_count = |u: &mut Unstructured, attribute| -> Result<Option<u32>> {
        Ok(if fields.contains(attribute) && u.ratio(3, 4)? { Some(count(u)?) } else { None })
    };
    attributes.completed_count = optional_count(u, Attribute::CompletedCount)?;
    attributes.failed_count = optional_count(u, Attribute::FailedCount)?;
    attributes.skipped_count = optional_count(u, Attribute::SkippedCount)?;
    let optional_timestamp = |u: &mut Unstructured, attribute| -> Result<Option<Timestamp>> {
        Ok(if fields.contains(attribute) && u.arbitrary()? { Some(timestamp(u)?) } else { None })
    };
    attributes.completed_at = optional_timestamp(u, Attribute::CompletedAt)?;
    attributes.expires_at = optional_timestamp(u, Attribute::ExpiresAt)?;
    attributes.started_at = optional_timestamp(u, Attribute::StartedAt)?;
    attributes.fields = fields;
    if fields.contains(Attribute::Errors) && u.arbitrary()? {
        job.has_errors = true;
        for _ in 0..u.int_in_range(0..=E)? {
            job.errors.push(job_error(u)?);
        }
    }
    let mut names: Vec<RelationshipName> = kind.relationships().to_vec();
    shuffle(u, &mut names)?;
    let kept = u.int_in_range(0..=names.len().min(R))?;
    for &name in &names[..kept] {
        job.relationships.push(relationship(u, name)?);
    }
    job.links = Links { self_link: text(u)? };
    Ok(job)
}

/// A single-job document.
pub fn document<const M: usize, const E: usize, const R: usize>(u: &mut Unstructured) -> Result<JobDocument<M, E, R>> {
    let job = job(u)?;
    let links = if u.arbitrary()? { Some(Links { self_link: text(u)? }) } else { None };
    Ok(JobDocument { job, links })
}

fn optional_url(u: &mut Unstructured) -> Result<Option<klaviyo_bulk_job::Url>> {
    Ok(if u.arbitrary()? { Some(text(u)?) } else { None })
}

/// A job-list document, every job kept.
pub fn list<const J: usize, const M: usize, const E: usize, const R: usize>(
    u: &mut Unstructured,
) -> Result<JobList<J, M, E, R>> {
    let mut jobs = BoundedList::new();
    for _ in 0..u.int_in_range(0..=J)? {
        jobs.push(job(u)?);
    }
    let links = if u.arbitrary()? {
        Some(CollectionLinks {
            self_link: text(u)?,
            first: optional_url(u)?,
            last: optional_url(u)?,
            prev: optional_url(u)?,
            next: optional_url(u)?,
        })
    } else {
        None
    };
    Ok(JobList { jobs, links })
}
