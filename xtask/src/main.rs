//! `cargo xtask <command>`: the project's commands.
//!
//! - `regenerate`: writes `generated/` from `schemas/seed.xml`;
//! - `check`: fails when `generated/` is not what `regenerate` writes;
//! - `generate <CSDL file> --out <dir>`: a standalone crate for any document;
//! - `test`: the whole test suite, as CI runs it.

mod args;
mod bench;
mod generate;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  regenerate            write generated/ from schemas/seed.xml
  check                 fail if generated/ is not what `regenerate` writes
  generate, check, why, diff [ARGS]
                        the `odata-codegen` command's (see below), with this
                        checkout's runtime as the default runtime path
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
        odata_codegen_cli::no_transparent_huge_pages();
    }
    let result = match command.as_str() {
        "regenerate" => generate::regenerate(false),
        "check" if rest.is_empty() => generate::regenerate(true),
        "test" => test::run(rest),
        "serve" => test::serve(),
        "bench" => bench::run(rest),
        "__bench" => bench::measure_all(rest),
        "__bench-once" => bench::once(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}{}", odata_codegen_cli::USAGE);
            Ok(())
        }
        other => odata_codegen_cli::run(other, rest, &generate::defaults())
            .unwrap_or_else(|| Err(args::usage(format!("unknown command `{other}`")))),
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
