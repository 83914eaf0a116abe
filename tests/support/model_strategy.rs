//! Proptest strategies for arbitrary models that respect the model's
//! documented invariants, so that encoding then decoding must give them
//! back:
//!
//! - attributes are kind-consistent: `fields == kind.attributes()`, and
//!   every attribute outside the kind is `None`;
//! - strings fit their capacity (sometimes exactly), with non-ASCII text,
//!   control characters, quotes, backslashes and emoji;
//! - timestamps are real dates with an offset within ±23:59 and
//!   nanoseconds that match the fraction digits;
//! - lists are complete (`total == len`); `errors` is empty unless
//!   `has_errors`, and only kinds with an `errors` attribute have any;
//! - relationships are the kind's own names, in any order, without
//!   duplicates; members only when `has_data`;
//! - relationship links are both absent or both present, except
//!   `import-errors`, which has only `related`.
#![allow(dead_code)]

use klaviyo_bulk_job::model::text::{
    ERROR_CODE_CAPACITY, ERROR_DETAIL_CAPACITY, ERROR_ID_CAPACITY, ERROR_TITLE_CAPACITY, JOB_ID_CAPACITY,
    MEMBER_ID_CAPACITY, POINTER_CAPACITY, URL_CAPACITY,
};
use klaviyo_bulk_job::time::days_in_month;
use klaviyo_bulk_job::{
    Attribute, AttributeSet, Attributes, BoundedList, CollectionLinks, ErrorSource, Job, JobDocument, JobError,
    JobKind, JobList, JobStatus, Links, Member, Relationship, RelationshipLinks, RelationshipName, Text, Timestamp,
    Url, UtcOffset,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Members per relationship in generated models.
pub const M: usize = 3;
/// Errors per job.
pub const E: usize = 3;
/// Relationships per job: one slot per relationship name of the family, so
/// relationships of other kinds that come before `type` never hold a slot the
/// kind's own need (the README's note on member order) and every property
/// holds whatever the member order.
pub const R: usize = 8;
/// Jobs per list.
pub const J: usize = 3;

pub type Doc = JobDocument<M, E, R>;
pub type List = JobList<J, M, E, R>;
pub type TestJob = Job<M, E, R>;

/// A character that exercises the encoder's escapes and the lexer's UTF-8
/// handling.
pub fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::char::range('a', 'z'),
        1 => proptest::char::range(' ', '~'),
        1 => Just('"'),
        1 => Just('\\'),
        1 => Just('/'),
        2 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => Just('\u{7f}'),
        2 => prop::sample::select(vec![
            'é', 'ß', 'ÿ', '中', '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}', '\u{e000}', '\u{ffff}', '😀', '𝄞',
            '👩', '\u{200d}', '\u{10ffff}',
        ]),
        1 => any::<char>(),
    ]
}

/// A string of at most `N` bytes: mostly short, sometimes filled to within
/// a few bytes of `N`, sometimes to exactly `N`.
pub fn text<const N: usize>() -> impl Strategy<Value = Text<N>> {
    (vec(any_char(), 0..10), 0u8..10).prop_map(|(chars, fill)| {
        let mut text = Text::<N>::new();
        match fill {
            // Fill with the chars repeated as far as they fit; 8: then pad
            // to exactly N bytes with ASCII.
            8 | 9 if !chars.is_empty() => {
                'fill: loop {
                    for &c in &chars {
                        if text.push(c).is_err() {
                            break 'fill;
                        }
                    }
                }
                if fill == 8 {
                    while text.push('x').is_ok() {}
                }
            }
            _ => {
                for c in chars {
                    if text.push(c).is_err() {
                        break;
                    }
                }
            }
        }
        text
    })
}

pub fn url() -> impl Strategy<Value = Url> {
    prop_oneof![
        3 => text::<URL_CAPACITY>(),
        1 => "[a-z0-9]{1,20}".prop_map(|id| {
            let mut url = Url::new();
            url.push_str("https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/").unwrap();
            url.push_str(&id).unwrap();
            url.push_str("/").unwrap();
            url
        }),
    ]
}

pub fn offset() -> impl Strategy<Value = UtcOffset> {
    prop_oneof![
        Just(UtcOffset::Z),
        Just(UtcOffset::from_minutes(0)),
        Just(UtcOffset::UNKNOWN_LOCAL),
        Just(UtcOffset::from_minutes(23 * 60 + 59)),
        Just(UtcOffset::from_minutes(-(23 * 60 + 59))),
        (-1439i16..=1439).prop_map(UtcOffset::from_minutes),
    ]
}

