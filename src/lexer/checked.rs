//! A whole document's UTF-8, checked as the direct path goes rather than
//! all at once before it starts.
//!
//! A string kept in the model must be a `&str`, and safe Rust makes one
//! only by `core::str::from_utf8` over its bytes. Checking the whole
//! document that way first costs the same on text that is skipped, where
//! the quote blocks ([`super::quotes`]) already read every byte: there a
//! block of ASCII needs no other check. So the text is checked in pieces,
//! once each: ahead of a kept string, a stretch of [`STRETCH`] bytes that
//! the strings after it are cut from; past it, what the quote blocks did
//! not show to be ASCII; and at the end, the rest.

use super::cursor::{GiveUp, Step};

/// Bytes of text checked at once ahead of a kept string: enough that a
/// document's kept strings take few checks, few enough that little of a
/// skipped value after them is checked this way.
const STRETCH: usize = 4096;

/// The text from `valid_to` as far as the last character that starts
/// before `to` ends, if it is valid UTF-8 (given that `bytes[..valid_to]`
/// is, and that a character starts at `valid_to`). A character cut at `to`
/// is left to the next check, which then starts where it does.
pub(super) fn valid_through(bytes: &[u8], valid_to: usize, to: usize) -> Option<&str> {
    let mut end = to.min(bytes.len());
    let lowest = end.saturating_sub(LOOK_BACK).max(valid_to);
    while end > lowest && bytes.get(end).is_some_and(|&byte| byte & 0xC0 == 0x80) {
        end -= 1;
    }
    core::str::from_utf8(bytes.get(valid_to..end.max(valid_to))?).ok()
}

/// Bytes before a block that [`block_is_utf8`] looks back to: a
/// character is at most four bytes long.
pub(super) const LOOK_BACK: usize = 3;

/// Whether the bytes of `window` after its first [`LOOK_BACK`] are UTF-8
/// as far as they can tell, given the bytes before them: each is a
/// continuation byte exactly where a lead byte before it calls for one;
/// no byte is one that UTF-8 never uses (0xC0, 0xC1, 0xF5 and above); and
/// the byte after a lead of 0xE0, 0xED, 0xF0 or 0xF4 is in the range that
/// lead allows (no overlong form, no surrogate, nothing past U+10FFFF). A
/// character cut by the end of the window is not judged.
///
/// The same answer as `core::str::from_utf8`, which the tests hold it to,
/// but written a byte at a time for the compiler to test a vector register
/// of bytes at once: non-ASCII text in a skipped value costs a fraction of
/// what `from_utf8` spends on it.
pub(super) fn block_is_utf8<const LEN: usize>(window: &[u8; LEN]) -> bool {
    let mut wrong = false;
    let mut rare_lead = false;
    for at in LOOK_BACK..LEN {
        let (p3, p2, p1, byte) = (window[at - 3], window[at - 2], window[at - 1], window[at]);
        let continuation = byte & 0xC0 == 0x80;
        let called_for = (p1 >= 0xC0) | (p2 >= 0xE0) | (p3 >= 0xF0);
        wrong |= (continuation != called_for) | (byte >= 0xF5) | (byte & 0xFE == 0xC0);
        rare_lead |= (p1 == 0xE0) | (p1 == 0xED) | (p1 >= 0xF0);
    }
    if wrong {
        return false;
    }
    if !rare_lead {
        return true;
    }
    let mut out_of_range = false;
    for at in LOOK_BACK..LEN {
        let (lead, byte) = (window[at - 1], window[at]);
        out_of_range |= ((lead == 0xE0) & (byte < 0xA0))
            | ((lead == 0xED) & (byte >= 0xA0))
            | ((lead == 0xF0) & (byte < 0x90))
            | ((lead == 0xF4) & (byte >= 0x90));
    }
    !out_of_range
}

