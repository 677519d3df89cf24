//! Fuzz target: see `tepat_fuzz::national_result`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tepat_fuzz::national_result(data));
