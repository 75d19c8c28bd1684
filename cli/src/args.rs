//! A small argument parser: flags with values, and positionals.

use std::process::ExitCode;

/// Prints a usage error and gives exit status 2.
pub fn usage(message: String) -> ExitCode {
    usage_of(crate::USAGE, message)
}

/// Prints a usage error followed by `text` (the usage of the program that
/// parsed the arguments) and gives exit status 2.
pub fn usage_of(text: &str, message: String) -> ExitCode {
    eprintln!("error: {message}\n\n{text}");
    ExitCode::from(2)
}

/// Parsed arguments: positionals in order, flags by name.
#[derive(Clone)]
pub struct Args {
    pub positional: Vec<String>,
    flags: Vec<(String, Option<String>)>,
}

impl Args {
    /// Parses `args`; `with_value` lists the flags that take a value.
    pub fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, ExitCode> {
        Args::parse_for(crate::USAGE, args, with_value, switches)
    }

    /// [`Args::parse`] for a program whose usage text is `text`.
    pub fn parse_for(text: &str, args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, ExitCode> {
        let usage = |message: String| usage_of(text, message);
        let mut positional = Vec::new();
        let mut flags = Vec::new();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if let Some(name) = arg.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_owned())),
                    None => (name, None),
                };
                if with_value.contains(&name) {
                    let value = match inline {
                        Some(v) => v,
                        None => iter.next().cloned().ok_or_else(|| usage(format!("`--{name}` needs a value")))?,
                    };
                    flags.push((name.to_owned(), Some(value)));
                } else if switches.contains(&name) && inline.is_none() {
                    flags.push((name.to_owned(), None));
                } else {
                    return Err(usage(format!("unknown option `--{name}`")));
                }
            } else if arg == "-v" && switches.contains(&"verbose") {
                flags.push(("verbose".to_owned(), None));
            } else if arg.starts_with('-') && arg != "-" {
                return Err(usage(format!("unknown option `{arg}`")));
            } else {
                positional.push(arg.clone());
            }
        }
        Ok(Args { positional, flags })
    }

    /// The value of flag `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.flags.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    /// Every value of a flag that may be repeated.
    pub fn values(&self, name: &str) -> Vec<String> {
        self.flags.iter().filter(|(n, _)| n == name).filter_map(|(_, v)| v.clone()).collect()
    }

    /// Whether switch `name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }
}
