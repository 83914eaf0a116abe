//! Byte scanning: the SWAR fast paths and the scalar references they must
//! always agree with.
//!
//! A string body runs until a byte the lexer must look at: `"`, `\` or a raw
//! control character (< 0x20). The scan also says whether the run was all
//! ASCII, which is valid UTF-8 with no further check; anything else is
//! validated by `core::str::from_utf8`.

/// Is `byte` one that ends a plain run inside a string?
#[inline]
pub(crate) const fn is_string_special(byte: u8) -> bool {
    byte == b'"' || byte == b'\\' || byte < 0x20
}

/// The end of a plain run in a string body, and whether the run is ASCII.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    /// Index of the first special byte at or after the start, or the
    /// length of the input if there is none.
    pub stop: usize,
    /// Every byte before `stop` is below 0x80.
    pub ascii: bool,
}

/// The scalar reference for [`scan_string`].
pub(crate) fn scan_string_scalar(bytes: &[u8], from: usize) -> Run {
    let mut i = from;
    let mut high = 0u8;
    while i < bytes.len() && !is_string_special(bytes[i]) {
        high |= bytes[i];
        i += 1;
    }
    Run { stop: i, ascii: high < 0x80 }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
const SPACES: u64 = ONES * b' ' as u64;

/// A mask with the high bit set in each byte of `word` that is special.
/// Only the lowest set bit is exact (borrows may flag bytes above it), which
/// is all [`scan_string`] uses.
///
/// A byte is `"` or `\` when it XORs to zero, and a control character when
/// it is below 0x20; subtracting one (or 0x20) from each byte sets the high
/// bit of exactly those bytes, and of bytes of 0x80 and above, which the
/// final `!word` removes (XOR with an ASCII constant keeps the high bit, so
/// one `!word` serves all three tests).
#[inline]
const fn special_mask(word: u64) -> u64 {
    let quote = (word ^ (ONES * b'"' as u64)).wrapping_sub(ONES);
    let backslash = (word ^ (ONES * b'\\' as u64)).wrapping_sub(ONES);
    let control = word.wrapping_sub(SPACES);
    (quote | backslash | control) & !word & HIGHS
}

/// SWAR: the same answer as [`scan_string_scalar`], eight bytes at a time.
#[inline]
pub(crate) fn scan_string(bytes: &[u8], from: usize) -> Run {
    let mut at = from;
    // Bytes with the high bit set, OR-ed together.
    let mut high = 0u64;
    while let Some(word) = bytes.get(at..at + 8) {
        let word = word.first_chunk::<8>().map_or(0, |word| u64::from_le_bytes(*word));
        let mask = special_mask(word);
        if mask != 0 {
            let within = mask.trailing_zeros() / 8;
            // Only the bytes before the special one count towards `ascii`.
            let before = (1u64 << (within * 8)).wrapping_sub(1);
            high |= word & before;
            return Run { stop: at + within as usize, ascii: high & HIGHS == 0 };
        }
        high |= word;
        at += 8;
    }
    let tail = scan_string_scalar(bytes, at.min(bytes.len()));
    Run { stop: tail.stop, ascii: high & HIGHS == 0 && tail.ascii }
}

/// Is `byte` JSON whitespace (RFC 8259: space, tab, line feed, carriage return)?
#[inline]
pub(crate) const fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// The scalar reference for [`skip_whitespace`].
#[cfg(test)]
pub(crate) fn skip_whitespace_scalar(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && is_whitespace(bytes[i]) {
        i += 1;
    }
    i
}

/// Index of the first non-whitespace byte at or after `from`. Indentation
/// is skipped eight spaces at a time.
#[inline]
pub(crate) fn skip_whitespace(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    loop {
        match bytes.get(i) {
            Some(&byte) if is_whitespace(byte) => i += 1,
            _ => return i,
        }
        // After a line break, indentation: spaces a word at a time, up to
        // the first byte that is not one.
        while let Some(word) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
            let others = u64::from_le_bytes(*word) ^ SPACES;
            i += (others.trailing_zeros() / 8) as usize;
            if others != 0 {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_scan_agrees_with_scalar_on_every_byte_at_every_position() {
        for special in 0u8..=255 {
            for position in 0..20 {
                for filler in [b'a', 0xC3] {
                    let mut bytes = [filler; 20];
                    bytes[position] = special;
                    for from in 0..=position {
                        assert_eq!(
                            scan_string(&bytes, from),
                            scan_string_scalar(&bytes, from),
                            "byte {special:#x} at {position}, filler {filler:#x}, from {from}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_flag_ignores_bytes_after_the_stop() {
        let text = "plain ascii text\"é after".as_bytes();
        assert_eq!(scan_string(text, 0), Run { stop: 16, ascii: true });
        let text = "héllo wörld, ünïcode text\"".as_bytes();
        assert_eq!(scan_string(text, 0), Run { stop: text.len() - 1, ascii: false });
    }

    #[test]
    fn whitespace_skip_agrees_with_scalar() {
        let samples: [&[u8]; 6] = [
            b"",
            b"x",
            b"                  x",
            b"\n                \t  \r\n        x",
            b"         ",
            b"        \x0b        ",
        ];
        for sample in samples {
            for from in 0..=sample.len() {
                assert_eq!(skip_whitespace(sample, from), skip_whitespace_scalar(sample, from), "{sample:?} {from}");
            }
        }
    }
}
