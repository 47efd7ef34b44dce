//! Text decode, outline and check with every renderer (human, JSON, SARIF, GitHub).
//! The oracle is `reportlint::fuzzing::text`, replayed on stable by `tests/fuzz_regressions.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reportlint::fuzzing::text(data));
