//! The bundled documents and what decoding them must give, compiled in.
//!
//! Plain data, shared by both decoders' checks: nothing here depends on
//! either decoder.

/// A timestamp as written, and the fields it must decode to.
// Each decoder compares what it keeps: fields (ours) or the text (serde-json-core).
#[allow(dead_code)]
pub struct Ts {
    pub text: &'static str,
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
    pub fraction_digits: u8,
    /// Minutes east of UTC, or `None` for `Z`.
    pub offset: Option<i16>,
}

/// Shorthand for a [`Ts`].
#[allow(clippy::too_many_arguments)]
const fn ts(
    text: &'static str,
    (year, month, day): (u16, u8, u8),
    (hour, minute, second): (u8, u8, u8),
    nanosecond: u32,
    fraction_digits: u8,
    offset: Option<i16>,
) -> Ts {
    Ts { text, year, month, day, hour, minute, second, nanosecond, fraction_digits, offset }
}

pub struct Error {
    pub id: &'static str,
    pub code: &'static str,
    pub title: &'static str,
    pub detail: &'static str,
    pub pointer: Option<&'static str>,
}

pub struct Relationship {
    pub name: &'static str,
    pub has_data: bool,
    /// Member ids; every member's `type` is the relationship's member type.
    pub member_type: &'static str,
    pub members: &'static [&'static str],
    pub self_link: Option<&'static str>,
    pub related: Option<&'static str>,
}

pub struct Job {
    pub type_: &'static str,
    pub id: &'static str,
    pub status: &'static str,
    pub created_at: Ts,
    pub total_count: u32,
    pub completed_count: Option<u32>,
    pub failed_count: Option<u32>,
    pub skipped_count: Option<u32>,
    pub completed_at: Option<Ts>,
    pub expires_at: Option<Ts>,
    pub started_at: Option<Ts>,
    /// `None`: absent or `null`.
    pub errors: Option<&'static [Error]>,
    pub relationships: &'static [Relationship],
    pub self_link: &'static str,
}

pub struct Links {
    pub self_link: &'static str,
    pub next: Option<&'static str>,
    pub prev: Option<&'static str>,
}

/// A valid document: a single job, or a list of jobs.
pub struct Document {
    pub name: &'static str,
    pub bytes: &'static [u8],
    pub list: bool,
    pub jobs: &'static [Job],
    pub links: Option<Links>,
}

/// A malformed document; each decoder has its own expectations for it.
pub struct Malformed {
    pub name: &'static str,
    pub bytes: &'static [u8],
}

const UTC: Option<i16> = Some(0);

const CREATE: &str = "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/";
const INCLUDED: &str = "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZI/";
const PROFILE: &str =
    "https://a.klaviyo.com/api/profile-bulk-import-jobs/VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ/";

