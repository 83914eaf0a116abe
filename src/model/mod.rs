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
    use super::short_eq;

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
}
