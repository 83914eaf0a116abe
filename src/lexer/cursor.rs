//! Reading a document that lies whole in memory, one token at a time, for
//! the decoder's direct path: no state machine and no events, because no
//! token can be cut.
//!
//! Every method reads one valid token or gives up ([`GiveUp`]). None reports
//! an error: the decoder hands any input its direct path gives up on to the
//! streaming lexer, which finds the error and gives its kind, offset and
//! path. So a method may give up on valid input too, where reading it here
//! would not pay, but it must never accept a token the streaming lexer
//! rejects, nor read one differently.

use core::marker::PhantomData;

use heapless::string::StringView;

use super::input::{CheckedFirst, Input};
use super::quotes::QuoteBlocks;
use super::whole::{hex4, literal_end, literal_skip_end, unsigned_number_end};
use super::{Literal, MAX_DEPTH};
use crate::scan;

/// The direct path stops here: the input is invalid, or holds something it
/// leaves to the streaming path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GiveUp;

/// A step of the direct path.
pub(crate) type Step<T = ()> = Result<T, GiveUp>;

/// Where the text of a string value goes, piece by piece, unescaped.
pub(crate) trait Put {
    /// Append `text`, or give up if it does not fit.
    fn put(&mut self, text: &str) -> Step;
}

impl Put for StringView<u16> {
    #[inline]
    fn put(&mut self, text: &str) -> Step {
        // `insert_str` at the end copies in bulk; `push_str` copies byte by byte.
        self.insert_str(self.len(), text).map_err(|_| GiveUp)
    }
}

/// The text of a value that is checked but not kept: only its length
/// counts, against the capacity of the field it would have gone to.
pub(crate) struct Measure {
    /// Bytes the field has left.
    pub room: usize,
}

impl Put for Measure {
    #[inline]
    fn put(&mut self, text: &str) -> Step {
        self.room = self.room.checked_sub(text.len()).ok_or(GiveUp)?;
        Ok(())
    }
}

/// Bytes of a short value (a `type`, a status, a timestamp) or an escaped
/// key held to be matched: the streaming decoder's limit, past which no
/// short value is valid and no key is the schema's.
pub(crate) const SHORT_CAPACITY: usize = 40;

/// A short value or a key with escapes, unescaped to be matched. Past
/// its capacity it keeps nothing more and is marked too long.
struct Unescaped {
    bytes: [u8; SHORT_CAPACITY],
    len: usize,
    too_long: bool,
}

impl Unescaped {
    const fn new() -> Self {
        Unescaped { bytes: [0; SHORT_CAPACITY], len: 0, too_long: false }
    }

    /// The text, unless it was too long to hold.
    fn text(&self) -> Option<&[u8]> {
        (!self.too_long).then_some(&self.bytes[..self.len])
    }
}

impl Put for Unescaped {
    #[inline]
    fn put(&mut self, text: &str) -> Step {
        let end = self.len + text.len();
        match self.bytes.get_mut(self.len..end) {
            Some(room) => {
                room.copy_from_slice(text.as_bytes());
                self.len = end;
            }
            None => self.too_long = true,
        }
        Ok(())
    }
}

/// What an escaped key that is none of the names given reads as: longer
/// than any name, so it matches none.
const OTHER_ESCAPED_KEY: &[u8] = b"an escaped key the object does not name";

/// A position in a whole document, which must be UTF-8 throughout (as a
/// valid JSON document is), read through `I`: checked whole first, or as
/// it is read ([`super::input`]).
pub(crate) struct Cursor<'i, I: Input<'i>> {
    input: I,
    pos: usize,
    _bytes: PhantomData<&'i [u8]>,
}

impl<'i> Cursor<'i, CheckedFirst<'i>> {
    /// At the start of `text`.
    #[cfg(test)]
    pub(crate) const fn new(text: &'i str) -> Self {
        Cursor { input: CheckedFirst::new(text), pos: 0, _bytes: PhantomData }
    }
}

