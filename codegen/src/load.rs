//! Finding and reading the documents of a generation: the inputs, and the
//! documents their `edmx:Reference`s name.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::codes;
use crate::csdl::{self, raw::Document};
use crate::diag::{Diagnostic, Diagnostics, FileId, Location, SourceFile, Sources};

/// The most documents one generation reads (the main ones and what their
/// references pull in).
const MAX_DOCUMENTS: usize = 64;

/// A document to generate from.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file; references are looked for next to it.
    File(PathBuf),
    /// Bytes in memory, named `name` in diagnostics; references are not
    /// loaded (there is no folder to look in).
    Memory {
        /// The name diagnostics show.
        name: String,
        /// The document.
        bytes: Vec<u8>,
    },
    /// A document read through a [`Fetch`] (the `$metadata` of a running
    /// service); the documents it references by relative URL are read the
    /// same way, from the same place.
    Url(String),
}

/// Reads documents named by URL. The generator does no network I/O
/// itself: the command-line tool implements this over HTTP, with its
/// limits (size, time) and headers; tests can answer from memory.
pub trait Fetch {
    /// The bytes of the document at `url`, or why they cannot be had; the
    /// message is shown at the location of what named the URL.
    fn fetch(&self, url: &str) -> Result<Vec<u8>, String>;
}

/// A document read through [`Fetch`], kept so that the caller can save it
/// and generate again offline.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// Where it was read from.
    pub url: String,
    /// Where it goes when saved, relative to the main document's folder:
    /// `""` for the main document, otherwise the relative `Uri` of the
    /// reference (made only of plain path segments, see
    /// [`local_reference`]).
    pub relative: String,
    /// The bytes as received.
    pub bytes: Vec<u8>,
}

/// The documents read.
pub struct Loaded {
    /// Each document and its file id in the generation's sources.
    pub documents: Vec<(FileId, Document)>,
    /// Namespaces that references name but no loaded document declares,
    /// with the reference's `Uri`.
    pub unloaded: BTreeMap<String, String>,
    /// Bytes read, over all documents.
    pub input_bytes: usize,
    /// Whether a document could not be read at all (missing, not UTF-8,
    /// not well-formed XML). Errors in documents that were read, such as a
    /// malformed attribute value, do not stop resolution, so that one run
    /// reports every independent error.
    pub unreadable: bool,
    /// The documents read through [`Fetch`], in the order read.
    pub fetched: Vec<Fetched>,
}

/// Whether an `edmx:Reference` `Uri` names a file next to the document:
/// relative, no `..`, no scheme, no drive letter. The same rule decides
/// which references of a document read by URL are fetched.
pub fn local_reference(uri: &str) -> Option<&str> {
    if uri.contains("://") || uri.starts_with('/') || uri.starts_with('\\') || uri.contains(':') {
        return None;
    }
    let ok = uri.split(['/', '\\']).all(|c| !c.is_empty() && c != "..");
    ok.then_some(uri)
}

/// The file name at the end of an `http(s)` reference `Uri`, if it is a
/// plain file name.
fn mirrored_reference(uri: &str) -> Option<&str> {
    let rest = uri.strip_prefix("https://").or_else(|| uri.strip_prefix("http://"))?;
    let name = rest.split(['?', '#']).next()?.rsplit('/').next()?;
    let plain = !name.is_empty()
        && name != ".."
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    plain.then_some(name)
}

/// Where the references of a document are looked for.
enum Base {
    /// Nowhere (a document in memory).
    None,
    /// The folder of a file.
    Dir(PathBuf),
    /// The URL the document was fetched from, and the document's path
    /// relative to the main document's folder.
    Url(String, String),
}

/// `relative` resolved against the URL `base` (a document's URL: the
/// reference replaces its last segment, and the query is dropped).
fn join_url(base: &str, relative: &str) -> String {
    let without_query = base.split(['?', '#']).next().unwrap_or(base);
    match without_query.rfind('/') {
        Some(i) => format!("{}{relative}", &without_query[..=i]),
        None => relative.to_owned(),
    }
}

