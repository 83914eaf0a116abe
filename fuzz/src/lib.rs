//! The fuzz crate's shared code: the checks (also replayed on stable by
//! `tests/fuzz_regressions.rs`) and the `arbitrary` model generator and
//! re-serializer of the `roundtrip` target.

pub mod checks;
pub mod generate;
pub mod reserialize;
