//! The whole-token fast paths: a token that lies wholly in the chunk is
//! read in one step and reported with one event, instead of byte by byte
//! through the lexer's states. A token cut by the chunk boundary, or one
//! these paths cannot prove valid, goes down the byte-wise path, which
//! reads it the same way and reports any error; the tests feed every
//! document whole and one byte at a time and require the same outcome.

use super::{Events, Fault, Fragment, Lexer, Literal, Next, Number, State};
use crate::scan;

impl Lexer {
    /// The body of the string whose quote is at `quote`, if it ends in this
    /// chunk with no escape: the fast path for whole tokens. Otherwise the
    /// run it scanned, with which the byte-wise path reads on.
    #[inline(always)]
    fn whole_body(chunk: &[u8], quote: usize) -> Result<(Fragment<'_>, usize), scan::Run> {
        let run = scan::scan_string(chunk, quote + 1);
        if chunk.get(run.stop) != Some(&b'"') {
            return Err(run);
        }
        let body = &chunk[quote + 1..run.stop];
        let text = if run.ascii {
            Fragment::Ascii(body)
        } else {
            Fragment::Unicode(core::str::from_utf8(body).map_err(|_| run)?)
        };
        Ok((text, run.stop + 1))
    }

    /// Keep the run [`Self::whole_body`] scanned for [`Self::string_body`],
    /// which reads on from the byte after the quote. An empty run is not
    /// kept: the quote may be the chunk's last byte, and the run's end
    /// would then be read in the next chunk.
    #[inline]
    fn keep_scanned(&mut self, quote: usize, run: scan::Run) {
        let len = u16::try_from(run.stop - quote - 1).unwrap_or(u16::MAX);
        self.scanned = if len > 0 && len <= u16::MAX >> 1 { len << 1 | u16::from(run.ascii) } else { 0 };
    }

    /// A key at `pos`: whole if it can be, else byte-wise.
    pub(super) fn whole_key<E: Events>(&mut self, chunk: &[u8], pos: usize, events: &mut E) -> Result<usize, Fault> {
        let at = self.at(pos);
        let (key, next) = match Self::whole_body(chunk, pos) {
            Ok(whole) => whole,
            // As for a string value: its first ASCII run is read here.
            Err(run) if run.ascii && run.stop > pos + 1 => {
                self.begin_key(at, events);
                if self.reporting() {
                    events.key_text(&chunk[pos + 1..run.stop]);
                }
                return Ok(run.stop);
            }
            Err(run) => {
                self.begin_key(at, events);
                self.keep_scanned(pos, run);
                return Ok(pos + 1);
            }
        };
        self.token_at = at;
        self.state = State::Colon;
        if self.reporting() && events.key(key.as_bytes(), at)? == Next::Skip {
            self.skip_until = self.depth + 1;
        }
        // In compact JSON the colon follows at once.
        if chunk.get(next) == Some(&b':') {
            self.state = State::Value;
            return Ok(next + 1);
        }
        Ok(next)
    }

    /// A string value at `pos`: whole if it can be, else byte-wise.
    pub(super) fn whole_string<E: Events>(&mut self, chunk: &[u8], pos: usize, events: &mut E) -> Result<usize, Fault> {
        let at = self.at(pos);
        let (text, next) = match Self::whole_body(chunk, pos) {
            Ok(whole) => whole,
            // A run of ASCII text the chunk or an escape ends is reported
            // with the string's beginning, in one event; the byte-wise
            // path reads on after it.
            Err(run) if run.ascii && run.stop > pos + 1 => {
                self.token_at = at;
                self.in_key = false;
                self.state = State::Str;
                if self.reporting() {
                    events.begin_string_text(Fragment::Ascii(&chunk[pos + 1..run.stop]), at)?;
                }
                return Ok(run.stop);
            }
            Err(run) => {
                self.begin_string(at, events)?;
                self.keep_scanned(pos, run);
                return Ok(pos + 1);
            }
        };
        self.token_at = at;
        if self.reporting() {
            events.string(text, at)?;
        }
        self.value_done();
        Ok(self.comma_at_once(chunk, next))
    }

    /// After a value, in compact JSON the comma follows at once: take it
    /// here rather than in another turn of the structure loop.
    #[inline]
    pub(super) fn comma_at_once(&mut self, chunk: &[u8], next: usize) -> usize {
        if self.state == State::AfterValue && chunk.get(next) == Some(&b',') {
            self.state = if self.in_object() { State::Key } else { State::Value };
            return next + 1;
        }
        next
    }

