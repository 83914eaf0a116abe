//! The bulk-job family: each kind's `type` string, its relationships and
//! the attributes its schema defines (spec `klaviyo-bulk-jobs.md` §2).

use core::fmt;

/// One kind of Klaviyo bulk job, named by its JSON:API `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum JobKind {
    /// `catalog-item-bulk-create-job`
    #[default]
    CatalogItemBulkCreate,
    /// `catalog-item-bulk-update-job`
    CatalogItemBulkUpdate,
    /// `catalog-item-bulk-delete-job`
    CatalogItemBulkDelete,
    /// `catalog-variant-bulk-create-job`
    CatalogVariantBulkCreate,
    /// `catalog-variant-bulk-update-job`
    CatalogVariantBulkUpdate,
    /// `catalog-variant-bulk-delete-job`
    CatalogVariantBulkDelete,
    /// `catalog-category-bulk-create-job`
    CatalogCategoryBulkCreate,
    /// `catalog-category-bulk-update-job`
    CatalogCategoryBulkUpdate,
    /// `catalog-category-bulk-delete-job`
    CatalogCategoryBulkDelete,
    /// `coupon-code-bulk-create-job`
    CouponCodeBulkCreate,
    /// `profile-bulk-import-job`
    ProfileBulkImport,
    /// `profile-suppression-bulk-create-job`
    ProfileSuppressionBulkCreate,
    /// `profile-suppression-bulk-delete-job`
    ProfileSuppressionBulkDelete,
}

impl JobKind {
    /// Every kind, in declaration order.
    pub const ALL: [JobKind; 13] = [
        JobKind::CatalogItemBulkCreate,
        JobKind::CatalogItemBulkUpdate,
        JobKind::CatalogItemBulkDelete,
        JobKind::CatalogVariantBulkCreate,
        JobKind::CatalogVariantBulkUpdate,
        JobKind::CatalogVariantBulkDelete,
        JobKind::CatalogCategoryBulkCreate,
        JobKind::CatalogCategoryBulkUpdate,
        JobKind::CatalogCategoryBulkDelete,
        JobKind::CouponCodeBulkCreate,
        JobKind::ProfileBulkImport,
        JobKind::ProfileSuppressionBulkCreate,
        JobKind::ProfileSuppressionBulkDelete,
    ];

    /// The JSON:API `type` string.
    pub const fn type_str(self) -> &'static str {
        match self {
            JobKind::CatalogItemBulkCreate => "catalog-item-bulk-create-job",
            JobKind::CatalogItemBulkUpdate => "catalog-item-bulk-update-job",
            JobKind::CatalogItemBulkDelete => "catalog-item-bulk-delete-job",
            JobKind::CatalogVariantBulkCreate => "catalog-variant-bulk-create-job",
            JobKind::CatalogVariantBulkUpdate => "catalog-variant-bulk-update-job",
            JobKind::CatalogVariantBulkDelete => "catalog-variant-bulk-delete-job",
            JobKind::CatalogCategoryBulkCreate => "catalog-category-bulk-create-job",
            JobKind::CatalogCategoryBulkUpdate => "catalog-category-bulk-update-job",
            JobKind::CatalogCategoryBulkDelete => "catalog-category-bulk-delete-job",
            JobKind::CouponCodeBulkCreate => "coupon-code-bulk-create-job",
            JobKind::ProfileBulkImport => "profile-bulk-import-job",
            JobKind::ProfileSuppressionBulkCreate => "profile-suppression-bulk-create-job",
            JobKind::ProfileSuppressionBulkDelete => "profile-suppression-bulk-delete-job",
        }
    }

    /// The kind whose `type` string is `text`.
    pub fn from_type_str(text: &str) -> Option<JobKind> {
        Self::from_type_bytes(text.as_bytes())
    }

    pub(crate) fn from_type_bytes(text: &[u8]) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|kind| kind.type_str().as_bytes() == text)
    }

    /// The relationships this kind's schema defines.
    pub const fn relationships(self) -> &'static [RelationshipName] {
        use RelationshipName as R;
        match self {
            JobKind::CatalogItemBulkCreate | JobKind::CatalogItemBulkUpdate | JobKind::CatalogItemBulkDelete => {
                &[R::Items]
            }
            JobKind::CatalogVariantBulkCreate
            | JobKind::CatalogVariantBulkUpdate
            | JobKind::CatalogVariantBulkDelete => &[R::Variants],
            JobKind::CatalogCategoryBulkCreate
            | JobKind::CatalogCategoryBulkUpdate
            | JobKind::CatalogCategoryBulkDelete => &[R::Categories],
            JobKind::CouponCodeBulkCreate => &[R::CouponCodes],
            JobKind::ProfileBulkImport => &[R::Lists, R::Profiles, R::ImportErrors],
            JobKind::ProfileSuppressionBulkCreate | JobKind::ProfileSuppressionBulkDelete => &[R::Lists, R::Segments],
        }
    }

    /// Does this kind's schema define relationship `name`?
    pub fn has_relationship(self, name: RelationshipName) -> bool {
        self.relationships().contains(&name)
    }

    /// The attributes this kind's schema defines.
    pub const fn attributes(self) -> AttributeSet {
        use Attribute as A;
        let common = AttributeSet::EMPTY
            .with(A::Status)
            .with(A::CreatedAt)
            .with(A::TotalCount)
            .with(A::CompletedCount)
            .with(A::CompletedAt);
        match self {
            JobKind::ProfileBulkImport => common.with(A::FailedCount).with(A::ExpiresAt).with(A::StartedAt),
            JobKind::ProfileSuppressionBulkCreate | JobKind::ProfileSuppressionBulkDelete => {
                common.with(A::SkippedCount)
            }
            _ => common.with(A::FailedCount).with(A::ExpiresAt).with(A::Errors),
        }
    }
}