impl<'i, I: Input<'i>> Cursor<'i, I> {
    /// At the start of `input`; give up if it is found not to be UTF-8.
    #[inline(always)]
    pub(crate) fn over(input: &'i [u8]) -> Step<Self> {
        Ok(Cursor { input: I::over(input)?, pos: 0, _bytes: PhantomData })
    }

    /// The document's bytes.
    #[inline(always)]
    fn bytes(&self) -> &'i [u8] {
        self.input.bytes()
    }

    /// The next byte after any whitespace, which is skipped.
    #[inline(always)]
    fn peek(&mut self) -> Option<u8> {
        // In compact JSON no whitespace comes between tokens.
        if let Some(&byte) = self.bytes().get(self.pos)
            && byte > b' '
        {
            return Some(byte);
        }
        self.pos = whitespace_end(self.bytes(), self.pos);
        self.bytes().get(self.pos).copied()
    }

    /// Take `byte` if it comes next.
    #[inline(always)]
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.pos += usize::from(next);
        next
    }

    /// Take `byte`, which must come next: `{` or `[` to open a value.
    #[inline(always)]
    pub(crate) fn expect(&mut self, byte: u8) -> Step {
        if self.eat(byte) { Ok(()) } else { Err(GiveUp) }
    }

    /// Take a `null` if it comes next: an optional member that reads as
    /// absent. On 64-bit targets its first byte is tested inline, so that
    /// a value that is not `null`, as most are, costs no call. On a
    /// microcontroller each of those tests would cost flash (with the
    /// `fast-path` feature, the example firmware's decoder took 972 B
    /// more), and the compiler is left to choose.
    #[cfg_attr(target_pointer_width = "64", inline(always))]
    #[cfg_attr(not(target_pointer_width = "64"), inline)]
    pub(crate) fn null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.null_at_n()
    }

    /// [`Cursor::null`] at an `n`: out of line on 64-bit targets.
    #[cfg_attr(target_pointer_width = "64", inline(never))]
    #[cfg_attr(not(target_pointer_width = "64"), inline)]
    fn null_at_n(&mut self) -> bool {
        match literal_end(self.bytes(), self.pos) {
            Some((Literal::Null, end)) => {
                self.pos = end;
                true
            }
            _ => false,
        }
    }

    /// Nothing but whitespace is left, and the whole document is UTF-8.
    pub(crate) fn end(&mut self) -> Step {
        if self.peek().is_some() {
            return Err(GiveUp);
        }
        self.input.check_through(self.bytes().len())
    }

    /// After an object's `{`: take its `}` if it is empty.
    #[inline(always)]
    pub(crate) fn object_ends(&mut self) -> bool {
        self.eat(b'}')
    }

    /// After a member's value: take the comma if another member follows,
    /// or the object's `}`.
    #[inline(always)]
    pub(crate) fn member_follows(&mut self) -> Step<bool> {
        self.comma_or(b'}')
    }

    /// After a value in a container that `close` ends: take the comma
    /// (`true`) or `close` (`false`).
    #[inline(always)]
    fn comma_or(&mut self, close: u8) -> Step<bool> {
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(byte) if byte == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(GiveUp),
        }
    }

    /// Take a key and its colon if it is `text`'s: one comparison for a key
    /// whose name is predicted. Of the 16 bytes after the opening quote,
    /// those `mask` selects must equal `text`'s: the key's `len` bytes (no
    /// escape), the closing quote and, if `with_colon`, the colon right
    /// after it, as both compact and pretty-printed JSON have it.
    #[inline(always)]
    pub(crate) fn key_is(&mut self, text: u128, mask: u128, len: usize, with_colon: bool) -> Step<bool> {
        // Compared as a string value is; `mask` may take in the colon.
        if !self.string_is(text, mask, len) {
            return Ok(false);
        }
        if with_colon {
            self.pos += 1;
        } else {
            self.colon()?;
        }
        Ok(true)
    }

    /// Take a string value if it is `text`'s: its `len` bytes (no escape)
    /// and its closing quote, those `mask` selects of the 16 bytes after
    /// the opening quote, in one comparison. Near the end of the input,
    /// where 16 bytes are not left, it declines: the general path reads it.
    #[inline(always)]
    pub(crate) fn string_is(&mut self, text: u128, mask: u128, len: usize) -> bool {
        if self.peek() != Some(b'"') {
            return false;
        }
        let from = self.pos + 1;
        let Some(window) = self.bytes().get(from..).and_then(|rest| rest.first_chunk::<16>()) else {
            return false;
        };
        if (u128::from_le_bytes(*window) ^ text) & mask != 0 {
            return false;
        }
        self.pos = from + len + 1;
        true
    }

    /// The colon after a key.
    #[inline(always)]
    fn colon(&mut self) -> Step {
        // In compact JSON the colon follows at once.
        if self.bytes().get(self.pos) == Some(&b':') {
            self.pos += 1;
            return Ok(());
        }
        if self.eat(b':') { Ok(()) } else { Err(GiveUp) }
    }

    /// A key and its colon. A key with an escape is unescaped and read as
    /// the one of `names` it equals, or as a key that matches none.
    #[inline]
    pub(crate) fn key(&mut self, names: &'static [&'static str]) -> Step<&'i [u8]> {
        if self.peek() != Some(b'"') {
            return Err(GiveUp);
        }
        let from = self.pos + 1;
        let stop = scan::string_special_end(self.bytes(), from);
        let key = if self.bytes().get(stop) == Some(&b'"') {
            let key = &self.bytes()[from..stop];
            self.pos = stop + 1;
            key
        } else {
            self.escaped_key(from, stop, names)?
        };
        self.colon()?;
        Ok(key)
    }

    /// The rest of a key with an escape, from `from`, where the scan stopped
    /// at `stop`: the name of `names` it equals, or [`OTHER_ESCAPED_KEY`].
    #[inline(never)]
    fn escaped_key(&mut self, from: usize, stop: usize, names: &'static [&'static str]) -> Step<&'static [u8]> {
        let mut key = Unescaped::new();
        self.pos = self.escaped_string_end(from, stop, &mut key)?;
        let known = key.text().and_then(|text| names.iter().map(|name| name.as_bytes()).find(|name| *name == text));
        Ok(known.unwrap_or(OTHER_ESCAPED_KEY))
    }

    /// An array: its `[`, each element read by `element`, and its `]`.
    #[inline]
    pub(crate) fn elements(&mut self, mut element: impl FnMut(&mut Self) -> Step) -> Step {
        self.expect(b'[')?;
        let mut more = !self.eat(b']');
        while more {
            element(self)?;
            more = self.comma_or(b']')?;
        }
        Ok(())
    }

    /// A string value, its text unescaped into `out`.
    #[inline]
    pub(crate) fn string(&mut self, out: &mut (impl Put + ?Sized)) -> Step {
        if self.peek() != Some(b'"') {
            return Err(GiveUp);
        }
        self.pos = self.string_end(self.pos, out)?;
        Ok(())
    }

    /// A short string value (at most [`SHORT_CAPACITY`] bytes), as `read`
    /// makes it out, or give up if `read` cannot.
    #[inline(always)]
    pub(crate) fn short<T>(&mut self, read: impl FnOnce(&[u8]) -> Option<T>) -> Step<T> {
        if self.peek() != Some(b'"') {
            return Err(GiveUp);
        }
        let from = self.pos + 1;
        let stop = scan::string_special_end(self.bytes(), from);
        if self.bytes().get(stop) == Some(&b'"') {
            let text = self.bytes().get(from..stop).filter(|text| text.len() <= SHORT_CAPACITY).ok_or(GiveUp)?;
            self.pos = stop + 1;
            return read(text).ok_or(GiveUp);
        }
        let mut short = Unescaped::new();
        self.pos = self.string_end(self.pos, &mut short)?;
        short.text().and_then(read).ok_or(GiveUp)
    }

    /// A short string value that `read` makes out from the start of its
    /// text with no escape, taking how many bytes it returns, which must
    /// be all up to the closing quote: with no scan for the quote first.
    /// `None` (and the cursor unmoved, but for whitespace) if not so: the
    /// value may still be read by [`Cursor::short`].
    #[inline(always)]
    pub(crate) fn short_prefix<T>(&mut self, read: impl FnOnce(&[u8]) -> Option<(T, usize)>) -> Option<T> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let from = self.pos + 1;
        let text = self.bytes().get(from..)?;
        let (value, len) = read(text.get(..SHORT_CAPACITY).unwrap_or(text))?;
        if text.get(len) != Some(&b'"') {
            return None;
        }
        self.pos = from + len + 1;
        Some(value)
    }

    /// A count: a JSON integer in `0..=u32::MAX` (`-0` is 0). Anything
    /// else, a fraction or an exponent included, is left to the streaming
    /// path, which reports it.
    #[inline]
    pub(crate) fn count(&mut self) -> Step<u32> {
        let negative = match self.peek() {
            Some(b'-') => true,
            Some(b'0'..=b'9') => false,
            _ => return Err(GiveUp),
        };
        let from = self.pos + usize::from(negative);
        let mut pos = from;
        // Ten digits fit in a `u64`; an eleventh means a leading zero or a
        // value past `u32::MAX`, and gives up.
        let mut value = 0u64;
        while let Some(&digit @ b'0'..=b'9') = self.bytes().get(pos) {
            value = value * 10 + u64::from(digit - b'0');
            pos += 1;
            if pos - from > 10 {
                return Err(GiveUp);
            }
        }
        let value = u32::try_from(value).map_err(|_| GiveUp)?;
        let digits = pos - from;
        // No digit, a leading zero, a fraction or an exponent; or the input
        // ends, which a valid document does not after a count.
        if digits == 0
            || (digits > 1 && self.bytes()[from] == b'0')
            || matches!(self.bytes().get(pos), None | Some(b'.' | b'e' | b'E'))
            || (negative && value != 0)
        {
            return Err(GiveUp);
        }
        self.pos = pos;
        Ok(value)
    }

    /// Read the string whose quote is at `quote` into `out`; returns the
    /// position after its closing quote.
    #[inline]
    fn string_end(&mut self, quote: usize, out: &mut (impl Put + ?Sized)) -> Step<usize> {
        let from = quote + 1;
        let bytes = self.bytes();
        let stop = scan::string_special_end(bytes, from);
        if bytes.get(stop) == Some(&b'"') {
            out.put(self.input.text(from, stop)?)?;
            return Ok(stop + 1);
        }
        self.escaped_string_end(from, stop, out)
    }

    /// The rest of a string from `from`, where the scan stopped at `stop`
    /// short of the closing quote: at an escape, a control byte or the end.
    fn escaped_string_end(&mut self, mut from: usize, mut stop: usize, out: &mut (impl Put + ?Sized)) -> Step<usize> {
        let bytes = self.bytes();
        loop {
            // Both ends are at ASCII bytes (or the end), so between them is text.
            let piece = self.input.text(from, stop)?;
            if !piece.is_empty() {
                out.put(piece)?;
            }
            match bytes.get(stop) {
                Some(b'"') => return Ok(stop + 1),
                Some(b'\\') => {}
                _ => return Err(GiveUp),
            }
            let (character, next) = escape(bytes, stop)?;
            out.put(character.encode_utf8(&mut [0; 4]))?;
            from = next;
            stop = scan::string_special_end(bytes, from);
        }
    }

    /// Skip one value of any type, checking it as the streaming lexer
    /// would, inside `depth` open objects and arrays. The open containers
    /// are held in a bitset: nothing recurses. On a 64-bit target
    /// the strings past the first [`LAZY`] bytes of a compact value are
    /// skipped by [`QuoteBlocks`]. A pretty-printed value, which they
    /// never pay for, takes the loop built without them, which keeps none
    /// of their state. Its UTF-8 is checked when it ends, if the input is
    /// checked as it is read ([`Input::check_through`]).
    pub(crate) fn skip_value(&mut self, depth: u8) -> Step {
        if QUOTE_BLOCKS && compact_value_at(self.bytes(), self.pos).is_some() {
            self.skip_value_by::<true>(depth)?;
        } else {
            self.skip_value_by::<false>(depth)?;
        }
        self.input.check_through(self.pos)
    }

    /// [`Cursor::skip_value`], with [`QuoteBlocks`] if `BLOCKS`, or with
    /// a scan of every string: the reference the tests hold the blocks to.
    ///
    /// Three loops: one at a value of any kind, one for the members of an
    /// object and one for the elements of an array. The last two read a
    /// string, a number or a literal themselves and go to the first only
    /// to open a container, so which of them runs is decided only when a
    /// container opens or closes, not after every value; and a member of
    /// compact text (`,"key":"value"`) is read in two comparisons of two
    /// bytes ([`pair_at`]) and two string ends.
    #[inline(always)]
    fn skip_value_by<const BLOCKS: bool>(&mut self, depth: u8) -> Step {
        let bytes = self.bytes();
        // The position of the last byte, for [`pair_at`]; with none, no
        // value.
        let Some(last) = bytes.len().checked_sub(1) else { return Err(GiveUp) };
        // How many more may open before the nesting limit.
        let room = MAX_DEPTH.saturating_sub(depth);
        // Containers opened here, and which of them are objects: bit i for
        // the i-th from the inside.
        let mut open = 0u8;
        let mut objects = 0u64;
        let mut strings = SkippedStrings::<BLOCKS>::new(bytes, self.pos);
        // The value's first token: its position and its first byte.
        let (mut at, mut byte) = token_at(bytes, self.pos);
        'value: loop {
            let mut pos = match byte {
                b'{' => {
                    if open >= room {
                        return Err(GiveUp);
                    }
                    let (first, next) = token_at(bytes, at + 1);
                    // An empty object is passed over without being opened.
                    match next {
                        b'"' => {
                            open += 1;
                            objects = objects << 1 | 1;
                            match strings.member(bytes, last, first)? {
                                Member::Value(end) => end,
                                Member::Other(value, first) => {
                                    (at, byte) = (value, first);
                                    continue 'value;
                                }
                            }
                        }
                        b'}' => first + 1,
                        _ => return Err(GiveUp),
                    }
                }
                b'[' => {
                    if open >= room {
                        return Err(GiveUp);
                    }
                    let (first, next) = token_at(bytes, at + 1);
                    // An empty array is passed over without being opened.
                    if next == b']' {
                        first + 1
                    } else {
                        open += 1;
                        objects <<= 1;
                        (at, byte) = (first, next);
                        continue 'value;
                    }
                }
                _ => strings.scalar(bytes, at, byte)?,
            };
            // A value has ended: close what ends with it, up to a comma.
            loop {
                if open == 0 {
                    self.pos = pos;
                    return Ok(());
                }
                if objects & 1 == 0 {
                    // The elements of an array.
                    loop {
                        let (comma, next) = token_at(bytes, pos);
                        match next {
                            b',' => {}
                            b']' => {
                                pos = comma + 1;
                                break;
                            }
                            _ => return Err(GiveUp),
                        }
                        let (element, first) = token_at(bytes, comma + 1);
                        if matches!(first, b'{' | b'[') {
                            (at, byte) = (element, first);
                            continue 'value;
                        }
                        pos = strings.scalar(bytes, element, first)?;
                    }
                } else {
                    // The members of an object.
                    loop {
                        // In compact text the key's quote follows the comma.
                        if pair_at(bytes, last, pos) != COMMA_QUOTE {
                            if bytes.get(pos) == Some(&b'}') {
                                pos += 1;
                                break;
                            }
                            match next_member(bytes, pos)? {
                                // `pos` just before the key's quote, as
                                // after a comma in compact text.
                                Ok(quote) => pos = quote - 1,
                                Err(end) => {
                                    pos = end;
                                    break;
                                }
                            }
                        }
                        let quote = pos + 1;
                        pos = match strings.member(bytes, last, quote)? {
                            Member::Value(end) => end,
                            Member::Other(value, first) => {
                                if matches!(first, b'{' | b'[') {
                                    (at, byte) = (value, first);
                                    continue 'value;
                                }
                                strings.scalar(bytes, value, first)?
                            }
                        };
                    }
                }
                open -= 1;
                objects >>= 1;
            }
        }
    }
}

