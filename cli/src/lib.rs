//! The `odata-codegen` command: generate a typed Rust crate from an OData
//! service's CSDL metadata, check that a committed crate is up to date,
//! explain why a type is in a subset, and compare two versions of a
//! service's metadata.
//!
//! The binary is a thin `main` over [`run`]; this workspace's `cargo xtask`
//! calls the same functions, with this checkout's runtime as the default
//! dependency of what it generates.

pub mod args;
pub mod colour;
pub mod commands;
mod fetch;

use std::path::PathBuf;
use std::process::ExitCode;

/// What the calling program decides for the commands.
#[derive(Clone, Debug, Default)]
pub struct Defaults {
    /// The runtime a generated crate depends on by path when neither the
    /// flags nor the configuration name one. `None`: the published
    /// runtime, by version ([`commands::RUNTIME_VERSION`]).
    pub runtime_path: Option<PathBuf>,
}

/// The usage text of the commands this crate implements.
pub const USAGE: &str = "\
usage: odata-codegen <command>

commands:
  generate [<CSDL>] --out <DIR> [options]
                        write a standalone crate for a CSDL document
      --config <FILE>           read a codegen.toml (default: the one beside
                                the CSDL file, if its `input` is that file)
      --url <URL>               read the metadata from a service instead of a
                                file (`https://host/service/$metadata`); the
                                document and the ones it references by
                                relative URL are saved (see --save-to)
      --header 'Name: value'    send this header with --url (repeatable),
                                e.g. 'Authorization: Bearer ...'
      --timeout <SECONDS>       give up on --url after this long (default 30)
      --max-size <BYTES>        refuse a document larger than this
                                (default 67108864, 64 MiB)
      --save-to <FILE>          where the fetched document goes (default
                                DIR/metadata.xml); references beside it
      --crate-name <NAME>       package name (default: from the file name)
      --runtime-path <PATH>     path of odata-runtime, relative to DIR
      --runtime-version <REQ>   depend on a published odata-runtime (the
                                default, with the version of this generator)
      --include <PATTERN>       generate only these types, entity sets and
                                singletons and what they need (repeatable;
                                `*` matches anything: `microsoft.graph.security.*`)
      --exclude <PATTERN>       never generate these (repeatable)
      --closure <MODES>         what else comes along: structural (default),
                                navigation, derived, full; comma-separated
      --strict                  treat warnings as errors
      -v, --verbose             every warning (default: ten of each kind),
                                and the time of each stage
      --message-format short    one line per diagnostic
  check [<CSDL>] --out <DIR> [options]
                        fail, listing each stale, missing or extra file, when
                        DIR is not what `generate` would write (same options)
  why <TYPE> [<CSDL>] [options] print the chain of references that brought a
                                type into a subset (same options as generate)
  diff <OLD CSDL> <NEW CSDL>    list what changes for users of the generated
                                crate; exit 1 when something breaks
";

/// Runs `command` with `args`; `None` when this crate has no such command
/// (the caller may have its own).
pub fn run(command: &str, args: &[String], defaults: &Defaults) -> Option<Result<(), ExitCode>> {
    Some(match command {
        "generate" => commands::generate(args, defaults),
        "check" => commands::check(args, defaults),
        "why" => commands::why(args, defaults),
        "diff" => commands::diff(args),
        _ => return None,
    })
}

/// Turns transparent huge pages off for this process (and what it starts)
/// in the commands that generate. mimalloc asks for huge pages for its
/// arenas; the kernel then clears 2 MB at every first touch. On Graph v1.0
/// that doubled peak memory (about 110 MB against 58 MB) and made a first
/// run after a pause take about 320 ms instead of 190 ms, for a few
/// milliseconds gained on repeated runs. The setting is inherited, so a
/// program that also runs others (`cargo xtask test`, `bench`) calls this
/// only for its generating commands.
pub fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)` takes integers only
    // and changes a flag of this process; it touches no memory of ours. A
    // kernel without it returns an error, which leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
