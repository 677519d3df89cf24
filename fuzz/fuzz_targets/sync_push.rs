//! Fuzz target: see `tepat_fuzz::sync_push`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tepat_fuzz::sync_push(data));