/// Where [`SkippedStrings::member`] left a member.
enum Member {
    /// Its value comes next, not a string right after the colon: the
    /// position of its first token and its first byte, as [`token_at`]
    /// gives them.
    Other(usize, u8),
    /// After its value, a string that followed the colon at once.
    Value(usize),
}

/// The first token at or after `pos`, past any whitespace: its position
/// and its first byte, or 0 (which starts no token) at the end.
#[inline(always)]
fn token_at(bytes: &[u8], pos: usize) -> (usize, u8) {
    match bytes.get(pos) {
        Some(&byte) if byte > b' ' => (pos, byte),
        // Pretty-printed whitespace read here: a call would cost the loop
        // the constants it keeps in registers.
        _ => {
            let pos = pretty_whitespace_end(bytes, pos).unwrap_or_else(|| other_whitespace_end(bytes, pos));
            (pos, bytes.get(pos).copied().unwrap_or(0))
        }
    }
}

/// After a member's value, where neither a comma and a quote nor a `}`
/// follows at once (as they do in compact text): the quote of the next
/// member's key (`Ok`), or the position after the object's `}` (`Err`).
#[inline(always)]
fn next_member(bytes: &[u8], pos: usize) -> Step<Result<usize, usize>> {
    let (comma, next) = token_at(bytes, pos);
    match next {
        b',' => match token_at(bytes, comma + 1) {
            (quote, b'"') => Ok(Ok(quote)),
            _ => Err(GiveUp),
        },
        b'}' => Ok(Err(comma + 1)),
        _ => Err(GiveUp),
    }
}

