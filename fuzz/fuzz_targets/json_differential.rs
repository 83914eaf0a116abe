//! `json_differential`: arbitrary bytes as the value of an unknown member of
//! a valid job document. The document decodes exactly when `serde_json`
//! accepts the bytes as JSON, apart from the nesting limit and lone
//! surrogates, which the contract makes errors. See
//! `checks::check_json_differential`.
#![no_main]

use klaviyo_bulk_job_fuzz::checks;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| checks::check_json_differential(data));
