//! The multipart `$batch` format (`multipart/mixed`): the only one of
//! OData v2 (SAP Gateway), and the one OData 4.0 services accept where
//! JSON batches (4.01) are not known.
//!
//! Each member is a part holding an HTTP message (`application/http`);
//! the members of an atomicity group are a change set, a part that is
//! itself `multipart/mixed`, its members named by `Content-ID`. The answer
//! has the same shape: a part per member, or per change set (or a single
//! error answer for a change set that failed as a whole). Answers are
//! matched to members by position, and inside a change set by
//! `Content-ID` where the service echoes it; the members of a change set
//! that failed share its failure, however the service answered it.
//!
//! The answer is untrusted: every way it can be malformed is a
//! [`ResponseError::Undecodable`], never a panic, and the parser's work is
//! linear in its size.

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use memchr::memmem;

use super::{Answer, Entry};
use crate::path::ServiceRoot;
use crate::request::RequestError;
use crate::response::ResponseError;

/// The members of a batch as the format groups them: one member, or the
/// consecutive members of an atomicity group (a change set).
enum Unit<'e> {
    Single(&'e Entry),
    ChangeSet(Vec<&'e Entry>),
}

fn units(entries: &[Entry]) -> Vec<Unit<'_>> {
    let mut out: Vec<Unit> = Vec::new();
    for entry in entries {
        match (&entry.membership.atomicity_group, out.last_mut()) {
            (Some(group), Some(Unit::ChangeSet(members)))
                if members[0].membership.atomicity_group.as_ref() == Some(group) =>
            {
                members.push(entry);
            }
            (Some(_), _) => out.push(Unit::ChangeSet(vec![entry])),
            (None, _) => out.push(Unit::Single(entry)),
        }
    }
    out
}

/// The body of the batch request, and its `Content-Type`.
pub(super) fn body(entries: &[Entry], root: &ServiceRoot) -> Result<(String, Vec<u8>), RequestError> {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for (n, unit) in units(entries).into_iter().enumerate() {
        match unit {
            Unit::Single(entry) => parts.push(http_part(entry, root, false)?),
            Unit::ChangeSet(members) => {
                let mut inner = Vec::with_capacity(members.len());
                for entry in members {
                    inner.push(http_part(entry, root, true)?);
                }
                let boundary = boundary(&format!("changeset_{n}"), &inner);
                let mut part = format!("Content-Type: multipart/mixed; boundary={boundary}\r\n\r\n").into_bytes();
                part.extend(assemble(&boundary, &inner));
                parts.push(part);
            }
        }
    }
    let boundary = boundary("batch", &parts);
    let mut body = assemble(&boundary, &parts);
    body.extend_from_slice(b"\r\n");
    Ok((format!("multipart/mixed; boundary={boundary}"), body))
}

/// A boundary starting with `stem` that occurs in none of `parts`: the
/// request is the same every time it is built (no random boundary), and
/// a body cannot end a part early.
fn boundary(stem: &str, parts: &[Vec<u8>]) -> String {
    (0u32..)
        .map(|n| if n == 0 { format!("{stem}_odata") } else { format!("{stem}_odata_{n}") })
        .find(|b| parts.iter().all(|p| memmem::find(p, b.as_bytes()).is_none()))
        .expect("some boundary is free")
}

/// `parts` between delimiter lines, ending with the close delimiter
/// (RFC 2046: the line break before a delimiter belongs to it, so each
/// part's content is exact).
fn assemble(boundary: &str, parts: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.len() + boundary.len() + 8).sum::<usize>() + 16);
    for part in parts {
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"--");
    out.extend_from_slice(boundary.as_bytes());
    out.extend_from_slice(b"--");
    out
}

