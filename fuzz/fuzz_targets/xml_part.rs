//! One XML part as the main document, the styles and the numbering of a minimal package.
//! The oracle is `reportlint::fuzzing::xml_part`, replayed on stable by `tests/fuzz_regressions.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reportlint::fuzzing::xml_part(data));
