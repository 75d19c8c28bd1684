//! Diagnostics: errors and warnings with a stable code and a source
//! location, printed the way rustc prints them.

use std::fmt::{self, Write as _};
use std::sync::OnceLock;

/// A document being read: its name as the user gave it, and its text.
#[derive(Debug)]
pub struct SourceFile {
    name: String,
    text: String,
    line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    /// A document named `name` (shown in diagnostics) with content `text`.
    pub fn new(name: impl Into<String>, text: String) -> Self {
        SourceFile { name: name.into(), text, line_starts: OnceLock::new() }
    }

    /// The name shown in diagnostics.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i as u32 + 1))
                .collect()
        })
    }

    /// The 1-based line and column (in characters) of byte offset `pos`.
    pub fn line_col(&self, pos: u32) -> (usize, usize) {
        let pos = (pos as usize).min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s as usize <= pos) - 1;
        let start = starts[line] as usize;
        let col = self.text.get(start..pos).map_or(pos - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line - 1) else { return "" };
        let end = starts.get(line).map_or(self.text.len(), |&e| e as usize);
        self.text.get(start as usize..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }
}

/// Index of a [`SourceFile`] in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// The documents of one generation: the main document and the documents it
/// references.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a document.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    /// The document `id`.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// How many documents there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A place in a document: byte offset and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The document.
    pub file: FileId,
    /// Byte offset.
    pub pos: u32,
    /// Length in bytes (0 for a point).
    pub len: u32,
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Generation cannot go on.
    Error,
    /// Generation goes on; strict mode makes it an error.
    Warning,
}

/// A diagnostic: what is wrong, where, and what might fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code, such as `E0301`. See [`crate::codes`].
    pub code: &'static str,
    /// One line saying what is wrong.
    pub message: String,
    /// Where, when the problem has a place in a document.
    pub location: Option<Location>,
    /// A suggestion, printed as `= help: ...`.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, code, message: message.into(), location: None, help: None }
    }

    /// A warning.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, code, message: message.into(), location: None, help: None }
    }

    /// The same diagnostic at `location`.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// The same diagnostic with a suggestion.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col` of the diagnostic, if it has a location.
    pub fn position(&self, sources: &Sources) -> Option<String> {
        let loc = self.location?;
        let file = sources.get(loc.file);
        let (line, col) = file.line_col(loc.pos);
        Some(format!("{}:{line}:{col}", file.name()))
    }

    /// The diagnostic as rustc prints one: the header, the `-->` location,
    /// the source line with a caret under the place, and the help.
    pub fn render(&self, sources: &Sources) -> String {
        let mut out = String::new();
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{kind}[{}]: {}", self.code, self.message);
        if let Some(loc) = self.location {
            let file = sources.get(loc.file);
            let (line, col) = file.line_col(loc.pos);
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            let _ = writeln!(out, "{pad}--> {}:{line}:{col}", file.name());
            let text = file.line_text(line);
            // Long lines (minified documents are one line) are cut around
            // the caret so the excerpt stays readable.
            let (shown, caret_col) = excerpt(text, col - 1, 100);
            let width = {
                let (end_line, end_col) = file.line_col(loc.pos + loc.len);
                if end_line == line && loc.len > 0 { (end_col - col).clamp(1, 100) } else { 1 }
            };
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{line} | {shown}");
            let _ = writeln!(out, "{pad} | {}{}", " ".repeat(caret_col), "^".repeat(width));
        }
        if let Some(help) = &self.help {
            let pad = self.location.map_or(0, |loc| sources.get(loc.file).line_col(loc.pos).0.to_string().len());
            let _ = writeln!(out, "{} = help: {help}", " ".repeat(pad));
        }
        out
    }

    /// The diagnostic on one line: `file:line:col: error[E0301]: message`.
    pub fn render_short(&self, sources: &Sources) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.position(sources) {
            Some(at) => format!("{at}: {kind}[{}]: {}", self.code, self.message),
            None => format!("{kind}[{}]: {}", self.code, self.message),
        }
    }
}

