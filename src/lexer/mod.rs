//! The JSON layer: a push-based, resumable RFC 8259 lexer.
//!
//! It accepts input in chunks of any size and can stop at any byte. It knows
//! nothing about Klaviyo: it reports structure, keys, string text, numbers and
//! literals to an [`Events`] handler, with the byte offset of each. Nesting is
//! tracked in a 64-bit set (one bit a level: object or array), so nothing
//! recurses on input. A value the handler does not want is skipped: still
//! fully validated, but reported to nobody.
//!
//! Strings arrive as `&str` fragments, already unescaped and UTF-8-checked.
//! A fragment ends at a chunk boundary or an escape, so a handler must not
//! assume one fragment per string. The only bytes carried across chunks are
//! a cut UTF-8 sequence (at most 3 bytes) and the digits of a `\u` escape.

use crate::error::{ErrorKind, Fault};
use crate::{scan, utf8};

#[cfg(feature = "fast-path")]
pub(crate) mod cursor;
#[cfg(feature = "fast-path")]
pub(crate) mod input;
#[cfg(feature = "fast-path")]
mod quotes;
mod skip;
mod whole;

/// The deepest nesting accepted: containers inside containers, the
/// document's own object counting as one.
pub const MAX_DEPTH: u8 = 64;

/// A number as the lexer read it. Counts only need its integer value; every
/// number is checked against the full grammar whatever its use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Number {
    /// The integer part, saturating at `u64::MAX`.
    pub magnitude: u64,
    /// It had a leading `-`.
    pub negative: bool,
    /// It had no fraction and no exponent.
    pub integer: bool,
}

/// `true`, `false` or `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Literal {
    True,
    False,
    Null,
}

/// Text from the input, known to be valid UTF-8: a run the scan found all
/// ASCII needs no further check, and anything else was checked by
/// `core::str::from_utf8`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fragment<'a> {
    Ascii(&'a [u8]),
    Unicode(&'a str),
}

impl<'a> Fragment<'a> {
    #[inline]
    pub(crate) fn as_bytes(self) -> &'a [u8] {
        match self {
            Fragment::Ascii(bytes) => bytes,
            Fragment::Unicode(text) => text.as_bytes(),
        }
    }

    /// The text as `&str` (an ASCII run is converted, which cannot fail).
    #[inline]
    pub(crate) fn as_str(self) -> &'a str {
        match self {
            Fragment::Ascii(bytes) => core::str::from_utf8(bytes).unwrap_or_default(),
            Fragment::Unicode(text) => text,
        }
    }

    pub(crate) fn is_empty(self) -> bool {
        self.as_bytes().is_empty()
    }
}

/// What the handler wants done with a member's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Report the value.
    Report,
    /// Validate the value, but report nothing until it ends.
    Skip,
}

