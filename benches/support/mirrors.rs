//! Serde mirrors of the job documents, for the peers.
//!
//! The same structs twice, from one macro: [`fixed`] with `heapless`
//! strings and vectors of the capacities `klaviyo-bulk-job` decodes into
//! (for serde-json-core), and [`owned`] with `String` and `Vec` (for
//! serde_json and simd-json). They decode the members the crate decodes:
//! `type` (an enum of the 13 kinds), `id`, `attributes` (`status` as an enum,
//! `created_at`, the counts with their `0` default and `null`, the nullable
//! timestamps kept as text, `errors` with `source.pointer` and its `"/data"`
//! default), the relationship's `data` (member `type` as an enum, `id`) and
//! `links`, the job's `links.self`, and the top-level `links`. Everything
//! else (`included`, `meta`, unknown members) is ignored, as the crate skips
//! it.
//!
//! A job holds one relationship, like `Job<M, E, 1>`: `items`, `variants`,
//! `categories` and `coupon-codes` all land in it (serde aliases); the
//! relationship name follows from the job's kind.

use serde::Deserialize;

/// A job's `type`: the 13 kinds of the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Kind {
    #[serde(rename = "catalog-item-bulk-create-job")]
    CatalogItemBulkCreate,
    #[serde(rename = "catalog-item-bulk-update-job")]
    CatalogItemBulkUpdate,
    #[serde(rename = "catalog-item-bulk-delete-job")]
    CatalogItemBulkDelete,
    #[serde(rename = "catalog-variant-bulk-create-job")]
    CatalogVariantBulkCreate,
    #[serde(rename = "catalog-variant-bulk-update-job")]
    CatalogVariantBulkUpdate,
    #[serde(rename = "catalog-variant-bulk-delete-job")]
    CatalogVariantBulkDelete,
    #[serde(rename = "catalog-category-bulk-create-job")]
    CatalogCategoryBulkCreate,
    #[serde(rename = "catalog-category-bulk-update-job")]
    CatalogCategoryBulkUpdate,
    #[serde(rename = "catalog-category-bulk-delete-job")]
    CatalogCategoryBulkDelete,
    #[serde(rename = "coupon-code-bulk-create-job")]
    CouponCodeBulkCreate,
    #[serde(rename = "profile-bulk-import-job")]
    ProfileBulkImport,
    #[serde(rename = "profile-suppression-bulk-create-job")]
    ProfileSuppressionBulkCreate,
    #[serde(rename = "profile-suppression-bulk-delete-job")]
    ProfileSuppressionBulkDelete,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CatalogItemBulkCreate => "catalog-item-bulk-create-job",
            Kind::CatalogItemBulkUpdate => "catalog-item-bulk-update-job",
            Kind::CatalogItemBulkDelete => "catalog-item-bulk-delete-job",
            Kind::CatalogVariantBulkCreate => "catalog-variant-bulk-create-job",
            Kind::CatalogVariantBulkUpdate => "catalog-variant-bulk-update-job",
            Kind::CatalogVariantBulkDelete => "catalog-variant-bulk-delete-job",
            Kind::CatalogCategoryBulkCreate => "catalog-category-bulk-create-job",
            Kind::CatalogCategoryBulkUpdate => "catalog-category-bulk-update-job",
            Kind::CatalogCategoryBulkDelete => "catalog-category-bulk-delete-job",
            Kind::CouponCodeBulkCreate => "coupon-code-bulk-create-job",
            Kind::ProfileBulkImport => "profile-bulk-import-job",
            Kind::ProfileSuppressionBulkCreate => "profile-suppression-bulk-create-job",
            Kind::ProfileSuppressionBulkDelete => "profile-suppression-bulk-delete-job",
        }
    }
}

/// A relationship member's `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum MemberType {
    #[serde(rename = "catalog-item")]
    CatalogItem,
    #[serde(rename = "catalog-variant")]
    CatalogVariant,
    #[serde(rename = "catalog-category")]
    CatalogCategory,
    #[serde(rename = "coupon-code")]
    CouponCode,
    #[serde(rename = "list")]
    List,
    #[serde(rename = "profile")]
    Profile,
    #[serde(rename = "import-error")]
    ImportError,
    #[serde(rename = "segment")]
    Segment,
}

impl MemberType {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberType::CatalogItem => "catalog-item",
            MemberType::CatalogVariant => "catalog-variant",
            MemberType::CatalogCategory => "catalog-category",
            MemberType::CouponCode => "coupon-code",
            MemberType::List => "list",
            MemberType::Profile => "profile",
            MemberType::ImportError => "import-error",
            MemberType::Segment => "segment",
        }
    }
}

/// `attributes.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Queued,
    Processing,
    Complete,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Processing => "processing",
            Status::Complete => "complete",
            Status::Cancelled => "cancelled",
        }
    }
}

/// `completed_count` and `failed_count` when absent: the schema default.
fn zero() -> Option<u32> {
    Some(0)
}

