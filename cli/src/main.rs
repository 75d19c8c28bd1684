//! `odata-codegen <command>`: see [`odata_codegen_cli::USAGE`].

use std::process::ExitCode;

use odata_codegen_cli::{Defaults, USAGE, args::usage};

/// Generation allocates and frees millions of small token trees;
/// mimalloc does that about twice as fast as the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    odata_codegen_cli::no_transparent_huge_pages();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        "--version" | "-V" => {
            println!("odata-codegen {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        other => odata_codegen_cli::run(other, rest, &Defaults::default())
            .unwrap_or_else(|| Err(usage(format!("unknown command `{other}`")))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
