//! The callgrind driver for instruction counts (issue 5): runs one parser
//! over one reference document a given number of times, and nothing else.
//!
//!     instructions <document> <parser> <iterations>
//!
//! `scripts/instructions.sh` runs it under `valgrind --tool=callgrind` with 1
//! and 11 iterations; the difference over 10 iterations is the cost of one
//! decode, without the setup (reading the file, allocating the outputs, the
//! check). Every run first checks, like the criterion bench, that the parser
//! decodes the document; a parser that cannot prints `FAILED: <error>` and
//! exits with status 2. A run that succeeds prints `feeds: <n>`, the pieces
//! one decode is given in.
//!
//! The document may also be the path of any job or list document's file
//! (`scripts/skip-forms.sh` passes three forms of `included`).
//!
//! Without a document, parser and count (as under `cargo bench`, which
//! passes `--bench`, or `cargo test --benches`) it only checks every
//! document × parser and prints the result, so the whole suite still runs.

mod support;

use std::process::ExitCode;

use support::{Document, Parser, Runner, Task, check, dispatch, expected};

/// Check, then run `iterations` times.
struct Measure {
    iterations: u64,
    expected: support::Summary,
}

impl Task for Measure {
    /// The pieces one decode is given in.
    type Output = Result<usize, String>;

    fn call<R: Runner>(self, mut runner: R) -> Result<usize, String> {
        check(&mut runner, &self.expected)?;
        for _ in 0..self.iterations {
            runner.run()?;
        }
        Ok(runner.feeds())
    }
}

fn usage() -> ExitCode {
    let documents: Vec<_> = support::DOCUMENTS.iter().map(|(name, _)| *name).collect();
    let parsers: Vec<_> = Parser::ALL.iter().chain(&Parser::DIAGNOSTICS).map(|parser| parser.id()).collect();
    eprintln!("usage: instructions <document> <parser> <iterations>");
    eprintln!("  documents: {}, or the path of a .json file", documents.join(" "));
    eprintln!("  parsers:   {}", parsers.join(" "));
    ExitCode::from(64)
}

fn main() -> ExitCode {
    support::with_big_stack(run)
}

fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|arg| !arg.starts_with("--")).collect();
    if args.is_empty() {
        for document in Document::selected() {
            for parser in Parser::ALL.into_iter().chain(Parser::DIAGNOSTICS) {
                let task = Measure { iterations: 0, expected: expected(&document.bytes) };
                match dispatch(parser, &document, task) {
                    Ok(1) => println!("{}/{}: decodes", document.name, parser.id()),
                    Ok(feeds) => println!("{}/{}: decodes, fed in {feeds} pieces", document.name, parser.id()),
                    Err(error) => println!("{}/{}: FAILED: {error}", document.name, parser.id()),
                }
            }
        }
        return ExitCode::SUCCESS;
    }
    let [document, parser, iterations] = args.as_slice() else { return usage() };
    let (Some(document), Some(parser), Ok(iterations)) =
        (Document::load(document), Parser::from_id(parser), iterations.parse::<u64>())
    else {
        return usage();
    };
    let task = Measure { iterations, expected: expected(&document.bytes) };
    match dispatch(parser, &document, task) {
        Ok(feeds) => {
            println!("feeds: {feeds}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            println!("FAILED: {error}");
            ExitCode::from(2)
        }
    }
}
