//! The schema as tables: for each object the decoder knows, the member
//! names (a member's bit is its index), which are required, and what each
//! member's value must be.

use crate::model::text::{
    ERROR_CODE_CAPACITY, ERROR_DETAIL_CAPACITY, ERROR_ID_CAPACITY, ERROR_TITLE_CAPACITY, JOB_ID_CAPACITY,
    MEMBER_ID_CAPACITY, POINTER_CAPACITY, URL_CAPACITY,
};
use crate::model::{Attribute, AttributeSet, RelationshipName};

/// A container the decoder walks. Anything else is skipped by the lexer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FrameKind {
    Document,
    Jobs,
    Job,
    Attributes,
    Errors,
    Error,
    Source,
    Relationships,
    Relationship,
    Members,
    Member,
    JobLinks,
    RelationshipLinks,
    DocumentLinks,
    ListLinks,
}

impl FrameKind {
    pub(crate) const fn is_array(self) -> bool {
        matches!(self, FrameKind::Jobs | FrameKind::Errors | FrameKind::Members)
    }

    /// Member names, in bit order.
    pub(crate) const fn keys(self) -> &'static [&'static str] {
        match self {
            FrameKind::Document => &["data", "links"],
            FrameKind::Job => &["type", "id", "attributes", "relationships", "links"],
            FrameKind::Attributes => &[
                "status",
                "created_at",
                "total_count",
                "completed_count",
                "failed_count",
                "skipped_count",
                "completed_at",
                "expires_at",
                "started_at",
                "errors",
            ],
            FrameKind::Error => &["id", "code", "title", "detail", "source"],
            FrameKind::Source => &["pointer"],
            FrameKind::Relationships => {
                &["items", "variants", "categories", "coupon-codes", "lists", "profiles", "import-errors", "segments"]
            }
            FrameKind::Relationship => &["data", "links"],
            FrameKind::Member => &["type", "id"],
            FrameKind::JobLinks | FrameKind::DocumentLinks => &["self"],
            FrameKind::RelationshipLinks => &["self", "related"],
            FrameKind::ListLinks => &["self", "first", "last", "prev", "next"],
            FrameKind::Jobs | FrameKind::Errors | FrameKind::Members => &[],
        }
    }

    /// Member names in the forms they are matched in, in bit order.
    const fn tables(self) -> &'static KeyTables {
        /// The tables of an object of `kind`, one entry for each of its
        /// member names.
        macro_rules! tables {
            ($kind:expr) => {
                &KeyTables {
                    packed: &pack_all::<{ $kind.keys().len() }>($kind.keys()),
                    #[cfg(feature = "fast-path")]
                    quoted: &quote_all::<{ $kind.keys().len() }>($kind.keys()),
                }
            };
        }
        const DOCUMENT: &KeyTables = tables!(FrameKind::Document);
        const JOB: &KeyTables = tables!(FrameKind::Job);
        const ATTRIBUTES: &KeyTables = tables!(FrameKind::Attributes);
        const ERROR: &KeyTables = tables!(FrameKind::Error);
        const SOURCE: &KeyTables = tables!(FrameKind::Source);
        const RELATIONSHIPS: &KeyTables = tables!(FrameKind::Relationships);
        const RELATIONSHIP: &KeyTables = tables!(FrameKind::Relationship);
        const MEMBER: &KeyTables = tables!(FrameKind::Member);
        const SELF_ONLY: &KeyTables = tables!(FrameKind::JobLinks);
        const RELATIONSHIP_LINKS: &KeyTables = tables!(FrameKind::RelationshipLinks);
        const LIST_LINKS: &KeyTables = tables!(FrameKind::ListLinks);
        const NONE: &KeyTables = tables!(FrameKind::Jobs);
        match self {
            FrameKind::Document => DOCUMENT,
            FrameKind::Job => JOB,
            FrameKind::Attributes => ATTRIBUTES,
            FrameKind::Error => ERROR,
            FrameKind::Source => SOURCE,
            FrameKind::Relationships => RELATIONSHIPS,
            FrameKind::Relationship => RELATIONSHIP,
            FrameKind::Member => MEMBER,
            FrameKind::JobLinks | FrameKind::DocumentLinks => SELF_ONLY,
            FrameKind::RelationshipLinks => RELATIONSHIP_LINKS,
            FrameKind::ListLinks => LIST_LINKS,
            FrameKind::Jobs | FrameKind::Errors | FrameKind::Members => NONE,
        }
    }

    /// The bit of member `key`, if this object knows it: the key is
    /// compared as one `u128` holding its bytes and its length, not byte by
    /// byte.
    #[cfg(any(test, feature = "fast-path"))]
    #[inline]
    pub(crate) fn bit_of(self, key: &[u8]) -> Option<u8> {
        if key.len() > MAX_KEY_LEN {
            return None;
        }
        let packed = pack(key);
        self.tables().packed.iter().position(|candidate| *candidate == packed).map(|index| index as u8)
    }

    /// [`bit_of`](Self::bit_of), trying member `guess` first: documents
    /// give members in schema order, so the next key is most often the
    /// first member not seen yet, which is what the decoder passes.
    #[inline]
    pub(crate) fn bit_of_guess(self, key: &[u8], guess: u32) -> Option<u8> {
        if key.len() > MAX_KEY_LEN {
            return None;
        }
        let packed = pack(key);
        let table = self.tables().packed;
        if table.get(guess as usize) == Some(&packed) {
            return Some(guess as u8);
        }
        table.iter().position(|candidate| *candidate == packed).map(|index| index as u8)
    }

    /// Each member's key as the direct path predicts it, by bit.
    #[cfg(feature = "fast-path")]
    #[inline]
    pub(crate) const fn quoted_keys(self) -> &'static [QuotedKey] {
        self.tables().quoted
    }

    /// The name of member `bit`.
    pub(crate) fn key_name(self, bit: u8) -> &'static str {
        self.keys().get(usize::from(bit)).copied().unwrap_or("?")
    }
}

