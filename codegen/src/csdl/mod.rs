//! Stage 1, read: CSDL XML → raw structures that keep source locations.
//!
//! Nothing is resolved here: names stay as written, so the resolver can
//! report an unknown type at the place it was written.

mod attrs;
mod input;
pub mod raw;
mod reader;

pub use input::{decode, MAX_DOCUMENT_BYTES};
pub use reader::{read, EDMX_NS, EDM_NS, MAX_DEPTH};