impl fmt::Display for JobKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.type_str())
    }
}

/// A relationship of the bulk-job family. The name fixes its members'
/// `type`: `items` holds `catalog-item` members, and so on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RelationshipName {
    /// `items` → `catalog-item`
    #[default]
    Items,
    /// `variants` → `catalog-variant`
    Variants,
    /// `categories` → `catalog-category`
    Categories,
    /// `coupon-codes` → `coupon-code`
    CouponCodes,
    /// `lists` → `list`
    Lists,
    /// `profiles` → `profile`
    Profiles,
    /// `import-errors` → `import-error`; its links hold only `related`.
    ImportErrors,
    /// `segments` → `segment`
    Segments,
}

impl RelationshipName {
    /// Every relationship name of the family.
    pub const ALL: [RelationshipName; 8] = [
        RelationshipName::Items,
        RelationshipName::Variants,
        RelationshipName::Categories,
        RelationshipName::CouponCodes,
        RelationshipName::Lists,
        RelationshipName::Profiles,
        RelationshipName::ImportErrors,
        RelationshipName::Segments,
    ];

    /// The member name under `relationships`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RelationshipName::Items => "items",
            RelationshipName::Variants => "variants",
            RelationshipName::Categories => "categories",
            RelationshipName::CouponCodes => "coupon-codes",
            RelationshipName::Lists => "lists",
            RelationshipName::Profiles => "profiles",
            RelationshipName::ImportErrors => "import-errors",
            RelationshipName::Segments => "segments",
        }
    }

    /// The `type` every member of this relationship must have.
    pub const fn member_type(self) -> &'static str {
        match self {
            RelationshipName::Items => "catalog-item",
            RelationshipName::Variants => "catalog-variant",
            RelationshipName::Categories => "catalog-category",
            RelationshipName::CouponCodes => "coupon-code",
            RelationshipName::Lists => "list",
            RelationshipName::Profiles => "profile",
            RelationshipName::ImportErrors => "import-error",
            RelationshipName::Segments => "segment",
        }
    }

    /// Whether its `links` carry `self` (all but `import-errors`, whose
    /// links are `OnlyRelatedLinks`).
    pub const fn has_self_link(self) -> bool {
        !matches!(self, RelationshipName::ImportErrors)
    }
}

