//! A fixed pseudo-random sequence for the unit tests that generate their
//! inputs: the same inputs on every run, so a failure names one that
//! reproduces.

/// Marsaglia's xorshift64 from the seed it holds.
pub(crate) struct Xorshift(pub(crate) u64);

impl Xorshift {
    /// The next number of the sequence.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// One of `from`, which must not be empty.
    #[cfg(feature = "fast-path")]
    pub(crate) fn pick<'a, T: ?Sized>(&mut self, from: &[&'a T]) -> &'a T {
        from[(self.next() % from.len() as u64) as usize]
    }
}