/// The longest member name the schema knows has 15 bytes (`completed_count`),
/// so a packed key keeps its length in the 16th byte.
const MAX_KEY_LEN: usize = 15;

/// A key of at most 15 bytes as one `u128`: its bytes little-endian and
/// zero-padded, and its length in the top byte. The scalar reference, used
/// to build the tables.
const fn pack_scalar(key: &[u8]) -> u128 {
    let mut bytes = [0u8; 16];
    let mut index = 0;
    while index < key.len() && index < MAX_KEY_LEN {
        bytes[index] = key[index];
        index += 1;
    }
    bytes[MAX_KEY_LEN] = key.len() as u8;
    u128::from_le_bytes(bytes)
}

/// What [`pack_scalar`] gives for a key of at most 15 bytes, from two
/// overlapping word loads instead of a byte loop.
#[inline]
pub(crate) fn pack(key: &[u8]) -> u128 {
    fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
        bytes.get(at..at + N).and_then(|part| part.first_chunk::<N>()).copied().unwrap_or([0; N])
    }
    let len = key.len();
    let bytes = match len {
        8..=15 => {
            let low = u64::from_le_bytes(word(key, 0));
            let high = u64::from_le_bytes(word(key, len - 8)).checked_shr(8 * (16 - len as u32)).unwrap_or(0);
            u128::from(low) | u128::from(high) << 64
        }
        4..=7 => {
            let first = u32::from_le_bytes(word(key, 0));
            let last = u32::from_le_bytes(word(key, len - 4));
            u128::from(u64::from(first) | u64::from(last) << (8 * (len - 4)))
        }
        _ => return pack_scalar(key),
    };
    bytes | (len as u128) << 120
}

/// One object's member names, in bit order, in the forms they are matched
/// in.
struct KeyTables {
    /// Packed as [`pack`] does.
    packed: &'static [u128],
    /// With their closing quote, as the direct path predicts them.
    #[cfg(feature = "fast-path")]
    quoted: &'static [QuotedKey],
}

