//! Tests only: see `tests/live.rs`. They need the test service that
//! `cargo xtask test` starts; its URL comes in `ODATA_TEST_SERVER`.
