//! A saved web page read and checked.
//! The oracle is `reportlint::fuzzing::html`, replayed on stable by `tests/fuzz_regressions.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reportlint::fuzzing::html(data));
