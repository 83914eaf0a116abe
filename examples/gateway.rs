//! Poll a Klaviyo bulk job over HTTP/1.1 and decode each response while it
//! arrives, through one fixed 256-byte read buffer: the body is never held
//! whole.
//!
//! ```text
//! KLAVIYO_API_KEY=pk_... cargo run --example gateway -- \
//!     http://127.0.0.1:PORT/api/catalog-item-bulk-create-jobs/ID \
//!     [--interval SECONDS] [--revision 2026-07-15] [--max-polls N]
//! cargo run --example gateway -- --serve-demo [--interval SECONDS]
//! ```
//!
//! Each poll opens a connection and sends `GET <path> HTTP/1.1` with `Host`,
//! `revision`, `Accept: application/vnd.api+json`,
//! `Authorization: Klaviyo-API-Key <KLAVIYO_API_KEY>` and
//! `Connection: close`. The response head is parsed with `httparse` (read in
//! pieces of at most 256 bytes into a 4 KiB head buffer); the body, framed by
//! `Content-Length`, by `Transfer-Encoding: chunked` or by the end of the
//! connection, goes read by read into the crate's streaming [`Decoder`].
//!
//! - **200**: one line per poll, `ID: STATUS COMPLETED/TOTAL completed,
//!   FAILED failed`; once the job is `complete` or `cancelled`, its
//!   `attributes.errors` (the first four), then exit 0. Otherwise sleep
//!   `--interval` seconds (default 5) and poll again.
//! - **429**: wait `Retry-After` seconds (integer form; capped at 60 s; the
//!   interval when absent), then retry, at most 5 times in a row.
//! - **any other status**: `error: HTTP 404 Not Found` and one line per
//!   JSON:API error (`status code: title: detail (source.pointer)`), or the
//!   body text if it is not JSON:API; exit 1. This is the API's answer, not
//!   a decode error.
//! - **a body the crate rejects**: `error: <kind> at byte <offset> (<path>)`,
//!   the crate's [`Error`], offset counted from the body's first byte; exit 1.
//! - Network and HTTP framing problems: `error: <what>`, exit 1. Usage
//!   problems (and an unset `KLAVIYO_API_KEY`): exit 2.
//!
//! `--serve-demo` starts the bundled scripted test server
//! (`tests/support/http_server.rs`) on an ephemeral 127.0.0.1 port and polls
//! its demo job: queued, processing, a 429 with `Retry-After: 1`, then
//! complete with two job errors, every body cut into small writes and odd
//! chunk boundaries. Nothing leaves the machine; the key sent is `demo-key`
//! (`KLAVIYO_API_KEY` is not read).
//!
//! # Plugging in TLS
//!
//! The example speaks plain `http://` only, but the client is written over
//! any `Read + Write` stream: [`run`] takes a `connect` function that turns a
//! [`Target`] into a stream, and [`tcp_connect`] is just the plain one.
//! For `https://` (which [`Target::parse`] accepts, with port 443), return a
//! TLS stream instead; with rustls, for example:
//!
//! ```ignore
//! let tls = Arc::new(
//!     rustls::ClientConfig::builder().with_root_certificates(roots).with_no_client_auth(),
//! );
//! let mut connect = |target: &Target| -> io::Result<_> {
//!     let tcp = tcp_stream(target)?; // TcpStream::connect plus timeouts
//!     let name = ServerName::try_from(target.host.clone()).map_err(io::Error::other)?;
//!     let session = rustls::ClientConnection::new(tls.clone(), name).map_err(io::Error::other)?;
//!     Ok(rustls::StreamOwned::new(session, tcp))
//! };
//! run(&config, &mut connect, &mut std::thread::sleep, &mut io::stdout())
//! ```
//!
//! Nothing else changes: the request is written and the response read
//! through the stream, and TLS records of any size simply become more,
//! differently cut, reads. (On firmware the same shape holds with
//! `embedded-io`'s `Read + Write` and embedded-tls.)

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use klaviyo_bulk_job::{AttributeSet, Decoder, Error, Job, JobDocument, JobKind, JobStatus, Options};

/// The bundled scripted server, for `--serve-demo` (and the gateway test).
#[allow(dead_code)]
#[path = "../tests/support/http_server.rs"]
pub mod http_server;

