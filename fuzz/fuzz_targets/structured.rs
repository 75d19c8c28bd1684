//! Well-formed CSDL with troublesome names and references through the
//! whole generator.
#![no_main]

use odata_codegen_fuzz::csdl::Document;

libfuzzer_sys::fuzz_target!(|doc: Document| {
    odata_codegen_fuzz::check(doc.to_xml().as_bytes());
});