/// Receives what the lexer reads. Offsets are of the token's first byte
/// (the quote, the bracket, the first digit) in the whole input; string and
/// key events all carry the offset of their opening quote.
pub(crate) trait Events {
    fn begin_object(&mut self, at: usize) -> Result<(), Fault>;
    fn end_object(&mut self, at: usize) -> Result<(), Fault>;
    fn begin_array(&mut self, at: usize) -> Result<(), Fault>;
    fn end_array(&mut self, at: usize) -> Result<(), Fault>;
    fn begin_key(&mut self, at: usize);
    fn key_text(&mut self, text: &[u8]);
    fn end_key(&mut self, at: usize) -> Result<Next, Fault>;
    fn begin_string(&mut self, at: usize) -> Result<(), Fault>;
    fn string_text(&mut self, text: Fragment<'_>, at: usize) -> Result<(), Fault>;

    /// A string value begins with `text`, not empty, and goes on past it
    /// (the chunk cut it, or an escape follows). It must do what
    /// `begin_string` and `string_text` do in turn: the chunk-split tests
    /// read every string both ways.
    fn begin_string_text(&mut self, text: Fragment<'_>, at: usize) -> Result<(), Fault>;
    fn end_string(&mut self, at: usize) -> Result<(), Fault>;

    /// A whole key read in one piece with no escape. It must do what
    /// `begin_key`, `key_text` and `end_key` do in turn: the chunk-split
    /// tests read every key both ways.
    fn key(&mut self, key: &[u8], at: usize) -> Result<Next, Fault>;

    /// A whole string value read in one piece with no escape. It must do
    /// what `begin_string`, `string_text` (unless the text is empty) and
    /// `end_string` do in turn.
    fn string(&mut self, text: Fragment<'_>, at: usize) -> Result<(), Fault>;
    fn number(&mut self, number: Number, at: usize) -> Result<(), Fault>;
    fn literal(&mut self, literal: Literal, at: usize) -> Result<(), Fault>;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// A value must come (document start, after `:` or after `,` in an array).
    Value,
    /// After `[`: a value or `]`.
    ArrayStart,
    /// After `{`: a key or `}`.
    ObjectStart,
    /// After `,` in an object: a key.
    Key,
    /// After a key: `:`.
    Colon,
    /// After a value inside a container: `,` or the closing bracket.
    AfterValue,
    /// The document is complete; only whitespace may follow.
    Done,
    /// Inside a string's body.
    Str,
    /// After a backslash.
    Escape,
    /// Reading the four hex digits of `\u`.
    Hex,
    /// After a high surrogate escape: its low half's backslash.
    LowBackslash,
    /// After that backslash: `u`.
    LowU,
    Minus,
    Zero,
    Int,
    Dot,
    Frac,
    Exp,
    ExpSign,
    ExpInt,
    Literal,
}

impl State {
    /// Between tokens: whitespace, structure, or the first byte of a token.
    #[inline]
    const fn is_structural(self) -> bool {
        matches!(
            self,
            State::Value
                | State::ArrayStart
                | State::ObjectStart
                | State::Key
                | State::Colon
                | State::AfterValue
                | State::Done
        )
    }
}

/// The three literals, each ended by a 0 byte, which no byte is compared
/// with: a literal is read as an index into this table.
const LITERALS: &[u8; 16] = b"true\0false\0null\0";

/// Is the container at `depth` an object, by the nesting set `objects`
/// (bit `d` set: the container at depth `d + 1` is one)? False at depth 0.
#[inline]
const fn in_object(objects: u64, depth: u8) -> bool {
    depth > 0 && (objects >> (depth - 1)) & 1 == 1
}

/// The lexer's whole state: a fixed-size struct, whatever the input.
#[derive(Clone, Debug)]
pub(crate) struct Lexer {
    /// Bytes of input before the current chunk.
    consumed: usize,
    /// Offset of the current token's first byte (string quote, number, literal).
    token_at: usize,
    /// Offset of the backslash of the escape being read; while a high
    /// surrogate waits for its low half, the high one's.
    escape_at: usize,
    number: Number,
    state: State,
    depth: u8,
    /// Nesting depth at which skipping ends; 0 when not skipping.
    skip_until: u8,
    in_key: bool,
    /// The index in [`LITERALS`] of the literal's next byte.
    literal: u8,
    hex_len: u8,
    hex: u16,
    /// A pending high surrogate, or 0.
    high: u16,
    utf8_len: u8,
    /// The start of a UTF-8 sequence cut by the chunk boundary.
    utf8: [u8; 3],
    /// A run the whole-token fast path already scanned before it handed
    /// the string to the byte-wise path: its length `<< 1`, bit 0 set if
    /// it is all ASCII; 0 when there is none. Valid only for the current
    /// chunk, at the byte after the quote, so no string is scanned twice.
    scanned: u16,
    /// Bit `d` set: the container at depth `d + 1` is an object.
    objects: u64,
}

impl Default for Lexer {
    fn default() -> Self {
        Self::new()
    }
}

impl Lexer {
    pub(crate) const fn new() -> Self {
        Lexer {
            consumed: 0,
            token_at: 0,
            escape_at: 0,
            number: Number { magnitude: 0, negative: false, integer: true },
            state: State::Value,
            depth: 0,
            skip_until: 0,
            in_key: false,
            literal: 0,
            hex_len: 0,
            hex: 0,
            high: 0,
            utf8_len: 0,
            utf8: [0; 3],
            scanned: 0,
            objects: 0,
        }
    }

    /// Bytes accepted so far.
    pub(crate) const fn consumed(&self) -> usize {
        self.consumed
    }

    /// The document's closing bracket has been read.
    pub(crate) fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// A value is being skipped: its events are not reported.
    #[inline]
    pub(crate) fn is_skipping(&self) -> bool {
        self.skip_until != 0
    }

    #[inline]
    fn reporting(&self) -> bool {
        self.skip_until == 0
    }

    #[inline]
    fn in_object(&self) -> bool {
        in_object(self.objects, self.depth)
    }

    /// Feed the next chunk. On error the lexer must not be fed again.
    pub(crate) fn feed<E: Events>(&mut self, chunk: &[u8], mut events: E) -> Result<(), Fault> {
        let mut pos = 0;
        while pos < chunk.len() {
            pos = self.step(chunk, pos, &mut events)?;
        }
        self.consumed += chunk.len();
        Ok(())
    }

    /// The input has ended: a number at the very end is complete, anything
    /// else unfinished is an unexpected end.
    pub(crate) fn finish<E: Events>(&mut self, events: &mut E) -> Result<(), Fault> {
        if matches!(self.state, State::Zero | State::Int | State::Frac | State::ExpInt) {
            self.end_number(events)?;
        }
        if self.state == State::Done { Ok(()) } else { Err(Fault::new(ErrorKind::UnexpectedEnd, self.consumed)) }
    }

    /// Process input from `pos`; returns the position reached.
    #[inline]
    fn step<E: Events>(&mut self, chunk: &[u8], pos: usize, events: &mut E) -> Result<usize, Fault> {
        match self.state {
            State::Str => self.string_body(chunk, pos, events),
            state if state.is_structural() => self.structure(chunk, pos, events),
            State::Escape => self.escape(chunk[pos], pos, events).map(|()| pos + 1),
            State::Hex => self.hex_digit(chunk[pos], pos, events).map(|()| pos + 1),
            State::LowBackslash | State::LowU => self.low_surrogate_start(chunk[pos]).map(|()| pos + 1),
            State::Literal => self.literal_byte(chunk[pos], pos, events).map(|()| pos + 1),
            _ => self.number_bytes(chunk, pos, events),
        }
    }

    fn at(&self, pos: usize) -> usize {
        self.consumed + pos
    }

    /// Whitespace and structural bytes, and the first byte of every token,
    /// in a loop that stays here while the state is structural: whole keys
    /// and strings are read without leaving it.
    fn structure<E: Events>(&mut self, chunk: &[u8], mut pos: usize, events: &mut E) -> Result<usize, Fault> {
        loop {
            if !self.reporting() {
                pos = self.skip_whole_tokens(chunk, pos);
                if !self.state.is_structural() || pos >= chunk.len() {
                    return Ok(pos);
                }
            }
            pos = self.structure_step(chunk, pos, events)?;
            if !self.state.is_structural() || pos >= chunk.len() {
                return Ok(pos);
            }
        }
    }

    #[inline]
    fn structure_step<E: Events>(&mut self, chunk: &[u8], pos: usize, events: &mut E) -> Result<usize, Fault> {
        let pos = scan::skip_whitespace(chunk, pos);
        let Some(&byte) = chunk.get(pos) else {
            return Ok(pos);
        };
        let at = self.at(pos);
        let unexpected = Fault::new(ErrorKind::UnexpectedByte, at);
        match self.state {
            State::Value | State::ArrayStart => match byte {
                b'"' => return self.whole_string(chunk, pos, events),
                b'-' | b'0'..=b'9' => return self.whole_number(chunk, pos, events),
                b't' | b'f' | b'n' => return self.whole_literal(chunk, pos, events),
                b'{' | b'[' => self.open(byte == b'{', at, events)?,
                _ if self.state == State::Value => self.begin_value(byte, at, events)?,
                b']' => {
                    self.close(false, at, events)?;
                    return Ok(self.comma_at_once(chunk, pos + 1));
                }
                _ => self.begin_value(byte, at, events)?,
            },
            State::ObjectStart | State::Key => match byte {
                b'"' => return self.whole_key(chunk, pos, events),
                b'}' if self.state == State::ObjectStart => {
                    self.close(true, at, events)?;
                    return Ok(self.comma_at_once(chunk, pos + 1));
                }
                _ => return Err(unexpected),
            },
            State::Colon => {
                if byte != b':' {
                    return Err(unexpected);
                }
                self.state = State::Value;
            }
            State::AfterValue => match byte {
                b',' => self.state = if self.in_object() { State::Key } else { State::Value },
                b'}' | b']' if (byte == b'}') == self.in_object() => {
                    self.close(byte == b'}', at, events)?;
                    return Ok(self.comma_at_once(chunk, pos + 1));
                }
                _ => return Err(unexpected),
            },
            State::Done => return Err(Fault::new(ErrorKind::TrailingData, at)),
            _ => return Err(unexpected),
        }
        Ok(pos + 1)
    }

    fn begin_value<E: Events>(&mut self, byte: u8, at: usize, events: &mut E) -> Result<(), Fault> {
        self.token_at = at;
        match byte {
            b'{' | b'[' => self.open(byte == b'{', at, events)?,
            b'"' => self.begin_string(at, events)?,
            b'-' => {
                self.number = Number { magnitude: 0, negative: true, integer: true };
                self.state = State::Minus;
            }
            b'0'..=b'9' => {
                self.number = Number { magnitude: u64::from(byte - b'0'), negative: false, integer: true };
                self.state = if byte == b'0' { State::Zero } else { State::Int };
            }
            b't' | b'f' | b'n' => {
                // The first byte has matched.
                self.literal = match byte {
                    b't' => 1,
                    b'f' => 6,
                    _ => 12,
                };
                self.state = State::Literal;
            }
            _ => return Err(Fault::new(ErrorKind::UnexpectedByte, at)),
        }
        Ok(())
    }

    /// An object or an array begins. Inlined into the structure loop, which
    /// opens every container, rather than reached through `begin_value`,
    /// which is kept out of line for the byte-wise path's first bytes.
    #[inline(always)]
    fn open<E: Events>(&mut self, object: bool, at: usize, events: &mut E) -> Result<(), Fault> {
        self.token_at = at;
        if self.depth >= MAX_DEPTH {
            return Err(Fault::new(ErrorKind::TooDeep, at));
        }
        self.objects = if object { self.objects | 1 << self.depth } else { self.objects & !(1 << self.depth) };
        self.depth += 1;
        if self.reporting() {
            if object { events.begin_object(at)? } else { events.begin_array(at)? }
        }
        self.state = if object { State::ObjectStart } else { State::ArrayStart };
        Ok(())
    }

    /// A string value begins, to be read byte-wise. Inlined into the
    /// whole-string path, which hands over here every string a chunk cuts.
    #[inline(always)]
    pub(super) fn begin_string<E: Events>(&mut self, at: usize, events: &mut E) -> Result<(), Fault> {
        self.token_at = at;
        self.in_key = false;
        if self.reporting() {
            events.begin_string(at)?;
        }
        self.state = State::Str;
        Ok(())
    }

    fn begin_key<E: Events>(&mut self, at: usize, events: &mut E) {
        self.token_at = at;
        self.in_key = true;
        if self.reporting() {
            events.begin_key(at);
        }
        self.state = State::Str;
    }

    fn close<E: Events>(&mut self, object: bool, at: usize, events: &mut E) -> Result<(), Fault> {
        self.depth -= 1;
        if self.reporting() {
            if object { events.end_object(at)? } else { events.end_array(at)? }
        }
        self.value_done();
        Ok(())
    }

    /// A value has ended: move to what may follow it, and stop skipping if
    /// it was the skipped value.
    #[inline]
    fn value_done(&mut self) {
        if self.skip_until != 0 && self.depth + 1 == self.skip_until {
            self.skip_until = 0;
        }
        self.state = if self.depth == 0 { State::Done } else { State::AfterValue };
    }

    #[inline]
    fn text<E: Events>(&mut self, text: Fragment<'_>, events: &mut E) -> Result<(), Fault> {
        if !self.reporting() || text.is_empty() {
            return Ok(());
        }
        if self.in_key {
            events.key_text(text.as_bytes());
            Ok(())
        } else {
            events.string_text(text, self.token_at)
        }
    }

    /// A string's body: runs of plain text, then the byte that ends the run.
    fn string_body<E: Events>(&mut self, chunk: &[u8], mut pos: usize, events: &mut E) -> Result<usize, Fault> {
        if self.utf8_len > 0 {
            pos = self.finish_cut_sequence(chunk, pos, events)?;
            if self.utf8_len > 0 || pos == chunk.len() {
                return Ok(pos);
            }
        }
        let scan::Run { stop, ascii } = match self.scanned {
            0 => scan::scan_string(chunk, pos),
            scanned => {
                self.scanned = 0;
                scan::Run { stop: pos + (scanned >> 1) as usize, ascii: scanned & 1 == 1 }
            }
        };
        if stop > pos {
            let run = &chunk[pos..stop];
            let valid = if ascii {
                self.text(Fragment::Ascii(run), events)?;
                run.len()
            } else if !self.reporting() {
                // Skipped text needs no `&str`, only the check.
                utf8::valid_up_to(run)
            } else {
                let (text, valid) = match core::str::from_utf8(run) {
                    Ok(text) => (text, run.len()),
                    Err(error) => {
                        let valid = error.valid_up_to();
                        (core::str::from_utf8(&run[..valid]).unwrap_or_default(), valid)
                    }
                };
                self.text(Fragment::Unicode(text), events)?;
                valid
            };
            if valid < run.len() {
                // An invalid sequence, or one cut by the end of the chunk,
                // which is carried to the next.
                let cut = &run[valid..];
                let incomplete = core::str::from_utf8(cut).is_err_and(|error| error.error_len().is_none());
                if !incomplete || stop < chunk.len() {
                    return Err(Fault::new(ErrorKind::InvalidUtf8, self.at(pos + valid)));
                }
                let kept = cut.len().min(self.utf8.len());
                self.utf8[..kept].copy_from_slice(&cut[..kept]);
                self.utf8_len = kept as u8;
            }
        }
        let Some(&byte) = chunk.get(stop) else {
            return Ok(stop);
        };
        let at = self.at(stop);
        match byte {
            b'"' => {
                self.end_string(events)?;
                // In compact JSON the colon or the comma follows at once:
                // taken here, not in another turn of the lexer's loop.
                if self.state == State::Colon && chunk.get(stop + 1) == Some(&b':') {
                    self.state = State::Value;
                    return Ok(stop + 2);
                }
                return Ok(self.comma_at_once(chunk, stop + 1));
            }
            b'\\' => {
                self.escape_at = at;
                self.state = State::Escape;
            }
            _ => return Err(Fault::new(ErrorKind::ControlCharacter, at)),
        }
        Ok(stop + 1)
    }

    /// Complete a UTF-8 sequence that an earlier chunk cut. It began
    /// `utf8_len` bytes before this chunk while only the cut part is held,
    /// and it is completed at the start of the next chunk. Cold: at most
    /// once a chunk, and only in text that is not ASCII, so kept out of the
    /// way of the string loop it sits in.
    #[cold]
    fn finish_cut_sequence<E: Events>(&mut self, chunk: &[u8], pos: usize, events: &mut E) -> Result<usize, Fault> {
        let have = usize::from(self.utf8_len);
        let width = match self.utf8[0] {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let take = (width - have).min(chunk.len() - pos);
        let mut sequence = [0u8; 4];
        sequence[..have].copy_from_slice(&self.utf8[..have]);
        sequence[have..have + take].copy_from_slice(&chunk[pos..pos + take]);
        let sequence = &sequence[..have + take];
        match core::str::from_utf8(sequence) {
            Ok(text) => {
                self.utf8_len = 0;
                self.text(Fragment::Unicode(text), events)?;
            }
            Err(error) if error.error_len().is_none() => {
                // Still incomplete, so at most 3 bytes.
                let kept = sequence.len().min(self.utf8.len());
                self.utf8[..kept].copy_from_slice(&sequence[..kept]);
                self.utf8_len = kept as u8;
            }
            Err(_) => return Err(Fault::new(ErrorKind::InvalidUtf8, self.consumed + pos - have)),
        }
        Ok(pos + take)
    }

    fn end_string<E: Events>(&mut self, events: &mut E) -> Result<(), Fault> {
        if self.in_key {
            self.state = State::Colon;
            if self.reporting() && events.end_key(self.token_at)? == Next::Skip {
                self.skip_until = self.depth + 1;
            }
        } else {
            if self.reporting() {
                events.end_string(self.token_at)?;
            }
            self.value_done();
        }
        Ok(())
    }

    fn escape<E: Events>(&mut self, byte: u8, pos: usize, events: &mut E) -> Result<(), Fault> {
        let decoded = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.hex = 0;
                self.hex_len = 0;
                self.state = State::Hex;
                return Ok(());
            }
            _ => return Err(Fault::new(ErrorKind::InvalidEscape, self.at(pos))),
        };
        self.state = State::Str;
        self.emit_char(decoded, events)
    }

    fn hex_digit<E: Events>(&mut self, byte: u8, pos: usize, events: &mut E) -> Result<(), Fault> {
        let digit = match byte {
            b'0'..=b'9' => byte - b'0',
            b'a'..=b'f' => byte - b'a' + 10,
            b'A'..=b'F' => byte - b'A' + 10,
            _ => return Err(Fault::new(ErrorKind::InvalidEscape, self.at(pos))),
        };
        self.hex = self.hex << 4 | u16::from(digit);
        self.hex_len += 1;
        if self.hex_len < 4 {
            return Ok(());
        }
        let unit = self.hex;
        let lone = Err(Fault::new(ErrorKind::LoneSurrogate, self.escape_at));
        if self.high != 0 {
            if !(0xDC00..=0xDFFF).contains(&unit) {
                return lone;
            }
            let scalar = 0x10000 + ((u32::from(self.high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
            self.high = 0;
            self.state = State::Str;
            return self.emit_char(char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER), events);
        }
        match unit {
            0xD800..=0xDBFF => {
                self.high = unit;
                self.state = State::LowBackslash;
                Ok(())
            }
            0xDC00..=0xDFFF => lone,
            _ => {
                self.state = State::Str;
                self.emit_char(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER), events)
            }
        }
    }

    fn low_surrogate_start(&mut self, byte: u8) -> Result<(), Fault> {
        match (self.state, byte) {
            (State::LowBackslash, b'\\') => self.state = State::LowU,
            (State::LowU, b'u') => {
                self.hex = 0;
                self.hex_len = 0;
                self.state = State::Hex;
            }
            _ => return Err(Fault::new(ErrorKind::LoneSurrogate, self.escape_at)),
        }
        Ok(())
    }

    fn emit_char<E: Events>(&mut self, decoded: char, events: &mut E) -> Result<(), Fault> {
        let mut buffer = [0u8; 4];
        let text = decoded.encode_utf8(&mut buffer);
        self.text(Fragment::Unicode(text), events)
    }

    /// A byte of a literal the chunk cut (a whole one is read at once):
    /// rare, so cold.
    #[cold]
    fn literal_byte<E: Events>(&mut self, byte: u8, pos: usize, events: &mut E) -> Result<(), Fault> {
        if LITERALS.get(usize::from(self.literal)) != Some(&byte) {
            return Err(Fault::new(ErrorKind::InvalidLiteral, self.at(pos)));
        }
        self.literal += 1;
        if LITERALS.get(usize::from(self.literal)).is_none_or(|&next| next == 0) {
            if self.reporting() {
                let literal = match self.literal {
                    4 => Literal::True,
                    10 => Literal::False,
                    _ => Literal::Null,
                };
                events.literal(literal, self.token_at)?;
            }
            self.value_done();
        }
        Ok(())
    }

    /// Number bytes, with a tight loop over integer digits.
    fn number_bytes<E: Events>(&mut self, chunk: &[u8], mut pos: usize, events: &mut E) -> Result<usize, Fault> {
        if self.state == State::Int {
            let mut magnitude = self.number.magnitude;
            while let Some(&byte) = chunk.get(pos) {
                if !byte.is_ascii_digit() {
                    break;
                }
                magnitude = magnitude.saturating_mul(10).saturating_add(u64::from(byte - b'0'));
                pos += 1;
            }
            self.number.magnitude = magnitude;
            if pos == chunk.len() {
                return Ok(pos);
            }
        }
        let byte = chunk[pos];
        let digit = byte.is_ascii_digit();
        let invalid = Fault::new(ErrorKind::InvalidNumber, self.at(pos));
        self.state = match (self.state, byte) {
            (State::Minus, b'0') => State::Zero,
            (State::Minus, b'1'..=b'9') => {
                self.number.magnitude = u64::from(byte - b'0');
                State::Int
            }
            (State::Zero, b'0'..=b'9') => return Err(invalid),
            (State::Zero | State::Int, b'.') => {
                self.number.integer = false;
                State::Dot
            }
            (State::Zero | State::Int | State::Frac, b'e' | b'E') => {
                self.number.integer = false;
                State::Exp
            }
            (State::Dot | State::Frac, _) if digit => State::Frac,
            (State::Exp, b'+' | b'-') => State::ExpSign,
            (State::Exp | State::ExpSign | State::ExpInt, _) if digit => State::ExpInt,
            (State::Zero | State::Int | State::Frac | State::ExpInt, _) => {
                // The byte ends the number and is read again as structure.
                self.end_number(events)?;
                return Ok(pos);
            }
            _ => return Err(invalid),
        };
        Ok(pos + 1)
    }

    fn end_number<E: Events>(&mut self, events: &mut E) -> Result<(), Fault> {
        if self.reporting() {
            events.number(self.number, self.token_at)?;
        }
        self.value_done();
        Ok(())
    }
}
