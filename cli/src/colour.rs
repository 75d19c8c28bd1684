//! Colour for diagnostics, only when they go to a terminal.
//!
//! The diagnostics are rendered as plain text by the library (tests and
//! files compare them exactly); here the severity labels are painted the
//! way rustc paints them, when stderr is a terminal and `NO_COLOR` is not
//! set.

use std::io::IsTerminal;

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const RESET: &str = "\x1b[0m";

/// Whether diagnostics written to stderr should be coloured.
pub fn enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// `text` with the labels of its diagnostics coloured.
pub fn paint(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let label = ["error", "warning"]
            .into_iter()
            .find(|l| line.strip_prefix(l).is_some_and(|rest| rest.starts_with('[') || rest.starts_with(':')));
        if let Some(label) = label {
            let colour = if label == "error" { RED } else { YELLOW };
            let end = line.find(':').unwrap_or(label.len());
            out.push_str(colour);
            out.push_str(&line[..end]);
            out.push_str(RESET);
            out.push_str(&line[end..]);
        } else if let Some(at) = line.find("--> ").filter(|&at| line[..at].trim().is_empty()) {
            out.push_str(&line[..at]);
            out.push_str(BLUE);
            out.push_str("-->");
            out.push_str(RESET);
            out.push_str(&line[at + 3..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::paint;

    #[test]
    fn labels_are_painted_and_text_is_kept() {
        let text = "error[E0101]: unknown type `x`\n  --> a.xml:3:7\n   |\nwarning[W0001]: no collection\nplain line\n";
        let painted = paint(text);
        assert!(painted.starts_with("\x1b[1;31merror[E0101]\x1b[0m: unknown type `x`\n"));
        assert!(painted.contains("  \x1b[1;34m-->\x1b[0m a.xml:3:7\n"));
        assert!(painted.contains("\x1b[1;33mwarning[W0001]\x1b[0m: no collection\n"));
        assert!(painted.ends_with("plain line\n"));
        // Without the escapes, the text is what was given.
        let plain = painted
            .replace("\x1b[1;31m", "")
            .replace("\x1b[1;33m", "")
            .replace("\x1b[1;34m", "")
            .replace("\x1b[0m", "");
        assert_eq!(plain, text);
    }
}
