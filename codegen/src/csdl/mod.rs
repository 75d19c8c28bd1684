//! Stage 1, read: CSDL XML → raw structures that keep source locations.
//!
//! Nothing is resolved here: names stay as written, so the resolver can
//! report an unknown type at the place it was written.

mod attrs;
mod expr;
mod input;
pub mod raw;
mod reader;

pub use input::{MAX_DOCUMENT_BYTES, decode};
pub use reader::{EDM_NS, EDMX_NS, MAX_DEPTH, read};
