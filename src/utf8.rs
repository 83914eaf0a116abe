//! Checking UTF-8 where no `&str` is needed: in text that is skipped.
//!
//! `core::str::from_utf8` checks text that is kept, since only it gives a
//! `&str` in safe code. These functions check the rest and build nothing,
//! and the tests hold them to `core::str::from_utf8`: a sequence must be
//! whole and as RFC 3629 allows it (no overlong forms, no surrogates,
//! nothing above U+10FFFF).

use crate::scan::HIGHS;

/// The length of the longest prefix of `bytes` that is valid UTF-8, as
/// `core::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| len)`
/// (its reference in the tests) but with no `&str` to build.
///
/// ASCII goes 64 bytes at a time ([`ascii_blocks_end`]). A block that
/// holds a byte of 0x80 or above goes a word at a time, and each
/// multi-byte sequence is checked where it starts, as one word where four
/// bytes are left ([`sequence_len_in_word`]); on a 64-bit target a
/// sequence right after another, as in CJK text, is checked at once, with
/// no word search. On text that is mostly ASCII with a character that is
/// not here and there, as catalog descriptions are, this costs about three
/// fifths of what `core::str::from_utf8` does (on the bench's `included`,
/// 31 100 instructions against 50 100: `scripts/instructions.sh --profile`
/// at `8f7a825`, and at `9fa4d20`, which still checked it whole), since
/// that steps a byte at a time around each such character to align its
/// word loop again.
pub(crate) fn valid_up_to(bytes: &[u8]) -> usize {
    valid_up_to_by::<SEQUENCE_RUNS>(bytes)
}

/// Whether [`valid_up_to`] checks a sequence right after another at once:
/// on a 64-bit target. On a 32-bit microcontroller, where only skipped
/// text that a chunk cuts is checked here, the loop's second copy of the
/// check costs flash for nothing: 432 bytes of the example firmware's
/// decoder (`examples/firmware/run.sh` with this set to `true`).
const SEQUENCE_RUNS: bool = cfg!(target_pointer_width = "64");

/// [`valid_up_to`], checking a sequence right after another at once if
/// `RUNS`; the tests hold both forms to `core::str::from_utf8`.
fn valid_up_to_by<const RUNS: bool>(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at < bytes.len() {
        at = ascii_blocks_end(bytes, at);
        let block_end = bytes.len().min(at + ASCII_BLOCK);
        while at < block_end {
            if let Some(word) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
                let high = u64::from_le_bytes(*word) & HIGHS;
                if high == 0 {
                    at += 8;
                    continue;
                }
                at += (high.trailing_zeros() / 8) as usize;
            } else if bytes[at] < 0x80 {
                at += 1;
                continue;
            }
            // A character that is not ASCII is often followed by another,
            // as in a run of CJK text: with `RUNS`, each is checked where
            // the last ends.
            loop {
                let width = match bytes.get(at..).and_then(|rest| rest.first_chunk::<4>()) {
                    Some(word) => sequence_len_in_word(u32::from_le_bytes(*word)),
                    None => sequence_len(bytes, at),
                };
                match width {
                    Some(width) => at += width,
                    None => return at,
                }
                if !RUNS || bytes.get(at).is_none_or(|&byte| byte < 0x80) {
                    break;
                }
            }
        }
    }
    bytes.len()
}

/// The bytes [`ascii_blocks_end`] tests at once.
const ASCII_BLOCK: usize = 64;

