//! A scripted HTTP/1.1 server on 127.0.0.1, for the gateway test and the
//! gateway example's `--serve-demo`.
//!
//! It listens on an ephemeral loopback port, answers one request per
//! connection with the next [`Reply`] of its script, records every request,
//! and stops when the script is done (or when nobody connects for
//! [`ACCEPT_TIMEOUT`]). Nothing leaves the machine.
//!
//! Replies can be cut into small writes, framed by `Content-Length`, by
//! `Transfer-Encoding: chunked` with chunk boundaries placed at chosen body
//! offsets (with chunk extensions and a trailer), or by closing the
//! connection.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long the server waits for the next connection before it gives up.
pub const ACCEPT_TIMEOUT: Duration = Duration::from_secs(10);
/// Read and write timeout on every connection.
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest request head the server reads.
const REQUEST_HEAD_CAPACITY: usize = 8 * 1024;

/// How a reply's body is delimited.
#[derive(Clone, Debug)]
pub enum Framing {
    /// `Content-Length`.
    Length,
    /// `Transfer-Encoding: chunked`, with a chunk boundary at each of these
    /// body offsets (ascending). Every other chunk carries an extension
    /// (`;ext=...`), and the last chunk is followed by a trailer field.
    Chunked(Vec<usize>),
    /// Neither header: the body ends when the server closes the connection.
    Close,
}

/// One scripted response.
#[derive(Clone, Debug)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Reason phrase.
    pub reason: &'static str,
    /// Extra header fields (the framing and `Connection: close` are added).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// How the body is delimited.
    pub framing: Framing,
    /// Bytes per write of the whole response, head included (0: one write).
    pub write_size: usize,
    /// Pause after each write, so that the client's reads see small pieces.
    pub pause: Duration,
}

impl Reply {
    /// A JSON:API response, framed by `Content-Length`, written at once.
    pub fn json(status: u16, reason: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            reason,
            headers: vec![
                ("Content-Type".into(), "application/vnd.api+json".into()),
                ("x-klaviyo-api-revision".into(), "2026-07-15".into()),
            ],
            body: body.into(),
            framing: Framing::Length,
            write_size: 0,
            pause: Duration::ZERO,
        }
    }

    /// This reply with one more header field.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// This reply with another framing.
    pub fn framing(mut self, framing: Framing) -> Reply {
        self.framing = framing;
        self
    }

    /// This reply written `size` bytes at a time, pausing `pause` after
    /// each write.
    pub fn writes(mut self, size: usize, pause: Duration) -> Reply {
        self.write_size = size;
        self.pause = pause;
        self
    }

    /// The bytes on the wire: head and framed body.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut wire = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason).into_bytes();
        for (name, value) in &self.headers {
            wire.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        match &self.framing {
            Framing::Length => wire.extend_from_slice(format!("Content-Length: {}\r\n", self.body.len()).as_bytes()),
            Framing::Chunked(_) => wire.extend_from_slice(b"Transfer-Encoding: chunked\r\n"),
            Framing::Close => {}
        }
        wire.extend_from_slice(b"Connection: close\r\n\r\n");
        match &self.framing {
            Framing::Length | Framing::Close => wire.extend_from_slice(&self.body),
            Framing::Chunked(cuts) => wire.extend_from_slice(&chunked(&self.body, cuts)),
        }
        wire
    }
}

/// `body` in chunked encoding, cut at `cuts`: sizes in mixed-case hex,
/// extensions on every other chunk, then the last chunk and a trailer.
pub fn chunked(body: &[u8], cuts: &[usize]) -> Vec<u8> {
    let mut wire = Vec::new();
    let mut start = 0;
    let ends = cuts.iter().copied().filter(|&cut| cut > 0 && cut < body.len()).chain([body.len()]);
    for (index, end) in ends.enumerate() {
        if end <= start {
            continue;
        }
        let size = end - start;
        let head = match index % 3 {
            0 => format!("{size:x}\r\n"),
            1 => format!("{size:X};ext=\"chunk {index}\"\r\n"),
            _ => format!("{size:x} ;n={index}\r\n"),
        };
        wire.extend_from_slice(head.as_bytes());
        wire.extend_from_slice(&body[start..end]);
        wire.extend_from_slice(b"\r\n");
        start = end;
    }
    wire.extend_from_slice(b"0;last\r\nx-checksum: none\r\n\r\n");
    wire
}

/// A request as the server received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// `GET`, …
    pub method: String,
    /// The request target.
    pub path: String,
    /// HTTP minor version (1 for HTTP/1.1).
    pub version: u8,
    /// Header fields in order.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The value of header `name` (case-insensitive), if it came once or more.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