pub const DOCUMENTS: &[Document] = &[
    Document {
        name: "catalog-item-create",
        bytes: include_bytes!("../data/catalog-item-create.json"),
        list: false,
        jobs: &[Job {
            type_: "catalog-item-bulk-create-job",
            id: "01GSQPBF74KQ5YTDEPP41T1BZH",
            status: "processing",
            created_at: ts("2026-07-02T05:19:57+00:00", (2026, 7, 2), (5, 19, 57), 0, 0, UTC),
            total_count: 3,
            completed_count: Some(1),
            failed_count: Some(0),
            skipped_count: None,
            completed_at: None,
            expires_at: Some(ts(
                "2026-07-09T05:19:57.123456+02:00",
                (2026, 7, 9),
                (5, 19, 57),
                123_456_000,
                6,
                Some(120),
            )),
            started_at: None,
            errors: Some(&[]),
            relationships: &[Relationship {
                name: "items",
                has_data: true,
                member_type: "catalog-item",
                members: &[
                    "$custom:::$default:::SAMPLE-DATA-ITEM-1",
                    "$custom:::$default:::SAMPLE-DATA-ITEM-2",
                    "$custom:::$default:::SAMPLE-DATA-ITEM-3",
                ],
                self_link: Some(
                    "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/relationships/items/",
                ),
                related: Some(
                    "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/items/",
                ),
            }],
            self_link: CREATE,
        }],
        links: Some(Links { self_link: CREATE, next: None, prev: None }),
    },
    Document {
        name: "catalog-item-included",
        bytes: include_bytes!("../data/catalog-item-included.json"),
        list: false,
        jobs: &[Job {
            type_: "catalog-item-bulk-create-job",
            id: "01GSQPBF74KQ5YTDEPP41T1BZI",
            status: "complete",
            created_at: ts("2026-07-02T04:40:00Z", (2026, 7, 2), (4, 40, 0), 0, 0, None),
            total_count: 3,
            completed_count: Some(2),
            failed_count: Some(1),
            skipped_count: None,
            completed_at: Some(ts("2026-07-02T04:46:42.867000+00:00", (2026, 7, 2), (4, 46, 42), 867_000_000, 6, UTC)),
            expires_at: Some(ts("2026-07-09T04:46:42.867000+00:00", (2026, 7, 9), (4, 46, 42), 867_000_000, 6, UTC)),
            started_at: None,
            errors: Some(&[
                Error {
                    id: "e1f3c1a0-0000-4000-8000-000000000001",
                    code: "invalid",
                    title: "Invalid input.",
                    detail: "'price' must be a number, got 'free'",
                    pointer: Some("/data/attributes/items/2/price"),
                },
                Error {
                    id: "e1f3c1a0-0000-4000-8000-000000000002",
                    code: "duplicate",
                    title: "Duplicate item.",
                    detail: "An item with this external_id already exists.",
                    // `source: {}`: the schema's default.
                    pointer: Some("/data"),
                },
            ]),
            relationships: &[Relationship {
                name: "items",
                has_data: true,
                member_type: "catalog-item",
                members: &[
                    "$custom:::$default:::nango-test-item-2026-07-02-a",
                    "$custom:::$default:::nango-test-item-2026-07-02-b",
                ],
                self_link: Some(
                    "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZI/relationships/items/",
                ),
                related: Some(
                    "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZI/items/",
                ),
            }],
            self_link: INCLUDED,
        }],
        links: None,
    },
    Document {
        name: "catalog-item-escapes",
        bytes: include_bytes!("../data/catalog-item-escapes.json"),
        list: false,
        jobs: &[Job {
            type_: "catalog-item-bulk-update-job",
            id: "01GSQPBF74KQ5YTDEPP41T1BZJ",
            status: "cancelled",
            created_at: ts("2026-12-31T18:29:60.5-05:30", (2026, 12, 31), (18, 29, 60), 500_000_000, 1, Some(-330)),
            total_count: u32::MAX,
            completed_count: None,
            failed_count: Some(0),
            skipped_count: None,
            completed_at: Some(ts("2027-01-01T00:00:00z", (2027, 1, 1), (0, 0, 0), 0, 0, None)),
            expires_at: None,
            started_at: None,
            errors: Some(&[Error {
                id: "err-1",
                code: "rocket",
                title: "Launch \u{1F680} scrubbed",
                detail: "Line1\nTab\there \"quoted\" back\\slash sl/ash caf\u{e9} na\u{ef}ve \u{1F600} raw:ünïcødé✓",
                pointer: None,
            }]),
            relationships: &[Relationship {
                name: "items",
                has_data: true,
                member_type: "catalog-item",
                members: &["$custom:::$default:::caf\u{e9}-\u{1F680}"],
                self_link: None,
                related: None,
            }],
            self_link: "https://a.klaviyo.com/api/catalog-item-bulk-update-jobs/01GSQPBF74KQ5YTDEPP41T1BZJ/",
        }],
        links: None,
    },
    Document {
        name: "profile-bulk-import-job.post",
        bytes: include_bytes!("../data/profile-bulk-import-job.post.json"),
        list: false,
        jobs: &[Job {
            type_: "profile-bulk-import-job",
            id: "VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ",
            status: "queued",
            created_at: ts("2026-07-02T05:19:57+00:00", (2026, 7, 2), (5, 19, 57), 0, 0, UTC),
            total_count: 2,
            completed_count: Some(0),
            failed_count: Some(0),
            skipped_count: None,
            completed_at: None,
            expires_at: Some(ts("2026-07-09T05:19:57+00:00", (2026, 7, 9), (5, 19, 57), 0, 0, UTC)),
            started_at: None,
            errors: None,
            relationships: &[
                Relationship {
                    name: "lists",
                    has_data: true,
                    member_type: "list",
                    members: &["XW53Ha"],
                    self_link: Some(
                        "https://a.klaviyo.com/api/profile-bulk-import-jobs/VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ/relationships/lists/",
                    ),
                    related: Some(
                        "https://a.klaviyo.com/api/profile-bulk-import-jobs/VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ/lists/",
                    ),
                },
                Relationship {
                    name: "profiles",
                    has_data: false,
                    member_type: "profile",
                    members: &[],
                    self_link: Some(
                        "https://a.klaviyo.com/api/profile-bulk-import-jobs/VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ/relationships/profiles/",
                    ),
                    related: Some(
                        "https://a.klaviyo.com/api/profile-bulk-import-jobs/VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ/profiles/",
                    ),
                },
                Relationship {
                    name: "import-errors",
                    has_data: false,
                    member_type: "import-error",
                    members: &[],
                    self_link: None,
                    related: Some(
                        "https://a.klaviyo.com/api/profile-bulk-import-jobs/VlhTVEZBX21haW50ZW5hbmNlLkxoaVdlaC4xNzgyOTY5NTk3LmZ1NkpTMQ/import-errors/",
                    ),
                },
            ],
            self_link: PROFILE,
        }],
        links: Some(Links { self_link: "https://a.klaviyo.com/api/profile-bulk-import-jobs", next: None, prev: None }),
    },
    Document {
        name: "catalog-item-jobs.list",
        bytes: include_bytes!("../data/catalog-item-jobs.list.json"),
        list: true,
        jobs: &[
            Job {
                type_: "catalog-item-bulk-create-job",
                id: "01GSQPBF74KQ5YTDEPP41T1BZH",
                status: "queued",
                created_at: ts("2026-07-02T05:19:57+00:00", (2026, 7, 2), (5, 19, 57), 0, 0, UTC),
                total_count: 10,
                completed_count: Some(0),
                failed_count: Some(0),
                skipped_count: None,
                completed_at: None,
                expires_at: None,
                started_at: None,
                errors: None,
                relationships: &[],
                self_link: CREATE,
            },
            Job {
                type_: "catalog-item-bulk-create-job",
                id: "01GSQPBF74KQ5YTDEPP41T1BZK",
                status: "complete",
                created_at: ts("2026-07-01T10:00:00+00:00", (2026, 7, 1), (10, 0, 0), 0, 0, UTC),
                total_count: 2,
                completed_count: Some(2),
                failed_count: Some(0),
                skipped_count: None,
                completed_at: Some(ts("2026-07-01T10:00:05+00:00", (2026, 7, 1), (10, 0, 5), 0, 0, UTC)),
                expires_at: Some(ts("2026-07-08T10:00:05+00:00", (2026, 7, 8), (10, 0, 5), 0, 0, UTC)),
                started_at: None,
                errors: None,
                relationships: &[Relationship {
                    name: "items",
                    has_data: true,
                    member_type: "catalog-item",
                    members: &["$custom:::$default:::A", "$custom:::$default:::B"],
                    self_link: None,
                    related: None,
                }],
                self_link: "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZK/",
            },
        ],
        links: Some(Links {
            self_link: "https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/",
            next: None,
            prev: None,
        }),
    },
];

macro_rules! malformed {
    ($($name:literal),* $(,)?) => {
        &[$(Malformed { name: $name, bytes: include_bytes!(concat!("../data/malformed/", $name, ".json")) }),*]
    };
}

/// Malformed documents, in the order of each decoder's expectation table.
pub const MALFORMED: &[Malformed] = malformed![
    "truncated",
    "trailing-data",
    "unknown-status",
    "bad-timestamp",
    "missing-total-count",
    "duplicate-id",
    "count-as-string",
    "count-fraction",
    "count-too-big",
    "lone-surrogate",
    "control-character",
    "member-id-too-long",
    "wrong-member-type",
    "wrong-type-data",
    "too-deep",
];