/// The start of the first block of [`ASCII_BLOCK`] bytes from `at` that
/// holds a byte of 0x80 or above, or of the last bytes, fewer than a block.
/// A block's words are ORed together and tested once.
#[inline]
fn ascii_blocks_end(bytes: &[u8], at: usize) -> usize {
    let mut rest = bytes.get(at..).unwrap_or_default();
    while let Some((block, after)) = rest.split_first_chunk::<ASCII_BLOCK>() {
        let any =
            block.chunks_exact(8).fold(0, |any, word| any | u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if any & HIGHS != 0 {
            break;
        }
        rest = after;
    }
    bytes.len() - rest.len()
}

/// [`sequence_len`] of the sequence that starts at the low byte of `word`,
/// the next four bytes. The lead byte's form gives the width, and each
/// byte after it must be `10xxxxxx`: one mask and compare tests both. What
/// can still be wrong is the lead byte (`C0` and `C1` only write overlong
/// forms, `F5` to `F7` code points above U+10FFFF) or, after `E0`, `ED`,
/// `F0` and `F4`, the second byte's range. The tests hold it to
/// [`sequence_len`].
#[inline(always)]
fn sequence_len_in_word(word: u32) -> Option<usize> {
    let [lead, second, ..] = word.to_le_bytes();
    let (width, valid) = if word & 0xC0E0 == 0x80C0 {
        (2, lead >= 0xC2)
    } else if word & 0xC0_C0F0 == 0x80_80E0 {
        let valid = match lead {
            0xE0 => second >= 0xA0,
            0xED => second <= 0x9F,
            _ => true,
        };
        (3, valid)
    } else if word & 0xC0C0_C0F8 == 0x8080_80F0 {
        let valid = match lead {
            0xF0 => second >= 0x90,
            0xF4 => second <= 0x8F,
            _ => lead < 0xF4,
        };
        (4, valid)
    } else {
        return None;
    };
    valid.then_some(width)
}

/// The length of the UTF-8 sequence that starts with the high byte at
/// `at`, if all of it is in `bytes` and valid (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF).
#[inline]
pub(crate) fn sequence_len(bytes: &[u8], at: usize) -> Option<usize> {
    // The range of the second byte rules out overlong forms, surrogates
    // and code points above U+10FFFF; later bytes are any continuation.
    let (width, second) = match *bytes.get(at)? {
        0xC2..=0xDF => (2, 0x80..=0xBF),
        0xE0 => (3, 0xA0..=0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80..=0xBF),
        0xED => (3, 0x80..=0x9F),
        0xF0 => (4, 0x90..=0xBF),
        0xF1..=0xF3 => (4, 0x80..=0xBF),
        0xF4 => (4, 0x80..=0x8F),
        _ => return None,
    };
    let sequence = bytes.get(at..at + width)?;
    (second.contains(&sequence[1]) && sequence[2..].iter().all(|&byte| byte & 0xC0 == 0x80)).then_some(width)
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;

    fn utf8_reference(bytes: &[u8]) -> usize {
        core::str::from_utf8(bytes).map_or_else(|error| error.valid_up_to(), |_| bytes.len())
    }

    /// [`valid_up_to`] in both forms, which must agree; the result.
    fn valid_up_to_both(bytes: &[u8]) -> usize {
        let runs = valid_up_to_by::<true>(bytes);
        assert_eq!(runs, valid_up_to_by::<false>(bytes), "{bytes:x?}");
        runs
    }

    /// A sequence read as a word is read as byte by byte: every lead and
    /// second byte, with the bytes after them at each range's edges.
    #[test]
    fn a_sequence_read_as_a_word_reads_as_byte_by_byte() {
        let edges = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xFF];
        for lead in 0x80..=0xFFu8 {
            for second in 0..=0xFFu8 {
                for third in edges {
                    for fourth in edges {
                        let bytes = [lead, second, third, fourth];
                        assert_eq!(
                            sequence_len_in_word(u32::from_le_bytes(bytes)),
                            sequence_len(&bytes, 0),
                            "{bytes:x?}"
                        );
                    }
                }
            }
        }
    }

    /// Long text, where the 64-byte blocks and the words within them
    /// matter: ASCII runs and characters of every width, placed across
    /// block and word boundaries, each byte then changed in turn to one that
    /// breaks or ends a sequence, and the text cut at every length.
    #[test]
    fn long_text_checks_as_core_does() {
        let pieces = [
            "plain ascii ",
            "é",
            "€",
            "😀",
            "n\u{ba} ",
            "x",
            "洗濯機可",
            " 30 °C",
            "abcdefghijklmnopqrstuvwxyz0123456789",
        ];
        let mut text = std::string::String::new();
        let mut state = 0x2545_f491_u32;
        while text.len() < 600 {
            // A small xorshift: the same text on every run.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            text.push_str(pieces[state as usize % pieces.len()]);
        }
        let original = text.into_bytes();
        for len in 0..=original.len() {
            assert_eq!(valid_up_to_both(&original[..len]), utf8_reference(&original[..len]), "cut at {len}");
        }
        let mut bytes = original.clone();
        for at in 0..bytes.len() {
            for replacement in
                [0x00, b'a', 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
            {
                bytes[at] = replacement;
                assert_eq!(valid_up_to_both(&bytes), utf8_reference(&bytes), "{replacement:#x} at {at}");
            }
            bytes[at] = original[at];
        }
    }

    #[test]
    fn utf8_check_agrees_with_core_on_every_short_sequence() {
        // Every 1- and 2-byte input; then every lead byte followed by bytes
        // at each range boundary, at three alignments, cut at every length.
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                for sample in [&[first][..], &[first, second]] {
                    assert_eq!(valid_up_to_both(sample), utf8_reference(sample), "{sample:x?}");
                }
            }
        }
        let edges = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF];
        for first in 0..=255u8 {
            for second in edges {
                for third in edges {
                    for fourth in edges {
                        for prefix in [0, 3, 7] {
                            let mut text = [b'a'; 16];
                            text[prefix..prefix + 4].copy_from_slice(&[first, second, third, fourth]);
                            for len in (prefix + 1..=prefix + 4).chain([text.len()]) {
                                let sample = &text[..len];
                                assert_eq!(valid_up_to_both(sample), utf8_reference(sample), "{sample:x?}");
                            }
                        }
                    }
                }
            }
        }
    }
}
