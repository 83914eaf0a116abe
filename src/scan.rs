//! Byte scanning: the SWAR fast paths and the scalar references they must
//! always agree with.
//!
//! A string body runs until a byte the lexer must look at: `"`, `\` or a raw
//! control character (< 0x20). The scan also says whether the run was all
//! ASCII, which is valid UTF-8 with no further check; anything else is
//! validated: by `core::str::from_utf8` where a `&str` is needed, and by
//! [`crate::utf8`] where the text is only skipped.

/// Is `byte` one that ends a plain run inside a string? The scalar
/// definition the masks are tested against.
#[cfg(test)]
const fn is_string_special(byte: u8) -> bool {
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
#[cfg(test)]
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
/// The high bit of every byte of a word.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;
const SPACES: u64 = ONES * b' ' as u64;

/// A mask with the high bit set in each byte of `word` that is special.
/// Only the lowest set bit is exact (borrows may flag bytes above it), which
/// is all [`scan_string`] uses.
///
/// A byte is `\\` when it XORs to zero, and a control character or `"`
/// when, with bit 1 flipped, it is below 0x21 (`"` becomes 0x20, and a
/// control character stays below 0x20); subtracting 1 (or 0x21) from each
/// byte sets the high bit of exactly those bytes, and of bytes of 0x80 and
/// above, which the final `!word` removes (XOR with an ASCII constant keeps
/// the high bit, so one `!word` serves both tests).
#[inline]
const fn special_mask(word: u64) -> u64 {
    let (backslash, quote_or_control) = special_tests(word);
    (backslash | quote_or_control) & !word & HIGHS
}

/// Like [`special_mask`], but every byte of 0x80 and above is flagged too:
/// the cheaper test while the text is ASCII, which needs no record of high
/// bytes.
#[inline]
const fn special_or_high(word: u64) -> u64 {
    let (backslash, quote_or_control) = special_tests(word);
    (backslash | quote_or_control | word) & HIGHS
}

/// The two subtractions of [`special_mask`], before the high bytes are
/// removed.
#[inline]
const fn special_tests(word: u64) -> (u64, u64) {
    let backslash = (word ^ (ONES * b'\\' as u64)).wrapping_sub(ONES);
    let quote_or_control = (word ^ (ONES * 0x02)).wrapping_sub(ONES * 0x21);
    (backslash, quote_or_control)
}

/// SWAR: the same answer as the scalar reference the tests keep
/// (`scan_string_scalar`), eight bytes at a time. ASCII text is scanned by
/// [`plain_ascii_end`]; from the first high byte on, with [`special_mask`].
#[inline]
pub(crate) fn scan_string(bytes: &[u8], from: usize) -> Run {
    let stop = plain_ascii_end(bytes, from);
    match bytes.get(stop) {
        Some(&byte) if byte >= 0x80 => scan_string_unicode(bytes, stop),
        _ => Run { stop, ascii: true },
    }
}

/// The index of the first byte at or after `from` that is special or
/// 0x80 and above, or the length of `bytes`: the plain ASCII run, eight
/// bytes at a time with [`special_or_high`].
#[inline]
pub(crate) fn plain_ascii_end(bytes: &[u8], from: usize) -> usize {
    run_end_indexed::<SpecialOrHigh>(bytes, from)
}

/// Index of the first `"`, `\\` or control byte at or after `from`, non-ASCII
/// bytes passed over: the end of a string's plain run in text already
/// known to be UTF-8.
#[inline]
pub(crate) fn string_special_end(bytes: &[u8], from: usize) -> usize {
    run_end_by_pairs::<Special>(bytes, from)
}

/// [`scan_string`] from a high byte: the run holds it, so it is not ASCII.
#[inline(never)]
fn scan_string_unicode(bytes: &[u8], from: usize) -> Run {
    Run { stop: string_special_end(bytes, from), ascii: false }
}

/// The bytes a scan stops at, defined once as a word mask.
trait Stops {
    /// The high bit of each byte of `word` the scan stops at; only the
    /// lowest set bit need be exact.
    fn in_word(word: u64) -> u64;

    /// Does the scan stop at `byte`? The mask's answer for a word whose
    /// lowest byte is `byte`, which is exact.
    #[inline(always)]
    fn at_byte(byte: u8) -> bool {
        Self::in_word(u64::from(byte)) & 0x80 != 0
    }
}

/// `"`, `\`, control bytes and bytes of 0x80 and above.
struct SpecialOrHigh;

impl Stops for SpecialOrHigh {
    #[inline(always)]
    fn in_word(word: u64) -> u64 {
        special_or_high(word)
    }
}

/// `"`, `\` and control bytes.
struct Special;

impl Stops for Special {
    #[inline(always)]
    fn in_word(word: u64) -> u64 {
        special_mask(word)
    }
}

/// Where in `word` lies the first byte `S` stops at, if it holds one.
#[inline(always)]
fn stop_in<S: Stops>(word: &[u8; 8]) -> Option<usize> {
    let mask = S::in_word(u64::from_le_bytes(*word));
    (mask != 0).then_some((mask.trailing_zeros() / 8) as usize)
}

/// The index of the first byte at or after `from` that `S` stops at, or
/// the length of `bytes`: eight bytes at a time, then the last fewer than
/// eight in [`run_tail_end`].
#[inline(always)]
fn run_end<S: Stops>(bytes: &[u8], from: usize) -> usize {
    let mut rest = bytes.get(from..).unwrap_or_default();
    while let Some((word, after)) = rest.split_first_chunk::<8>() {
        if let Some(at) = stop_in::<S>(word) {
            return bytes.len() - rest.len() + at;
        }
        rest = after;
    }
    run_tail_end::<S>(bytes, bytes.len() - rest.len())
}

/// [`run_end`] with one index, which the loop advances and tests alone,
/// where `run_end` keeps the rest as a slice (a pointer and a length) and
/// derives the index from it: less work a word in the streaming lexer's
/// scans, which cover most of a document's bytes. [`run_end_by_pairs`],
/// the direct path's scan, still ends in `run_end`, which suits its code.
#[inline(always)]
fn run_end_indexed<S: Stops>(bytes: &[u8], from: usize) -> usize {
    let mut at = from.min(bytes.len());
    // Reads below are in bounds while `at <= last_word`.
    if let Some(last_word) = bytes.len().checked_sub(8) {
        while at <= last_word {
            let word = u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
            let mask = S::in_word(word);
            if mask != 0 {
                return at + (mask.trailing_zeros() / 8) as usize;
            }
            at += 8;
        }
    }
    run_tail_end::<S>(bytes, at)
}

/// [`run_end`] two words a step after the first: one test and one
/// advance for sixteen bytes, for text that lies whole in memory. A short
/// run (a key, most values) ends in its first word, tested alone; each
/// word's mask is exact at its lowest bit, so in a pair the first word's
/// decides if it has one. The last fewer than sixteen bytes go to
/// [`run_end`].
#[inline(always)]
fn run_end_by_pairs<S: Stops>(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    // Reads below are in bounds while `at <= last_pair` (or `last_word`).
    if let Some(last_word) = bytes.len().checked_sub(8)
        && at <= last_word
    {
        let word = u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
        let mask = S::in_word(word);
        if mask != 0 {
            return at + (mask.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    if let Some(last_pair) = bytes.len().checked_sub(16) {
        while at <= last_pair {
            let pair = u128::from_le_bytes(bytes[at..at + 16].try_into().unwrap_or_default());
            let first = S::in_word(pair as u64);
            let second = S::in_word((pair >> 64) as u64);
            if first | second != 0 {
                let found = if first != 0 { first.trailing_zeros() / 8 } else { 8 + second.trailing_zeros() / 8 };
                return at + found as usize;
            }
            at += 16;
        }
    }
    run_end::<S>(bytes, at)
}

/// [`run_end`] over the last bytes from `at`, fewer than eight: one word
/// ([`tail_word`]) unless the input is shorter than a word. Kept out of
/// line: it runs once a scan, and inlined at every scan it costs flash on a
/// microcontroller.
#[inline(never)]
fn run_tail_end<S: Stops>(bytes: &[u8], at: usize) -> usize {
    match tail_word(bytes, at) {
        Some(word) => at + (S::in_word(word).trailing_zeros() / 8) as usize,
        None => at + bytes.get(at..).unwrap_or_default().iter().take_while(|&&byte| !S::at_byte(byte)).count(),
    }
}

/// The last bytes of `bytes` from `at` (fewer than eight) as one word, with
/// 0 bytes past the end: a 0 is a control byte, so a scan of the word stops
/// at the end at the latest. Read as the last eight bytes, shifted down so
/// that the bytes before `at` are gone and cannot flag anything. `None`
/// when `bytes` is shorter than a word.
#[inline]
fn tail_word(bytes: &[u8], at: usize) -> Option<u64> {
    let last = u64::from_le_bytes(*bytes.last_chunk::<8>()?);
    let before = 8 - (bytes.len() - at).min(8);
    Some(last.checked_shr(8 * before as u32).unwrap_or(0))
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

    /// The byte-wise reference for [`string_special_end`].
    fn string_special_end_scalar(bytes: &[u8], from: usize) -> usize {
        (from..bytes.len()).find(|&at| is_string_special(bytes[at])).unwrap_or(bytes.len().max(from))
    }

    #[test]
    fn string_scan_agrees_with_scalar_on_every_byte_at_every_position() {
        for special in 0u8..=255 {
            // Forty bytes: two pairs of words, a word and a tail.
            for position in 0..40 {
                for filler in [b'a', 0xC3] {
                    let mut bytes = [filler; 40];
                    bytes[position] = special;
                    for from in 0..=position {
                        assert_eq!(
                            scan_string(&bytes, from),
                            scan_string_scalar(&bytes, from),
                            "byte {special:#x} at {position}, filler {filler:#x}, from {from}"
                        );
                        assert_eq!(
                            string_special_end(&bytes, from),
                            string_special_end_scalar(&bytes, from),
                            "byte {special:#x} at {position}, filler {filler:#x}, from {from}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn string_scan_agrees_with_scalar_on_mixed_text() {
        // Bytes either side of every boundary the masks test, mixed at
        // random (a fixed xorshift sequence) into buffers of every length.
        const ALPHABET: [u8; 14] =
            [b'a', b'a', b'a', b'a', 0x1F, 0x20, 0x21, b'"', b'#', b'\\', 0x5D, 0x7F, 0x80, 0xC3];
        let mut random = crate::xorshift::Xorshift(0x9E37_79B9_7F4A_7C15);
        let mut bytes = [0u8; 40];
        for round in 0..20_000 {
            let len = round % bytes.len();
            for byte in &mut bytes[..len] {
                let state = random.next();
                // Mostly plain text, so that whole words pass the test.
                *byte = match state % 16 {
                    0..=9 => b'a',
                    10 | 11 => 0xC3,
                    _ => ALPHABET[(state >> 8) as usize % ALPHABET.len()],
                };
            }
            for from in 0..=len {
                assert_eq!(
                    scan_string(&bytes[..len], from),
                    scan_string_scalar(&bytes[..len], from),
                    "{:?} from {from}",
                    &bytes[..len]
                );
                assert_eq!(
                    string_special_end(&bytes[..len], from),
                    string_special_end_scalar(&bytes[..len], from),
                    "{:?} from {from}",
                    &bytes[..len]
                );
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
