//! The README's Rust examples, compiled (see `build.rs`). Each block is
//! the body of `block_<n>::run`, with the imports of its prelude and the
//! variables it assumes declared before it (`build.rs`, `GIVEN`).

/// A value of any type, for the variables an example assumes (never run:
/// the examples are compiled, not executed).
fn given<T>() -> T {
    unimplemented!("the README examples are compiled, not run")
}

/// What each kind of block finds in scope.
mod prelude {
    /// Blocks that use the Graph crate (called `graph` in the README).
    pub mod graph {
        pub use ::graph::microsoft_graph::{DirectoryObject, Message, User as Body, User, graph_service as graph};
        pub use ::graph::runtime::Changes;
        pub use ::graph::runtime::client::Client;
        pub use ::graph::runtime::expect::Conditional;
        pub use ::graph::runtime::request::ServiceRoot;
    }

    /// Blocks that use the seed crate (`graph_seed`).
    pub mod seed {
        pub use ::graph::microsoft_graph::{Message, User};
        pub use ::graph::runtime::client::Client;
        pub use graph_seed::microsoft_graph::Security as Body;
        pub use graph_seed::runtime::Changes;
    }

    /// Blocks that use the test service's client.
    pub mod cap {
        pub use ::graph::microsoft_graph::{Message, User};
        pub use cap_graph::microsoft_graph::{Security as Body, entity_container};
        pub use cap_graph::runtime::Changes;
        pub use cap_graph::runtime::client::Client;
        pub use cap_graph::runtime::request::ServiceRoot;
        pub use std::time::Duration;
    }
}

include!(concat!(env!("OUT_DIR"), "/readme_blocks.rs"));

// The README's blocks were found: a change of fence would otherwise
// compile nothing and pass.
const _: () = assert!(COMPILED >= 12, "README blocks are missing");

#[cfg(test)]
mod tests {
    /// Blocks that show generated code are what the generator writes for
    /// the seed.
    #[test]
    fn generated_code_excerpts_are_in_the_seed_crate() {
        let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../generated/src/microsoft_graph/security.rs");
        let text = std::fs::read_to_string(seed).unwrap();
        assert!(!super::EXCERPTS.is_empty());
        for excerpt in super::EXCERPTS {
            assert!(text.contains(excerpt), "the README shows generated code the seed crate does not hold:\n{excerpt}");
        }
    }
}