/// Up to `max` characters of `text` around character column `col`, with
/// tabs shown as spaces; and the caret's column in what is shown.
fn excerpt(text: &str, col: usize, max: usize) -> (String, usize) {
    let chars: Vec<char> = text.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    if chars.len() <= max {
        let caret = col.min(chars.len());
        return (chars.into_iter().collect(), caret);
    }
    let start = col.saturating_sub(max / 2).min(chars.len().saturating_sub(max));
    let end = (start + max).min(chars.len());
    let mut shown = String::new();
    let mut caret = col - start;
    if start > 0 {
        shown.push_str("...");
        caret += 3;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push_str("...");
    }
    (shown, caret)
}

/// The diagnostics of one generation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

/// How many errors are collected before generation stops looking for more.
pub const MAX_ERRORS: usize = 50;

impl Diagnostics {
    /// Adds a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// All diagnostics, in the order they were found.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Whether there is an error.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Whether enough errors were collected to stop.
    pub fn too_many(&self) -> bool {
        self.errors().count() >= MAX_ERRORS
    }

    /// Turns every warning into an error (strict mode).
    pub fn deny_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorts by location so that output does not depend on the order the
    /// stages found things in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| (d.location.map(|l| (l.file, l.pos)), d.severity, d.code);
            key(a).cmp(&key(b))
        });
    }

    /// Every diagnostic rendered, and a summary line when there are errors.
    pub fn render(&self, sources: &Sources) -> String {
        self.render_limited(sources, usize::MAX)
    }

    /// Like [`Diagnostics::render`], but at most `per_code` warnings of each
    /// code are shown, followed by a line counting the rest (a large service
    /// can have hundreds of the same warning). Errors are all shown.
    pub fn render_limited(&self, sources: &Sources, per_code: usize) -> String {
        let mut out = String::new();
        let mut shown: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for d in &self.items {
            let count = shown.entry(d.code).or_insert(0);
            *count += 1;
            if d.severity == Severity::Warning && *count > per_code {
                continue;
            }
            out.push_str(&d.render(sources));
            out.push('\n');
        }
        for (code, count) in shown.iter().filter(|(_, n)| **n > per_code) {
            let hidden = count - per_code;
            if self.items.iter().any(|d| d.code == *code && d.severity == Severity::Warning) {
                let _ = writeln!(out, "warning[{code}]: {hidden} more like this (show all with `--verbose`)\n");
            }
        }
        let errors = self.errors().count();
        if errors > 0 {
            let more = if errors >= MAX_ERRORS { " (stopped looking for more)" } else { "" };
            let _ = writeln!(
                out,
                "error: generation failed with {errors} error{}{more}",
                if errors == 1 { "" } else { "s" }
            );
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new("seed.xml", "<a>\n  <b Type=\"x.y\"/>\n</a>\n".into()));
        let d = Diagnostic::error("E0301", "unknown type `x.y`")
            .at(Location { file, pos: 15, len: 3 })
            .with_help("did you mean `x.z`?");
        assert_eq!(
            d.render(&sources),
            "error[E0301]: unknown type `x.y`\n --> seed.xml:2:12\n  |\n2 |   <b Type=\"x.y\"/>\n  |            ^^^\n  = help: did you mean `x.z`?\n"
        );
        assert_eq!(d.render_short(&sources), "seed.xml:2:12: error[E0301]: unknown type `x.y`");
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let (shown, caret) = excerpt(&"x".repeat(1000), 500, 100);
        assert_eq!(shown.len(), 106);
        assert_eq!(caret, 53);
    }

    #[test]
    fn columns_count_characters() {
        let file = SourceFile::new("f", "é\u{1F600}x".into());
        assert_eq!(file.line_col(6), (1, 3));
    }
}