/// Every socket read goes through a buffer of this size.
pub const READ_BUFFER: usize = 256;
/// The largest response head accepted.
pub const HEAD_CAPACITY: usize = 4096;
/// The longest chunk-size line (size and extensions) accepted.
const CHUNK_LINE_CAPACITY: usize = 256;
/// The most trailer bytes accepted after the last chunk.
const TRAILER_LIMIT: usize = 4096;
/// The most bytes of an error body kept for the report.
pub const ERROR_BODY_LIMIT: usize = 16 * 1024;
/// `revision` sent when `--revision` is not given.
pub const DEFAULT_REVISION: &str = "2026-07-15";
/// Poll interval when `--interval` is not given.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
/// The longest wait a `Retry-After` may ask for.
pub const RETRY_CAP: Duration = Duration::from_secs(60);
/// 429s in a row before giving up.
pub const MAX_RETRIES: u32 = 5;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const IO_TIMEOUT: Duration = Duration::from_secs(30);

/// Job errors kept and printed per job.
pub const ERRORS_KEPT: usize = 4;
/// The decoded document: no relationship members, the first four job
/// errors. It is cleared and reused by every poll (about 7 KiB).
pub type Document = JobDocument<0, ERRORS_KEPT, 0>;

const USAGE: &str = "usage: gateway URL [--interval SECONDS] [--revision YYYY-MM-DD[.suffix]] [--max-polls N]\n       \
                     gateway --serve-demo [--interval SECONDS]\n\
                     The API key comes from the KLAVIYO_API_KEY environment variable.";

// ---------------------------------------------------------------------------
// The URL.

/// Where to send the request, from a URL such as
/// `http://127.0.0.1:8080/api/catalog-item-bulk-create-jobs/ID`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// `https://`: needs a TLS stream (see the module docs).
    pub tls: bool,
    /// Host name or address, without the brackets of an IPv6 literal.
    pub host: String,
    /// Port: as given, or 80 (443 for https).
    pub port: u16,
    /// `host[:port]` as written in the URL, for the `Host` header.
    pub authority: String,
    /// Path and query, `/` when absent; the fragment is dropped.
    pub path: String,
}

impl Target {
    /// Parse `http://host[:port][/path][?query][#fragment]` (or https).
    pub fn parse(url: &str) -> Result<Target, String> {
        let scheme_end = url.find("://").ok_or_else(|| format!("{url}: not an http:// URL"))?;
        let tls = match url[..scheme_end].to_ascii_lowercase().as_str() {
            "http" => false,
            "https" => true,
            scheme => return Err(format!("{url}: scheme {scheme} is not http")),
        };
        let rest = &url[scheme_end + 3..];
        let rest = rest.split('#').next().unwrap_or_default();
        let (authority, path) = match rest.find(['/', '?']) {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, ""),
        };
        let path = match path {
            "" => "/".to_owned(),
            query if query.starts_with('?') => format!("/{query}"),
            path => path.to_owned(),
        };
        if let Some(byte) = path.bytes().find(|byte| !(0x21..=0x7e).contains(byte)) {
            return Err(format!("{url}: byte {byte:#04x} must be percent-encoded in the path"));
        }
        if authority.contains('@') {
            return Err(format!("{url}: credentials in the URL are not supported; set KLAVIYO_API_KEY"));
        }
        let (host, port) = match authority.strip_prefix('[') {
            Some(literal) => {
                let (host, after) = literal.split_once(']').ok_or_else(|| format!("{url}: unclosed [ in the host"))?;
                (host, after.strip_prefix(':'))
            }
            None => match authority.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            },
        };
        if host.is_empty() {
            return Err(format!("{url}: no host"));
        }
        let port = match port {
            None | Some("") => {
                if tls {
                    443
                } else {
                    80
                }
            }
            Some(port) => {
                port.parse().ok().filter(|&port: &u16| port != 0).ok_or_else(|| format!("{url}: bad port"))?
            }
        };
        Ok(Target { tls, host: host.to_owned(), port, authority: authority.to_owned(), path })
    }

    /// How to decode what this URL answers: with the sparse fieldset its
    /// query asks for the job's kind, named by the path's collection
    /// (`/api/<kind>s/<id>?fields[<kind>]=status,total_count`, brackets and
    /// commas raw or percent-encoded). The server then leaves the other
    /// attributes out, so the decoder must not require them.
    pub fn options(&self) -> Options {
        let (path, query) = self.path.split_once('?').unwrap_or((&self.path, ""));
        let kind = path
            .trim_end_matches('/')
            .rsplit('/')
            .nth(1)
            .and_then(|collection| collection.strip_suffix('s'))
            .and_then(JobKind::from_type_str);
        let fields = kind.and_then(|kind| {
            query.split('&').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                let name = percent_decoded(name)?;
                let named = name.strip_prefix("fields[")?.strip_suffix(']')?;
                (named == kind.type_str()).then(|| percent_decoded(value)).flatten()
            })
        });
        Options { fields: fields.map(|fields| AttributeSet::from_fields(&fields)), ..Options::default() }
    }
}

