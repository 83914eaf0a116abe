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
            Err(run) => {
                self.begin_value(b'"', at, events)?;
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
/// `chunk` shows it has ended.
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
