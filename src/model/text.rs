//! Fixed-capacity strings and the capacity of each string field.
//!
//! Every string is a `heapless::String` with a `u16` length, so its size is
//! its capacity plus 2 bytes on every target. A value longer than its field
//! is an error ([`ErrorKind::StringTooLong`](crate::ErrorKind)), never cut.

/// A string of at most `N` UTF-8 bytes.
pub type Text<const N: usize> = heapless::String<N, u16>;

/// A URL (`links.*`), at most [`URL_CAPACITY`] bytes.
pub type Url = Text<URL_CAPACITY>;

/// Job `id`. Klaviyo's are 26 (ULID) to 58 (base64url) bytes.
pub const JOB_ID_CAPACITY: usize = 64;
/// Relationship member `id`, such as `$custom:::$default:::SAMPLE-DATA-ITEM-1`.
pub const MEMBER_ID_CAPACITY: usize = 128;
/// Every `links` URL.
pub const URL_CAPACITY: usize = 256;
/// Job error `id`.
pub const ERROR_ID_CAPACITY: usize = 64;
/// Job error `code`.
pub const ERROR_CODE_CAPACITY: usize = 64;
/// Job error `title`.
pub const ERROR_TITLE_CAPACITY: usize = 256;
/// Job error `detail`.
pub const ERROR_DETAIL_CAPACITY: usize = 1024;
/// Job error `source.pointer`.
pub const POINTER_CAPACITY: usize = 256;