/// The running server.
pub struct Server {
    addr: SocketAddr,
    thread: JoinHandle<io::Result<Vec<Request>>>,
}

impl Server {
    /// Listen on 127.0.0.1, on an ephemeral port, and serve `script` in a
    /// thread.
    pub fn start(script: Vec<Reply>) -> io::Result<Server> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let addr = listener.local_addr()?;
        let thread = thread::spawn(move || serve(&listener, script));
        Ok(Server { addr, thread })
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Wait for the script to end; the requests received, in order.
    pub fn join(self) -> io::Result<Vec<Request>> {
        self.thread.join().unwrap_or_else(|_| Err(io::Error::other("the server thread panicked")))
    }
}

fn serve(listener: &TcpListener, script: Vec<Reply>) -> io::Result<Vec<Request>> {
    listener.set_nonblocking(true)?;
    let mut requests = Vec::new();
    for reply in script {
        let mut stream = accept(listener)?;
        requests.push(read_request(&mut stream)?);
        // The client may hang up early (after a decode error, say): that
        // ends this reply, not the script.
        let _ = write_reply(&mut stream, &reply);
    }
    Ok(requests)
}

fn accept(listener: &TcpListener) -> io::Result<TcpStream> {
    let deadline = Instant::now() + ACCEPT_TIMEOUT;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false)?;
                stream.set_read_timeout(Some(IO_TIMEOUT))?;
                stream.set_write_timeout(Some(IO_TIMEOUT))?;
                stream.set_nodelay(true)?;
                return Ok(stream);
            }
            Err(error) if error.kind() == io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                thread::sleep(Duration::from_millis(2));
            }
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "no client connected"));
            }
            Err(error) => return Err(error),
        }
    }
}

fn read_request(stream: &mut TcpStream) -> io::Result<Request> {
    let mut head = vec![0; REQUEST_HEAD_CAPACITY];
    let mut filled = 0;
    loop {
        if filled == head.len() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "request head too large"));
        }
        let read = stream.read(&mut head[filled..])?;
        if read == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "client closed before its request head ended"));
        }
        filled += read;
        let mut fields = [httparse::EMPTY_HEADER; 32];
        let mut request = httparse::Request::new(&mut fields);
        match request.parse(&head[..filled]) {
            Ok(httparse::Status::Complete(_)) => {
                return Ok(Request {
                    method: request.method.unwrap_or_default().to_owned(),
                    path: request.path.unwrap_or_default().to_owned(),
                    version: request.version.unwrap_or_default(),
                    headers: request
                        .headers
                        .iter()
                        .map(|field| (field.name.to_owned(), String::from_utf8_lossy(field.value).into_owned()))
                        .collect(),
                });
            }
            Ok(httparse::Status::Partial) => {}
            Err(error) => return Err(io::Error::new(io::ErrorKind::InvalidData, error)),
        }
    }
}

fn write_reply(stream: &mut TcpStream, reply: &Reply) -> io::Result<()> {
    let wire = reply.to_bytes();
    let size = if reply.write_size == 0 { wire.len() } else { reply.write_size };
    for piece in wire.chunks(size.max(1)) {
        stream.write_all(piece)?;
        stream.flush()?;
        if !reply.pause.is_zero() {
            thread::sleep(reply.pause);
        }
    }
    stream.shutdown(std::net::Shutdown::Write)
}

/// A catalog-item bulk-create job document, as Klaviyo sends it.
/// `errors` is the JSON of `attributes.errors`.
pub fn job_document(id: &str, status: &str, total: u32, completed: u32, failed: u32, errors: &str) -> String {
    let completed_at = if status == "complete" { "\"2026-07-02T05:21:03.5+00:00\"" } else { "null" };
    format!(
        concat!(
            r#"{{"data":{{"type":"catalog-item-bulk-create-job","id":"{id}","attributes":{{"#,
            r#""status":"{status}","created_at":"2026-07-02T05:19:57+00:00","total_count":{total},"#,
            r#""completed_count":{completed},"failed_count":{failed},"completed_at":{completed_at},"#,
            r#""expires_at":"2026-07-09T05:19:57+00:00","errors":{errors}}},"#,
            r#""relationships":{{"items":{{"links":{{"#,
            r#""self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/{id}/relationships/items/","#,
            r#""related":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/{id}/items/"}}}}}},"#,
            r#""links":{{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/{id}/"}}}},"#,
            r#""links":{{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/{id}/"}}}}"#,
        ),
        id = id,
        status = status,
        total = total,
        completed = completed,
        failed = failed,
        completed_at = completed_at,
        errors = errors,
    )
}

