//! The document a [`Cursor`](super::cursor::Cursor) reads, and how it is
//! known to be UTF-8, as a valid JSON document is throughout.
//!
//! Kept text needs a `&str`, which in safe code only
//! `core::str::from_utf8` gives. Checking the whole document with it first
//! ([`CheckedFirst`]) costs nothing per string. But it is slow on text that
//! is mostly ASCII with a character that is not here and there, which it
//! steps around a byte at a time, and most of a long document is skipped,
//! where no `&str` is needed. So a long document is checked as it is read
//! ([`CheckedAsRead`]): kept text in stretches by `core::str::from_utf8`,
//! skipped values by [`utf8::valid_up_to`], which costs under half as much
//! there. Each kept string then costs a few instructions more, so the caller
//! chooses by what it expects to keep.

use super::cursor::{GiveUp, Step};
use crate::utf8;

/// A whole document in memory, as a cursor reads it: its bytes, the text
/// of what is kept, and the check that it is UTF-8.
pub(crate) trait Input<'i>: Sized {
    /// Over `input`; give up if it is found not to be UTF-8.
    fn over(input: &'i [u8]) -> Step<Self>;

    /// The document's bytes.
    fn bytes(&self) -> &'i [u8];

    /// The text of `bytes[from..stop]`, both at ASCII bytes (or the end).
    fn text(&mut self, from: usize, stop: usize) -> Step<&'i str>;

    /// Everything before `end`, where a character starts (after a value,
    /// or at the end), is UTF-8.
    fn check_through(&mut self, end: usize) -> Step;
}

/// Checked whole by `core::str::from_utf8` before it is read: kept text
/// is sliced from it as it is.
pub(crate) struct CheckedFirst<'i> {
    text: &'i str,
}

impl<'i> CheckedFirst<'i> {
    /// Over `text`, UTF-8 already.
    #[cfg(test)]
    pub(crate) const fn new(text: &'i str) -> Self {
        CheckedFirst { text }
    }
}

impl<'i> Input<'i> for CheckedFirst<'i> {
    #[inline(always)]
    fn over(input: &'i [u8]) -> Step<Self> {
        Ok(CheckedFirst { text: core::str::from_utf8(input).map_err(|_| GiveUp)? })
    }

    #[inline(always)]
    fn bytes(&self) -> &'i [u8] {
        self.text.as_bytes()
    }

    #[inline(always)]
    fn text(&mut self, from: usize, stop: usize) -> Step<&'i str> {
        self.text.get(from..stop).ok_or(GiveUp)
    }

    #[inline(always)]
    fn check_through(&mut self, _end: usize) -> Step {
        Ok(())
    }
}

/// Checked as it is read, each byte once and in order: kept text from a
/// stretch of at least [`TEXT_STRETCH`] bytes that `core::str::from_utf8`
/// checks when a string first needs it, from the first byte not checked
/// yet; and the rest, whatever read it, when a value that is skipped ends
/// ([`Input::check_through`]) and at the end of the document.
pub(crate) struct CheckedAsRead<'i> {
    bytes: &'i [u8],
    /// The stretch checked last: `bytes[text_at..text_at + text.len()]`.
    text: &'i str,
    text_at: usize,
    /// Every byte before this index is known to be UTF-8, and a character
    /// starts at it.
    checked: usize,
}

/// The bytes a stretch of kept text is checked in at least: a job's text,
/// with its links and a few members, in one call. In the crate's own
/// tests, 64, so that their documents of a few KB cross many stretches.
const TEXT_STRETCH: usize = if cfg!(test) { 64 } else { 4096 };

impl<'i> CheckedAsRead<'i> {
    /// [`Input::text`] past the stretch checked last: check a new one from
    /// `from`, or from the first byte not checked yet if that comes
    /// before, to at least [`TEXT_STRETCH`] bytes on, ended where a
    /// character starts.
    #[inline(never)]
    fn text_in_new_stretch(&mut self, from: usize, stop: usize) -> Step<&'i str> {
        let start = from.min(self.checked);
        let mut end = stop.max(start.saturating_add(TEXT_STRETCH)).min(self.bytes.len());
        // `stop` is at an ASCII byte or the end, so this stops there at the latest.
        while end > stop && self.bytes.get(end).is_some_and(|&byte| byte & 0xC0 == 0x80) {
            end -= 1;
        }
        self.text = core::str::from_utf8(self.bytes.get(start..end).ok_or(GiveUp)?).map_err(|_| GiveUp)?;
        self.text_at = start;
        self.checked = self.checked.max(end);
        self.text.get(from - start..stop - start).ok_or(GiveUp)
    }

    /// [`Input::check_through`] for bytes not checked yet.
    #[inline(never)]
    fn check_bytes(&mut self, end: usize) -> Step {
        let unchecked = self.bytes.get(self.checked..end).ok_or(GiveUp)?;
        if utf8::valid_up_to(unchecked) != unchecked.len() {
            return Err(GiveUp);
        }
        self.checked = end;
        Ok(())
    }
}

impl<'i> Input<'i> for CheckedAsRead<'i> {
    #[inline(always)]
    fn over(input: &'i [u8]) -> Step<Self> {
        Ok(CheckedAsRead { bytes: input, text: "", text_at: 0, checked: 0 })
    }

    #[inline(always)]
    fn bytes(&self) -> &'i [u8] {
        self.bytes
    }

    #[inline(always)]
    fn text(&mut self, from: usize, stop: usize) -> Step<&'i str> {
        match self.text.get(from.wrapping_sub(self.text_at)..stop.wrapping_sub(self.text_at)) {
            Some(text) => Ok(text),
            None => self.text_in_new_stretch(from, stop),
        }
    }

    #[inline(always)]
    fn check_through(&mut self, end: usize) -> Step {
        if end > self.checked { self.check_bytes(end) } else { Ok(()) }
    }
}
