//! annotate, with the read-back of the annotated copy as the oracle.
//! The oracle is `reportlint::fuzzing::annotate`, replayed on stable by `tests/fuzz_regressions.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reportlint::fuzzing::annotate(data));