/// A key of the schema with its closing quote, and the colon after it when
/// all fit in 16 bytes, as 16 bytes of input that start after the opening
/// quote are compared with it: the bytes `mask` selects must equal
/// `text`'s. Compact and pretty-printed JSON both put the colon right
/// after the quote.
#[cfg(feature = "fast-path")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct QuotedKey {
    /// The key's bytes, then `"`, then `:` if `with_colon`, from the
    /// lowest byte up.
    pub text: u128,
    /// The bytes of `text` that count.
    pub mask: u128,
    /// The key's length.
    pub len: u8,
    /// Whether `text` holds the colon (a key of at most 14 bytes).
    pub with_colon: bool,
}

/// Each of `names` as a [`QuotedKey`], in order; `N` is their number.
#[cfg(feature = "fast-path")]
const fn quote_all<const N: usize>(names: &[&str]) -> [QuotedKey; N] {
    let mut quoted = [QuotedKey { text: 0, mask: 0, len: 0, with_colon: false }; N];
    let mut index = 0;
    while index < N {
        quoted[index] = quote(names[index].as_bytes(), b"\":");
        index += 1;
    }
    quoted
}

/// `name`, then as much of `suffix` as fits in 16 bytes, as a [`QuotedKey`].
#[cfg(feature = "fast-path")]
const fn quote(name: &[u8], suffix: &[u8]) -> QuotedKey {
    let mut bytes = [0u8; 16];
    let mut at = 0;
    while at < name.len() + suffix.len() && at < 16 {
        bytes[at] = if at < name.len() { name[at] } else { suffix[at - name.len()] };
        at += 1;
    }
    let mask = u128::MAX >> (8 * (16 - at));
    QuotedKey { text: u128::from_le_bytes(bytes), mask, len: name.len() as u8, with_colon: at == name.len() + 2 }
}

/// The `type` of a relationship's members with its closing quote, as the
/// direct path compares a member's `type` with it; `None` where the quote
/// does not fit in 16 bytes (`catalog-category`).
#[cfg(feature = "fast-path")]
pub(crate) const fn quoted_member_type(name: RelationshipName) -> Option<QuotedKey> {
    const TYPES: [Option<QuotedKey>; RelationshipName::ALL.len()] = {
        let mut types = [None; RelationshipName::ALL.len()];
        let mut index = 0;
        while index < types.len() {
            let member_type = RelationshipName::ALL[index].member_type().as_bytes();
            if member_type.len() < 16 {
                types[index] = Some(quote(member_type, b"\""));
            }
            index += 1;
        }
        types
    };
    TYPES[name as usize]
}

/// Each of `names` packed as [`pack_scalar`] does, in order; `N` is their
/// number.
const fn pack_all<const N: usize>(names: &[&str]) -> [u128; N] {
    let mut packed = [0u128; N];
    let mut index = 0;
    while index < N {
        packed[index] = pack_scalar(names[index].as_bytes());
        index += 1;
    }
    packed
}

