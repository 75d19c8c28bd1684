//! The argument parser of `odata-codegen`, with this program's usage text.

use std::process::ExitCode;

/// Parsed arguments.
pub struct Args(odata_codegen_cli::args::Args);

impl Args {
    /// Parses `args`; `with_value` lists the flags that take a value.
    pub fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, ExitCode> {
        odata_codegen_cli::args::Args::parse_for(crate::USAGE, args, with_value, switches).map(Args)
    }
}

impl std::ops::Deref for Args {
    type Target = odata_codegen_cli::args::Args;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// Prints a usage error and gives exit status 2.
pub fn usage(message: String) -> ExitCode {
    odata_codegen_cli::args::usage_of(crate::USAGE, message)
}