/// One member as a part: its MIME headers, then its HTTP request with a
/// URL relative to the service root.
fn http_part(entry: &Entry, root: &ServiceRoot, in_change_set: bool) -> Result<Vec<u8>, RequestError> {
    let built = entry.request.build(root)?;
    if in_change_set && matches!(*built.method(), Method::GET | Method::HEAD) {
        return Err(RequestError::Batch(format!(
            "member `{}` reads (`{}`), and a change set of a multipart batch holds only changes",
            entry.id,
            built.method()
        )));
    }
    let mut part = String::from("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
    if in_change_set {
        part.push_str(&format!("Content-ID: {}\r\n", header_text(&entry.id, "member id")?));
    }
    let full = built.uri().to_string();
    let url = root.relative(&full).unwrap_or(&full);
    part.push_str(&format!("\r\n{} {url} HTTP/1.1\r\n", built.method()));
    for (name, value) in built.headers() {
        if name == http::header::CONTENT_LENGTH {
            continue;
        }
        let value = value.to_str().map_err(|e| RequestError::Header(e.to_string()))?;
        part.push_str(&format!("{name}: {value}\r\n"));
    }
    if !built.body().is_empty() {
        part.push_str(&format!("content-length: {}\r\n", built.body().len()));
    }
    part.push_str("\r\n");
    let mut part = part.into_bytes();
    part.extend_from_slice(built.body());
    Ok(part)
}

/// `text` if it can be a header value on one line.
fn header_text<'t>(text: &'t str, what: &str) -> Result<&'t str, RequestError> {
    if text.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        Ok(text)
    } else {
        Err(RequestError::Batch(format!("the {what} `{}` cannot be a header value", text.escape_debug())))
    }
}

/// The boundary of a `multipart/…` content type, if it is one.
pub(super) fn boundary_of(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let mime = params.next()?.trim();
    if !mime.to_ascii_lowercase().starts_with("multipart/") {
        return None;
    }
    params.find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim().eq_ignore_ascii_case("boundary").then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// The answers of the members of `entries`, read from a multipart answer.
pub(super) fn read(
    status: StatusCode,
    boundary: &str,
    body: &[u8],
    entries: &[Entry],
) -> Result<Vec<Answer>, ResponseError> {
    let bad = |reason: String| ResponseError::Undecodable { status, body: body.to_vec(), reason };
    let units = units(entries);
    let mut answers = Vec::with_capacity(entries.len());
    let parts = split(body, boundary).map_err(bad)?;
    if parts.len() > units.len() {
        return Err(bad(format!("the batch answer has {} parts for {} requests", parts.len(), units.len())));
    }
    for (part, unit) in parts.into_iter().zip(&units) {
        let (headers, content) = headers_and_rest(part);
        let content_type = headers.get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        match (boundary_of(content_type), unit) {
            (None, Unit::Single(entry)) => answers.push(response(&entry.id, content).map_err(bad)?),
            // A change set that failed as a whole is answered once.
            (None, Unit::ChangeSet(members)) => {
                let answer = response(&members[0].id, content).map_err(bad)?;
                for entry in members {
                    answers.push(Answer { id: entry.id.clone(), ..answer.clone() });
                }
            }
            (Some(inner), Unit::ChangeSet(members)) => {
                let mut left: Vec<&Entry> = members.clone();
                for inner_part in split(content, &inner).map_err(bad)? {
                    let (mime, content) = headers_and_rest(inner_part);
                    let content_id = mime.get("content-id").and_then(|v| v.to_str().ok()).map(str::trim);
                    let at = content_id.and_then(|id| left.iter().position(|e| e.id == id)).unwrap_or(0);
                    if left.is_empty() {
                        return Err(bad("a change set of the answer has more parts than it has requests".into()));
                    }
                    let entry = left.remove(at);
                    answers.push(response(&entry.id, content).map_err(bad)?);
                }
                // A change set is all or nothing: when it failed, members
                // the service did not answer share the failure.
                let failure = answers[answers.len() - (members.len() - left.len())..]
                    .iter()
                    .find(|a| !a.status.is_success())
                    .cloned();
                if let Some(failure) = failure {
                    for entry in left {
                        answers.push(Answer { id: entry.id.clone(), ..failure.clone() });
                    }
                }
            }
            (Some(_), Unit::Single(entry)) => {
                return Err(bad(format!("member `{}` is answered with a change set", entry.id)));
            }
        }
    }
    Ok(answers)
}

/// The contents of the parts of a multipart body, without their
/// delimiters. A delimiter is `--boundary` at the start of a line; the
/// last is `--boundary--`. Line breaks may be CRLF or LF.
fn split<'b>(body: &'b [u8], boundary: &str) -> Result<Vec<&'b [u8]>, String> {
    if boundary.is_empty() || boundary.len() > 200 {
        return Err("a multipart answer has no usable boundary".into());
    }
    let delimiter = format!("--{boundary}");
    let finder = memmem::Finder::new(delimiter.as_bytes());
    let mut parts = Vec::new();
    // Where the content of the open part starts.
    let mut open: Option<usize> = None;
    let mut from = 0;
    while let Some(found) = finder.find(&body[from..]) {
        let at = from + found;
        from = at + delimiter.len();
        if at > 0 && body[at - 1] != b'\n' {
            continue;
        }
        if let Some(start) = open {
            let mut end = at;
            if end > start && body[end - 1] == b'\n' {
                end -= 1;
                if end > start && body[end - 1] == b'\r' {
                    end -= 1;
                }
            }
            parts.push(&body[start..end]);
        }
        if body[from..].starts_with(b"--") {
            return Ok(parts);
        }
        // The rest of the delimiter line (transport padding) is not content.
        let line_end = memchr::memchr(b'\n', &body[from..]).map_or(body.len(), |n| from + n + 1);
        open = Some(line_end);
        from = line_end;
    }
    Err("the multipart answer ends before its closing boundary".into())
}