/// `a == b` for the short strings the schema names (a relationship
/// member's `type`), compared in overlapping words inline rather than by a
/// call to `memcmp`, which costs more than the comparison for strings this
/// short.
#[inline]
pub(crate) fn short_eq(a: &[u8], b: &[u8]) -> bool {
    fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
        bytes.get(at..).and_then(|part| part.first_chunk::<N>()).copied().unwrap_or([0; N])
    }
    let len = a.len();
    if len != b.len() {
        return false;
    }
    match len {
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=8 => word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, len - 4) == word::<4>(b, len - 4),
        _ => {
            // Whole words, then the last word, which may overlap the one before.
            let mut at = 0;
            while at + 8 < len {
                if word::<8>(a, at) != word::<8>(b, at) {
                    return false;
                }
                at += 8;
            }
            word::<8>(a, len - 8) == word::<8>(b, len - 8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `short_eq` is `==` for every length up to 48, on equal strings and
    /// on strings that differ in any one byte.
    #[test]
    fn short_eq_is_slice_equality() {
        let base: [u8; 48] = core::array::from_fn(|index| b'a' + (index * 7 % 26) as u8);
        for len in 0..=base.len() {
            let a = &base[..len];
            assert!(short_eq(a, a), "length {len}");
            let mut other = base;
            for at in 0..len {
                other[at] ^= 0x20;
                assert_eq!(short_eq(a, &other[..len]), a == &other[..len], "length {len}, byte {at}");
                assert!(!short_eq(a, &other[..len]), "length {len}, byte {at}");
                other[at] ^= 0x20;
            }
            for shorter in 0..len {
                assert!(!short_eq(a, &base[..shorter]), "lengths {len} and {shorter}");
            }
        }
    }

    /// The table gives what the match gives, for every kind and bit.
    #[test]
    fn slot_table_agrees_with_slot() {
        for (index, kind) in FRAME_KINDS.into_iter().enumerate() {
            assert_eq!(kind as usize, index);
            for bit in 0..=u8::MAX {
                assert_eq!(slot_of(kind, bit), slot(kind, bit), "{kind:?} bit {bit}");
            }
        }
    }

    /// Guessing any member finds what searching from the first does, for
    /// every key of every object and for keys it lacks.
    #[test]
    fn bit_of_guess_agrees_with_bit_of() {
        let others = ["", "x", "selfx", "link", "data\0", "completed_countx", "type", "errors", "related"];
        for kind in FRAME_KINDS {
            for key in kind.keys().iter().chain(&others) {
                for guess in 0..=17 {
                    let found = kind.bit_of_guess(key.as_bytes(), guess);
                    assert_eq!(found, kind.bit_of(key.as_bytes()), "{kind:?} {key} {guess}");
                }
            }
        }
    }

    #[test]
    fn pack_agrees_with_the_scalar_reference_for_every_length() {
        let source: [u8; 15] = *b"abcdefghijklmno";
        for len in 0..=MAX_KEY_LEN {
            assert_eq!(pack(&source[..len]), pack_scalar(&source[..len]), "length {len}");
        }
        let bytes: [u8; 15] = core::array::from_fn(|index| 0xF0 ^ index as u8);
        for len in 0..=MAX_KEY_LEN {
            assert_eq!(pack(&bytes[..len]), pack_scalar(&bytes[..len]), "length {len}");
        }
        // Keys that differ only by trailing NULs differ by length.
        assert_ne!(pack(b"id"), pack(b"id\0"));
        for kind in [FrameKind::Attributes, FrameKind::Relationships, FrameKind::ListLinks] {
            for (bit, name) in kind.keys().iter().enumerate() {
                assert_eq!(kind.bit_of(name.as_bytes()), Some(bit as u8));
            }
        }
    }

    /// Each named member bit is its key's place in its object.
    #[cfg(feature = "fast-path")]
    #[test]
    fn member_bits_name_their_keys() {
        let cases = [
            (FrameKind::Document, bits::DATA, "data"),
            (FrameKind::Document, bits::LINKS_OF_DOCUMENT, "links"),
            (FrameKind::Job, bits::TYPE, "type"),
            (FrameKind::Job, bits::ID, "id"),
            (FrameKind::Job, bits::ATTRIBUTES, "attributes"),
            (FrameKind::Job, bits::RELATIONSHIPS, "relationships"),
            (FrameKind::Job, bits::LINKS_OF_JOB, "links"),
            (FrameKind::Relationship, bits::DATA, "data"),
            (FrameKind::Relationship, bits::LINKS_OF_RELATIONSHIP, "links"),
            (FrameKind::RelationshipLinks, bits::SELF, "self"),
            (FrameKind::RelationshipLinks, bits::RELATED, "related"),
            (FrameKind::Source, bits::POINTER, "pointer"),
        ];
        for (kind, bit, name) in cases {
            assert_eq!(kind.key_name(bit), name, "{kind:?} bit {bit}");
        }
    }

    #[cfg(feature = "fast-path")]
    #[test]
    fn relationship_bits_and_names_turn_round() {
        for (bit, name) in RelationshipName::ALL.into_iter().enumerate() {
            assert_eq!(relationship_bit(name), bit as u8);
            assert_eq!(relationship_name(bit as u8), name);
            assert_eq!(FrameKind::Relationships.key_name(bit as u8), name.as_str());
        }
    }

    /// Each member type is quoted with its closing quote and nothing after
    /// it, or not at all if the quote does not fit.
    #[cfg(feature = "fast-path")]
    #[test]
    fn quoted_member_types_are_the_types_and_their_closing_quote() {
        for name in RelationshipName::ALL {
            let member_type = name.member_type();
            match quoted_member_type(name) {
                Some(quoted) => {
                    let mut expected = [0u8; 16];
                    expected[..member_type.len()].copy_from_slice(member_type.as_bytes());
                    expected[member_type.len()] = b'"';
                    assert_eq!(quoted.text.to_le_bytes(), expected, "{member_type}");
                    assert_eq!(quoted.mask.count_ones() as usize, 8 * (member_type.len() + 1), "{member_type}");
                    assert_eq!(usize::from(quoted.len), member_type.len(), "{member_type}");
                }
                None => assert!(member_type.len() >= 16, "{member_type}"),
            }
        }
        assert_eq!(quoted_member_type(RelationshipName::Categories), None);
    }

    /// Each quoted key selects its name's bytes, the closing quote and, if
    /// they fit in 16 bytes, the colon, and nothing after them.
    #[cfg(feature = "fast-path")]
    #[test]
    fn quoted_keys_are_the_names_and_their_closing_quote() {
        use FrameKind as K;
        let kinds = [
            K::Document,
            K::Job,
            K::Attributes,
            K::Error,
            K::Source,
            K::Relationships,
            K::Relationship,
            K::Member,
            K::JobLinks,
            K::DocumentLinks,
            K::RelationshipLinks,
            K::ListLinks,
        ];
        for kind in kinds {
            assert_eq!(kind.quoted_keys().len(), kind.keys().len(), "{kind:?}");
            for (quoted, name) in kind.quoted_keys().iter().zip(kind.keys()) {
                let mut expected = [0u8; 16];
                expected[..name.len()].copy_from_slice(name.as_bytes());
                expected[name.len()] = b'"';
                let with_colon = name.len() <= 14;
                if with_colon {
                    expected[name.len() + 1] = b':';
                }
                assert_eq!(quoted.text.to_le_bytes(), expected, "{name}");
                assert_eq!(quoted.with_colon, with_colon, "{name}");
                let length = name.len() + 1 + usize::from(with_colon);
                let selected = quoted.mask.to_le_bytes().iter().take_while(|byte| **byte == 0xFF).count();
                assert_eq!(selected, length, "{name}");
                assert_eq!(quoted.mask.count_ones() as usize, 8 * length, "{name}");
                assert_eq!(usize::from(quoted.len), name.len(), "{name}");
            }
        }
    }
}

/// An error source's `pointer` when it is absent (the schema's default).
pub(crate) const DEFAULT_POINTER: &str = "/data";

/// The relationship named by member `bit` of `relationships`.
#[inline]
pub(crate) fn relationship_name(bit: u8) -> RelationshipName {
    RelationshipName::ALL[usize::from(bit) % RelationshipName::ALL.len()]
}

/// The bit of `name` in a `relationships` object: [`relationship_name`]
/// turned round.
#[cfg(feature = "fast-path")]
pub(crate) const fn relationship_bit(name: RelationshipName) -> u8 {
    name as u8
}

pub(crate) mod bits {
    pub(crate) const DATA: u8 = 0;
    pub(crate) const TYPE: u8 = 0;
    pub(crate) const ID: u8 = 1;
    #[cfg(feature = "fast-path")]
    pub(crate) const LINKS_OF_DOCUMENT: u8 = 1;
    pub(crate) const ATTRIBUTES: u8 = 2;
    #[cfg(feature = "fast-path")]
    pub(crate) const RELATIONSHIPS: u8 = 3;
    pub(crate) const LINKS_OF_JOB: u8 = 4;
    #[cfg(feature = "fast-path")]
    pub(crate) const LINKS_OF_RELATIONSHIP: u8 = 1;
    pub(crate) const SELF: u8 = 0;
    pub(crate) const RELATED: u8 = 1;
    pub(crate) const POINTER: u8 = 0;
    pub(crate) const ALL_ERROR_MEMBERS: u16 = 0b1_1111;
}

/// Where the text of a string value goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// The decoder's small buffer, to be read as a `type`, `status` or
    /// timestamp when the string ends.
    Small(Small),
    JobId,
    ErrorId,
    ErrorCode,
    ErrorTitle,
    ErrorDetail,
    Pointer,
    MemberId,
    JobSelf,
    RelationshipSelf,
    RelationshipRelated,
    /// Top-level `links` member, by its bit in the links table.
    DocumentLink(u8),
}