macro_rules! mirrors {
    () => {
        use serde::Deserialize;

        use super::{Kind, MemberType, Status};
        use crate::support::{ERRORS, JOBS, JobSummary, MEMBERS, RelationshipSummary, Summary};

        /// `source.pointer` when absent: the schema default.
        fn data_pointer() -> Option<S<256>> {
            "/data".parse().ok()
        }

        /// A single-job document; `included` and `meta` are ignored.
        #[derive(Debug, Deserialize)]
        pub struct Document {
            pub data: Job,
            #[serde(default)]
            pub links: Option<ObjectLinks>,
        }

        /// A job-list document.
        #[derive(Debug, Deserialize)]
        pub struct ListDocument {
            pub data: V<Job, JOBS>,
            #[serde(default)]
            pub links: Option<CollectionLinks>,
        }

        #[derive(Debug, Deserialize)]
        pub struct Job {
            #[serde(rename = "type")]
            pub kind: Kind,
            pub id: S<64>,
            pub attributes: Attributes,
            #[serde(default)]
            pub relationships: Option<Relationships>,
            pub links: ObjectLinks,
        }

        #[derive(Debug, Deserialize)]
        pub struct Attributes {
            pub status: Status,
            pub created_at: S<40>,
            pub total_count: u32,
            #[serde(default = "super::zero")]
            pub completed_count: Option<u32>,
            #[serde(default = "super::zero")]
            pub failed_count: Option<u32>,
            #[serde(default)]
            pub completed_at: Option<S<40>>,
            #[serde(default)]
            pub expires_at: Option<S<40>>,
            #[serde(default)]
            pub errors: Option<V<JobError, ERRORS>>,
        }

        #[derive(Debug, Deserialize)]
        pub struct JobError {
            pub id: S<64>,
            pub code: S<64>,
            pub title: S<256>,
            pub detail: S<1024>,
            pub source: ErrorSource,
        }

        #[derive(Debug, Deserialize)]
        pub struct ErrorSource {
            #[serde(default = "data_pointer")]
            pub pointer: Option<S<256>>,
        }

        /// One relationship slot, whatever the kind calls it.
        #[derive(Debug, Deserialize)]
        pub struct Relationships {
            #[serde(default, alias = "variants", alias = "categories", alias = "coupon-codes")]
            pub items: Option<Relationship>,
        }

        #[derive(Debug, Deserialize)]
        pub struct Relationship {
            #[serde(default)]
            pub data: Option<V<Member, MEMBERS>>,
            #[serde(default)]
            pub links: Option<RelationshipLinks>,
        }

        #[derive(Debug, Deserialize)]
        pub struct Member {
            #[serde(rename = "type")]
            pub kind: MemberType,
            pub id: S<128>,
        }

        #[derive(Debug, Deserialize)]
        pub struct RelationshipLinks {
            #[serde(rename = "self", default)]
            pub self_link: Option<S<256>>,
            #[serde(default)]
            pub related: Option<S<256>>,
        }

        #[derive(Debug, Deserialize)]
        pub struct ObjectLinks {
            #[serde(rename = "self")]
            pub self_link: S<256>,
        }

        #[derive(Debug, Deserialize)]
        pub struct CollectionLinks {
            #[serde(rename = "self")]
            pub self_link: S<256>,
            #[serde(default)]
            pub first: Option<S<256>>,
            #[serde(default)]
            pub last: Option<S<256>>,
            #[serde(default)]
            pub prev: Option<S<256>>,
            #[serde(default)]
            pub next: Option<S<256>>,
        }

        fn text(value: &Option<S<256>>) -> Option<String> {
            value.as_ref().map(|text| text.to_string())
        }

        impl Job {
            fn summary(&self) -> JobSummary {
                let attributes = &self.attributes;
                let relationship = self.relationships.as_ref().and_then(|r| r.items.as_ref());
                JobSummary {
                    kind: self.kind.as_str().to_string(),
                    id: self.id.to_string(),
                    status: attributes.status.as_str().to_string(),
                    created_at: attributes.created_at.to_string(),
                    total_count: attributes.total_count,
                    completed_count: attributes.completed_count,
                    failed_count: attributes.failed_count,
                    completed_at: attributes.completed_at.as_ref().map(|t| t.to_string()),
                    expires_at: attributes.expires_at.as_ref().map(|t| t.to_string()),
                    errors: attributes.errors.as_ref().map(|errors| {
                        errors
                            .iter()
                            .map(|e| {
                                [e.id.to_string(), e.code.to_string(), e.title.to_string(), e.detail.to_string()]
                                    .into_iter()
                                    .chain(text(&e.source.pointer))
                                    .collect()
                            })
                            .collect()
                    }),
                    relationship: relationship.map(|r| RelationshipSummary {
                        members: r
                            .data
                            .as_ref()
                            .map(|data| data.iter().map(|m| [m.kind.as_str().to_string(), m.id.to_string()]).collect()),
                        self_link: r.links.as_ref().and_then(|l| text(&l.self_link)),
                        related: r.links.as_ref().and_then(|l| text(&l.related)),
                    }),
                    self_link: self.links.self_link.to_string(),
                }
            }
        }

        impl Document {
            pub fn summary(&self) -> Summary {
                Summary {
                    jobs: vec![self.data.summary()],
                    links: self.links.as_ref().map(|l| vec![Some(l.self_link.to_string())]),
                }
            }
        }

        impl ListDocument {
            pub fn summary(&self) -> Summary {
                Summary {
                    jobs: self.data.iter().map(Job::summary).collect(),
                    links: self.links.as_ref().map(|l| {
                        vec![Some(l.self_link.to_string()), text(&l.first), text(&l.last), text(&l.prev), text(&l.next)]
                    }),
                }
            }
        }
    };
}

/// `heapless` mirrors for serde-json-core (whose `heapless` re-export has
/// the `serde` feature).
pub mod fixed {
    pub type S<const N: usize> = serde_json_core::heapless::String<N>;
    pub type V<T, const N: usize> = serde_json_core::heapless::Vec<T, N>;
    mirrors!();
}

/// Owned mirrors for serde_json and simd-json.
pub mod owned {
    pub type S<const N: usize> = String;
    pub type V<T, const N: usize> = Vec<T>;
    mirrors!();
}
