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
