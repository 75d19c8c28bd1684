//! `cargo xtask <command>`: the project's commands.
//!
//! - `regenerate`: writes `generated/` from `schemas/seed.xml`;
//! - `check`: fails when `generated/` is not what `regenerate` writes;
//! - `generate <CSDL file> --out <dir>`: a standalone crate for any document;
//! - `test`: the whole test suite, as CI runs it.

mod args;
mod bench;
mod colour;
mod generate;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  regenerate            write generated/ from schemas/seed.xml
  check                 fail if generated/ is not what `regenerate` writes
  generate [<CSDL>] --out <DIR> [options]
                        write a standalone crate for a CSDL document
      --config <FILE>           read a codegen.toml (default: the one beside
                                the CSDL file, if its `input` is that file)
      --crate-name <NAME>       package name (default: from the file name)
      --runtime-path <PATH>     path of odata-runtime, relative to DIR
                                (default: this checkout's runtime/)
      --runtime-version <REQ>   depend on a published odata-runtime instead
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
  why <TYPE> [<CSDL>] [options] print the chain of references that brought a
                                type into a subset (same options as generate)
  diff <OLD CSDL> <NEW CSDL>    list what changes for users of the generated
                                crate; exit 1 when something breaks
  test [ARGS]           run every test (the command CI runs), with the OData
                        test service started; ARGS go to `cargo test`
  serve                 start the OData test service and print its URL
  bench [--runs N] [--json] [--compare] [--runtime] [--compile]
                        measure the generator (release build) on Microsoft
                        Graph v1.0 and the seed schema; --compare runs
                        odata2ts and the SAP Cloud SDK generator too,
                        --runtime the generated types against serde_json::Value,
                        --compile the cost of compiling the generated crate
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    if matches!(command.as_str(), "regenerate" | "check" | "generate" | "why" | "diff" | "__bench-once") {
        no_transparent_huge_pages();
    }
    let result = match command.as_str() {
        "regenerate" => generate::regenerate(false),
        "check" => generate::regenerate(true),
        "generate" => generate::generate(rest),
        "why" => generate::why(rest),
        "diff" => generate::diff(rest),
        "test" => test::run(rest),
        "serve" => test::serve(),
        "bench" => bench::run(rest),
        "__bench" => bench::measure_all(rest),
        "__bench-once" => bench::once(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(args::usage(format!("unknown command `{other}`"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// Generation allocates and frees millions of small token trees;
/// mimalloc does that about twice as fast as the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off for this process (and what it starts)
/// in the commands that generate. mimalloc asks for huge pages for its
/// arenas; the kernel then clears 2 MB at every first touch. On Graph v1.0
/// that doubled peak memory (about 110 MB against 58 MB) and made a first
/// run after a pause take about 320 ms instead of 190 ms, for a few
/// milliseconds gained on repeated runs. The commands that run cargo or
/// other programs (test, bench) leave the setting alone, as it is inherited.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)` takes integers only
    // and changes a flag of this process; it touches no memory of ours. A
    // kernel without it returns an error, which leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
