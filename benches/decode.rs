//! Throughput of `klaviyo-bulk-job` against its peers, over the same bytes
//! in the same run (issue 5).
//!
//!     cargo bench --bench decode
//!
//! One group per reference document (`benches/data/*.json`, written by
//! `benches/data/generate.py`), with `Throughput::Bytes`, and one row per
//! parser: bench IDs `<document>/<parser>`. Before a row is timed, its parser
//! decodes the document once and the result is compared with the content
//! read through `serde_json::Value`; a parser that fails or decodes something
//! else is reported as `FAILED` with its error and is not timed.
//!
//! `BENCH_DOCUMENTS=a.json:b.json` benches those files instead, each named
//! by its file's stem (`scripts/skip-forms.sh --time` uses it).

mod support;

use criterion::{Criterion, Throughput};
use support::{Document, Parser, Runner, Task, check, dispatch, expected, with_big_stack};

struct Bench<'c, 'g> {
    group: &'g mut criterion::BenchmarkGroup<'c, criterion::measurement::WallTime>,
    document: &'g Document,
    parser: Parser,
}

impl Task for Bench<'_, '_> {
    type Output = ();

    fn call<R: Runner>(self, mut runner: R) {
        let id = format!("{}/{}", self.document.name, self.parser.id());
        if let Err(error) = check(&mut runner, &expected(&self.document.bytes)) {
            eprintln!("{id}: FAILED, not measured: {error}");
            return;
        }
        self.group.bench_function(self.parser.id(), |b| b.iter(|| runner.run()));
    }
}

fn decode(c: &mut Criterion) {
    for document in Document::selected() {
        let mut group = c.benchmark_group(document.name);
        group.throughput(Throughput::Bytes(document.bytes.len() as u64));
        for parser in Parser::ALL {
            dispatch(parser, &document, Bench { group: &mut group, document: &document, parser });
        }
        group.finish();
    }
}

/// `criterion_main!`, on a thread with a big stack.
fn main() {
    with_big_stack(|| {
        let mut criterion = Criterion::default().configure_from_args();
        decode(&mut criterion);
        criterion.final_summary();
    });
}