impl Target {
    /// The field's capacity in bytes.
    pub(crate) const fn capacity(self) -> usize {
        match self {
            Target::Small(_) => 0,
            Target::JobId => JOB_ID_CAPACITY,
            Target::ErrorId => ERROR_ID_CAPACITY,
            Target::ErrorCode => ERROR_CODE_CAPACITY,
            Target::ErrorTitle => ERROR_TITLE_CAPACITY,
            Target::ErrorDetail => ERROR_DETAIL_CAPACITY,
            Target::Pointer => POINTER_CAPACITY,
            Target::MemberId => MEMBER_ID_CAPACITY,
            Target::JobSelf | Target::RelationshipSelf | Target::RelationshipRelated | Target::DocumentLink(_) => {
                URL_CAPACITY
            }
        }
    }
}

/// A short string read whole, then interpreted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Small {
    JobType,
    Status,
    Timestamp(Attribute),
    MemberType,
}

/// What a member's value must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// `data` of the document: an object or an array, as the output wants.
    Data,
    Object(FrameKind),
    Array(FrameKind),
    Text(Target),
    Count(Attribute),
}

/// Every frame kind, in declaration order (`kind as usize` indexes it).
const FRAME_KINDS: [FrameKind; 15] = [
    FrameKind::Document,
    FrameKind::Jobs,
    FrameKind::Job,
    FrameKind::Attributes,
    FrameKind::Errors,
    FrameKind::Error,
    FrameKind::Source,
    FrameKind::Relationships,
    FrameKind::Relationship,
    FrameKind::Members,
    FrameKind::Member,
    FrameKind::JobLinks,
    FrameKind::RelationshipLinks,
    FrameKind::DocumentLinks,
    FrameKind::ListLinks,
];