/// `text` with each `%XX` replaced by its byte; `None` if an escape is
/// malformed or the result is not UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        if byte != b'%' {
            bytes.push(byte);
            continue;
        }
        let (digits, tail) = rest.split_first_chunk::<2>()?;
        let digit = |byte: u8| char::from(byte).to_digit(16);
        bytes.push((digit(digits[0])? * 16 + digit(digits[1])?) as u8);
        rest = tail;
    }
    String::from_utf8(bytes).ok()
}

// ---------------------------------------------------------------------------
// Failures.

/// One JSON:API error object of an error response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiErrorItem {
    /// `status` (Klaviyo sends a number; a string is accepted).
    pub status: Option<String>,
    /// `code`
    pub code: Option<String>,
    /// `title`
    pub title: Option<String>,
    /// `detail`
    pub detail: Option<String>,
    /// `source.pointer` (or `source.parameter`)
    pub source: Option<String>,
}

/// A response other than 200 or 429.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// Reason phrase.
    pub reason: String,
    /// The JSON:API `errors[]`, when the body is a JSON:API error document.
    pub errors: Vec<ApiErrorItem>,
    /// The body as text, when it is not a JSON:API error document.
    pub text: Option<String>,
    /// The body was longer than [`ERROR_BODY_LIMIT`] and was cut.
    pub truncated: bool,
}

impl ApiError {
    fn new(status: u16, reason: String, body: &[u8], truncated: bool) -> ApiError {
        let errors = serde_json::from_slice::<serde_json::Value>(body).ok().and_then(|document| {
            let items = document.get("errors")?.as_array()?;
            Some(items.iter().map(ApiErrorItem::from_json).collect::<Vec<_>>())
        });
        let text = match &errors {
            Some(_) => None,
            None => Some(String::from_utf8_lossy(body).trim().to_owned()).filter(|text| !text.is_empty()),
        };
        ApiError { status, reason, errors: errors.unwrap_or_default(), text, truncated }
    }
}

impl ApiErrorItem {
    fn from_json(item: &serde_json::Value) -> ApiErrorItem {
        let text = |value: Option<&serde_json::Value>| match value {
            Some(serde_json::Value::String(text)) => Some(text.clone()),
            Some(serde_json::Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        };
        let source = item.get("source");
        ApiErrorItem {
            status: text(item.get("status")),
            code: text(item.get("code")),
            title: text(item.get("title")),
            detail: text(item.get("detail")),
            source: text(source.and_then(|source| source.get("pointer").or_else(|| source.get("parameter")))),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} {}", self.status, self.reason)?;
        for item in &self.errors {
            f.write_str("\n  ")?;
            let label: Vec<&str> = [&item.status, &item.code].into_iter().flatten().map(String::as_str).collect();
            let words: Vec<&str> = [&item.title, &item.detail].into_iter().flatten().map(String::as_str).collect();
            write!(f, "{}: {}", label.join(" "), words.join(": "))?;
            if let Some(source) = &item.source {
                write!(f, " ({source})")?;
            }
        }
        if let Some(text) = &self.text {
            for line in text.lines() {
                write!(f, "\n  {line}")?;
            }
        }
        if self.truncated {
            write!(f, "\n  (body cut at {ERROR_BODY_LIMIT} bytes)")?;
        }
        Ok(())
    }
}

/// Why polling stopped without a finished job.
#[derive(Debug)]
pub enum Failure {
    /// The body is not a job document the crate accepts.
    Decode(Error),
    /// The API answered with an error status.
    Api(ApiError),
    /// Still 429 after this many retries in a row.
    RateLimited(u32),
    /// `--max-polls` polls, and the job is still running.
    GaveUp {
        /// Polls made.
        polls: u32,
        /// The last status seen.
        status: JobStatus,
    },
    /// A response that is not valid HTTP/1.1, or that this client does not
    /// support.
    Http(String),
    /// A socket or output error.
    Io(String, io::Error),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Decode(error) => write!(f, "{error}"),
            Failure::Api(error) => write!(f, "{error}"),
            Failure::RateLimited(retries) => write!(f, "still rate limited (HTTP 429) after {retries} retries"),
            Failure::GaveUp { polls, status } => {
                write!(f, "the job is still {} after {polls} polls", status.as_str())
            }
            Failure::Http(problem) => write!(f, "bad HTTP response: {problem}"),
            Failure::Io(context, error) => write!(f, "{context}: {error}"),
        }
    }
}