/// Reads `inputs` and what their references name. Every document read is
/// added to `sources` (diagnostics point into them); problems go to
/// `diags`. Documents named by URL are read through `fetch`; without one
/// they are an error.
pub fn documents(
    inputs: &[Input],
    fetch: Option<&dyn Fetch>,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Loaded {
    let mut documents: Vec<(FileId, Document)> = Vec::new();
    // (input, where it was named, its path relative to the main document
    // when it is fetched)
    let mut queue: Vec<(Input, Option<Location>, String)> =
        inputs.iter().rev().map(|i| (i.clone(), None, String::new())).collect();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut seen_urls: HashSet<String> = HashSet::new();
    let mut unloaded: BTreeMap<String, String> = BTreeMap::new();
    let mut fetched = Vec::new();
    let mut input_bytes = 0;
    let mut unreadable = false;
    while let Some((input, referenced_at, relative)) = queue.pop() {
        let (display, bytes, base) = match input {
            Input::Memory { name, bytes } => (name, bytes, Base::None),
            Input::Url(url) => {
                if !seen_urls.insert(url.clone()) {
                    continue;
                }
                let answer = match fetch {
                    Some(fetch) => fetch.fetch(&url),
                    None => Err("documents named by URL need a fetcher, and none was given".to_owned()),
                };
                match answer {
                    Ok(bytes) => {
                        fetched.push(Fetched { url: url.clone(), relative: relative.clone(), bytes: bytes.clone() });
                        (url.clone(), bytes, Base::Url(url, relative))
                    }
                    Err(e) => {
                        let mut d = Diagnostic::error(codes::IO, format!("cannot read `{url}`: {e}"));
                        if let Some(loc) = referenced_at {
                            d = d.at(loc);
                        }
                        diags.push(d);
                        unreadable = true;
                        continue;
                    }
                }
            }
            Input::File(path) => {
                let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
                if !seen.insert(canonical) {
                    continue;
                }
                let display = path.display().to_string();
                match std::fs::read(&path) {
                    Ok(bytes) => (display, bytes, Base::Dir(path.parent().unwrap_or(Path::new(".")).to_path_buf())),
                    Err(e) => {
                        let mut d = Diagnostic::error(codes::IO, format!("cannot read `{display}`: {e}"));
                        if let Some(loc) = referenced_at {
                            d = d.at(loc);
                        }
                        diags.push(d);
                        unreadable = true;
                        continue;
                    }
                }
            }
        };
        input_bytes += bytes.len();
        let file = FileId(sources.len() as u32);
        let (text, problem) = csdl::decode(file, bytes);
        sources.add(SourceFile::new(display.clone(), text));
        if let Some(problem) = problem {
            diags.push(problem);
            unreadable = true;
            continue;
        }
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let document = csdl::read(file, sources.get(file).text(), &mut errors, &mut warnings);
        for d in errors.into_iter().chain(warnings) {
            diags.push(d);
        }
        let Some(document) = document else {
            unreadable = true;
            continue;
        };
        for reference in &document.references {
            let uri = &reference.uri.value;
            let room = documents.len() + queue.len() < MAX_DOCUMENTS;
            match (&base, room) {
                (Base::Dir(dir), true) => match (local_reference(uri), mirrored_reference(uri)) {
                    // A document referenced by URL is read from a copy with
                    // the same file name next to the main document, when
                    // there is one (vocabularies are published that way).
                    // Nothing is fetched.
                    (None, Some(file_name)) if dir.join(file_name).is_file() => {
                        queue.push((Input::File(dir.join(file_name)), Some(reference.uri.loc), String::new()));
                        continue;
                    }
                    (Some(relative), _) => {
                        let next = dir.join(relative);
                        if next.is_file() {
                            queue.push((Input::File(next), Some(reference.uri.loc), String::new()));
                            continue;
                        }
                        diags.push(
                            Diagnostic::warning(
                                codes::UNRESOLVED_REFERENCE,
                                format!("referenced document `{uri}` was not found next to `{display}`"),
                            )
                            .at(reference.uri.loc),
                        );
                    }
                    _ => {}
                },
                // A document read by URL: its relative references come
                // from the same service; absolute ones (vocabularies) are
                // not fetched.
                (Base::Url(url, own), true) => {
                    if let Some(relative) = local_reference(uri) {
                        let folder = own.rsplit_once('/').map_or("", |(folder, _)| folder);
                        let saved =
                            if folder.is_empty() { relative.to_owned() } else { format!("{folder}/{relative}") };
                        queue.push((Input::Url(join_url(url, relative)), Some(reference.uri.loc), saved));
                        continue;
                    }
                }
                _ => {}
            }
            for include in &reference.includes {
                unloaded.entry(include.namespace.value.clone()).or_insert_with(|| uri.clone());
            }
        }
        documents.push((file, document));
    }
    // Namespaces a loaded document declares are not unloaded, whichever
    // reference named them.
    for (_, d) in &documents {
        for s in &d.schemas {
            if let Some(ns) = &s.namespace {
                unloaded.remove(&ns.value);
            }
        }
    }
    Loaded { documents, unloaded, input_bytes, unreadable, fetched }
}
