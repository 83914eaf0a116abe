//! klaviyo-bulk-job on a Cortex-M4 (QEMU `mps2-an386`).
//!
//! Decodes the bundled job documents whole and in 64-byte chunks, checks
//! every result against the values compiled into `expected.rs`, decodes
//! malformed documents and checks their errors, and measures the stack
//! high-water mark and the instructions of each decode. Everything is
//! logged through defmt over semihosting; the exit status (semihosting
//! `exit`) is the verdict.
//!
//! Features pick the decoder:
//! - `ours` (default): klaviyo-bulk-job.
//! - `serde-json-core`: serde-json-core 0.6 into serde-derived heapless
//!   structs of the same capacities (build it with `--no-default-features`).
//! - `bare`: no checks and no logging, only the decodes: for measuring the
//!   decoder's share of flash. Without a decoder it decodes nothing.
//!
//! No allocator exists in this firmware: nothing here or in the crates it
//! links defines a `#[global_allocator]`, and `run.sh` checks the ELF.
#![no_std]
#![no_main]
// The bare builds decode without checking or logging.
#![cfg_attr(feature = "bare", allow(dead_code, unused_imports))]

use cortex_m_rt::{ExceptionFrame, entry, exception};
use cortex_m_semihosting::debug::{self, EXIT_FAILURE, EXIT_SUCCESS};
use defmt_semihosting as _;

mod expected;
mod instructions;
#[cfg(feature = "ours")]
mod ours;
#[cfg(feature = "serde-json-core")]
mod sjc;
mod stack;

/// One measured decode: the decoder, whole or chunked, the output it
/// writes and the document.
#[derive(Clone, Copy)]
pub struct Case<'a> {
    pub decoder: &'a str,
    pub mode: &'a str,
    pub output: &'a str,
    pub doc: &'a str,
}

/// Counts checks and failures; every failure is logged where it happens.
pub struct Report {
    checks: u32,
    failures: u32,
}

impl Report {
    pub fn check(&mut self, ok: bool, doc: &str, what: &str) {
        self.checks += 1;
        if !ok {
            self.failures += 1;
            defmt::error!("MISMATCH {=str}: {=str}", doc, what);
        }
    }

    /// A decode that had to succeed.
    pub fn ok<E: defmt::Format>(&mut self, result: &Result<(), E>, decoder: &str, mode: &str, doc: &str) -> bool {
        self.checks += 1;
        match result {
            Ok(()) => true,
            Err(error) => {
                self.failures += 1;
                defmt::error!("MISMATCH {=str} {=str} {=str}: decode failed: {}", decoder, mode, doc, error);
                false
            }
        }
    }

    /// Decode `input` with `run` twice, once for its stack high-water mark
    /// and once for its instructions, and log both.
    pub fn measure<C>(&mut self, case: Case<'_>, run: fn(&mut C, &'static [u8]), ctx: &mut C, input: &'static [u8]) {
        let Case { decoder, mode, output, doc } = case;
        self.stack(decoder, mode, output, doc, stack::measure(run, ctx, input));
        let count = instructions::measure(run, ctx, input);
        defmt::info!("MEASURE instructions {=str} {=str} {=str} {=str} {=u32}", decoder, mode, output, doc, count);
    }

    /// Log a stack high-water mark; an overflow of the painted window fails.
    pub fn stack(&mut self, decoder: &str, mode: &str, output: &str, doc: &str, used: Option<usize>) {
        match used {
            Some(bytes) => {
                defmt::info!("MEASURE stack {=str} {=str} {=str} {=str} {=usize}", decoder, mode, output, doc, bytes)
            }
            None => self.check(false, doc, "stack use beyond the painted window"),
        }
    }
}

#[entry]
fn main() -> ! {
    #[cfg(feature = "bare")]
    {
        #[cfg(feature = "ours")]
        ours::bare();
        #[cfg(feature = "serde-json-core")]
        sjc::bare();
        #[cfg(not(any(feature = "ours", feature = "serde-json-core")))]
        for doc in expected::DOCUMENTS.iter().map(|d| d.bytes).chain(expected::MALFORMED.iter().map(|m| m.bytes)) {
            core::hint::black_box(doc);
        }
        debug::exit(EXIT_SUCCESS);
    }
    #[cfg(not(feature = "bare"))]
    {
        let mut report = Report { checks: 0, failures: 0 };
        defmt::info!(
            "firmware: {=usize} documents, {=usize} malformed",
            expected::DOCUMENTS.len(),
            expected::MALFORMED.len()
        );
        if let Some(peripherals) = cortex_m::Peripherals::take() {
            instructions::start(peripherals.SYST);
        }
        stack::calibrate(&mut report);
        instructions::calibrate(&mut report);
        #[cfg(feature = "ours")]
        ours::run(&mut report);
        #[cfg(feature = "serde-json-core")]
        sjc::run(&mut report);
        if report.failures == 0 && report.checks > 0 {
            defmt::info!("RESULT PASS {=u32} checks", report.checks);
            debug::exit(EXIT_SUCCESS);
        } else {
            defmt::error!("RESULT FAIL {=u32} of {=u32} checks failed", report.failures, report.checks);
            debug::exit(EXIT_FAILURE);
        }
    }
    #[allow(clippy::empty_loop)]
    loop {}
}

/// A panic is a failure: log where, and exit non-zero.
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    // The bare builds measure the decoder's flash: keep the logger out.
    #[cfg(feature = "bare")]
    let _ = info;
    #[cfg(not(feature = "bare"))]
    match info.location() {
        Some(at) => defmt::error!("PANIC at {=str}:{=u32}", at.file(), at.line()),
        None => defmt::error!("PANIC"),
    }
    debug::exit(EXIT_FAILURE);
    #[allow(clippy::empty_loop)]
    loop {}
}

/// A fault (a stack overflow into .bss ends here too) is a failure.
#[exception]
unsafe fn HardFault(frame: &ExceptionFrame) -> ! {
    #[cfg(feature = "bare")]
    let _ = frame;
    #[cfg(not(feature = "bare"))]
    defmt::error!("HARDFAULT at pc={=u32:#x}", frame.pc());
    debug::exit(EXIT_FAILURE);
    #[allow(clippy::empty_loop)]
    loop {}
}