/// The two bytes at `pos`, the first in the low byte, in `bytes` whose
/// last byte is at `last`; 0 if two are not left, which no pair compared
/// with is.
#[inline(always)]
fn pair_at(bytes: &[u8], last: usize, pos: usize) -> u16 {
    // One comparison proves both bytes there.
    if pos < last { u16::from_le_bytes([bytes[pos], bytes[pos + 1]]) } else { 0 }
}

/// A comma and the quote of the key after it, as [`pair_at`] reads them.
const COMMA_QUOTE: u16 = u16::from_le_bytes(*b",\"");

/// A colon and the quote of the string value after it, as [`pair_at`]
/// reads them.
const COLON_QUOTE: u16 = u16::from_le_bytes(*b":\"");

/// The first byte at or after `pos` that is not whitespace: tested at once,
/// since in compact JSON no whitespace comes between tokens.
#[inline(always)]
fn after_whitespace(bytes: &[u8], pos: usize) -> usize {
    match bytes.get(pos) {
        Some(&byte) if byte > b' ' => pos,
        _ => whitespace_end(bytes, pos),
    }
}

/// Where the value at `pos` (or at the whitespace before it) starts, if it
/// is not pretty-printed. Pretty-printed text breaks the line after an
/// opening bracket, and every block of it would hold a line break: there
/// the blocks would not pay.
#[inline(always)]
fn compact_value_at(bytes: &[u8], pos: usize) -> Option<usize> {
    let start = after_whitespace(bytes, pos);
    bytes.get(start + 1).is_some_and(|&byte| byte > b' ').then_some(start)
}

/// Whether [`Cursor::skip_value`] uses [`QuoteBlocks`]: on a 64-bit
/// target, where the compiler can test a block's bytes in vector registers
/// (SSE2 on x86_64) and fold a block's quote marks into one 64-bit word,
/// and a wide core reads blocks ahead while it walks the tokens. A 32-bit
/// microcontroller has neither and gains nothing from reading ahead, so it
/// scans each string. `--cfg kbj_no_quote_blocks` turns them off, for
/// `scripts/skip-forms.sh` to compare.
const QUOTE_BLOCKS: bool = cfg!(target_pointer_width = "64") && !cfg!(kbj_no_quote_blocks);