impl std::error::Error for Failure {}

fn io_failure(context: &str) -> impl FnOnce(io::Error) -> Failure + '_ {
    move |error| Failure::Io(context.to_owned(), error)
}

// ---------------------------------------------------------------------------
// The request and the response head.

fn write_request<S: Write>(stream: &mut S, config: &Config) -> io::Result<()> {
    let target = &config.target;
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nrevision: {}\r\nAccept: application/vnd.api+json\r\n\
         Authorization: Klaviyo-API-Key {}\r\nUser-Agent: klaviyo-bulk-job-gateway/{}\r\nConnection: close\r\n\r\n",
        target.path,
        target.authority,
        config.revision,
        config.key,
        env!("CARGO_PKG_VERSION"),
    );
    stream.write_all(request.as_bytes())?;
    stream.flush()
}

/// How a response body is delimited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// No body (1xx, 204, 304).
    Empty,
    /// `Content-Length`.
    Length(u64),
    /// `Transfer-Encoding: chunked`.
    Chunked,
    /// Neither: the body ends with the connection.
    UntilClose,
}

/// What the client needs of a response head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// Status code.
    pub status: u16,
    /// Reason phrase.
    pub reason: String,
    /// The body's framing.
    pub framing: Framing,
    /// `Retry-After`, as sent.
    pub retry_after: Option<String>,
}

/// Parse a response head; `None` while it is incomplete. Also returns the
/// head's length.
pub fn parse_head(bytes: &[u8]) -> Result<Option<(Head, usize)>, Failure> {
    let mut fields = [httparse::EMPTY_HEADER; 64];
    let mut response = httparse::Response::new(&mut fields);
    let end = match response.parse(bytes) {
        Ok(httparse::Status::Complete(end)) => end,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(error) => return Err(Failure::Http(format!("response head: {error}"))),
    };
    let status = response.code.unwrap_or_default();
    let mut length = None;
    let mut codings = Vec::new();
    let mut retry_after = None;
    for field in response.headers.iter() {
        let value = std::str::from_utf8(field.value)
            .map_err(|_| Failure::Http(format!("header {} is not UTF-8", field.name)))?
            .trim();
        if field.name.eq_ignore_ascii_case("content-length") {
            let value: u64 = value.parse().map_err(|_| Failure::Http(format!("Content-Length {value:?}")))?;
            if length.is_some_and(|length| length != value) {
                return Err(Failure::Http("conflicting Content-Length headers".into()));
            }
            length = Some(value);
        } else if field.name.eq_ignore_ascii_case("transfer-encoding") {
            codings.extend(value.split(',').map(str::trim).filter(|coding| !coding.is_empty()).map(str::to_owned));
        } else if field.name.eq_ignore_ascii_case("retry-after") {
            retry_after = Some(value.to_owned());
        }
    }
    let framing = if (100..200).contains(&status) || status == 204 || status == 304 {
        Framing::Empty
    } else if !codings.is_empty() {
        // Transfer-Encoding wins over Content-Length (RFC 9112 §6.3).
        match codings.as_slice() {
            [only] if only.eq_ignore_ascii_case("chunked") => Framing::Chunked,
            _ => return Err(Failure::Http(format!("unsupported Transfer-Encoding {}", codings.join(", ")))),
        }
    } else {
        length.map_or(Framing::UntilClose, Framing::Length)
    };
    let head = Head { status, reason: response.reason.unwrap_or_default().to_owned(), framing, retry_after };
    Ok(Some((head, end)))
}

fn read_some<S: Read>(stream: &mut S, buffer: &mut [u8]) -> io::Result<usize> {
    loop {
        match stream.read(buffer) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            result => return result,
        }
    }
}

/// Read until a final (not 1xx) response head is complete. The head buffer
/// then holds the head at `..end` and the body's first bytes at
/// `end..filled`.
fn read_head<S: Read>(stream: &mut S, buffer: &mut [u8; HEAD_CAPACITY]) -> Result<(Head, usize, usize), Failure> {
    let mut filled = 0;
    loop {
        if filled > 0 {
            match parse_head(&buffer[..filled])? {
                Some((head, end)) if (100..200).contains(&head.status) && head.status != 101 => {
                    // An interim response (100 Continue, 103 Early Hints): skip it.
                    buffer.copy_within(end..filled, 0);
                    filled -= end;
                    continue;
                }
                Some((head, end)) => return Ok((head, end, filled)),
                None => {}
            }
        }
        if filled == HEAD_CAPACITY {
            return Err(Failure::Http(format!("response head longer than {HEAD_CAPACITY} bytes")));
        }
        let room = &mut buffer[filled..(filled + READ_BUFFER).min(HEAD_CAPACITY)];
        let read = read_some(stream, room).map_err(io_failure("reading the response head"))?;
        if read == 0 {
            return Err(Failure::Http("the connection closed before the response head ended".into()));
        }
        filled += read;
    }
}

