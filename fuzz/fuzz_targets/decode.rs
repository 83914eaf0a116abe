//! `decode`: arbitrary bytes through the whole-buffer decode, as a single
//! document and as a list document. Never a panic; capacities never change
//! the outcome; a decoded model re-encodes to JSON that decodes to the same
//! model. See `checks::check_decode`.
#![no_main]

use klaviyo_bulk_job_fuzz::checks;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| checks::check_decode(data));
