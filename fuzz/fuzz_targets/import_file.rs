//! Fuzz target: see `tepat_fuzz::import_file`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tepat_fuzz::import_file(data));