    /// A number at `pos`: whole if a byte after it in the chunk shows it
    /// has ended and it is valid, else byte-wise.
    pub(super) fn whole_number<E: Events>(&mut self, chunk: &[u8], pos: usize, events: &mut E) -> Result<usize, Fault> {
        let at = self.at(pos);
        let Some(NumberEnd { integer_from, integer_end, end }) = number_end(chunk, pos) else {
            self.begin_value(chunk[pos], at, events)?;
            return Ok(pos + 1);
        };
        self.token_at = at;
        if self.reporting() {
            let magnitude = chunk[integer_from..integer_end]
                .iter()
                .fold(0u64, |value, digit| value.saturating_mul(10).saturating_add(u64::from(digit - b'0')));
            let number = Number { magnitude, negative: integer_from > pos, integer: integer_end == end };
            events.number(number, at)?;
        }
        self.value_done();
        Ok(self.comma_at_once(chunk, end))
    }

    /// `true`, `false` or `null` at `pos`: whole if all of it is in the
    /// chunk, else byte-wise.
    pub(super) fn whole_literal<E: Events>(
        &mut self,
        chunk: &[u8],
        pos: usize,
        events: &mut E,
    ) -> Result<usize, Fault> {
        let at = self.at(pos);
        let Some((literal, end)) = literal_end(chunk, pos) else {
            self.begin_value(chunk[pos], at, events)?;
            return Ok(pos + 1);
        };
        self.token_at = at;
        if self.reporting() {
            events.literal(literal, at)?;
        }
        self.value_done();
        Ok(self.comma_at_once(chunk, end))
    }
}

/// The literal whose first byte is at `start`, and the position after it,
/// if all of it is in `chunk`.
pub(super) fn literal_end(chunk: &[u8], start: usize) -> Option<(Literal, usize)> {
    let (text, literal): (&[u8], _) = match chunk.get(start)? {
        b't' => (b"true", Literal::True),
        b'f' => (b"false", Literal::False),
        _ => (b"null", Literal::Null),
    };
    (chunk.get(start..start + text.len())? == text).then_some((literal, start + text.len()))
}

/// The four hex digits of a `\u` escape at `at`, if all are in `chunk`.
#[inline]
pub(super) fn hex4(chunk: &[u8], at: usize) -> Option<u32> {
    let digits = chunk.get(at..at + 4)?;
    digits.iter().try_fold(0u32, |value, &digit| Some(value << 4 | char::from(digit).to_digit(16)?))
}

/// Where a whole number lies in the chunk.
pub(super) struct NumberEnd {
    /// The first digit of the integer part (after any `-`).
    pub integer_from: usize,
    /// The position after the integer part's digits.
    pub integer_end: usize,
    /// The position after the number.
    pub end: usize,
}

/// Where the number at `start` lies, if it is valid and a byte after it in
/// `chunk` shows it has ended. Inlined: it runs for every number the
/// structure loop reads, and a call costs a good part of a short number.
#[inline(always)]
pub(super) fn number_end(chunk: &[u8], start: usize) -> Option<NumberEnd> {
    let digits_from =
        |pos: usize| pos + chunk.get(pos..).unwrap_or_default().iter().take_while(|b| b.is_ascii_digit()).count();
    let integer_from = start + usize::from(chunk[start] == b'-');
    let mut pos = integer_from;
    match chunk.get(pos)? {
        b'0' => pos += 1,
        b'1'..=b'9' => pos = digits_from(pos + 1),
        _ => return None,
    }
    let integer_end = pos;
    if chunk.get(pos)? == &b'.' {
        let end = digits_from(pos + 1);
        if end == pos + 1 {
            return None;
        }
        pos = end;
    }
    if matches!(chunk.get(pos)?, b'e' | b'E') {
        pos += 1;
        if matches!(chunk.get(pos)?, b'+' | b'-') {
            pos += 1;
        }
        let end = digits_from(pos);
        if end == pos {
            return None;
        }
        pos = end;
    }
    // A digit straight after a leading zero is an error the general path
    // reports; anything else is read as structure.
    if chunk.get(pos)?.is_ascii_digit() {
        return None;
    }
    Some(NumberEnd { integer_from, integer_end, end: pos })
}

/// Where the number whose first digit (after any `-`) should be at `pos`
/// ends, if it is valid and a byte after it in `chunk` shows it has ended:
/// [`number_end`]'s `end`, which the tests hold it to, for a caller that
/// needs no more than that (a skipped value). A minus sign is the caller's:
/// it passes the position after it.
#[cfg(feature = "fast-path")]
#[inline(always)]
pub(super) fn unsigned_number_end(chunk: &[u8], mut pos: usize) -> Option<usize> {
    match chunk.get(pos)? {
        // A digit straight after a leading zero is an error the general
        // path reports.
        b'0' => {
            pos += 1;
            if chunk.get(pos)?.is_ascii_digit() {
                return None;
            }
        }
        b'1'..=b'9' => pos = digits_end(chunk, pos + 1),
        _ => return None,
    }
    let mut next = *chunk.get(pos)?;
    if next == b'.' {
        let end = digits_end(chunk, pos + 1);
        if end == pos + 1 {
            return None;
        }
        pos = end;
        next = *chunk.get(pos)?;
    }
    // `e` or `E`.
    if next | 0x20 == b'e' {
        pos += 1;
        if matches!(chunk.get(pos)?, b'+' | b'-') {
            pos += 1;
        }
        let end = digits_end(chunk, pos);
        if end == pos {
            return None;
        }
        pos = end;
        chunk.get(pos)?;
    }
    Some(pos)
}