impl fmt::Display for RelationshipName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job attribute of the bulk-job family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[repr(u8)]
pub enum Attribute {
    /// `status`
    Status,
    /// `created_at`
    CreatedAt,
    /// `total_count`
    TotalCount,
    /// `completed_count`
    CompletedCount,
    /// `failed_count`
    FailedCount,
    /// `skipped_count`
    SkippedCount,
    /// `completed_at`
    CompletedAt,
    /// `expires_at`
    ExpiresAt,
    /// `started_at`
    StartedAt,
    /// `errors`
    Errors,
}

impl Attribute {
    /// Every attribute, in bit order.
    pub const ALL: [Attribute; 10] = [
        Attribute::Status,
        Attribute::CreatedAt,
        Attribute::TotalCount,
        Attribute::CompletedCount,
        Attribute::FailedCount,
        Attribute::SkippedCount,
        Attribute::CompletedAt,
        Attribute::ExpiresAt,
        Attribute::StartedAt,
        Attribute::Errors,
    ];

    /// The member name under `attributes`, which is also its name in a
    /// sparse fieldset query.
    pub const fn as_str(self) -> &'static str {
        match self {
            Attribute::Status => "status",
            Attribute::CreatedAt => "created_at",
            Attribute::TotalCount => "total_count",
            Attribute::CompletedCount => "completed_count",
            Attribute::FailedCount => "failed_count",
            Attribute::SkippedCount => "skipped_count",
            Attribute::CompletedAt => "completed_at",
            Attribute::ExpiresAt => "expires_at",
            Attribute::StartedAt => "started_at",
            Attribute::Errors => "errors",
        }
    }
}

/// A set of [`Attribute`]s, as a 16-bit mask.
///
/// Serialized as its mask ([`AttributeSet::bits`]); deserializing keeps
/// only the bits that stand for an attribute, as
/// [`AttributeSet::from_bits`] does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(from = "u16", into = "u16"))]
pub struct AttributeSet(u16);

impl From<u16> for AttributeSet {
    fn from(bits: u16) -> AttributeSet {
        AttributeSet::from_bits(bits)
    }
}

impl From<AttributeSet> for u16 {
    fn from(set: AttributeSet) -> u16 {
        set.bits()
    }
}

impl AttributeSet {
    /// No attribute.
    pub const EMPTY: AttributeSet = AttributeSet(0);
    /// Every attribute of the family.
    pub const ALL: AttributeSet = AttributeSet((1 << Attribute::ALL.len()) - 1);
    /// The attributes every kind requires: `status`, `created_at`, `total_count`.
    pub const REQUIRED: AttributeSet =
        AttributeSet::EMPTY.with(Attribute::Status).with(Attribute::CreatedAt).with(Attribute::TotalCount);

    /// This set with `attribute` added.
    pub const fn with(self, attribute: Attribute) -> AttributeSet {
        AttributeSet(self.0 | 1 << attribute as u8)
    }

    /// Does the set hold `attribute`?
    pub const fn contains(self, attribute: Attribute) -> bool {
        self.0 & 1 << attribute as u8 != 0
    }

    /// The attributes in both sets.
    pub const fn intersection(self, other: AttributeSet) -> AttributeSet {
        AttributeSet(self.0 & other.0)
    }

    /// The attributes in either set.
    pub const fn union(self, other: AttributeSet) -> AttributeSet {
        AttributeSet(self.0 | other.0)
    }

    /// Is the set empty?
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The set whose bit `n` stands for `Attribute::ALL[n]`; other bits are
    /// ignored.
    pub const fn from_bits(bits: u16) -> AttributeSet {
        AttributeSet(bits & AttributeSet::ALL.0)
    }

    /// The raw mask: bit `n` is `Attribute::ALL[n]`.
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// The set of the attributes named in a comma-separated sparse fieldset,
    /// such as `status,completed_count,total_count`. Names the family does not
    /// have (such as `id`) are ignored.
    pub fn from_fields(fields: &str) -> AttributeSet {
        fields
            .split(',')
            .filter_map(|name| Attribute::ALL.into_iter().find(|a| a.as_str() == name.trim()))
            .fold(AttributeSet::EMPTY, AttributeSet::with)
    }

    /// The attributes in the set, in bit order.
    pub fn iter(self) -> impl Iterator<Item = Attribute> {
        Attribute::ALL.into_iter().filter(move |a| self.contains(*a))
    }
}
