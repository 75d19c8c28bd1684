//! Tests only: see `tests/`. Each test file uses one generated crate the way
//! a downstream crate would, and checks what its JSON and requests do.