// ---------------------------------------------------------------------------
// The body.

/// Where body bytes go.
pub trait Sink {
    /// The next piece of the body.
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure>;
    /// Enough has been read: stop before the body ends.
    fn is_full(&self) -> bool {
        false
    }
}

/// Body bytes straight into the crate's decoder.
struct DecodeSink<'d, 'o>(&'d mut Decoder<'o>);

impl Sink for DecodeSink<'_, '_> {
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        // `Status::Complete` does not stop the feeding: whatever follows the
        // document must be whitespace, and the decoder checks it.
        self.0.feed(bytes).map(drop).map_err(Failure::Decode)
    }
}

/// The first [`ERROR_BODY_LIMIT`] bytes of an error body.
#[derive(Default)]
struct ErrorBody {
    bytes: Vec<u8>,
    truncated: bool,
}

impl Sink for ErrorBody {
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let room = ERROR_BODY_LIMIT - self.bytes.len();
        self.truncated |= bytes.len() > room;
        self.bytes.extend_from_slice(&bytes[..bytes.len().min(room)]);
        Ok(())
    }

    fn is_full(&self) -> bool {
        self.truncated
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BodyState {
    Length(u64),
    UntilClose,
    /// Reading a chunk-size line into `line`.
    Size,
    /// Inside a chunk's data: bytes left.
    Data(u64),
    /// Expecting the CR, then the LF, after a chunk's data.
    DataCr,
    DataLf,
    /// After the last chunk: trailer lines, up to an empty line.
    Trailer {
        line_empty: bool,
    },
    Done,
}

/// Removes the body framing from the bytes of a response, in pieces of any
/// size: whatever a read returns, cut anywhere (inside a chunk-size line,
/// its extensions, the CRLF after the data, or the trailer).
#[derive(Clone, Debug)]
pub struct Body {
    state: BodyState,
    line: [u8; CHUNK_LINE_CAPACITY],
    line_len: usize,
    trailer_len: usize,
}

impl Body {
    /// A body framed by `framing`.
    pub fn new(framing: Framing) -> Body {
        let state = match framing {
            Framing::Empty | Framing::Length(0) => BodyState::Done,
            Framing::Length(length) => BodyState::Length(length),
            Framing::Chunked => BodyState::Size,
            Framing::UntilClose => BodyState::UntilClose,
        };
        Body { state, line: [0; CHUNK_LINE_CAPACITY], line_len: 0, trailer_len: 0 }
    }

    /// The whole body has been seen (never, for [`Framing::UntilClose`]).
    pub fn is_done(&self) -> bool {
        self.state == BodyState::Done
    }

    /// Take the next bytes of the response, passing body data to `sink`.
    /// Bytes after the body's end are ignored.
    pub fn feed(&mut self, mut input: &[u8], sink: &mut dyn Sink) -> Result<(), Failure> {
        while !input.is_empty() {
            match self.state {
                BodyState::Done => return Ok(()),
                BodyState::UntilClose => return sink.write(input),
                BodyState::Length(left) | BodyState::Data(left) => {
                    let take = usize::try_from(left).unwrap_or(usize::MAX).min(input.len());
                    sink.write(&input[..take])?;
                    input = &input[take..];
                    let left = left - take as u64;
                    self.state = match (self.state, left) {
                        (BodyState::Length(_), 0) => BodyState::Done,
                        (BodyState::Length(_), left) => BodyState::Length(left),
                        (_, 0) => BodyState::DataCr,
                        (_, left) => BodyState::Data(left),
                    };
                }
                BodyState::Size => input = self.size_line(input)?,
                BodyState::DataCr | BodyState::DataLf => {
                    let (expected, next) = match self.state {
                        BodyState::DataCr => (b'\r', BodyState::DataLf),
                        _ => (b'\n', BodyState::Size),
                    };
                    if input[0] != expected {
                        return Err(Failure::Http("chunk data not followed by CRLF".into()));
                    }
                    self.state = next;
                    input = &input[1..];
                }
                BodyState::Trailer { line_empty } => {
                    self.trailer_len += 1;
                    if self.trailer_len > TRAILER_LIMIT {
                        return Err(Failure::Http(format!("chunked trailer longer than {TRAILER_LIMIT} bytes")));
                    }
                    self.state = match input[0] {
                        b'\n' if line_empty => BodyState::Done,
                        b'\n' => BodyState::Trailer { line_empty: true },
                        b'\r' => BodyState::Trailer { line_empty },
                        _ => BodyState::Trailer { line_empty: false },
                    };
                    input = &input[1..];
                }
            }
        }
        Ok(())
    }

    /// Add `input` to the chunk-size line; once it is complete, start the
    /// chunk. Returns the input left.
    fn size_line<'i>(&mut self, input: &'i [u8]) -> Result<&'i [u8], Failure> {
        let before = self.line_len;
        let take = (CHUNK_LINE_CAPACITY - before).min(input.len());
        if take == 0 {
            return Err(Failure::Http(format!("chunk-size line longer than {CHUNK_LINE_CAPACITY} bytes")));
        }
        self.line[before..before + take].copy_from_slice(&input[..take]);
        self.line_len += take;
        let line = &self.line[..self.line_len];
        let invalid = || Failure::Http(format!("invalid chunk-size line \"{}\"", line.escape_ascii()));
        // httparse reads an empty size as 0; a size needs a digit.
        if !line[0].is_ascii_hexdigit() {
            return Err(invalid());
        }
        match httparse::parse_chunk_size(line) {
            Ok(httparse::Status::Complete((end, size))) => {
                self.line_len = 0;
                self.state = if size == 0 { BodyState::Trailer { line_empty: true } } else { BodyState::Data(size) };
                Ok(&input[end - before..])
            }
            Ok(httparse::Status::Partial) => Ok(&input[take..]),
            Err(httparse::InvalidChunkSize) => Err(invalid()),
        }
    }

    /// The connection has ended: the body must be complete.
    pub fn end(&self) -> Result<(), Failure> {
        match self.state {
            BodyState::Done | BodyState::UntilClose => Ok(()),
            BodyState::Length(left) => {
                Err(Failure::Http(format!("the connection closed {left} bytes before the body's end")))
            }
            _ => Err(Failure::Http("the connection closed inside the chunked body".into())),
        }
    }
}

