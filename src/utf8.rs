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
/// ASCII goes a block of 64 bytes at a time, two at a time on a 64-bit
/// target. A block that holds a byte of 0x80 or above is checked a word at
/// a time as the start of a window ([`window_valid_up_to`]) that holds
/// every byte its sequences reach, so that no read in it needs a bounds
/// check; each multi-byte sequence is checked where it starts, as one word
/// ([`sequence_len_in_word`]), and on a 64-bit target a sequence right
/// after another, as in CJK text, is checked at once, with no word search.
/// The last bytes, too few for a window, are checked in a copy padded with
/// zeros. On text that is mostly ASCII with a character that is not here
/// and there, as catalog descriptions are, this costs under half of what
/// `core::str::from_utf8` does (on the bench's `included`, 23 500
/// instructions at `9743af4` against 50 100 at `9fa4d20`, which still
/// checked it whole: `scripts/instructions.sh --profile included
/// klaviyo-bulk-job 120`, less the count with `20`, over 100), since that
/// steps a byte at a time around each such character to align its word
/// loop again.
///
/// Not inlined: the firmware's decoder, its one caller there, takes 636
/// bytes more flash with it inlined (the bare build of
/// `examples/firmware`).
#[inline(never)]
pub(crate) fn valid_up_to(bytes: &[u8]) -> usize {
    valid_up_to_by::<UNROLLED>(bytes)
}

/// Whether [`valid_up_to`] tests ASCII blocks two at a time and checks a
/// sequence right after another at once: on a 64-bit target. On a 32-bit
/// microcontroller, where only skipped text that a chunk cuts is checked
/// here, the second copies of the test and of the check cost flash for
/// nothing: 120 bytes of the example firmware's bare build with this set to
/// `true`.
const UNROLLED: bool = cfg!(target_pointer_width = "64");

/// [`valid_up_to`], testing blocks two at a time and checking a sequence
/// right after another at once if `UNROLLED`; the tests hold both forms to
/// `core::str::from_utf8`.
fn valid_up_to_by<const UNROLLED: bool>(bytes: &[u8]) -> usize {
    let mut rest = bytes;
    loop {
        // Where the window's check starts: past the zeros before the last
        // bytes when they are copied.
        let mut start = 0;
        let mut padded;
        let window = 'window: loop {
            while UNROLLED
                && let Some(pair) = rest.first_chunk::<{ ASCII_BLOCK + WINDOW }>()
                && let (Some(first), Some(second)) = (pair.first_chunk(), pair.last_chunk())
            {
                if has_high(first) {
                    break 'window first;
                }
                rest = rest.get(ASCII_BLOCK..).unwrap_or_default();
                if has_high(second) {
                    break 'window second;
                }
                rest = rest.get(ASCII_BLOCK..).unwrap_or_default();
            }
            match rest.first_chunk::<WINDOW>() {
                Some(window) if !has_high(window) => rest = rest.get(ASCII_BLOCK..).unwrap_or_default(),
                Some(window) => break window,
                None if rest.is_empty() => return bytes.len(),
                None => {
                    // The zeros go before the bytes, so that the check
                    // starts past them and stops at the end of the block.
                    start = ASCII_BLOCK.saturating_sub(rest.len());
                    padded = [0; WINDOW];
                    if let Some(copy) = padded.get_mut(start..start + rest.len()) {
                        copy.copy_from_slice(rest);
                    }
                    break &padded;
                }
            }
        };
        match window_valid_up_to::<UNROLLED>(window, start) {
            Ok(checked) => rest = rest.get(checked - start..).unwrap_or_default(),
            Err(valid) => return bytes.len() - rest.len() + valid - start,
        }
    }
}

/// The bytes tested at once for a byte of 0x80 or above.
const ASCII_BLOCK: usize = 64;

/// The bytes [`window_valid_up_to`] reads: a block, the rest of a word
/// that starts in it and of a sequence that starts in that word.
const WINDOW: usize = ASCII_BLOCK + 16;