/// A valid timestamp: a real date (February 29th only in leap years), 0 to
/// 9 fraction digits with matching nanoseconds, and one time in ten a leap
/// second: 23:59:60 UTC on the last day of the month, at an offset of zero
/// or west of UTC, so that it falls on that day locally too.
pub fn timestamp() -> impl Strategy<Value = Timestamp> {
    (
        prop_oneof![0u16..=9999, Just(0u16), Just(9999u16), Just(2000u16), Just(1900u16), Just(2024u16)],
        1u8..=12,
        1u8..=31,
        0u8..=23,
        0u8..=59,
        0u8..=59,
        0u8..=9,
        any::<u32>(),
        offset(),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(year, month, day, hour, minute, second, fraction_digits, nanos, offset, leap)| {
            let (mut offset, mut day, mut hour, mut minute, mut second) =
                (offset, day.min(days_in_month(year, month)), hour, minute, second);
            if leap {
                if offset.minutes() > 0 {
                    offset = UtcOffset::from_minutes(-offset.minutes());
                }
                let local = 23 * 60 + 59 + offset.minutes();
                (day, hour, minute, second) = (days_in_month(year, month), (local / 60) as u8, (local % 60) as u8, 60);
            }
            let nanosecond = if fraction_digits == 0 {
                0
            } else {
                let digits = u32::from(fraction_digits);
                (nanos % 10u32.pow(digits)) * 10u32.pow(9 - digits)
            };
            Timestamp { nanosecond, year, offset, month, day, hour, minute, second, fraction_digits }
        })
}

pub fn status() -> impl Strategy<Value = JobStatus> {
    prop::sample::select(vec![JobStatus::Queued, JobStatus::Processing, JobStatus::Complete, JobStatus::Cancelled])
}

pub fn count() -> impl Strategy<Value = u32> {
    prop_oneof![any::<u32>(), Just(0), Just(u32::MAX), 0u32..1000]
}

pub fn kind() -> impl Strategy<Value = JobKind> {
    prop::sample::select(JobKind::ALL.to_vec())
}

/// Attributes with every optional value drawn; see [`attributes_for`].
pub fn attributes() -> impl Strategy<Value = Attributes> {
    (
        status(),
        timestamp(),
        count(),
        option::of(count()),
        option::of(count()),
        option::of(count()),
        option::of(timestamp()),
        option::of(timestamp()),
        option::of(timestamp()),
    )
        .prop_map(
            |(
                status,
                created_at,
                total_count,
                completed_count,
                failed_count,
                skipped_count,
                completed_at,
                expires_at,
                started_at,
            )| Attributes {
                status,
                created_at,
                total_count,
                completed_count,
                failed_count,
                skipped_count,
                completed_at,
                expires_at,
                started_at,
                fields: AttributeSet::ALL,
            },
        )
}

/// `attributes` narrowed to exactly `kind`'s fields: the others `None`.
pub fn attributes_for(kind: JobKind, attributes: Attributes) -> Attributes {
    let fields = kind.attributes();
    let only = |attribute: Attribute| fields.contains(attribute);
    Attributes {
        completed_count: attributes.completed_count.filter(|_| only(Attribute::CompletedCount)),
        failed_count: attributes.failed_count.filter(|_| only(Attribute::FailedCount)),
        skipped_count: attributes.skipped_count.filter(|_| only(Attribute::SkippedCount)),
        completed_at: attributes.completed_at.filter(|_| only(Attribute::CompletedAt)),
        expires_at: attributes.expires_at.filter(|_| only(Attribute::ExpiresAt)),
        started_at: attributes.started_at.filter(|_| only(Attribute::StartedAt)),
        fields,
        ..attributes
    }
}

pub fn job_error() -> impl Strategy<Value = JobError> {
    (
        text::<ERROR_ID_CAPACITY>(),
        text::<ERROR_CODE_CAPACITY>(),
        text::<ERROR_TITLE_CAPACITY>(),
        text::<ERROR_DETAIL_CAPACITY>(),
        option::of(text::<POINTER_CAPACITY>()),
    )
        .prop_map(|(id, code, title, detail, pointer)| JobError {
            id,
            code,
            title,
            detail,
            source: ErrorSource { pointer },
        })
}

/// `has_errors` and the errors as generated, before the kind is applied.
pub type RawErrors = (bool, Vec<JobError>);

pub fn raw_errors(most: usize) -> impl Strategy<Value = RawErrors> {
    (any::<bool>(), vec(job_error(), 0..=most))
}

/// `has_errors` and the errors: none unless the kind has `errors`.
pub fn errors_for<const N: usize>(kind: JobKind, (has_errors, items): RawErrors) -> (bool, BoundedList<JobError, N>) {
    let mut list = BoundedList::new();
    let has_errors = has_errors && kind.attributes().contains(Attribute::Errors);
    if has_errors {
        for item in items.into_iter().take(N) {
            assert!(list.push(item));
        }
    }
    (has_errors, list)
}