/// Where the last character that starts in `bytes[..end]` starts, if it
/// ends past `end`; or `end`. In text that [`block_is_utf8`] accepted, a
/// character starts there.
pub(super) fn last_whole_character_end(bytes: &[u8], end: usize) -> usize {
    for back in 1..=LOOK_BACK.min(end) {
        let Some(&lead) = bytes.get(end - back) else {
            return end;
        };
        if lead >= 0xC0 {
            let len = if lead >= 0xF0 {
                4
            } else if lead >= 0xE0 {
                3
            } else {
                2
            };
            return if back < len { end - back } else { end };
        }
        if lead < 0x80 {
            return end;
        }
    }
    end
}

/// A document and how much of it is known to be UTF-8.
pub(super) struct CheckedText<'i> {
    bytes: &'i [u8],
    /// `bytes[..valid_to]` is valid UTF-8, and a character starts at
    /// `valid_to`.
    valid_to: usize,
    /// Where `window` starts.
    window_start: usize,
    /// The last stretch checked ahead of a kept string, which the strings
    /// in it are cut from.
    window: &'i str,
}

impl<'i> CheckedText<'i> {
    /// Nothing of `bytes` checked yet.
    pub(super) const fn new(bytes: &'i [u8]) -> Self {
        CheckedText { bytes, valid_to: 0, window_start: 0, window: "" }
    }

