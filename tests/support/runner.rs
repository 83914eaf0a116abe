//! Runs a proptest property on a thread with a large stack.
//!
//! The model strategies nest deeply (a list of jobs of relationships of
//! members, each value a tuple of value trees), and in a debug build
//! building their value trees takes more than the 2 MiB libtest gives a
//! test thread. The property itself is unchanged: the same runner, the
//! same shrinking, the minimal failing input in the panic message.
#![allow(dead_code)]

use std::fmt::Debug;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

/// Stack for the property thread.
const STACK: usize = 64 << 20;

/// `cases` cases, no regression file (minimal failures are kept as literal
/// regression tests instead).
pub fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Run `test` on `cases` values of the strategy `make` builds; panic with
/// the shrunk minimal input if it fails.
pub fn check<S, F>(cases: u32, make: impl FnOnce() -> S + Send + 'static, test: F)
where
    S: Strategy,
    S::Value: Debug,
    F: Fn(S::Value) -> Result<(), TestCaseError> + Send + 'static,
{
    let name = std::thread::current().name().unwrap_or("property").to_owned();
    let thread = std::thread::Builder::new()
        .name(name)
        .stack_size(STACK)
        .spawn(move || {
            let mut runner = TestRunner::new(config(cases));
            match runner.run(&make(), test) {
                Ok(()) => Ok(()),
                Err(TestError::Fail(reason, value)) => Err(format!("{reason}\nminimal failing input: {value:#?}")),
                Err(TestError::Abort(reason)) => Err(format!("aborted: {reason}")),
            }
        })
        .expect("spawn the property thread");
    match thread.join() {
        Ok(Ok(())) => {}
        Ok(Err(message)) => panic!("{message}"),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Run `body` on a thread with a large stack and return its result,
/// re-raising its panic. serde deserializes by value, and a debug build
/// copies a `JobList` (hundreds of KiB) several times on the way up.
pub fn on_big_stack<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> T {
    let name = std::thread::current().name().unwrap_or("big-stack").to_owned();
    let thread = std::thread::Builder::new().name(name).stack_size(STACK).spawn(body).expect("spawn a thread");
    thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
