//! From bytes to text: the checks that come before XML parsing.

use crate::codes;
use crate::diag::{Diagnostic, FileId, Location};

/// The largest document accepted. Graph v1.0 is 3.5 MB; this leaves two
/// orders of magnitude of room and keeps memory bounded on hostile input.
pub const MAX_DOCUMENT_BYTES: usize = 256 << 20;

/// The text of a document, or why it cannot be read as UTF-8 XML.
///
/// On error the returned text is a lossy decoding, so the diagnostic can
/// still show the line it points at.
pub fn decode(file: FileId, bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    let at = |pos: usize| Location { file, pos: pos as u32, len: 0 };
    if bytes.len() > MAX_DOCUMENT_BYTES {
        let d = Diagnostic::error(
            codes::LIMIT,
            format!("the document is {} bytes; the limit is {MAX_DOCUMENT_BYTES}", bytes.len()),
        );
        return (String::new(), Some(d));
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || bytes.starts_with(&[b'<', 0])
        || bytes.starts_with(&[0, b'<']);
    if utf16 {
        let d = Diagnostic::error(codes::ENCODING, "the document is UTF-16; only UTF-8 is supported")
            .at(at(0))
            .with_help("convert it, for example with `iconv -f UTF-16 -t UTF-8`");
        return (String::new(), Some(d));
    }
    if declared_encoding(&bytes).is_some_and(|e| is_latin1(&e)) {
        // ISO-8859-1 maps each byte to the code point of the same value.
        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
        return (text, None);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.trim_start_matches('\u{feff}').trim().is_empty() {
                let d = Diagnostic::error(codes::XML_SYNTAX, "the document is empty").at(at(0));
                return (text, Some(d));
            }
            (text, None)
        }
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The lossy text replaces bytes before `pos` by nothing, so the
            // offset is still right there.
            let d = Diagnostic::error(codes::ENCODING, "the document is not valid UTF-8").at(at(pos));
            (text, Some(d))
        }
    }
}

/// Whether `label` names ISO-8859-1 (its IANA name and aliases), the one
/// encoding besides UTF-8 (and its subset US-ASCII) that is read: some
/// .NET services declare it for documents that are ASCII. Windows-1252
/// differs in 0x80..0x9F and is not one of them.
pub fn is_latin1(label: &str) -> bool {
    ["iso-8859-1", "iso_8859-1", "iso8859-1", "latin1", "l1", "iso-ir-100", "cp819", "ibm819", "csisolatin1"]
        .iter()
        .any(|l| l.eq_ignore_ascii_case(label.trim()))
}

/// The `encoding` of the XML declaration at the start of `bytes`, read as
/// ASCII before the text is decoded (the reader checks the declaration
/// again once it is parsed).
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    let rest = head.strip_prefix(b"<?xml")?;
    let end = rest.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&rest[..end]).ok()?;
    let after = &decl[decl.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    Some(value[..value.find(quote)?].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_documents_are_decoded_byte_for_char() {
        let mut bytes = b"<?xml version=\"1.0\" encoding='ISO-8859-1'?><a b=\"".to_vec();
        bytes.extend([0xE9, 0xFC]);
        bytes.extend(b"\"/>");
        let (text, problem) = decode(FileId(0), bytes);
        assert!(problem.is_none(), "{problem:?}");
        assert!(text.ends_with("b=\"\u{e9}\u{fc}\"/>"), "{text}");
    }

    #[test]
    fn other_declared_encodings_still_read_as_utf8() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a b=\"".to_vec();
        bytes.push(0xE9);
        bytes.extend(b"\"/>");
        let (_, problem) = decode(FileId(0), bytes);
        assert_eq!(problem.map(|d| d.code), Some(codes::ENCODING));
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?><a/>"), None);
        assert_eq!(declared_encoding(b"<a encoding=\"latin1\"/>"), None);
    }
}