/// How far into a skipped value [`QuoteBlocks`] take over: a short value
/// does not repay reading two blocks of 64 bytes.
const LAZY: usize = 128;

/// The strings and keys of one skipped value, each checked and passed
/// over; with `BLOCKS`, by [`QuoteBlocks`] from [`LAZY`] bytes into the
/// value, where they can show the string's end.
struct SkippedStrings<const BLOCKS: bool> {
    /// Strings from here on are tried in the blocks: [`LAZY`] bytes into
    /// the value, or none in pretty-printed text or if the first blocks
    /// read show they do not pay ([`QuoteBlocks::worthwhile`]).
    blocks_from: usize,
    /// Unread until the first string tried.
    blocks: QuoteBlocks,
    /// The blocks have been read.
    started: bool,
}

impl<const BLOCKS: bool> SkippedStrings<BLOCKS> {
    /// For the value at `pos`, or at the whitespace before it.
    #[inline(always)]
    fn new(bytes: &[u8], pos: usize) -> Self {
        let mut blocks_from = usize::MAX;
        if BLOCKS && let Some(start) = compact_value_at(bytes, pos) {
            blocks_from = start.saturating_add(LAZY);
        }
        SkippedStrings { blocks_from, blocks: QuoteBlocks::unread(), started: false }
    }

    /// The string whose quote is at `quote`; returns the position after
    /// its closing quote.
    #[inline(always)]
    fn skip(&mut self, bytes: &[u8], quote: usize) -> Step<usize> {
        if BLOCKS {
            if let Some(end) = self.blocks.closing_quote_near(quote + 1) {
                return Ok(end + 1);
            }
            if quote >= self.blocks_from
                && let Some(end) = self.closing_quote_by_blocks(bytes, quote)
            {
                return Ok(end + 1);
            }
        }
        // One scan for every string the blocks do not end, so that each
        // place a string is skipped holds one copy of it.
        skip_string(bytes, quote)
    }

    /// The string, number or literal whose first byte `byte` is at `at`;
    /// returns the position after it. Anything else gives up.
    #[inline(always)]
    fn scalar(&mut self, bytes: &[u8], at: usize, byte: u8) -> Step<usize> {
        match byte {
            b'"' => self.skip(bytes, at),
            b'-' => unsigned_number_end(bytes, at + 1).ok_or(GiveUp),
            b'0'..=b'9' => unsigned_number_end(bytes, at).ok_or(GiveUp),
            b't' | b'f' | b'n' => literal_skip_end(bytes, at).ok_or(GiveUp),
            _ => Err(GiveUp),
        }
    }

    /// [`SkippedStrings::skip`] past [`LAZY`], where the string's end is
    /// not in the first block: the blocks are read on, or first read. The
    /// closing quote of the string whose quote is at `quote`, if they show
    /// it.
    #[inline(always)]
    fn closing_quote_by_blocks(&mut self, bytes: &[u8], quote: usize) -> Option<usize> {
        if !self.started {
            self.blocks = QuoteBlocks::new(bytes, quote + 1);
            if !self.blocks.worthwhile(bytes) {
                self.blocks = QuoteBlocks::unread();
                self.blocks_from = usize::MAX;
                return None;
            }
            self.started = true;
        }
        self.blocks.closing_quote(bytes, quote + 1)
    }

    /// A member from the quote of its key: past its colon, and past its
    /// value too if that is a string right after the colon, as in compact
    /// text.
    #[inline(always)]
    fn member(&mut self, bytes: &[u8], last: usize, quote: usize) -> Step<Member> {
        let end = self.skip(bytes, quote)?;
        let pair = pair_at(bytes, last, end);
        if pair == COLON_QUOTE {
            return Ok(Member::Value(self.skip(bytes, end + 1)?));
        }
        match token_at(bytes, end) {
            (at, b':') => {
                let (at, first) = token_at(bytes, at + 1);
                Ok(Member::Other(at, first))
            }
            _ => Err(GiveUp),
        }
    }
}

/// The end of the whitespace at `pos`: as [`scan::skip_whitespace`], which
/// the tests hold it to, with pretty-printed input's two forms read at
/// once. Kept out of line: in compact input the direct path never needs
/// it, and inlined at every token it would cost there too.
#[inline(never)]
fn whitespace_end(bytes: &[u8], pos: usize) -> usize {
    pretty_whitespace_end(bytes, pos).unwrap_or_else(|| other_whitespace_end(bytes, pos))
}

/// The end of whitespace that [`pretty_whitespace_end`] does not read:
/// [`scan::skip_whitespace`], out of line, as it runs rarely.
#[inline(never)]
fn other_whitespace_end(bytes: &[u8], pos: usize) -> usize {
    scan::skip_whitespace(bytes, pos)
}

/// The end of the whitespace at `pos` if it has one of pretty-printed
/// input's two forms: a line break and an indentation of up to 15 spaces,
/// or one space, as after a colon.
#[inline(always)]
fn pretty_whitespace_end(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos..)? {
        [b'\n', rest @ ..] => {
            let block = rest.first_chunk::<16>()?;
            let indentation = ((u128::from_le_bytes(*block) ^ INDENTATION).trailing_zeros() / 8) as usize;
            block.get(indentation).is_some_and(|&byte| byte > b' ').then_some(pos + 1 + indentation)
        }
        [b' ', next, ..] if *next > b' ' => Some(pos + 1),
        _ => None,
    }
}

/// Sixteen spaces.
const INDENTATION: u128 = u128::from_le_bytes([b' '; 16]);

/// Check the string whose quote is at `quote`, building nothing; returns
/// the position after its closing quote.
#[inline(always)]
fn skip_string(bytes: &[u8], quote: usize) -> Step<usize> {
    let mut pos = quote + 1;
    loop {
        pos = scan::string_special_end(bytes, pos);
        pos = match bytes.get(pos) {
            Some(b'"') => return Ok(pos + 1),
            Some(b'\\') => escape(bytes, pos)?.1,
            _ => return Err(GiveUp),
        };
    }
}

