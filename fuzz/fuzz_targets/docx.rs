//! A .docx package read and checked.
//! The oracle is `reportlint::fuzzing::docx_file`, replayed on stable by `tests/fuzz_regressions.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reportlint::fuzzing::docx_file(data));