/// Whether the block at the start of `window` holds a byte of 0x80 or
/// above: its words are ORed together and tested once.
#[inline(always)]
fn has_high(window: &[u8; WINDOW]) -> bool {
    let block = window.first_chunk::<ASCII_BLOCK>().map_or(&[][..], |block| block.as_chunks::<8>().0);
    block.iter().fold(0, |any, word| any | u64::from_le_bytes(*word)) & HIGHS != 0
}

/// Checks the sequences that start in the block at the start of `window`,
/// from `start`, a word at a time: how far it checked (to the end of the
/// block or past it), or where the first sequence that is not valid starts.
/// A sequence right after another is checked at once if `RUNS`.
#[inline(always)]
fn window_valid_up_to<const RUNS: bool>(window: &[u8; WINDOW], start: usize) -> Result<usize, usize> {
    let mut at = start;
    while at < ASCII_BLOCK {
        let Some(word) = window.get(at..).and_then(|rest| rest.first_chunk::<8>()) else { break };
        let high = u64::from_le_bytes(*word) & HIGHS;
        if high == 0 {
            at += 8;
            continue;
        }
        at += (high.trailing_zeros() / 8) as usize;
        loop {
            let Some(word) = window.get(at..).and_then(|rest| rest.first_chunk::<4>()) else { return Err(at) };
            match sequence_len_in_word(u32::from_le_bytes(*word)) {
                Some(width) => at += width,
                None => return Err(at),
            }
            if !RUNS || at >= ASCII_BLOCK || window.get(at).is_none_or(|&byte| byte < 0x80) {
                break;
            }
        }
    }
    Ok(at)
}

/// [`sequence_len`] of the sequence that starts at the low byte of `word`,
/// the next four bytes. The lead byte's range gives the width, and each
/// byte after it must be `10xxxxxx`: one mask and compare tests them all.
/// What can still be wrong is the lead byte (`C0` and `C1` only write
/// overlong forms, `F5` to `F7` code points above U+10FFFF) or, after `E0`,
/// `ED`, `F0` and `F4`, the second byte's range, which for a continuation
/// byte is one or two of its bits. The tests hold it to [`sequence_len`].
#[inline(always)]
fn sequence_len_in_word(word: u32) -> Option<usize> {
    let lead = word as u8;
    if lead < 0xE0 {
        (lead >= 0xC2 && word & 0xC000 == 0x8000).then_some(2)
    } else if lead < 0xF0 {
        let valid = match lead {
            0xE0 => word & 0x2000 != 0,
            0xED => word & 0x2000 == 0,
            _ => true,
        };
        (valid && word & 0xC0_C000 == 0x80_8000).then_some(3)
    } else {
        let valid = match lead {
            0xF0 => word & 0x3000 != 0,
            0xF4 => word & 0x3000 == 0,
            _ => lead < 0xF4,
        };
        (valid && word & 0xC0C0_C000 == 0x8080_8000).then_some(4)
    }
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

    /// ASCII of every length up to five blocks, so that a character, a
    /// byte that is not valid or a sequence that the end cuts falls at every
    /// place in a block, a pair of blocks, a window and the padded last
    /// bytes, with text of several lengths after it.
    #[test]
    fn ascii_of_every_length_then_a_character_checks_as_core_does() {
        let characters: [&[u8]; 6] =
            [b"\xC3\xA9", b"\xE2\x82\xAC", b"\xF0\x9F\x98\x80", b"\xFF", b"\xE2\x82", b"\xED\xA0\x80"];
        for ascii in 0..=5 * ASCII_BLOCK {
            for character in characters {
                for after in [0, 1, 7, 70, 150] {
                    let mut text = std::vec![b'a'; ascii];
                    text.extend_from_slice(character);
                    text.extend(core::iter::repeat_n(b'b', after));
                    assert_eq!(valid_up_to_both(&text), utf8_reference(&text), "{ascii} {character:x?} {after}");
                }
            }
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