/// The escape whose backslash is at `at`: the character it stands for and
/// the position after it. A surrogate must be a high one followed at once
/// by an escaped low one.
fn escape(bytes: &[u8], at: usize) -> Step<(char, usize)> {
    let simple = match bytes.get(at + 1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return unicode_escape(bytes, at),
        _ => return Err(GiveUp),
    };
    Ok((simple, at + 2))
}

/// A `\uXXXX` escape at `at`, with its low half if it is a high surrogate.
fn unicode_escape(bytes: &[u8], at: usize) -> Step<(char, usize)> {
    let unit = hex4(bytes, at + 2).ok_or(GiveUp)?;
    match unit {
        0xD800..=0xDBFF => {
            if bytes.get(at + 6..at + 8) != Some(b"\\u") {
                return Err(GiveUp);
            }
            let low = hex4(bytes, at + 8).ok_or(GiveUp)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return Err(GiveUp);
            }
            let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            Ok((char::from_u32(scalar).ok_or(GiveUp)?, at + 12))
        }
        _ => Ok((char::from_u32(unit).ok_or(GiveUp)?, at + 6)),
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::format;
    use std::string::String;

    use super::*;
    use crate::lexer::input::CheckedAsRead;
    use crate::xorshift::Xorshift;

    /// `"type"` as [`Cursor::key_is`] takes it, with or without the colon.
    fn quoted_type(with_colon: bool) -> (u128, u128) {
        let mut bytes = [0u8; 16];
        bytes[..6].copy_from_slice(b"type\":");
        let selected = 5 + usize::from(with_colon);
        bytes[selected..].fill(0);
        (u128::from_le_bytes(bytes), u128::MAX >> (8 * (16 - selected)))
    }

    /// `string_is` takes a value only when `short` reads the same text,
    /// and leaves the cursor where it does; it declines only a value that
    /// is not literally the one given, or one too near the end.
    #[test]
    fn string_is_agrees_with_short() {
        let mut bytes = [0u8; 16];
        bytes[..13].copy_from_slice(b"catalog-item\"");
        let (text, mask) = (u128::from_le_bytes(bytes), u128::MAX >> (8 * 3));
        let values = [
            r#""catalog-item""#,
            r#"  "catalog-item""#,
            r#""catalog-items""#,
            r#""catalog-ite""#,
            r#""Catalog-item""#,
            r#""catalog\u002ditem""#,
            r#""catalog-item"#,
            r#"catalog-item"#,
            r#""""#,
        ];
        for value in values {
            for tail in [",\"id\": \"padding past sixteen bytes\"}", ""] {
                let input = [value, tail].concat();
                let mut compared = Cursor::new(&input);
                let mut read = Cursor::new(&input);
                let text_read = read.short(|text| Some(text == b"catalog-item"));
                if compared.string_is(text, mask, 12) {
                    assert_eq!(text_read, Ok(true), "{input}");
                    assert_eq!(compared.pos, read.pos, "{input}");
                } else {
                    let literal = input.trim_start().starts_with("\"catalog-item\"");
                    assert!(!literal || tail.is_empty(), "{input}");
                }
            }
        }
    }

    /// `whitespace_end` ends where `scan::skip_whitespace` does: from every
    /// position of line breaks with indentations of 0 to 40 spaces before
    /// various tails, and of 20 000 strings of whitespace and other bytes.
    #[test]
    fn whitespace_end_agrees_with_skip_whitespace() {
        let check = |bytes: &[u8]| {
            for pos in 0..=bytes.len() {
                assert_eq!(whitespace_end(bytes, pos), scan::skip_whitespace(bytes, pos), "{:?} at {pos}", bytes);
            }
        };
        for indentation in 0..40 {
            for tail in [&b"x"[..], b"", b" ", b"\n  x", b"\t x", b"\r\n x", b"\"a\": 1", b" \n"] {
                let mut bytes = [b' '; 64];
                bytes[0] = b'\n';
                let end = 1 + indentation;
                bytes[end..end + tail.len()].copy_from_slice(tail);
                check(&bytes[..end + tail.len()]);
                bytes[0] = b':';
                check(&bytes[..end + tail.len()]);
            }
        }
        let alphabet = [b' ', b' ', b' ', b'\n', b'\t', b'\r', b'x', b'"', 0xC3];
        let mut random = Xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut bytes = [0u8; 24];
            let state = random.next();
            let len = (state % 25) as usize;
            for (index, byte) in bytes[..len].iter_mut().enumerate() {
                *byte = alphabet[(state >> (index * 2 % 60)) as usize % alphabet.len()];
            }
            check(&bytes[..len]);
        }
    }

    /// `key_is` takes a key only when the general path reads the same key,
    /// and leaves the cursor where it does; it declines only a key that is
    /// not literally the one predicted, or one too near the end.
    #[test]
    fn predicted_key_agrees_with_the_general_path() {
        let keys = [
            r#""type":"#,
            r#""type": "#,
            r#""type":1"#,
            r#""type" : "#,
            r#""typo":"#,
            r#""types":"#,
            r#""typ":"#,
            r#""Type":"#,
            r#""t\u0079pe":"#,
            r#""type"x"#,
            r#"  "type":"#,
            r#""":"#,
            r#"x"#,
        ];
        for (key, with_colon) in keys.into_iter().flat_map(|key| [(key, false), (key, true)]) {
            let (text, mask) = quoted_type(with_colon);
            let literal = if with_colon { "\"type\":" } else { "\"type\"" };
            // Far from the end of the input, and at its very end.
            for tail in ["\"value\", \"padding to pass sixteen bytes\"", ""] {
                let input = [key, tail].concat();
                let mut predicted = Cursor::new(&input);
                let mut general = Cursor::new(&input);
                let general_key = general.key(&["type"]);
                match predicted.key_is(text, mask, 4, with_colon) {
                    Ok(true) => {
                        assert_eq!(general_key, Ok(&b"type"[..]), "{input}");
                        assert_eq!(predicted.pos, general.pos, "{input}");
                    }
                    // Declined: the key (and colon) are not literally as
                    // predicted (an escaped key is the general path's), or
                    // the input ends too soon.
                    Ok(false) => assert!(!input.trim_start().starts_with(literal) || tail.is_empty(), "{input}"),
                    Err(GiveUp) => assert!(general_key.is_err(), "{input}"),
                }
            }
        }
    }

    /// Whether the innermost of `open` containers is an object, bit `i` of
    /// `objects` telling for the `i`-th from the outside.
    fn innermost_is_object(objects: u64, open: u8) -> bool {
        open > 0 && objects >> (open - 1) & 1 != 0
    }

    /// The skip walk as it was before its loops for members and elements
    /// (at `ed4c4aa`): one loop with a flag for the innermost container,
    /// the general number and literal ends, and every string scanned. The
    /// reference `skip_value_by` is held to: the same end, or `GiveUp` on
    /// the same input.
    fn reference_skip(bytes: &[u8], mut pos: usize, depth: u8) -> Step<usize> {
        use crate::lexer::whole::number_end;
        enum Ref {
            Colon(usize),
            Value(usize),
        }
        let member = |quote: usize| -> Step<Ref> {
            let end = skip_string(bytes, quote)?;
            match bytes.get(end..end + 2) {
                Some(b":\"") => Ok(Ref::Value(skip_string(bytes, end + 1)?)),
                Some([b':', _]) => Ok(Ref::Colon(end + 1)),
                _ => match token_at(bytes, end) {
                    (at, b':') => Ok(Ref::Colon(at + 1)),
                    _ => Err(GiveUp),
                },
            }
        };
        let room = MAX_DEPTH.saturating_sub(depth);
        let mut open = 0u8;
        let mut objects = 0u64;
        let mut in_object = false;
        'value: loop {
            let (at, byte) = token_at(bytes, pos);
            pos = match byte {
                b'"' => skip_string(bytes, at)?,
                b'{' | b'[' => {
                    if open >= room {
                        return Err(GiveUp);
                    }
                    in_object = byte == b'{';
                    objects = objects & !(1 << open) | u64::from(in_object) << open;
                    open += 1;
                    let (at, next) = token_at(bytes, at + 1);
                    match (next, in_object) {
                        (b'}', true) | (b']', false) => {
                            open -= 1;
                            in_object = innermost_is_object(objects, open);
                            at + 1
                        }
                        (b'"', true) => match member(at)? {
                            Ref::Value(end) => end,
                            Ref::Colon(end) => {
                                pos = end;
                                continue 'value;
                            }
                        },
                        (_, true) => return Err(GiveUp),
                        (_, false) => {
                            pos = at;
                            continue 'value;
                        }
                    }
                }
                b'-' | b'0'..=b'9' => number_end(bytes, at).ok_or(GiveUp)?.end,
                b't' | b'f' | b'n' => literal_end(bytes, at).ok_or(GiveUp)?.1,
                _ => return Err(GiveUp),
            };
            loop {
                if open == 0 {
                    return Ok(pos);
                }
                let (at, byte) = token_at(bytes, pos);
                match (byte, in_object) {
                    (b',', true) => {
                        let (at, byte) = token_at(bytes, at + 1);
                        if byte != b'"' {
                            return Err(GiveUp);
                        }
                        match member(at)? {
                            Ref::Value(end) => pos = end,
                            Ref::Colon(end) => {
                                pos = end;
                                continue 'value;
                            }
                        }
                    }
                    (b',', false) => {
                        pos = at + 1;
                        continue 'value;
                    }
                    (b'}', true) | (b']', false) => {
                        pos = at + 1;
                        open -= 1;
                        in_object = innermost_is_object(objects, open);
                    }
                    _ => return Err(GiveUp),
                }
            }
        }
    }

    /// A skipped value of about 3 KB: strings of every length up to 150
    /// bytes (so many cross a block), escapes after the first 1.2 KB,
    /// non-ASCII text, a `#` after a quote, numbers and literals, compact
    /// or pretty-printed.
    fn long_value(pretty: bool) -> String {
        let gap = if pretty { "\n    " } else { "" };
        let mut value = String::from("[");
        for index in 0..30 {
            let plain = "x".repeat(index * 5);
            // No escape in the first ten, so that the blocks find the text
            // worth reading (QuoteBlocks::worthwhile) before they meet one.
            let escaped = match index % 4 {
                0 if index < 10 => "a b c",
                0 => r#"a\"b\\c\u00e9"#,
                1 => "nº 5 “kaleidoscope” 洗濯機",
                2 => "#ff0000",
                _ => "",
            };
            if index > 0 {
                value.push(',');
            }
            value.push_str(&format!(
                r#"{gap}{{"id":"{plain}","{escaped}":[{index},-2.5e3,true,null,"{escaped}{plain}"],{gap}"c":{{"d":"{plain}#"}}}}"#
            ));
        }
        value.push(']');
        value
    }

    /// Checked as it is read, a document that is not UTF-8 is not taken,
    /// whatever read its bytes: here a key and a count, which look at bytes
    /// only, then a string, whose stretch starts at the first byte not
    /// checked; or nothing after them, which the end checks.
    #[test]
    fn checked_as_read_takes_no_document_that_is_not_utf8() {
        fn read<'i, I: Input<'i>>(input: &'i [u8]) -> Step {
            let mut cursor = Cursor::<I>::over(input)?;
            cursor.expect(b'{')?;
            cursor.key(&["k"])?;
            cursor.count()?;
            if cursor.member_follows()? {
                cursor.key(&["s"])?;
                cursor.string(&mut Measure { room: 8 })?;
                cursor.expect(b'}')?;
            }
            cursor.end()
        }
        for input in [&br#"{"k":1,"s":"t"}"#[..], br#"{"k":1}"#, "{\"k\u{e9}\":1,\"s\":\"t\u{e9}\"}".as_bytes()] {
            assert_eq!(read::<CheckedAsRead>(input), Ok(()), "{input:x?}");
            assert_eq!(read::<CheckedFirst>(input), Ok(()), "{input:x?}");
        }
        for input in [&b"{\"k\xff\":1,\"s\":\"t\"}"[..], b"{\"k\xff\":1}", b"{\"k\":1,\"s\":\"t\xc3\"}"] {
            assert_eq!(read::<CheckedAsRead>(input), Err(GiveUp), "{input:x?}");
            assert_eq!(read::<CheckedFirst>(input), Err(GiveUp), "{input:x?}");
        }
    }

    /// Skipping by [`QuoteBlocks`] ends where scanning every string does,
    /// or gives up where it does, on a long value and on the value with
    /// each byte changed to one that matters to a string.
    #[test]
    fn skipping_by_blocks_agrees_with_scanning() {
        let skip = |text: &str, blocks: bool| {
            let mut cursor = Cursor::new(text);
            let step = if blocks { cursor.skip_value_by::<true>(1) } else { cursor.skip_value_by::<false>(1) };
            step.map(|()| cursor.pos)
        };
        // Compact; pretty-printed; and pretty-printed but for its first line
        // break, so that the blocks are read and found not to pay.
        let values = [long_value(false), long_value(true), long_value(true).replacen("[\n    ", "[", 1)];
        for value in values {
            assert!(value.len() > 2_000);
            assert_eq!(skip(&value, true), Ok(value.len()));
            assert_eq!(skip(&value, false), Ok(value.len()));
            let mut bytes = std::vec::Vec::from(value.as_bytes());
            for at in 0..bytes.len() {
                let was = bytes[at];
                for byte in [b'"', b'\\', b'\n', 0x01, b'#', b'a', b',', b'}'] {
                    bytes[at] = byte;
                    if let Ok(text) = core::str::from_utf8(&bytes) {
                        let scanned = skip(text, false);
                        assert_eq!(skip(text, true), scanned, "{byte:#x} at {at} of {value}");
                        assert_eq!(reference_skip(text.as_bytes(), 0, 1), scanned, "{byte:#x} at {at} of {value}");
                    }
                }
                bytes[at] = was;
            }
        }
    }

    /// A random JSON value, `depth` levels deep at most, with whitespace
    /// between tokens if `gap` is not empty.
    fn random_value(random: &mut Xorshift, depth: u32, gap: &str, out: &mut String) {
        const SCALARS: [&str; 16] = [
            "\"v\"",
            "\"\"",
            "\"a\\\"b\"",
            "\"nº 5 “k”\"",
            "1",
            "-0.5e3",
            "0",
            "-0",
            "9.99",
            "1E+2",
            "123456789012345678",
            "true",
            "false",
            "null",
            "\"\\u00e9x\"",
            "0.2",
        ];
        let kind = if depth == 0 { 0 } else { random.next() % 4 };
        if kind < 2 {
            out.push_str(random.pick(&SCALARS));
            return;
        }
        let object = kind == 3;
        let (open, close, most) = if object { ('{', '}', 5) } else { ('[', ']', 4) };
        out.push(open);
        for index in 0..random.next() % most {
            if index > 0 {
                out.push(',');
            }
            out.push_str(gap);
            if object {
                out.push_str(random.pick(&["\"k\"", "\"key\"", "\"\"", "\"k\\n\""]));
                out.push(':');
                if !gap.is_empty() {
                    out.push(' ');
                }
            }
            random_value(random, depth - 1, gap, out);
        }
        out.push_str(gap);
        out.push(close);
    }

    /// The skip walk gives up where the reference does, and otherwise ends
    /// where it does: on 200 000 random values, compact or not, most of
    /// them broken in a place or two (a byte changed to one that matters,
    /// a piece of a token put in, the end cut off), at depths from the
    /// outside to the limit; and on values nested to the limit and past.
    #[test]
    fn skipping_agrees_with_the_reference() {
        const PIECES: [&str; 24] = [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\n", " ", "x", "-", "0", "1", ".", "e", "+", "t", "f", "n",
            "01", "1.", "2e", "nul",
        ];
        let mut random = Xorshift(0x9E37_79B9_7F4A_7C15);
        let mut text = String::new();
        let mut taken = 0;
        for round in 0..200_000 {
            text.clear();
            let gap = ["", "", "", " ", "\n  "][round % 5];
            let depth = 1 + (random.next() % 6) as u32;
            random_value(&mut random, depth, gap, &mut text);
            for _ in 0..random.next() % 3 {
                let at = (random.next() % (text.len() as u64 + 1)) as usize;
                if !text.is_char_boundary(at) {
                    continue;
                }
                match random.next() % 3 {
                    0 => text.truncate(at),
                    1 => text.insert_str(at, random.pick(&PIECES)),
                    _ if text.is_char_boundary(at + 1) => {
                        text.replace_range(at..at + 1, random.pick(&PIECES));
                    }
                    _ => {}
                }
            }
            for depth in [0, 1, 61, 63, 64] {
                let expected = reference_skip(text.as_bytes(), 0, depth);
                taken += usize::from(expected.is_ok());
                for blocks in [false, true] {
                    let mut cursor = Cursor::new(&text);
                    let step =
                        if blocks { cursor.skip_value_by::<true>(depth) } else { cursor.skip_value_by::<false>(depth) };
                    assert_eq!(step.map(|()| cursor.pos), expected, "{text:?} at depth {depth}");
                }
            }
        }
        // Enough are whole values to try every path.
        assert!(taken > 200_000, "{taken}");
        for open in 60..67 {
            for (opening, closing) in [("[", "]"), ("{\"k\":", "}")] {
                let text = [opening.repeat(open), "1".into(), closing.repeat(open)].concat();
                for depth in [0, 1, 2, 5] {
                    let mut cursor = Cursor::new(&text);
                    let step = cursor.skip_value_by::<true>(depth).map(|()| cursor.pos);
                    assert_eq!(step, reference_skip(text.as_bytes(), 0, depth), "{text:?} at depth {depth}");
                }
            }
        }
    }
}
