//! Errors: what was wrong, the byte where it was found, and the member it
//! belongs to.

use core::fmt;

use crate::decimal::Decimal;
use crate::model::JobKind;

/// The kind of JSON value, as named in error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum JsonType {
    /// `{ … }`
    Object,
    /// `[ … ]`
    Array,
    /// `"…"`
    String,
    /// A number.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
}

impl JsonType {
    /// The lower-case name used in messages.
    pub const fn name(self) -> &'static str {
        match self {
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Bool => "boolean",
            JsonType::Null => "null",
        }
    }
}

/// What was wrong with the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ended inside the document.
    UnexpectedEnd,
    /// A byte that JSON does not allow at this point.
    UnexpectedByte,
    /// Something other than whitespace follows the document.
    TrailingData,
    /// Containers nested deeper than [`MAX_DEPTH`](crate::MAX_DEPTH).
    TooDeep,
    /// A number outside the RFC 8259 grammar.
    InvalidNumber,
    /// A misspelt `true`, `false` or `null`.
    InvalidLiteral,
    /// A backslash escape JSON does not define, or a bad `\u` hex digit.
    InvalidEscape,
    /// A `\u` escape of a UTF-16 surrogate without its other half.
    LoneSurrogate,
    /// A raw control character (below 0x20) inside a string.
    ControlCharacter,
    /// Bytes that are not valid UTF-8.
    InvalidUtf8,
    /// A member whose value has the wrong JSON type.
    WrongType {
        /// What the schema wants here.
        expected: JsonType,
        /// What the document has.
        found: JsonType,
    },
    /// A required member is absent; the path names it.
    MissingMember,
    /// A known member appears twice in one object.
    DuplicateMember,
    /// `status` is not `cancelled`, `complete`, `processing` or `queued`.
    UnknownStatus,
    /// `type` is not a bulk-job type this crate knows.
    UnknownJobType,
    /// `type` names a known bulk job, but not the one the caller insisted on.
    UnexpectedJobKind {
        /// The kind the caller asked for.
        expected: JobKind,
        /// The kind the document has.
        found: JobKind,
    },
    /// A relationship member whose `type` is not the relationship's.
    WrongMemberType,
    /// A count with a fraction or an exponent.
    NotAnInteger,
    /// A count below 0 or above `u32::MAX`.
    CountOutOfRange,
    /// A timestamp that is not RFC 3339, or not a real date and time.
    InvalidTimestamp,
    /// A string longer (in UTF-8 bytes) than its field holds.
    StringTooLong {
        /// The field's capacity in bytes.
        capacity: u16,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ErrorKind::UnexpectedEnd => f.write_str("unexpected end of input"),
            ErrorKind::UnexpectedByte => f.write_str("unexpected byte"),
            ErrorKind::TrailingData => f.write_str("data after the document"),
            ErrorKind::TooDeep => write!(f, "nesting deeper than {}", crate::MAX_DEPTH),
            ErrorKind::InvalidNumber => f.write_str("invalid number"),
            ErrorKind::InvalidLiteral => f.write_str("invalid literal"),
            ErrorKind::InvalidEscape => f.write_str("invalid escape"),
            ErrorKind::LoneSurrogate => f.write_str("lone surrogate escape"),
            ErrorKind::ControlCharacter => f.write_str("control character in string"),
            ErrorKind::InvalidUtf8 => f.write_str("invalid UTF-8"),
            ErrorKind::WrongType { expected, found } => {
                write!(f, "expected {}, found {}", expected.name(), found.name())
            }
            ErrorKind::MissingMember => f.write_str("missing required member"),
            ErrorKind::DuplicateMember => f.write_str("duplicate member"),
            ErrorKind::UnknownStatus => f.write_str("unknown job status"),
            ErrorKind::UnknownJobType => f.write_str("unknown job type"),
            ErrorKind::UnexpectedJobKind { expected, found } => {
                write!(f, "expected {}, found {}", expected.type_str(), found.type_str())
            }
            ErrorKind::WrongMemberType => f.write_str("wrong member type"),
            ErrorKind::NotAnInteger => f.write_str("count is not an integer"),
            ErrorKind::CountOutOfRange => f.write_str("count out of range"),
            ErrorKind::InvalidTimestamp => f.write_str("invalid timestamp"),
            ErrorKind::StringTooLong { capacity } => {
                write!(f, "string exceeds capacity {capacity}")
            }
        }
    }
}

/// Capacity of a rendered [`Path`] in bytes.
pub const PATH_CAPACITY: usize = 64;

/// Where in the document an error belongs, such as
/// `data.attributes.errors[2].detail`.
///
/// Known members are named; an unknown member being skipped is named by its
/// key (cut to 32 bytes). The document itself is the empty path. A path
/// longer than [`PATH_CAPACITY`] ends in `…`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Path(heapless::String<PATH_CAPACITY, u8>);

impl Path {
    /// The empty path: the document itself.
    pub const fn root() -> Self {
        Path(heapless::String::new())
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub(crate) fn push_key(&mut self, key: &str) {
        if !self.0.is_empty() {
            self.push_text(".");
        }
        self.push_text(key);
    }

    pub(crate) fn push_index(&mut self, index: u32) {
        self.push_text("[");
        self.push_text(Decimal::new(index).as_str());
        self.push_text("]");
    }

    fn push_text(&mut self, text: &str) {
        const ELLIPSIS: &str = "…";
        if self.0.ends_with(ELLIPSIS) {
            return;
        }
        if self.0.len() + text.len() + ELLIPSIS.len() <= PATH_CAPACITY {
            let _ = self.0.push_str(text);
        } else {
            let _ = self.0.push_str(ELLIPSIS);
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Path {
    fn format(&self, f: defmt::Formatter) {
        defmt::write!(f, "{=str}", self.as_str())
    }
}

/// A decoding error: its kind, the byte offset in the whole input, and the
/// path of the member it belongs to.
///
/// `Display` reads like
/// `string exceeds capacity 1024 at byte 1834 (data.attributes.errors[2].detail)`;
/// an error outside any member shows `(document)`.
///
/// Offsets: a syntax error points at the first byte that cannot be valid
/// JSON there; an invalid UTF-8 sequence at its first byte; a lone surrogate
/// at the backslash of its escape; an error about a whole value (wrong type,
/// capacity, status, timestamp, count) at the value's first byte; a duplicate
/// at the key's opening quote; a missing member at its object's closing `}`;
/// an unexpected end at the input's length.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Error {
    /// What was wrong.
    pub kind: ErrorKind,
    /// Byte offset in the whole input, counted across every chunk fed.
    pub offset: usize,
    /// The member it belongs to.
    pub path: Path,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.as_str().is_empty() { "document" } else { self.path.as_str() };
        write!(f, "{} at byte {} ({})", self.kind, self.offset, path)
    }
}

impl core::error::Error for Error {}

/// An error before its path is known: what the lexer and the schema walk
/// return internally. The decoder adds the path from its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fault {
    pub kind: ErrorKind,
    pub offset: usize,
}

impl Fault {
    pub(crate) const fn new(kind: ErrorKind, offset: usize) -> Self {
        Fault { kind, offset }
    }
}