/// The end of the run of ASCII digits at `pos`: a byte at a time, since
/// the digit runs of JSON numbers are short, and eight bytes at a time is
/// more code for no fewer instructions on the bench's documents.
#[cfg(feature = "fast-path")]
#[inline(always)]
fn digits_end(chunk: &[u8], mut pos: usize) -> usize {
    while chunk.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    pos
}

/// Where `true`, `false` or `null` at `start` ends, if it is one of them
/// and all of it is in `chunk`: [`literal_end`]'s end, which the tests
/// hold it to, for a caller that needs no more (a skipped value).
#[cfg(feature = "fast-path")]
#[inline(always)]
pub(super) fn literal_skip_end(chunk: &[u8], start: usize) -> Option<usize> {
    let word = u32::from_le_bytes(*chunk.get(start..)?.first_chunk::<4>()?);
    if word == u32::from_le_bytes(*b"true") || word == u32::from_le_bytes(*b"null") {
        return Some(start + 4);
    }
    (word == u32::from_le_bytes(*b"fals") && chunk.get(start + 4) == Some(&b'e')).then_some(start + 5)
}

#[cfg(all(test, feature = "fast-path"))]
mod tests {
    extern crate std;

    use std::vec::Vec;

    use super::*;

    /// Every text over an alphabet of the bytes that matter to a number,
    /// up to five bytes long (every edge of the grammar: `-`, `0`, `01`,
    /// `1.`, `1.5e`, `1e+`, `-0`, ...), and each form of a number with
    /// digit runs of up to 20 bytes.
    fn numbers() -> Vec<Vec<u8>> {
        let alphabet = b"-+0159.eEx ";
        let mut texts: Vec<Vec<u8>> = std::vec![Vec::new()];
        let mut last = texts.clone();
        for _ in 0..5 {
            last =
                last.iter().flat_map(|text| alphabet.iter().map(move |&byte| [&text[..], &[byte]].concat())).collect();
            texts.extend(last.iter().cloned());
        }
        for run in 0..20 {
            let digits = "1234567890".repeat(3);
            let digits = &digits[..run];
            for form in ["{d}", "-{d}", "1.{d}", "1{d}e{d}", "0.{d}E-{d}", "{d}.{d}e+{d}", "0{d}", "1.{d}e"] {
                texts.push(form.replace("{d}", digits).into_bytes());
            }
        }
        texts.push(b"-0".to_vec());
        texts.push(b"18446744073709551616000".to_vec());
        texts
    }

    /// `unsigned_number_end` ends where `number_end` does, or gives up
    /// where it does, on every text of [`numbers`], at the start of the
    /// chunk or after bytes, then at the chunk's end or before other bytes.
    #[test]
    fn unsigned_number_end_agrees_with_number_end() {
        for text in numbers() {
            for before in [0, 3] {
                for tail in [&b""[..], b" ", b",", b"}", b"0123456789abc", b"\xff\xfa\x3a"] {
                    let chunk = [&b"   "[..before], &text, tail].concat();
                    if chunk.get(before).is_none_or(|byte| *byte != b'-' && !byte.is_ascii_digit()) {
                        continue;
                    }
                    let expected = number_end(&chunk, before).map(|number| number.end);
                    let from = before + usize::from(chunk[before] == b'-');
                    assert_eq!(
                        unsigned_number_end(&chunk, from),
                        expected,
                        "{:?}",
                        std::string::String::from_utf8_lossy(&chunk)
                    );
                }
            }
        }
    }

    /// `literal_skip_end` ends where `literal_end` does, or gives up where
    /// it does, on every text up to six bytes long over the literals'
    /// letters and two others that starts as a literal does, and on every
    /// literal cut short by the end of the chunk.
    #[test]
    fn literal_skip_end_agrees_with_literal_end() {
        let alphabet = b"truefalsn x";
        for first in [b't', b'f', b'n'] {
            let mut texts: Vec<Vec<u8>> = std::vec![std::vec![first]];
            let mut last = texts.clone();
            for _ in 0..5 {
                last = last
                    .iter()
                    .flat_map(|text| alphabet.iter().map(move |&byte| [&text[..], &[byte]].concat()))
                    .collect();
                texts.extend(last.iter().cloned());
            }
            for literal in [&b"true"[..], b"false", b"null"] {
                for cut in 1..=literal.len() {
                    texts.push(literal[..cut].to_vec());
                }
            }
            for text in texts {
                for before in [0, 2] {
                    let chunk = [&b"  "[..before], &text].concat();
                    let expected = literal_end(&chunk, before).map(|(_, end)| end);
                    assert_eq!(literal_skip_end(&chunk, before), expected, "{chunk:?}");
                }
            }
        }
    }
}
