//! Instructions executed by one call, counted by SysTick. `qemu-run.sh`
//! runs QEMU with `-icount shift=0`: each guest instruction advances the
//! virtual clock by 1 ns, and SysTick, clocked by the 25 MHz processor
//! clock, ticks once every 40 of them. So a count of ticks times 40 is the
//! call's instructions on the Cortex-M4, to within 40: the same figure on
//! any host, however busy.

use cortex_m::peripheral::SYST;
use cortex_m::peripheral::syst::SystClkSource;

/// Instructions a SysTick tick stands for: 1 ns an instruction
/// (`-icount shift=0`) over the 40 ns period of the 25 MHz clock.
pub const PER_TICK: u32 = 40;

/// The counter's reload value: it counts down from here, 24 bits.
const RELOAD: u32 = 0x00FF_FFFF;

/// Start SysTick as a free-running counter of the processor clock, with
/// no interrupt.
pub fn start(mut syst: SYST) {
    syst.set_clock_source(SystClkSource::Core);
    syst.set_reload(RELOAD);
    syst.clear_current();
    syst.disable_interrupt();
    syst.enable_counter();
}

/// Instructions that `f(ctx, input)` executed, to within [`PER_TICK`].
/// The counter wraps every 2^24 ticks, 671 million instructions, far more
/// than any decode here.
///
/// `f` is a function pointer passed through `black_box`, as in
/// [`crate::stack::measure`], so the call stays a call.
#[inline(never)]
pub fn measure<C>(f: fn(&mut C, &'static [u8]), ctx: &mut C, input: &'static [u8]) -> u32 {
    let f = core::hint::black_box(f);
    let before = SYST::get_current();
    f(ctx, input);
    let after = SYST::get_current();
    // The counter counts down, and wraps from 0 to RELOAD.
    (before.wrapping_sub(after) & RELOAD) * PER_TICK
}

/// A loop of a known number of rounds, each a few instructions.
#[inline(never)]
fn probe(rounds: &mut u32, _: &'static [u8]) {
    for round in 0..*rounds {
        core::hint::black_box(round);
    }
}

/// Check that the counter counts instructions: an empty loop costs less
/// than one tick, and 10 000 rounds of a loop between 2 and 8 instructions
/// a round (QEMU without `-icount` gives 0, or host time).
pub fn calibrate(report: &mut crate::Report) {
    let empty = measure(probe, &mut 0, &[]);
    let loop_of = measure(probe, &mut 10_000, &[]);
    defmt::info!("MEASURE calibration instructions: empty {=u32}, 10 000 rounds {=u32}", empty, loop_of);
    report.check(empty <= PER_TICK, "instructions", "calibration: an empty call");
    report.check((20_000..=80_000).contains(&loop_of), "instructions", "calibration: 10 000 rounds");
}
