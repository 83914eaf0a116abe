//! The gateway example (`examples/gateway.rs`, included as a module) end to
//! end: against the scripted loopback server of `tests/support/http_server.rs`
//! on 127.0.0.1 (nothing leaves the machine), and over in-memory streams cut
//! at every byte.
//!
//! The client's waits go through an injected `sleep` that only records them,
//! so the 429 with `Retry-After: 1` costs no time.

#[allow(dead_code)]
#[path = "../examples/gateway.rs"]
mod gateway;

use std::cell::Cell;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use gateway::http_server::{self, DEMO_JOB_ID, DEMO_PATH, Framing, Reply, Server};
use gateway::{
    ApiErrorItem, Body, Config, Document, Failure, Fetched, READ_BUFFER, Sink, Target, api_key, fetch, parse_arguments,
};
use klaviyo_bulk_job::{Attribute, AttributeSet, ErrorKind, JobStatus, decode_job};

const KEY: &str = "test-key";
const INTERVAL: Duration = Duration::from_millis(250);
const TIMEOUT: Duration = Duration::from_secs(5);

fn config(url: &str) -> Config {
    let mut config = Config::new(Target::parse(url).unwrap(), KEY.into(), "2026-07-15".into()).unwrap();
    config.interval = INTERVAL;
    config.max_polls = Some(20);
    config
}

/// A loopback connection that remembers the largest read buffer the client
/// handed it.
struct Watched<'a> {
    stream: TcpStream,
    largest_read: &'a Cell<usize>,
}

impl Read for Watched<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        self.largest_read.set(self.largest_read.get().max(buffer.len()));
        self.stream.read(buffer)
    }
}

impl Write for Watched<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.stream.write(bytes)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

struct Polled {
    outcome: Result<JobStatus, Failure>,
    output: String,
    sleeps: Vec<Duration>,
    largest_read: usize,
}

/// Run the gateway's poll loop against `config`'s URL.
fn poll(config: &Config) -> Polled {
    let largest_read = Cell::new(0);
    let mut connect = |target: &Target| -> io::Result<Watched<'_>> {
        let stream = TcpStream::connect((target.host.as_str(), target.port))?;
        stream.set_read_timeout(Some(TIMEOUT))?;
        stream.set_write_timeout(Some(TIMEOUT))?;
        Ok(Watched { stream, largest_read: &largest_read })
    };
    let mut sleeps = Vec::new();
    let mut output = Vec::new();
    let outcome = gateway::run(config, &mut connect, &mut |delay| sleeps.push(delay), &mut output);
    Polled { outcome, output: String::from_utf8(output).unwrap(), sleeps, largest_read: largest_read.get() }
}

/// A job document the crate rejects: `total_count` is `1e2`. Chunked, cut
/// inside the number, in 7-byte writes.
fn malformed_body() -> String {
    let body = http_server::job_document(DEMO_JOB_ID, "processing", 100, 95, 2, "[]");
    body.replacen("\"total_count\":100", "\"total_count\":1e2", 1)
}

fn malformed_reply() -> Reply {
    let body = malformed_body();
    let cuts = http_server::cuts_inside(&body, &[("1e2", 1), ("1e2", 2)]);
    Reply::json(200, "OK", body.clone())
        .framing(Framing::Chunked(http_server::with_ragged_cuts(cuts, 17, body.len())))
        .writes(7, Duration::ZERO)
}