/// The member bits [`SLOTS`] holds for a kind: each member of an object,
/// and bit 0 of an array (its elements).
const fn slot_count(kind: FrameKind) -> usize {
    if kind.is_array() { 1 } else { kind.keys().len() }
}

/// [`slot`] of each kind's members, kind after kind: `(first entry, count)`
/// by `kind as usize`, and the entries. A lookup instead of a match, as
/// every value the decoder reads needs its slot.
const SLOT_SPANS: [(u8, u8); FRAME_KINDS.len()] = {
    let mut spans = [(0, 0); FRAME_KINDS.len()];
    let mut index = 0;
    let mut start = 0;
    while index < FRAME_KINDS.len() {
        let count = slot_count(FRAME_KINDS[index]);
        spans[index] = (start as u8, count as u8);
        start += count;
        index += 1;
    }
    spans
};

const SLOT_ENTRIES: usize = {
    let (start, count) = SLOT_SPANS[FRAME_KINDS.len() - 1];
    start as usize + count as usize
};

const SLOTS: [(Slot, bool); SLOT_ENTRIES] = {
    let mut slots = [(Slot::Data, false); SLOT_ENTRIES];
    let mut index = 0;
    while index < FRAME_KINDS.len() {
        let (start, count) = SLOT_SPANS[index];
        let mut bit = 0;
        while bit < count {
            slots[start as usize + bit as usize] = slot(FRAME_KINDS[index], bit);
            bit += 1;
        }
        index += 1;
    }
    slots
};

/// [`slot`], from the table for the members the schema names.
#[inline]
pub(crate) fn slot_of(kind: FrameKind, bit: u8) -> (Slot, bool) {
    let (start, count) = SLOT_SPANS[kind as usize];
    // `get`, not an index: the table holds every entry a span names, which
    // the compiler does not see, and a bounds check would link a panic.
    match SLOTS.get(usize::from(start) + usize::from(bit)) {
        Some(&entry) if bit < count => entry,
        _ => slot(kind, bit),
    }
}

