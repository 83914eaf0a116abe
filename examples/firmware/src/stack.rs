//! Stack high-water mark of one call: paint the free stack below the
//! current stack pointer with a pattern, make the call, then scan up from
//! the bottom for the deepest word that no longer holds the pattern.

use cortex_m::register::msp;

const PATTERN: u32 = 0xA5C3_5A3C;

/// How far below the caller's stack pointer to paint: far more than any
/// decode here needs (serde-json-core's list decode is the deepest, at
/// about 170 KB).
const WINDOW: usize = 512 * 1024;

unsafe extern "C" {
    /// cortex-m-rt: the end of `.bss`/`.uninit`, where the stack must stop.
    static __sheap: u32;
}

/// Bytes of stack below the caller's frame that `f(ctx, input)` used, or
/// `None` if it used the whole painted window (treat as an overflow).
///
/// `f` is a function pointer passed through `black_box`, so the call is
/// never inlined into this frame: everything it uses lies below `sp`.
#[inline(never)]
pub fn measure<C>(f: fn(&mut C, &'static [u8]), ctx: &mut C, input: &'static [u8]) -> Option<usize> {
    let sp = msp::read() as usize;
    let heap = core::ptr::addr_of!(__sheap) as usize;
    let bottom = (sp.saturating_sub(WINDOW).max(heap) + 3) & !3;
    let top = sp & !3;
    // Paint the free stack. It lies below this function's frame, nothing
    // else uses it (no interrupts are enabled), and the loop itself keeps
    // to registers.
    let mut at = bottom;
    while at < top {
        // SAFETY: `bottom..top` is free RAM between `.bss` and the stack
        // pointer, word aligned.
        unsafe { (at as *mut u32).write_volatile(PATTERN) };
        at += 4;
    }
    let f = core::hint::black_box(f);
    f(ctx, input);
    let mut at = bottom;
    // SAFETY: the same region, read back.
    while at < top && unsafe { (at as *const u32).read_volatile() } == PATTERN {
        at += 4;
    }
    if at == bottom { None } else { Some(top - at) }
}

/// A call that uses a known amount of stack: a 4 KiB buffer, written.
#[inline(never)]
fn probe(_: &mut (), _: &'static [u8]) {
    let mut buffer = [0u8; 4096];
    core::hint::black_box(&mut buffer);
}

/// Check the method on a call of known depth: 4 KiB plus its few saved
/// registers.
pub fn calibrate(report: &mut crate::Report) {
    let used = measure(probe, &mut (), &[]);
    defmt::info!("MEASURE calibration 4096-byte buffer: {=usize} bytes", used.unwrap_or(0));
    report.check(used.is_some_and(|used| (4096..=4096 + 64).contains(&used)), "stack", "calibration");
}
