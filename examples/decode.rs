//! Decode a Klaviyo bulk-job document and print it re-encoded as compact
//! JSON by the crate's encoder.
//!
//! ```text
//! cargo run --release --example decode -- FILE          # or - for stdin
//! cargo run --release --example decode -- --chunk 64 FILE
//! ```
//!
//! On success: the document on stdout, exit 0; a warning on stderr for each
//! list its capacity cut short. On a decode error: one line on stderr,
//! `error: <kind> at byte <offset> (<path>)`, nothing on stdout, exit 1.
//! Usage and I/O problems exit 2.
//!
//! Capacities: 100 jobs a page, 100 errors a job, 3 relationships of 100
//! members each, and the crate's fixed string capacities.

use std::io::{Read, Write};
use std::process::ExitCode;

use klaviyo_bulk_job::{Decoder, Error, ErrorKind, JobDocument, JobList, JsonType, encode_job, encode_list};

const MEMBERS: usize = 100;
const ERRORS: usize = 100;
const RELATIONSHIPS: usize = 3;
const JOBS: usize = 100;

type Single = JobDocument<MEMBERS, ERRORS, RELATIONSHIPS>;
type List = JobList<JOBS, MEMBERS, ERRORS, RELATIONSHIPS>;
type Job = klaviyo_bulk_job::Job<MEMBERS, ERRORS, RELATIONSHIPS>;

struct Arguments {
    chunk: Option<usize>,
    file: String,
}

fn arguments() -> Result<Arguments, String> {
    let mut chunk = None;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--chunk" => {
                let size = args.next().ok_or("--chunk needs a size")?;
                chunk = Some(size.parse().ok().filter(|&n: &usize| n > 0).ok_or("--chunk needs a size above 0")?);
            }
            _ if file.is_none() => file = Some(arg),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    Ok(Arguments { chunk, file: file.ok_or("usage: decode [--chunk N] FILE|-")? })
}

/// Feed `input` whole, or `chunk` bytes at a time, then finish.
fn feed(mut decoder: Decoder<'_>, input: &[u8], chunk: Option<usize>) -> Result<(), Error> {
    for piece in input.chunks(chunk.unwrap_or(input.len()).max(1)) {
        // Feeding goes on after `Status::Complete`, so trailing data is caught.
        decoder.feed(piece)?;
    }
    decoder.finish()
}

/// A document whose `data` is an array is a list.
fn is_list_document(error: &Error) -> bool {
    error.kind == ErrorKind::WrongType { expected: JsonType::Object, found: JsonType::Array }
        && error.path.as_str() == "data"
}

fn warn_if_cut(job: &Job, index: Option<usize>) {
    let at = index.map(|i| format!("data[{i}]")).unwrap_or_else(|| "data".into());
    if !job.errors.is_complete() {
        eprintln!("warning: {at}.attributes.errors kept {} of {}", job.errors.len(), job.errors.total());
    }
    if !job.relationships.is_complete() {
        eprintln!("warning: {at}.relationships kept {} of {}", job.relationships.len(), job.relationships.total());
    }
    for relationship in &job.relationships {
        if !relationship.is_complete() {
            eprintln!(
                "warning: {at}.relationships.{}.data kept {} of {}",
                relationship.name,
                relationship.members.len(),
                relationship.members.total()
            );
        }
    }
}

/// Encode into a buffer that grows until the document fits.
fn encoded(encode: impl Fn(&mut [u8]) -> Option<usize>, hint: usize) -> Vec<u8> {
    let mut buffer = vec![0u8; hint.max(4096) * 2];
    loop {
        if let Some(len) = encode(&mut buffer) {
            buffer.truncate(len);
            return buffer;
        }
        buffer.resize(buffer.len() * 2, 0);
    }
}

fn run(input: &[u8], chunk: Option<usize>) -> Result<Vec<u8>, Error> {
    let mut single = Single::new();
    match feed(Decoder::single(&mut single), input, chunk) {
        Ok(()) => {
            warn_if_cut(&single.job, None);
            return Ok(encoded(|out| encode_job(&single, out).ok(), input.len()));
        }
        Err(error) if !is_list_document(&error) => return Err(error),
        Err(_) => {}
    }
    let mut list = List::new();
    feed(Decoder::list(&mut list), input, chunk)?;
    if !list.jobs.is_complete() {
        eprintln!("warning: data kept {} of {} jobs", list.jobs.len(), list.jobs.total());
    }
    for (index, job) in list.jobs.iter().enumerate() {
        warn_if_cut(job, Some(index));
    }
    Ok(encoded(|out| encode_list(&list, out).ok(), input.len()))
}

fn main() -> ExitCode {
    let arguments = match arguments() {
        Ok(arguments) => arguments,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut input = Vec::new();
    let read = if arguments.file == "-" {
        std::io::stdin().read_to_end(&mut input).map(|_| ())
    } else {
        std::fs::read(&arguments.file).map(|bytes| input = bytes)
    };
    if let Err(error) = read {
        eprintln!("cannot read {}: {error}", arguments.file);
        return ExitCode::from(2);
    }
    // The output types hold every capacity inline (a 100-job page is about
    // 21 MB), so decode on a thread whose stack can hold them.
    let chunk = arguments.chunk;
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || run(&input, chunk));
    let outcome = match worker.map(|handle| handle.join()) {
        Ok(Ok(outcome)) => outcome,
        _ => {
            eprintln!("cannot start the decoding thread");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(json) => {
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(&json).and_then(|()| stdout.write_all(b"\n")).is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
