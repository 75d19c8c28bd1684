//! Generates the TripPin client into `OUT_DIR` from the saved `$metadata`.
//! Cargo runs this again when the document changes (the builder prints
//! `cargo:rerun-if-changed` for it).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    odata_codegen::build::Builder::new()
        .input("metadata/TripPin.xml")
        .module_path("trippin")
        .service_root("https://services.odata.org/V4/TripPinServiceRW")
        .generate()?;
    Ok(())
}