/// A relationship as generated, before its name is known: `data` (if
/// present) and two optional links.
#[derive(Clone, Debug)]
pub struct RawRelationship {
    has_data: bool,
    ids: Vec<Text<MEMBER_ID_CAPACITY>>,
    both: Option<(Url, Url)>,
    related_only: Option<Url>,
}

pub fn raw_relationship(most: usize) -> impl Strategy<Value = RawRelationship> {
    (any::<bool>(), vec(text::<MEMBER_ID_CAPACITY>(), 0..=most), option::of((url(), url())), option::of(url()))
        .prop_map(|(has_data, ids, both, related_only)| RawRelationship { has_data, ids, both, related_only })
}

/// The relationship called `name`: links both present or both absent,
/// except `import-errors`, which has only `related`.
pub fn relationship_named<const N: usize>(name: RelationshipName, raw: RawRelationship) -> Relationship<N> {
    let mut relationship = Relationship::new();
    relationship.name = name;
    relationship.has_data = raw.has_data;
    if raw.has_data {
        for id in raw.ids.into_iter().take(N) {
            assert!(relationship.members.push(Member { id }));
        }
    }
    relationship.links = if name.has_self_link() {
        match raw.both {
            Some((self_link, related)) => RelationshipLinks { self_link: Some(self_link), related: Some(related) },
            None => RelationshipLinks::default(),
        }
    } else {
        RelationshipLinks { self_link: None, related: raw.related_only }
    };
    relationship
}

/// Relationships as generated: up to three, an order and how many to keep.
pub type RawRelationships = (Vec<RawRelationship>, Vec<usize>, usize);

pub fn raw_relationships(most_members: usize) -> impl Strategy<Value = RawRelationships> {
    (vec(raw_relationship(most_members), 3), Just(vec![0usize, 1, 2]).prop_shuffle(), 0usize..=3)
}

/// Some of `kind`'s relationships, in any order, each at most once.
pub fn relationships_for<const MM: usize, const RR: usize>(
    kind: JobKind,
    (raws, order, count): RawRelationships,
) -> BoundedList<Relationship<MM>, RR> {
    let names = kind.relationships();
    let mut list = BoundedList::new();
    let chosen = order.into_iter().filter(|&index| index < names.len()).take(count.min(RR));
    for (index, raw) in chosen.zip(raws) {
        assert!(list.push(relationship_named(names[index], raw)));
    }
    list
}

pub fn job() -> impl Strategy<Value = TestJob> {
    (kind(), text::<JOB_ID_CAPACITY>(), attributes(), raw_errors(E), raw_relationships(M), url()).prop_map(
        |(kind, id, attributes, raw_errors, raw_relationships, self_link)| {
            let (has_errors, errors) = errors_for(kind, raw_errors);
            Job {
                kind,
                has_errors,
                id,
                attributes: attributes_for(kind, attributes),
                errors,
                relationships: relationships_for(kind, raw_relationships),
                links: Links { self_link },
            }
        },
    )
}

pub fn document() -> impl Strategy<Value = Doc> {
    (job(), option::of(url()))
        .prop_map(|(job, links)| JobDocument { job, links: links.map(|self_link| Links { self_link }) })
}

pub fn collection_links() -> impl Strategy<Value = CollectionLinks> {
    (url(), option::of(url()), option::of(url()), option::of(url()), option::of(url()))
        .prop_map(|(self_link, first, last, prev, next)| CollectionLinks { self_link, first, last, prev, next })
}

pub fn list() -> impl Strategy<Value = List> {
    (vec(job(), 0..=J), option::of(collection_links())).prop_map(|(jobs, links)| {
        let mut list = JobList::new();
        for job in jobs {
            assert!(list.jobs.push(job));
        }
        list.links = links;
        list
    })
}

/// Encode a document into a fresh buffer.
pub fn encode_doc<const MM: usize, const EE: usize, const RR: usize>(doc: &JobDocument<MM, EE, RR>) -> Vec<u8> {
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        match klaviyo_bulk_job::encode_job(doc, &mut buffer) {
            Ok(len) => {
                buffer.truncate(len);
                return buffer;
            }
            Err(_) => buffer.resize(buffer.len() * 2, 0),
        }
    }
}

/// Encode a list into a fresh buffer.
pub fn encode_list<const JJ: usize, const MM: usize, const EE: usize, const RR: usize>(
    list: &JobList<JJ, MM, EE, RR>,
) -> Vec<u8> {
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        match klaviyo_bulk_job::encode_list(list, &mut buffer) {
            Ok(len) => {
                buffer.truncate(len);
                return buffer;
            }
            Err(_) => buffer.resize(buffer.len() * 2, 0),
        }
    }
}
