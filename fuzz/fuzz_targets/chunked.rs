//! `chunked`: arbitrary bytes plus arbitrary split points (the first byte's
//! low 4 bits say how many chunk sizes follow, one byte each) through the
//! streaming decoder. The outcome equals the whole-buffer decode's: the same
//! model, or the same error kind, offset and path. See
//! `checks::check_chunked`.
#![no_main]

use klaviyo_bulk_job_fuzz::checks;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| checks::check_chunked(data));
