//! Arbitrary bytes through the whole generator.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    odata_codegen_fuzz::check(data);
});