/// Pass the body's bytes, `first` and then read by read through a
/// [`READ_BUFFER`]-byte buffer, to `sink` until the body ends or the sink
/// is full.
fn pump<S: Read>(stream: &mut S, first: &[u8], body: &mut Body, sink: &mut dyn Sink) -> Result<(), Failure> {
    body.feed(first, sink)?;
    let mut buffer = [0u8; READ_BUFFER];
    while !body.is_done() && !sink.is_full() {
        let read = read_some(stream, &mut buffer).map_err(io_failure("reading the response body"))?;
        if read == 0 {
            return body.end();
        }
        body.feed(&buffer[..read], sink)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// One poll, and the loop.

/// What one poll got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fetched {
    /// A job document, decoded into the document.
    Job,
    /// 429, with `Retry-After` in seconds when it was an integer.
    RateLimited(Option<Duration>),
}

/// One request and its response over `stream`: a 200 body is decoded into
/// `document` as it is read.
pub fn fetch<S: Read + Write>(stream: &mut S, config: &Config, document: &mut Document) -> Result<Fetched, Failure> {
    write_request(stream, config).map_err(io_failure("sending the request"))?;
    let mut head_buffer = [0u8; HEAD_CAPACITY];
    let (head, end, filled) = read_head(stream, &mut head_buffer)?;
    let first = &head_buffer[end..filled];
    let mut body = Body::new(head.framing);
    match head.status {
        200 => {
            let mut decoder = Decoder::single(document).with_options(config.target.options());
            pump(stream, first, &mut body, &mut DecodeSink(&mut decoder))?;
            decoder.finish().map_err(Failure::Decode)?;
            Ok(Fetched::Job)
        }
        // The body (a JSON:API "throttled" error) is not needed: the
        // connection closes unread.
        429 => Ok(Fetched::RateLimited(head.retry_after.and_then(|value| value.parse().ok()).map(Duration::from_secs))),
        status => {
            let mut text = ErrorBody::default();
            // Report the status even if the error body breaks off.
            let _ = pump(stream, first, &mut body, &mut text);
            Err(Failure::Api(ApiError::new(status, head.reason, &text.bytes, text.truncated)))
        }
    }
}

/// What to poll, and how.
#[derive(Clone, Debug)]
pub struct Config {
    /// The job's URL.
    pub target: Target,
    /// The private API key.
    pub key: String,
    /// The `revision` header.
    pub revision: String,
    /// The wait between polls of a running job.
    pub interval: Duration,
    /// The longest wait a `Retry-After` may ask for.
    pub retry_cap: Duration,
    /// 429s in a row before giving up.
    pub max_retries: u32,
    /// Give up after this many polls of a running job.
    pub max_polls: Option<u32>,
}

impl Config {
    /// A configuration with the defaults; checks that the key and the
    /// revision can go in a header.
    pub fn new(target: Target, key: String, revision: String) -> Result<Config, String> {
        let printable = |text: &str| !text.is_empty() && text.bytes().all(|byte| (0x20..0x7f).contains(&byte));
        if !printable(&key) {
            return Err("the API key must be printable ASCII".into());
        }
        if !printable(&revision) {
            return Err("the revision must be printable ASCII".into());
        }
        Ok(Config {
            target,
            key,
            revision,
            interval: DEFAULT_INTERVAL,
            retry_cap: RETRY_CAP,
            max_retries: MAX_RETRIES,
            max_polls: None,
        })
    }
}

/// The progress line for `job`, and its errors once it is finished.
pub fn print_job<W: Write>(out: &mut W, job: &Job<0, ERRORS_KEPT, 0>) -> io::Result<()> {
    let progress = job.progress();
    writeln!(
        out,
        "{}: {} {}/{} completed, {} failed",
        job.id,
        job.attributes.status.as_str(),
        progress.completed,
        progress.total,
        progress.failed
    )?;
    if job.is_finished() {
        for error in job.errors.iter() {
            write!(out, "  error {}: {}: {}", error.code, error.title, error.detail)?;
            match &error.source.pointer {
                Some(pointer) => writeln!(out, " ({pointer})")?,
                None => writeln!(out)?,
            }
        }
        if !job.errors.is_complete() {
            writeln!(out, "  and {} more errors", job.errors.total() as usize - job.errors.len())?;
        }
    }
    Ok(())
}

/// Poll until the job is finished, and return its final status. Each poll
/// gets a new stream from `connect`; `sleep` waits between polls and before
/// retries; progress goes to `out`.
pub fn run<S, W>(
    config: &Config,
    connect: &mut dyn FnMut(&Target) -> io::Result<S>,
    sleep: &mut dyn FnMut(Duration),
    out: &mut W,
) -> Result<JobStatus, Failure>
where
    S: Read + Write,
    W: Write,
{
    let mut document = Document::new();
    let mut polls = 0;
    let mut retries = 0;
    loop {
        let context = format!("connecting to {}", config.target.authority);
        let mut stream = connect(&config.target).map_err(io_failure(&context))?;
        let fetched = fetch(&mut stream, config, &mut document)?;
        drop(stream);
        match fetched {
            Fetched::Job => {
                retries = 0;
                polls += 1;
                let job = &document.job;
                print_job(out, job).map_err(io_failure("writing the output"))?;
                if job.is_finished() {
                    return Ok(job.attributes.status);
                }
                if config.max_polls.is_some_and(|max| polls >= max) {
                    return Err(Failure::GaveUp { polls, status: job.attributes.status });
                }
                sleep(config.interval);
            }
            Fetched::RateLimited(retry_after) => {
                if retries == config.max_retries {
                    return Err(Failure::RateLimited(retries));
                }
                retries += 1;
                let delay = retry_after.unwrap_or(config.interval).min(config.retry_cap);
                writeln!(out, "rate limited (HTTP 429): retry {retries} in {delay:?}")
                    .map_err(io_failure("writing the output"))?;
                sleep(delay);
            }
        }
    }
}

/// A plain TCP connection to `target`, with timeouts.
pub fn tcp_connect(target: &Target) -> io::Result<TcpStream> {
    if target.tls {
        return Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "https needs a TLS stream: this example speaks plain http (see its module docs)",
        ));
    }
    let mut last = io::Error::new(io::ErrorKind::NotFound, format!("{} has no address", target.host));
    for address in (target.host.as_str(), target.port).to_socket_addrs()? {
        match TcpStream::connect_timeout(&address, CONNECT_TIMEOUT) {
            Ok(stream) => {
                stream.set_read_timeout(Some(IO_TIMEOUT))?;
                stream.set_write_timeout(Some(IO_TIMEOUT))?;
                stream.set_nodelay(true)?;
                return Ok(stream);
            }
            Err(error) => last = error,
        }
    }
    Err(last)
}