/// A JSON:API error document with one error, as Klaviyo sends it.
pub fn error_document(status: u16, code: &str, title: &str, detail: &str) -> String {
    format!(
        r#"{{"errors":[{{"id":"5b2d1c7e-4a8f-4d0e-9c11-2f6a7b8c9d0e","status":{status},"code":"{code}","title":"{title}","detail":"{detail}","source":{{"pointer":"/data/"}},"links":{{}},"meta":{{}}}}]}}"#
    )
}

/// Body offsets just inside `needle`: for each `(needle, inner)`, the offset
/// of the first `needle` in `body` plus `inner`.
///
/// # Panics
///
/// If a needle is not in `body` (a broken script).
pub fn cuts_inside(body: &str, marks: &[(&str, usize)]) -> Vec<usize> {
    marks
        .iter()
        .map(|&(needle, inner)| match body.find(needle) {
            Some(at) => at + inner,
            None => panic!("{needle:?} is not in the body"),
        })
        .collect()
}

/// `cuts`, plus a cut every `step` bytes of a body of `len` bytes, sorted.
pub fn with_ragged_cuts(mut cuts: Vec<usize>, step: usize, len: usize) -> Vec<usize> {
    cuts.extend((1..len).step_by(step.max(1)));
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// The demo job's id.
pub const DEMO_JOB_ID: &str = "01J2Z3QK5V8XKQ7T9B4N6M3C1D";
/// The demo job's path.
pub const DEMO_PATH: &str = "/api/catalog-item-bulk-create-jobs/01J2Z3QK5V8XKQ7T9B4N6M3C1D";

/// Two entries of `attributes.errors`, with raw UTF-8 (2 and 3 bytes), a
/// `\"` escape, a `\u` escape and a surrogate pair.
pub const DEMO_JOB_ERRORS: &str = concat!(
    r#"[{"id":"e4eebb08-b055-4a6f-bb13-c8cb69c9eb94","code":"invalid","title":"Invalid input","#,
    r#""detail":"Preis ungültig: \"12,5\" ist keine Zahl \u2014 Zeile 7","#,
    r#""source":{"pointer":"/data/attributes/items/7/price"}},"#,
    r#"{"id":"7c1e2f3a-0b4d-4e5f-8a9b-1c2d3e4f5a6b","code":"duplicate","title":"Duplicate item \ud83d\udce6","#,
    r#""detail":"external_id \"SKU-42\" already exists in catalog ☕","#,
    r#""source":{"pointer":"/data/attributes/items/42/external_id"}}]"#,
);

/// The bundled script: the demo job goes queued → processing → (429,
/// `Retry-After: 1`) → processing → complete, in small writes, chunked
/// with boundaries inside UTF-8 sequences, escapes and numbers, and framed
/// by `Content-Length` or by closing the connection.
pub fn demo_script() -> Vec<Reply> {
    let id = DEMO_JOB_ID;
    let queued = job_document(id, "queued", 100, 0, 0, "null");
    let started = job_document(id, "processing", 100, 40, 0, "[]");
    let started_cuts = cuts_inside(&started, &[(":100", 2), (":40,", 2), ("\"processing", 4), ("05:19:57", 4)]);
    let busy = job_document(id, "processing", 100, 90, 2, DEMO_JOB_ERRORS);
    let busy_cuts = cuts_inside(
        &busy,
        &[
            ("ü", 1),
            (r#"\"12"#, 1),
            (r"\u2014", 3),
            (r"\ud83d\udce6", 8),
            ("☕", 1),
            ("☕", 2),
            (":90,", 2),
            (":100", 3),
        ],
    );
    let done = job_document(id, "complete", 100, 98, 2, DEMO_JOB_ERRORS);
    vec![
        Reply::json(200, "OK", queued).writes(7, Duration::from_millis(1)),
        Reply::json(200, "OK", started.clone())
            .framing(Framing::Chunked(with_ragged_cuts(started_cuts, 23, started.len())))
            .writes(13, Duration::ZERO),
        Reply::json(
            429,
            "Too Many Requests",
            error_document(429, "throttled", "Request was throttled.", "Expected available in 1 second."),
        )
        .header("Retry-After", "1"),
        Reply::json(200, "OK", busy.clone())
            .framing(Framing::Chunked(with_ragged_cuts(busy_cuts, 61, busy.len())))
            .writes(5, Duration::ZERO),
        Reply::json(200, "OK", done).framing(Framing::Close).writes(64, Duration::ZERO),
    ]
}