#[test]
fn polls_the_job_to_complete_then_reports_a_decode_error() {
    let mut script = http_server::demo_script();
    script.push(malformed_reply());
    let server = Server::start(script).unwrap();
    let config = config(&server.url(DEMO_PATH));

    // First run: queued → processing → 429 → processing → complete.
    let first = poll(&config);
    assert_eq!(first.outcome.unwrap(), JobStatus::Complete, "output:\n{}", first.output);
    let id = DEMO_JOB_ID;
    let expected = [
        format!("{id}: queued 0/100 completed, 0 failed"),
        format!("{id}: processing 40/100 completed, 0 failed"),
        "rate limited (HTTP 429): retry 1 in 1s".to_owned(),
        format!("{id}: processing 90/100 completed, 2 failed"),
        format!("{id}: complete 98/100 completed, 2 failed"),
        "  error invalid: Invalid input: Preis ungültig: \"12,5\" ist keine Zahl — Zeile 7 \
         (/data/attributes/items/7/price)"
            .to_owned(),
        "  error duplicate: Duplicate item 📦: external_id \"SKU-42\" already exists in catalog ☕ \
         (/data/attributes/items/42/external_id)"
            .to_owned(),
    ];
    assert_eq!(first.output.lines().collect::<Vec<_>>(), expected);
    // The interval after each running poll; Retry-After's second before the retry.
    assert_eq!(first.sleeps, [INTERVAL, INTERVAL, Duration::from_secs(1), INTERVAL]);
    assert!(first.largest_read <= READ_BUFFER, "a read of {} bytes", first.largest_read);

    // Second run: the malformed body is a decode error, with the crate's
    // kind, offset (from the body's first byte) and path.
    let second = poll(&config);
    assert_eq!(second.output, "");
    let body = malformed_body();
    let error = match second.outcome {
        Err(Failure::Decode(error)) => error,
        other => panic!("expected a decode error, got {other:?}"),
    };
    assert_eq!(error.kind, ErrorKind::NotAnInteger);
    assert_eq!(error.offset, body.find("1e2").unwrap());
    assert_eq!(error.path.as_str(), "data.attributes.total_count");
    let mut whole = Document::new();
    assert_eq!(decode_job(body.as_bytes(), &mut whole).unwrap_err(), error, "streamed and whole-buffer errors differ");
    let report = format!("error: {}", Failure::Decode(error.clone()));
    assert_eq!(
        report,
        format!("error: count is not an integer at byte {} (data.attributes.total_count)", error.offset)
    );

    // Six requests, each a Klaviyo GET with the right headers.
    let requests = server.join().unwrap();
    assert_eq!(requests.len(), 6, "5 polls of the first run (one of them retried) and 1 of the second");
    let host = config.target.authority.clone();
    for request in &requests {
        assert_eq!((request.method.as_str(), request.path.as_str(), request.version), ("GET", DEMO_PATH, 1));
        assert_eq!(request.header("Host"), Some(host.as_str()));
        assert_eq!(request.header("revision"), Some("2026-07-15"));
        assert_eq!(request.header("Accept"), Some("application/vnd.api+json"));
        assert_eq!(request.header("Authorization"), Some("Klaviyo-API-Key test-key"));
        assert_eq!(request.header("Connection"), Some("close"));
    }
}

fn klaviyo_404() -> String {
    http_server::error_document(
        404,
        "not_found",
        "Not found.",
        "A catalog-item-bulk-create-job with id 01J2Z3QK5V8XKQ7T9B4N6M3C1X does not exist.",
    )
}