// ---------------------------------------------------------------------------
// The command line.

/// The command line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arguments {
    /// The job's URL.
    pub url: Option<String>,
    /// `--interval`
    pub interval: Option<Duration>,
    /// `--revision`
    pub revision: Option<String>,
    /// `--max-polls`
    pub max_polls: Option<u32>,
    /// `--serve-demo`
    pub serve_demo: bool,
    /// `--help`
    pub help: bool,
}

/// Parse the arguments after the program name.
pub fn parse_arguments(arguments: impl IntoIterator<Item = String>) -> Result<Arguments, String> {
    let mut parsed = Arguments::default();
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        let (flag, inline) = match argument.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
            _ => (argument.clone(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| arguments.next()).ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "--interval" => {
                let seconds = value("--interval")?;
                let seconds: f64 = seconds.parse().map_err(|_| format!("--interval {seconds}: not a number"))?;
                if !(0.0..=86_400.0).contains(&seconds) {
                    return Err("--interval must be between 0 and 86400 seconds".into());
                }
                parsed.interval = Some(Duration::from_secs_f64(seconds));
            }
            "--revision" => parsed.revision = Some(value("--revision")?),
            "--max-polls" => {
                let polls = value("--max-polls")?;
                parsed.max_polls = Some(
                    polls.parse().ok().filter(|&n: &u32| n > 0).ok_or(format!("--max-polls {polls}: not a count"))?,
                );
            }
            "--serve-demo" => parsed.serve_demo = true,
            "--help" | "-h" => parsed.help = true,
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            _ if parsed.url.is_none() => parsed.url = Some(argument),
            _ => return Err(format!("unexpected argument {argument}")),
        }
    }
    match (&parsed.url, parsed.serve_demo || parsed.help) {
        (None, false) => Err("a job URL is needed".into()),
        (Some(_), true) if parsed.serve_demo => Err("--serve-demo takes no URL".into()),
        _ => Ok(parsed),
    }
}