/// The slot of member `bit` of an object of kind `kind`, and whether it may
/// be `null`.
pub(crate) const fn slot(kind: FrameKind, bit: u8) -> (Slot, bool) {
    use FrameKind as K;
    let attribute = Attribute::ALL[bit as usize % Attribute::ALL.len()];
    match (kind, bit) {
        (K::Document, 0) => (Slot::Data, false),
        (K::Document, _) => (Slot::Object(K::DocumentLinks), true),
        (K::Job, 0) => (Slot::Text(Target::Small(Small::JobType)), false),
        (K::Job, 1) => (Slot::Text(Target::JobId), false),
        (K::Job, 2) => (Slot::Object(K::Attributes), false),
        (K::Job, 3) => (Slot::Object(K::Relationships), true),
        (K::Job, _) => (Slot::Object(K::JobLinks), false),
        (K::Attributes, 0) => (Slot::Text(Target::Small(Small::Status)), false),
        (K::Attributes, 1) => (Slot::Text(Target::Small(Small::Timestamp(Attribute::CreatedAt))), false),
        (K::Attributes, 2) => (Slot::Count(Attribute::TotalCount), false),
        (K::Attributes, 3..=5) => (Slot::Count(attribute), true),
        (K::Attributes, 6..=8) => (Slot::Text(Target::Small(Small::Timestamp(attribute))), true),
        (K::Attributes, _) => (Slot::Array(K::Errors), true),
        (K::Error, 0) => (Slot::Text(Target::ErrorId), false),
        (K::Error, 1) => (Slot::Text(Target::ErrorCode), false),
        (K::Error, 2) => (Slot::Text(Target::ErrorTitle), false),
        (K::Error, 3) => (Slot::Text(Target::ErrorDetail), false),
        (K::Error, _) => (Slot::Object(K::Source), false),
        (K::Source, _) => (Slot::Text(Target::Pointer), true),
        (K::Relationships, _) => (Slot::Object(K::Relationship), true),
        (K::Relationship, 0) => (Slot::Array(K::Members), true),
        (K::Relationship, _) => (Slot::Object(K::RelationshipLinks), true),
        (K::Member, 0) => (Slot::Text(Target::Small(Small::MemberType)), false),
        (K::Member, _) => (Slot::Text(Target::MemberId), false),
        (K::JobLinks, _) => (Slot::Text(Target::JobSelf), false),
        (K::DocumentLinks, _) => (Slot::Text(Target::DocumentLink(0)), false),
        (K::RelationshipLinks, 0) => (Slot::Text(Target::RelationshipSelf), false),
        (K::RelationshipLinks, _) => (Slot::Text(Target::RelationshipRelated), false),
        (K::ListLinks, 0) => (Slot::Text(Target::DocumentLink(0)), false),
        (K::ListLinks, _) => (Slot::Text(Target::DocumentLink(bit)), true),
        (K::Jobs, _) => (Slot::Object(K::Job), false),
        (K::Errors, _) => (Slot::Object(K::Error), false),
        (K::Members, _) => (Slot::Object(K::Member), false),
    }
}

/// The members an object of kind `kind` must have, when the request asked
/// for the attributes in `requested` (a sparse fieldset, or all of them).
/// `relationship` names the relationship whose `links` these are, for
/// `RelationshipLinks`.
pub(crate) fn required(kind: FrameKind, relationship: Option<RelationshipName>, requested: AttributeSet) -> u16 {
    let required_attributes = AttributeSet::REQUIRED.intersection(requested);
    match kind {
        FrameKind::Document => 1 << bits::DATA,
        FrameKind::Job => {
            let job = 1 << bits::TYPE | 1 << bits::ID | 1 << bits::LINKS_OF_JOB;
            if required_attributes.is_empty() { job } else { job | 1 << bits::ATTRIBUTES }
        }
        FrameKind::Attributes => required_attributes.bits(),
        FrameKind::Error => bits::ALL_ERROR_MEMBERS,
        FrameKind::Member => 1 << bits::TYPE | 1 << bits::ID,
        FrameKind::JobLinks | FrameKind::DocumentLinks | FrameKind::ListLinks => 1 << bits::SELF,
        FrameKind::RelationshipLinks => match relationship {
            Some(name) if !name.has_self_link() => 1 << bits::RELATED,
            _ => 1 << bits::SELF | 1 << bits::RELATED,
        },
        _ => 0,
    }
}