/// The header lines at the start of `data` and what follows the empty line
/// after them. Lines that are not headers are passed over.
fn headers_and_rest(data: &[u8]) -> (HeaderMap, &[u8]) {
    let mut headers = HeaderMap::new();
    let mut at = 0;
    while at < data.len() {
        let end = memchr::memchr(b'\n', &data[at..]).map_or(data.len(), |n| at + n);
        let line = &data[at..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at = (end + 1).min(data.len());
        if line.is_empty() {
            return (headers, &data[at..]);
        }
        if let Some(colon) = line.iter().position(|&b| b == b':') {
            let (name, value) = (line[..colon].trim_ascii(), line[colon + 1..].trim_ascii());
            if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name), HeaderValue::from_bytes(value)) {
                headers.append(name, value);
            }
        }
    }
    (headers, &[])
}

/// An `application/http` part's HTTP response, as member `id`'s answer.
fn response(id: &str, content: &[u8]) -> Result<Answer, String> {
    let line_end = memchr::memchr(b'\n', content).unwrap_or(content.len());
    let status_line = String::from_utf8_lossy(&content[..line_end]);
    let mut words = status_line.split_ascii_whitespace();
    let code = match (words.next(), words.next()) {
        (Some(version), Some(code)) if version.starts_with("HTTP/") => code.parse::<u16>().ok(),
        _ => None,
    };
    let status = code
        .and_then(|c| StatusCode::from_u16(c).ok())
        .ok_or_else(|| format!("the answer of member `{id}` does not start with an HTTP status line"))?;
    let (headers, body) = headers_and_rest(&content[(line_end + 1).min(content.len())..]);
    Ok(Answer { id: id.to_owned(), status, headers, body: body.to_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{Batch, Membership};
    use crate::expect::NoContent;
    use crate::path::Path;
    use crate::request::{Exchange, Request};

    fn root() -> ServiceRoot {
        ServiceRoot::new("https://graph.microsoft.com/v1.0").unwrap()
    }

    /// A v4 multipart batch: parts, change sets, exact bodies; a change set
    /// answered member by member (out of order, by `Content-ID`), then one
    /// failed as a whole.
    #[test]
    fn multipart_body_and_answers() {
        let mut batch = Batch::multipart();
        let get = Request::new(Method::GET, Path::root("people").key(&"p1"), NoContent);
        let a = batch.add(&get).unwrap();
        let post = |n: i32| {
            Request::new(Method::POST, Path::root("people"), NoContent).with_json(&serde_json::json!({"n": n}))
        };
        let b = batch.add_as(&post(1), Membership::id("b").in_group("one")).unwrap();
        let c = batch.add_as(&post(2), Membership::id("c").in_group("one")).unwrap();
        let d = batch.add_as(&post(3), Membership::id("d").in_group("two")).unwrap();
        let e = batch.add_as(&post(4), Membership::id("e").in_group("two")).unwrap();
        let request = batch.to_request(&root()).unwrap();
        assert_eq!(request.headers()["content-type"], "multipart/mixed; boundary=batch_odata");
        assert_eq!(request.headers()["odata-version"], "4.0");
        let body = String::from_utf8(request.body().clone()).unwrap();
        let part = |id: &str, n: i32| {
            format!(
                "--changeset_{}_odata\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\
                 Content-ID: {id}\r\n\r\nPOST people HTTP/1.1\r\naccept: application/json\r\n\
                 odata-maxversion: 4.0\r\ncontent-type: application/json\r\nodata-version: 4.0\r\n\
                 content-length: 7\r\n\r\n{{\"n\":{n}}}\r\n",
                if n < 3 { 1 } else { 2 }
            )
        };
        let want = format!(
            "--batch_odata\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n\
             GET people('p1') HTTP/1.1\r\naccept: application/json\r\nodata-maxversion: 4.0\r\n\r\n\r\n\
             --batch_odata\r\nContent-Type: multipart/mixed; boundary=changeset_1_odata\r\n\r\n{}{}--changeset_1_odata--\r\n\
             --batch_odata\r\nContent-Type: multipart/mixed; boundary=changeset_2_odata\r\n\r\n{}{}--changeset_2_odata--\r\n\
             --batch_odata--\r\n",
            part("b", 1),
            part("c", 2),
            part("d", 3),
            part("e", 4)
        );
        assert_eq!(body, want);

        let answer = "--A\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 404 Not Found\r\n\r\n\r\n\
            --A\r\nContent-Type: multipart/mixed; boundary=C\r\n\r\n\
            --C\r\nContent-Type: application/http\r\nContent-ID: c\r\n\r\nHTTP/1.1 201 Created\r\n\r\n\r\n\
            --C\r\nContent-Type: application/http\r\nContent-ID: b\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n\
            --C--\r\n\
            --A\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 400 Bad Request\r\n\r\nno\r\n\
            --A--";
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_static("multipart/mixed; boundary=A"));
        let answers = batch.parse(StatusCode::OK, &headers, answer.as_bytes()).unwrap();
        assert_eq!(answers.get(&a).unwrap_err().status(), 404);
        assert_eq!(answers.answer("b").unwrap().status, 204);
        assert_eq!(answers.answer("c").unwrap().status, 201);
        assert!(answers.get(&b).is_ok() && answers.get(&c).is_ok());
        for failed in [&d, &e] {
            let got = answers.answer(failed.id()).unwrap();
            assert_eq!((got.status.as_u16(), got.body.as_slice()), (400, &b"no"[..]));
        }

        // A failed change set answered inside its own multipart part, with
        // one error for its first member: both members fail.
        let one_error = answer.replacen(
            "--A\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 400 Bad Request\r\n\r\nno\r\n",
            "--A\r\nContent-Type: multipart/mixed; boundary=D\r\n\r\n--D\r\nContent-Type: application/http\r\n\r\n\
             HTTP/1.1 409 Conflict\r\n\r\ntaken\r\n--D--\r\n",
            1,
        );
        let answers = batch.parse(StatusCode::OK, &headers, one_error.as_bytes()).unwrap();
        for failed in [&d, &e] {
            assert_eq!(answers.get(failed).unwrap_err().status(), 409);
        }

        // More parts than members, a change set for a single member, a
        // truncated answer: typed errors.
        for bad in [
            format!("{answer}\r\n"),
            answer.replacen(
                "--A--",
                "--A\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n\r\n--A--",
                1,
            ),
            answer.replacen("Content-Type: application/http", "Content-Type: multipart/mixed; boundary=C", 1),
            answer.replacen("--A--", "", 1),
        ] {
            let got = batch.parse(StatusCode::OK, &headers, bad.as_bytes());
            if bad.ends_with("\r\n") && bad.len() == answer.len() + 2 {
                // Trailing text after the closing delimiter is an epilogue.
                assert!(got.is_ok());
            } else {
                assert!(matches!(got, Err(ResponseError::Undecodable { .. })), "{bad}");
            }
        }
    }

    #[test]
    fn multipart_rules() {
        let root = root();
        // A change set holds changes only.
        let mut batch = Batch::multipart();
        batch
            .add_as(&Request::new(Method::GET, Path::root("me"), NoContent), Membership::id("r").in_group("g"))
            .unwrap();
        assert!(matches!(batch.to_request(&root), Err(RequestError::Batch(_))));
        // One protocol per batch; a v2 batch is multipart with v2 headers.
        let mut batch = Batch::new();
        batch.add(&Request::new(Method::GET, Path::root_v2("A"), NoContent)).unwrap();
        assert!(batch.add(&Request::new(Method::GET, Path::root("B"), NoContent)).is_err());
        assert!(batch.is_multipart());
        let request = batch.continue_on_error().to_request(&root).unwrap();
        assert_eq!(request.headers()["maxdataserviceversion"], "2.0");
        assert!(request.headers().get("prefer").is_none(), "v2 has no odata.continue-on-error");
        // A body holding the boundary gets another one.
        let mut batch = Batch::multipart();
        let tricky = Request::new(Method::POST, Path::root("notes"), NoContent)
            .with_json(&serde_json::json!({"text": "--batch_odata\r\n"}));
        batch.add(&tricky).unwrap();
        let request = batch.to_request(&root).unwrap();
        assert_eq!(request.headers()["content-type"], "multipart/mixed; boundary=batch_odata_1");
        // Empty.
        assert!(Batch::multipart().to_request(&root).is_err());
    }

    #[test]
    fn boundaries_of_content_types() {
        assert_eq!(boundary_of("multipart/mixed; boundary=batch_1").as_deref(), Some("batch_1"));
        assert_eq!(boundary_of("Multipart/Mixed;Boundary=\"a b\"").as_deref(), Some("a b"));
        assert_eq!(boundary_of("application/json"), None);
        assert_eq!(boundary_of("multipart/mixed"), None);
    }

    #[test]
    fn parts_are_split_exactly() {
        let body = b"preamble\r\n--b\r\nA\r\n\r\none\r\n--b  \nB: 1\n\ntwo\n--b--\r\nepilogue";
        let parts = split(body, "b").unwrap();
        assert_eq!(parts, vec![&b"A\r\n\r\none"[..], &b"B: 1\n\ntwo"[..]]);
        // A boundary inside a line is content.
        let parts = split(b"--b\r\nx--b y\r\n--b--", "b").unwrap();
        assert_eq!(parts, vec![&b"x--b y"[..]]);
        assert!(split(b"--b\r\nx\r\n--b\r\ny", "b").is_err(), "not closed");
        assert!(split(b"no delimiter at all", "b").is_err());
        assert!(split(b"--\r\n----", "").is_err());
    }

    #[test]
    fn responses_are_read() {
        let a = response("1", b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nbad line\r\n\r\n{\"a\":1}")
            .unwrap();
        assert_eq!(a.status, 201);
        assert_eq!(a.headers["content-type"], "application/json");
        assert_eq!(a.body, b"{\"a\":1}");
        let empty = response("2", b"HTTP/1.1 204 No Content\r\n\r\n").unwrap();
        assert_eq!((empty.status.as_u16(), empty.body.len()), (204, 0));
        assert!(response("3", b"").is_err());
        assert!(response("3", b"HTTP/1.1 abc\r\n\r\n").is_err());
        assert!(response("3", b"GET / HTTP/1.1\r\n\r\n").is_err());
    }
}
