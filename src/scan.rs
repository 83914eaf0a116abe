//! Byte scanning for string bodies: the SWAR fast path and the scalar
//! reference it must always agree with.
//!
//! A string body runs until a byte the lexer must look at: `"`, `\` or a raw
//! control character (< 0x20). Everything else, multi-byte UTF-8 included,
//! is copied as one run and validated by `core::str::from_utf8`.

/// Is `byte` one that ends a plain run inside a string?
#[inline]
pub(crate) const fn is_string_special(byte: u8) -> bool {
    byte == b'"' || byte == b'\\' || byte < 0x20
}

/// The scalar reference: index of the first special byte at or after
/// `from`, or `bytes.len()` if there is none.
pub(crate) fn find_string_special_scalar(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && !is_string_special(bytes[i]) {
        i += 1;
    }
    i
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// A mask with the high bit set in each byte of `word` that is special.
/// Only the lowest set bit is exact (borrows may flag bytes above it), which
/// is all `find_string_special` uses.
#[inline]
const fn special_mask(word: u64) -> u64 {
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    let zero_quote = quote.wrapping_sub(ONES) & !quote;
    let zero_backslash = backslash.wrapping_sub(ONES) & !backslash;
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    (zero_quote | zero_backslash | control) & HIGHS
}

/// SWAR: the same answer as [`find_string_special_scalar`], eight bytes at
/// a time.
#[inline]
pub(crate) fn find_string_special(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(word) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let mask = special_mask(u64::from_le_bytes(*word));
        if mask != 0 {
            return i + (mask.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    find_string_special_scalar(bytes, i)
}

/// Is `byte` JSON whitespace (RFC 8259: space, tab, line feed, carriage return)?
#[inline]
pub(crate) const fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// Index of the first non-whitespace byte at or after `from`.
#[inline]
pub(crate) fn skip_whitespace(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && is_whitespace(bytes[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swar_agrees_with_scalar_on_every_byte_at_every_position() {
        for special in 0u8..=255 {
            for position in 0..20 {
                let mut bytes = [b'a'; 20];
                bytes[position] = special;
                for from in 0..=position {
                    assert_eq!(
                        find_string_special(&bytes, from),
                        find_string_special_scalar(&bytes, from),
                        "byte {special:#x} at {position}, from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn non_ascii_is_not_special() {
        let text = "héllo wörld, ünïcode text\"".as_bytes();
        assert_eq!(find_string_special(text, 0), text.len() - 1);
    }
}
