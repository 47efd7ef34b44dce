//! reportlint.toml (Config::parse), validated against the built-in packs.
//! The oracle is `reportlint::fuzzing::config`, replayed on stable by `tests/fuzz_regressions.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reportlint::fuzzing::config(data));