/// The API key from `KLAVIYO_API_KEY`'s value.
pub fn api_key(variable: Result<String, std::env::VarError>) -> Result<String, String> {
    match variable {
        Ok(key) if !key.trim().is_empty() => Ok(key.trim().to_owned()),
        Ok(_) | Err(std::env::VarError::NotPresent) => {
            Err("KLAVIYO_API_KEY is not set: export your private API key (Klaviyo-API-Key)".into())
        }
        Err(std::env::VarError::NotUnicode(_)) => Err("KLAVIYO_API_KEY is not valid Unicode".into()),
    }
}

fn main() -> ExitCode {
    let arguments = match parse_arguments(std::env::args().skip(1)) {
        Ok(arguments) => arguments,
        Err(problem) => {
            eprintln!("error: {problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if arguments.help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let mut server = None;
    let (url, key) = if arguments.serve_demo {
        let demo = match http_server::Server::start(http_server::demo_script()) {
            Ok(demo) => demo,
            Err(error) => {
                eprintln!("error: starting the demo server: {error}");
                return ExitCode::FAILURE;
            }
        };
        let url = demo.url(http_server::DEMO_PATH);
        println!("demo server: {url}");
        server = Some(demo);
        // The demo server takes any key; a real one is never sent to it.
        (url, "demo-key".to_owned())
    } else {
        match api_key(std::env::var("KLAVIYO_API_KEY")) {
            Ok(key) => (arguments.url.clone().unwrap_or_default(), key),
            Err(problem) => {
                eprintln!("error: {problem}");
                return ExitCode::from(2);
            }
        }
    };
    let target = match Target::parse(&url) {
        Ok(target) if target.tls => {
            eprintln!("error: {url}: https needs a TLS stream; this example speaks plain http (see its module docs)");
            return ExitCode::from(2);
        }
        Ok(target) => target,
        Err(problem) => {
            eprintln!("error: {problem}");
            return ExitCode::from(2);
        }
    };
    let revision = arguments.revision.clone().unwrap_or_else(|| DEFAULT_REVISION.into());
    let mut config = match Config::new(target, key, revision) {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("error: {problem}");
            return ExitCode::from(2);
        }
    };
    let demo_interval = Duration::from_secs(1);
    config.interval = arguments.interval.unwrap_or(if arguments.serve_demo { demo_interval } else { DEFAULT_INTERVAL });
    config.max_polls = arguments.max_polls;
    let mut stdout = io::stdout().lock();
    let outcome = run(&config, &mut tcp_connect, &mut std::thread::sleep, &mut stdout);
    drop(stdout);
    match outcome {
        Ok(_) => {
            if let Some(server) = server {
                match server.join() {
                    Ok(requests) => println!("demo server: answered {} requests", requests.len()),
                    Err(error) => eprintln!("warning: demo server: {error}"),
                }
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::FAILURE
        }
    }
}