#[test]
fn an_error_status_is_reported_as_an_api_error_not_a_decode_error() {
    let not_found = klaviyo_404();
    let cuts = http_server::with_ragged_cuts(Vec::new(), 9, not_found.len());
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>\n";
    let server = Server::start(vec![
        Reply::json(404, "Not Found", not_found).framing(Framing::Chunked(cuts)).writes(11, Duration::ZERO),
        Reply { headers: vec![("Content-Type".into(), "text/html".into())], ..Reply::json(502, "Bad Gateway", html) }
            .framing(Framing::Close),
    ])
    .unwrap();
    let config = config(&server.url("/api/catalog-item-bulk-create-jobs/01J2Z3QK5V8XKQ7T9B4N6M3C1X"));

    let polled = poll(&config);
    let error = match polled.outcome {
        Err(Failure::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    };
    assert_eq!((error.status, error.reason.as_str(), error.text.as_deref()), (404, "Not Found", None));
    assert_eq!(
        error.errors,
        [ApiErrorItem {
            status: Some("404".into()),
            code: Some("not_found".into()),
            title: Some("Not found.".into()),
            detail: Some("A catalog-item-bulk-create-job with id 01J2Z3QK5V8XKQ7T9B4N6M3C1X does not exist.".into()),
            source: Some("/data/".into()),
        }]
    );
    assert_eq!(
        format!("error: {}", Failure::Api(error)),
        "error: HTTP 404 Not Found\n  404 not_found: Not found.: A catalog-item-bulk-create-job with id \
         01J2Z3QK5V8XKQ7T9B4N6M3C1X does not exist. (/data/)"
    );
    assert_eq!((polled.output.as_str(), polled.sleeps.as_slice()), ("", &[][..]));

    // A body that is not JSON:API is shown as text.
    let error = match poll(&config).outcome {
        Err(Failure::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    };
    assert_eq!(
        format!("{}", Failure::Api(error)),
        "HTTP 502 Bad Gateway\n  <html><body><h1>502 Bad Gateway</h1></body></html>"
    );
    assert_eq!(server.join().unwrap().len(), 2);
}

#[test]
fn retry_after_is_capped_and_retries_are_bounded() {
    let throttled = || {
        Reply::json(
            429,
            "Too Many Requests",
            http_server::error_document(
                429,
                "throttled",
                "Request was throttled.",
                "Expected available in 3600 seconds.",
            ),
        )
    };
    let server = Server::start(vec![
        throttled().header("Retry-After", "3600"),
        throttled(),
        throttled().header("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"),
    ])
    .unwrap();
    let mut config = config(&server.url(DEMO_PATH));
    config.retry_cap = Duration::from_secs(2);
    config.max_retries = 2;
    let polled = poll(&config);
    assert!(matches!(polled.outcome, Err(Failure::RateLimited(2))), "{:?}", polled.outcome);
    // Capped; then no Retry-After, and then an HTTP-date: the interval.
    assert_eq!(polled.sleeps, [Duration::from_secs(2), INTERVAL]);
    assert_eq!(polled.output, "rate limited (HTTP 429): retry 1 in 2s\nrate limited (HTTP 429): retry 2 in 250ms\n");
    assert_eq!(format!("{}", polled.outcome.unwrap_err()), "still rate limited (HTTP 429) after 2 retries");
    assert_eq!(server.join().unwrap().len(), 3);
}

#[test]
fn max_polls_bounds_a_job_that_never_finishes() {
    let running = http_server::job_document(DEMO_JOB_ID, "processing", 10, 1, 0, "null");
    let server = Server::start(vec![Reply::json(200, "OK", running.clone()), Reply::json(200, "OK", running)]).unwrap();
    let mut config = config(&server.url(DEMO_PATH));
    config.max_polls = Some(2);
    let polled = poll(&config);
    assert!(matches!(polled.outcome, Err(Failure::GaveUp { polls: 2, status: JobStatus::Processing })));
    assert_eq!(polled.output.lines().count(), 2);
    assert_eq!(server.join().unwrap().len(), 2);
}

// ---------------------------------------------------------------------------
// Over in-memory streams: every way the bytes can arrive.

/// A stream whose reads return `input`, never crossing the next cut, and at
/// most `piece` bytes at a time; writes are kept.
struct Memory {
    input: Vec<u8>,
    at: usize,
    cuts: Vec<usize>,
    piece: usize,
    written: Vec<u8>,
}

impl Memory {
    fn new(input: &[u8], cuts: &[usize], piece: usize) -> Memory {
        Memory { input: input.to_vec(), at: 0, cuts: cuts.to_vec(), piece, written: Vec::new() }
    }
}

impl Read for Memory {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        assert!(buffer.len() <= READ_BUFFER, "a read of {} bytes", buffer.len());
        let cut = self.cuts.iter().copied().find(|&cut| cut > self.at).unwrap_or(self.input.len());
        let n = buffer.len().min(self.piece).min(cut - self.at).min(self.input.len() - self.at);
        buffer[..n].copy_from_slice(&self.input[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

impl Write for Memory {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.written.extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn fetch_from(config: &Config, stream: &mut Memory) -> Result<Document, Failure> {
    let mut document = Document::new();
    match fetch(stream, config, &mut document)? {
        Fetched::Job => Ok(document),
        other => panic!("expected a job, got {other:?}"),
    }
}

#[test]
fn every_split_of_every_demo_response_decodes_as_the_whole_body() {
    let config = config("http://127.0.0.1:8080/api/catalog-item-bulk-create-jobs/ID");
    let mut tried = 0;
    for reply in http_server::demo_script().into_iter().filter(|reply| reply.status == 200) {
        let mut whole = Document::new();
        decode_job(&reply.body, &mut whole).unwrap();
        let wire = reply.to_bytes();
        // Every split into two reads...
        for at in 0..=wire.len() {
            let document = fetch_from(&config, &mut Memory::new(&wire, &[at], usize::MAX)).unwrap();
            assert_eq!(document, whole, "split at {at} of {:?}", String::from_utf8_lossy(&wire));
            tried += 1;
        }
        // ...and reads of every size up to 300 bytes.
        for piece in 1..=300 {
            let document = fetch_from(&config, &mut Memory::new(&wire, &[], piece)).unwrap();
            assert_eq!(document, whole, "reads of {piece} bytes");
        }
    }
    assert!(tried > 3000);
}

#[test]
fn a_decode_error_is_the_same_for_every_split() {
    let config = config("http://127.0.0.1:8080/api/catalog-item-bulk-create-jobs/ID");
    let body = malformed_body();
    let mut whole = Document::new();
    let expected = decode_job(body.as_bytes(), &mut whole).unwrap_err();
    let wire = malformed_reply().to_bytes();
    for at in 0..=wire.len() {
        match fetch_from(&config, &mut Memory::new(&wire, &[at], usize::MAX)) {
            Err(Failure::Decode(error)) => assert_eq!(error, expected, "split at {at}"),
            other => panic!("split at {at}: {other:?}"),
        }
    }
}

#[test]
fn the_request_is_a_klaviyo_get() {
    let reply = Reply::json(200, "OK", http_server::job_document("J1", "complete", 1, 1, 0, "null"));
    let mut stream = Memory::new(&reply.to_bytes(), &[], READ_BUFFER);
    let config =
        config("http://[::1]:8080/api/catalog-item-bulk-create-jobs/J1?fields[catalog-item-bulk-create-job]=status");
    fetch_from(&config, &mut stream).unwrap();
    assert_eq!(
        String::from_utf8(stream.written).unwrap(),
        format!(
            "GET /api/catalog-item-bulk-create-jobs/J1?fields[catalog-item-bulk-create-job]=status HTTP/1.1\r\n\
             Host: [::1]:8080\r\nrevision: 2026-07-15\r\nAccept: application/vnd.api+json\r\n\
             Authorization: Klaviyo-API-Key test-key\r\nUser-Agent: klaviyo-bulk-job-gateway/{}\r\n\
             Connection: close\r\n\r\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn interim_responses_trailers_and_extra_bytes_are_handled() {
    let config = config("http://127.0.0.1:8080/j");
    let body = http_server::job_document("J1", "cancelled", 5, 2, 1, "null");
    let mut wire = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n".to_vec();
    wire.extend_from_slice(
        &Reply::json(200, "OK", body.clone()).framing(Framing::Chunked(vec![10, 11, 300])).to_bytes(),
    );
    wire.extend_from_slice(b"garbage after the body is never read");
    for piece in [1, 2, 5, 64, 256] {
        let document = fetch_from(&config, &mut Memory::new(&wire, &[], piece)).unwrap();
        assert_eq!(document.job.attributes.status, JobStatus::Cancelled);
        assert_eq!((document.job.progress().completed, document.job.progress().failed), (2, 1));
    }
    // A document followed by non-whitespace inside the body is the crate's
    // trailing-data error.
    let padded = format!("{body} \n x");
    let reply = Reply::json(200, "OK", padded.clone());
    match fetch_from(&config, &mut Memory::new(&reply.to_bytes(), &[], 3)) {
        Err(Failure::Decode(error)) => {
            assert_eq!((error.kind, error.offset), (ErrorKind::TrailingData, padded.len() - 1));
        }
        other => panic!("{other:?}"),
    }
}

/// Collects the de-framed body.
#[derive(Default)]
struct Collect(Vec<u8>);

impl Sink for Collect {
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.0.extend_from_slice(bytes);
        Ok(())
    }
}

fn deframe(framing: gateway::Framing, wire: &[u8], piece: usize) -> Result<Vec<u8>, Failure> {
    let mut body = Body::new(framing);
    let mut sink = Collect::default();
    for bytes in wire.chunks(piece) {
        body.feed(bytes, &mut sink)?;
    }
    body.end()?;
    Ok(sink.0)
}

#[test]
fn chunked_framing_is_checked() {
    let chunked = gateway::Framing::Chunked;
    let wire = b"4;a=b\r\nWiki\r\n5 ; x\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\nX-A: b\r\n\r\n";
    for piece in 1..=wire.len() {
        assert_eq!(deframe(chunked, wire, piece).unwrap(), b"Wikipedia in\r\n\r\nchunks.", "pieces of {piece}");
    }
    let bad = |wire: &[u8]| match deframe(chunked, wire, 1) {
        Err(Failure::Http(problem)) => problem,
        other => panic!("{:?}: {other:?}", String::from_utf8_lossy(wire)),
    };
    assert_eq!(bad(b"zz\r\n"), "invalid chunk-size line \"z\"");
    assert_eq!(bad(b"\r\n"), r#"invalid chunk-size line "\r""#);
    assert_eq!(bad(b"2\r\nabc\r\n"), "chunk data not followed by CRLF");
    assert_eq!(bad(b"2\r\nab\r\n"), "the connection closed inside the chunked body");
    assert_eq!(bad(b"1\r\na\r\n0\r\n"), "the connection closed inside the chunked body");
    assert_eq!(bad(&[b'1'; 300]), format!("invalid chunk-size line \"{}\"", "1".repeat(17)));
    let mut long_extension = b"1;".to_vec();
    long_extension.resize(300, b'x');
    assert_eq!(bad(&long_extension), "chunk-size line longer than 256 bytes");

    match deframe(gateway::Framing::Length(10), b"12345", 2) {
        Err(Failure::Http(problem)) => assert_eq!(problem, "the connection closed 5 bytes before the body's end"),
        other => panic!("{other:?}"),
    }
    assert_eq!(deframe(gateway::Framing::Length(3), b"12345", 2).unwrap(), b"123");
    assert_eq!(deframe(gateway::Framing::UntilClose, b"12345", 2).unwrap(), b"12345");
}

#[test]
fn response_heads_are_checked() {
    let head = |text: &str| gateway::parse_head(text.as_bytes()).map(|head| head.map(|(head, _)| head.framing));
    assert_eq!(head("HTTP/1.1 200 OK\r\nContent-Len").unwrap(), None);
    assert_eq!(head("HTTP/1.1 200 OK\r\ncontent-length: 7\r\n\r\n").unwrap(), Some(gateway::Framing::Length(7)));
    assert_eq!(
        head("HTTP/1.1 200 OK\r\nContent-Length: 7\r\nTransfer-Encoding: Chunked\r\n\r\n").unwrap(),
        Some(gateway::Framing::Chunked)
    );
    assert_eq!(head("HTTP/1.0 200 OK\r\n\r\n").unwrap(), Some(gateway::Framing::UntilClose));
    assert_eq!(head("HTTP/1.1 204 No Content\r\n\r\n").unwrap(), Some(gateway::Framing::Empty));
    let problem = |text: &str| match head(text) {
        Err(failure) => failure.to_string(),
        Ok(framing) => panic!("{text:?}: {framing:?}"),
    };
    assert_eq!(
        problem("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"),
        "bad HTTP response: unsupported Transfer-Encoding gzip, chunked"
    );
    assert_eq!(
        problem("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
        "bad HTTP response: conflicting Content-Length headers"
    );
    assert_eq!(problem("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"), "bad HTTP response: Content-Length \"-1\"");
    assert_eq!(problem("HTTP/2 200\r\n\r\n"), "bad HTTP response: response head: invalid HTTP version");

    // A head that never ends is bounded.
    let config = config("http://127.0.0.1:8080/j");
    let mut endless = b"HTTP/1.1 200 OK\r\nX-Pad: ".to_vec();
    endless.resize(5000, b'a');
    match fetch_from(&config, &mut Memory::new(&endless, &[], usize::MAX)) {
        Err(failure) => assert_eq!(failure.to_string(), "bad HTTP response: response head longer than 4096 bytes"),
        Ok(_) => panic!("accepted an endless head"),
    }
}

#[test]
fn urls_arguments_and_the_key() {
    let target = Target::parse("http://127.0.0.1:8080/api/catalog-item-bulk-create-jobs/ID#top").unwrap();
    assert_eq!(
        target,
        Target {
            tls: false,
            host: "127.0.0.1".into(),
            port: 8080,
            authority: "127.0.0.1:8080".into(),
            path: "/api/catalog-item-bulk-create-jobs/ID".into(),
        }
    );
    let target = Target::parse("HTTPS://a.klaviyo.com?x=1").unwrap();
    assert_eq!((target.tls, target.port, target.path.as_str()), (true, 443, "/?x=1"));
    let target = Target::parse("http://[::1]/").unwrap();
    assert_eq!((target.host.as_str(), target.port, target.authority.as_str()), ("::1", 80, "[::1]"));
    for bad in ["ftp://h/", "h:80/x", "http:///x", "http://h:0/", "http://h:x/", "http://u:p@h/", "http://h/a b"] {
        assert!(Target::parse(bad).is_err(), "{bad}");
    }

    let arguments = |list: &[&str]| parse_arguments(list.iter().map(|argument| (*argument).to_owned()));
    let parsed =
        arguments(&["http://h/j", "--interval", "0.5", "--revision=2026-07-15.pre", "--max-polls", "3"]).unwrap();
    assert_eq!(parsed.url.as_deref(), Some("http://h/j"));
    assert_eq!(parsed.interval, Some(Duration::from_millis(500)));
    assert_eq!(parsed.revision.as_deref(), Some("2026-07-15.pre"));
    assert_eq!(parsed.max_polls, Some(3));
    assert!(arguments(&["--serve-demo"]).unwrap().serve_demo);
    for bad in
        [&[][..], &["--interval", "5"], &["u", "v"], &["u", "--interval"], &["u", "--interval", "-1"], &["u", "--x"]]
    {
        assert!(arguments(bad).is_err(), "{bad:?}");
    }

    assert_eq!(api_key(Ok(" pk_abc \n".into())).unwrap(), "pk_abc");
    assert!(api_key(Err(std::env::VarError::NotPresent)).unwrap_err().contains("KLAVIYO_API_KEY is not set"));
    assert!(api_key(Ok(String::new())).is_err());
    let target = Target::parse("http://h/").unwrap();
    assert!(Config::new(target.clone(), "k\r\nX-Evil: 1".into(), "2026-07-15".into()).is_err());
    assert!(Config::new(target, "k".into(), "2026-07-15\n".into()).is_err());
}

/// A poll URL with a sparse fieldset for the job's kind decodes the sparse
/// body the server then sends; the same body from a URL without one is
/// missing its required attributes.
#[test]
fn a_sparse_fieldset_in_the_url_is_what_the_decoder_expects() {
    let asked = AttributeSet::from_fields("status,completed_count,failed_count,total_count");
    let fields = |url: &str| Target::parse(url).unwrap().options().fields;
    for url in [
        "http://h/api/catalog-item-bulk-create-jobs/ID?fields[catalog-item-bulk-create-job]=status,completed_count,failed_count,total_count",
        "http://h/api/catalog-item-bulk-create-jobs/ID/?x=1&fields%5Bcatalog-item-bulk-create-job%5D=status%2Ccompleted_count%2cfailed_count,total_count",
    ] {
        assert_eq!(fields(url), Some(asked), "{url}");
    }
    assert_eq!(
        fields("http://h/api/profile-bulk-import-jobs/ID?fields[profile-bulk-import-job]=status"),
        Some(AttributeSet::EMPTY.with(Attribute::Status))
    );
    for url in [
        "http://h/api/catalog-item-bulk-create-jobs/ID",
        "http://h/api/catalog-item-bulk-create-jobs/ID?fields[catalog-item]=title",
        "http://h/api/catalog-item-bulk-create-jobs/ID?fields[profile-bulk-import-job]=status",
        "http://h/api/catalog-item-bulk-create-jobs/ID?fields%5Bcatalog-item-bulk-create-job%5=status",
        "http://h/api/catalog-items/ID?fields[catalog-item-bulk-create-job]=status",
    ] {
        assert_eq!(fields(url), None, "{url}");
    }

    let body = format!(
        r#"{{"data":{{"type":"catalog-item-bulk-create-job","id":"{DEMO_JOB_ID}","attributes":{{"status":"processing","total_count":100,"completed_count":40,"failed_count":2}},"links":{{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/{DEMO_JOB_ID}/"}}}},"links":{{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/{DEMO_JOB_ID}"}}}}"#
    );
    let wire = Reply::json(200, "OK", body).to_bytes();
    let sparse = config(&format!(
        "http://127.0.0.1:8080{DEMO_PATH}?fields[catalog-item-bulk-create-job]=status,completed_count,failed_count,total_count"
    ));
    let document = fetch_from(&sparse, &mut Memory::new(&wire, &[], 7)).expect("the sparse body decodes");
    let progress = document.job.progress();
    assert_eq!(document.job.attributes.status, JobStatus::Processing);
    assert_eq!((progress.completed, progress.failed, progress.total), (40, 2, 100));
    match fetch_from(&config(&format!("http://127.0.0.1:8080{DEMO_PATH}")), &mut Memory::new(&wire, &[], 7)) {
        Err(Failure::Decode(error)) => {
            assert_eq!((error.kind, error.path.as_str()), (ErrorKind::MissingMember, "data.attributes.created_at"))
        }
        other => panic!("without the fieldset: {other:?}"),
    }
}
