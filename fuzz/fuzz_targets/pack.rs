//! Rule pack YAML (Pack::from_yaml), a compiled pack checking its examples and a short report.
//! The oracle is `reportlint::fuzzing::pack`, replayed on stable by `tests/fuzz_regressions.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reportlint::fuzzing::pack(data));