    /// The document's bytes.
    #[inline(always)]
    pub(super) const fn bytes(&self) -> &'i [u8] {
        self.bytes
    }

    /// Count `bytes[..to]` as valid UTF-8, as the quote blocks found it,
    /// from no further back than where the text is known to be: `to` must
    /// be where a character starts.
    #[inline(always)]
    pub(super) fn valid_as_far_as(&mut self, to: usize) {
        self.valid_to = self.valid_to.max(to);
    }

    /// Check the text up to `to`, where a character starts if the text is
    /// valid: give up unless it is.
    #[inline]
    pub(super) fn check_to(&mut self, to: usize) -> Step {
        if to > self.valid_to {
            if valid_through(self.bytes, self.valid_to, to).map(str::len) != Some(to - self.valid_to) {
                return Err(GiveUp);
            }
            self.valid_to = to;
        }
        Ok(())
    }

    /// The text from `from` to `stop`, both at ASCII bytes or the end of
    /// the input; give up if it is not valid UTF-8.
    #[inline(always)]
    pub(super) fn get(&mut self, from: usize, stop: usize) -> Step<&'i str> {
        let start = from.wrapping_sub(self.window_start);
        match self.window.get(start..stop.wrapping_sub(self.window_start)) {
            Some(text) => Ok(text),
            None => self.get_in_new_window(from, stop),
        }
    }

    /// [`CheckedText::get`] past the window: a new window from `from`, or
    /// from where the text stops being known to be valid if that is
    /// before it, as far as [`STRETCH`] bytes past `from` or `stop`.
    #[cold]
    #[inline(never)]
    fn get_in_new_window(&mut self, from: usize, stop: usize) -> Step<&'i str> {
        if stop < from {
            return Err(GiveUp);
        }
        let start = self.valid_to.min(from);
        let window = valid_through(self.bytes, start, stop.max(from.saturating_add(STRETCH))).ok_or(GiveUp)?;
        self.valid_to = self.valid_to.max(start + window.len());
        self.window_start = start;
        self.window = window;
        window.get(from - start..stop - start).ok_or(GiveUp)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::vec::Vec;

    use super::*;

    const BLOCK: usize = 64;

    /// A fixed xorshift sequence.
    struct Random(u64);

    impl Random {
        fn below(&mut self, bound: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % bound as u64) as usize
        }
    }

    /// Bytes that start, continue or never begin a character, at the edges
    /// of each range that a lead allows after it.
    const EDGES: [u8; 20] = [
        b'a', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4,
        0xF5, 0xFF,
    ];

    /// Text of whole blocks, judged block by block as the quote blocks do
    /// it: each by [`block_is_utf8`] after the three bytes before it (none
    /// before the first), and the last character whole.
    fn blocks_say_utf8(text: &[u8]) -> bool {
        let padded: Vec<u8> = [0; LOOK_BACK].iter().chain(text).copied().collect();
        let blocks = padded.windows(LOOK_BACK + BLOCK).step_by(BLOCK);
        blocks.map(|window| <[u8; LOOK_BACK + BLOCK]>::try_from(window).unwrap()).all(|window| block_is_utf8(&window))
            && last_whole_character_end(text, text.len()) == text.len()
    }

    /// Random characters of every length (surrogates excepted), among
    /// ASCII, as `len` bytes whose last character may be cut.
    fn characters(random: &mut Random, len: usize) -> Vec<u8> {
        let mut text = Vec::new();
        while text.len() < len {
            let scalar = match random.below(5) {
                0 => random.below(0x80),
                1 => 0x80 + random.below(0x780),
                2 => 0x800 + random.below(0xF800),
                3 => 0x10000 + random.below(0x100000),
                _ => usize::from(b'x'),
            };
            if let Some(character) = char::from_u32(scalar as u32) {
                text.extend_from_slice(character.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
        text.truncate(len);
        text
    }

    /// The blocks agree with `core::str::from_utf8` on random text of every
    /// character length, and on it with each byte changed in turn to each
    /// byte at the edge of a range.
    #[test]
    fn blocks_agree_with_from_utf8() {
        let mut random = Random(0x2545_F491_4F6C_DD1D);
        let mut invalid = 0;
        for _ in 0..40 {
            let mut text = characters(&mut random, 2 * BLOCK);
            assert_eq!(blocks_say_utf8(&text), core::str::from_utf8(&text).is_ok(), "{text:x?}");
            for at in 0..text.len() {
                let was = text[at];
                for byte in EDGES {
                    text[at] = byte;
                    let valid = core::str::from_utf8(&text).is_ok();
                    invalid += usize::from(!valid);
                    assert_eq!(blocks_say_utf8(&text), valid, "{byte:#x} at {at}: {text:x?}");
                }
                text[at] = was;
            }
        }
        assert!(invalid > 10_000, "only {invalid} invalid texts");
    }

    /// Every sequence of up to four bytes from the edges of the ranges, at
    /// every place where it meets the end of a block or the bytes looked
    /// back to.
    #[test]
    fn every_short_sequence_at_each_edge_of_a_block() {
        let mut text = [b'a'; 2 * BLOCK];
        for first in EDGES {
            for second in EDGES {
                for third in EDGES {
                    for fourth in EDGES {
                        for at in [0, BLOCK - 4, BLOCK - 3, BLOCK - 2, BLOCK - 1, 2 * BLOCK - 4] {
                            text[at..at + 4].copy_from_slice(&[first, second, third, fourth]);
                            let valid = core::str::from_utf8(&text).is_ok();
                            assert_eq!(blocks_say_utf8(&text), valid, "{:x?} at {at}", &text[at..at + 4]);
                            text[at..at + 4].fill(b'a');
                        }
                    }
                }
            }
        }
    }

    /// The text checked through a point is cut back to the last character
    /// that ends before it, and so is valid and ends where one starts.
    #[test]
    fn valid_through_stops_before_a_cut_character() {
        let text = "aé洗😀b".as_bytes();
        for to in 0..=text.len() + 2 {
            let checked = valid_through(text, 0, to).unwrap();
            let to = to.min(text.len());
            assert!(checked.len() <= to && to - checked.len() < 4, "{to}");
            assert!(core::str::from_utf8(text).unwrap().is_char_boundary(checked.len()), "{to}");
        }
        assert_eq!(valid_through(b"a\xFFb", 0, 3), None);
        assert_eq!(valid_through("aé".as_bytes(), 1, 3), Some("é"));
    }
}
