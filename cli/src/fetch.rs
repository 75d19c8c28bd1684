//! `generate --url`: the metadata of a running service, read over HTTP and
//! saved beside the crate so that later generations and `check` work
//! offline from the saved copy.
//!
//! The generator follows the document's references itself (through
//! [`odata_codegen::Fetch`]), with the same rules as for files: only
//! relative `Uri`s made of plain path segments are read, from the same
//! service. What comes over the network goes through the same checks as a
//! file (encoding, DTDs, depth, size), and a size limit of its own is
//! applied while reading, before anything is parsed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use odata_codegen::{Fetch, Fetched, Input};
use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use crate::Defaults;
use crate::args::{Args, usage};
use crate::commands::{self, Format};

/// How long a fetch may take, connecting and reading, by default.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest document accepted over the network by default.
const DEFAULT_MAX_SIZE: u64 = 64 << 20;

/// The file the main document is saved to, in the output folder, unless
/// `--save-to` says otherwise.
const DEFAULT_SAVE_NAME: &str = "metadata.xml";

/// Reads documents over HTTP(S) with the user's headers and limits.
pub struct Http {
    client: Client,
    headers: HeaderMap,
    max_size: u64,
}

impl Http {
    /// A fetcher sending `headers` (`Name: value` each), giving up after
    /// `timeout` and refusing documents over `max_size` bytes.
    pub fn new(headers: &[String], timeout: Duration, max_size: u64) -> Result<Http, String> {
        let mut map = HeaderMap::new();
        for header in headers {
            let (name, value) =
                header.split_once(':').ok_or_else(|| format!("`--header {header}` is not `Name: value`"))?;
            let name = HeaderName::from_bytes(name.trim().as_bytes())
                .map_err(|_| format!("`{}` is not a header name", name.trim()))?;
            // The value is not repeated in the message: it is often a secret.
            let mut value = HeaderValue::from_str(value.trim())
                .map_err(|_| format!("the value of header `{name}` is not a valid header value"))?;
            if name == reqwest::header::AUTHORIZATION {
                value.set_sensitive(true);
            }
            map.append(name, value);
        }
        let client = Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("odata-codegen/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
        Ok(Http { client, headers: map, max_size })
    }
}

/// The message of an error and of the errors under it, the way a user
/// needs it (`connection refused` is usually three levels down).
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        let next = e.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = e.source();
    }
    text
}

impl Fetch for Http {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("not a URL ({e})"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!("only http and https URLs are read, not `{}:`", parsed.scheme()));
        }
        let mut request = self.client.get(parsed).headers(self.headers.clone());
        if !self.headers.contains_key(ACCEPT) {
            request = request.header(ACCEPT, "application/xml");
        }
        let response = request.send().map_err(|e| chain(&e))?;
        let status = response.status();
        if !status.is_success() {
            let hint = match status.as_u16() {
                401 | 403 => "; pass credentials with `--header 'Authorization: ...'`",
                _ => "",
            };
            return Err(format!("the service answered {status}{hint}"));
        }
        if let Some(kind) = response.headers().get(CONTENT_TYPE) {
            let kind = kind.to_str().unwrap_or("").to_ascii_lowercase();
            let essence = kind.split(';').next().unwrap_or("").trim();
            if !(essence.ends_with("/xml") || essence.ends_with("+xml") || essence == "text/plain") {
                return Err(format!("the answer is `{essence}`, not XML; is this the service's `$metadata`?"));
            }
        }
        let limit = self.max_size;
        let too_large =
            |size: u64| format!("the document is {size} bytes or more; the limit is {limit} (`--max-size`)");
        if let Some(length) = response.content_length().filter(|&n| n > limit) {
            return Err(too_large(length));
        }
        let mut bytes = Vec::new();
        response.take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("reading the answer: {}", chain(&e)))?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(bytes)
    }
}

/// `generate --url <URL> --out <DIR> ...`.
pub fn generate_from_url(args: &Args, format: Format, defaults: &Defaults) -> Result<(), ExitCode> {
    let url = args.value("url").expect("called with --url").to_owned();
    if !args.positional.is_empty() {
        return Err(usage("give a CSDL file or `--url`, not both".into()));
    }
    let timeout = match args.value("timeout") {
        None => DEFAULT_TIMEOUT,
        Some(s) => s
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s > 0.0)
            .map(Duration::from_secs_f64)
            .ok_or_else(|| usage(format!("`--timeout` takes a number of seconds, not `{s}`")))?,
    };
    let max_size = match args.value("max-size") {
        None => DEFAULT_MAX_SIZE,
        Some(s) => s.parse::<u64>().map_err(|_| usage(format!("`--max-size` takes a number of bytes, not `{s}`")))?,
    };
    let fetcher = Http::new(&args.values("header"), timeout, max_size).map_err(usage)?;
    let out = match args.value("out") {
        Some(out) => PathBuf::from(out),
        None => return Err(usage("`generate --url` needs `--out <DIR>`".into())),
    };
    let save = args.value("save-to").map_or_else(|| out.join(DEFAULT_SAVE_NAME), PathBuf::from);
    // The configuration is what it would be for the saved file, so that
    // generating from it later gives the same crate.
    let mut offline = args.clone();
    offline.positional = vec![save.to_string_lossy().into_owned()];
    let mut loaded = commands::configure(&offline, format, defaults)?;
    loaded.output = Some(out.clone());

    let started = Instant::now();
    let inputs = [Input::Url(url)];
    let Some(generation) = commands::generate_printing(&inputs, Some(&fetcher), &loaded.config, format) else {
        return Err(ExitCode::FAILURE);
    };
    commands::write_out(&out, &generation, started, format == Format::Verbose)?;
    save_documents(&save, &generation.fetched).map_err(|e| {
        eprintln!("error[{}]: {e}", odata_codegen::codes::OUTPUT);
        ExitCode::FAILURE
    })?;
    eprintln!("saved the metadata as {} ({} document(s))", save.display(), generation.fetched.len());
    Ok(())
}

/// Writes the fetched documents: the main one to `save`, the others by
/// their relative path beside it. Each file is written whole or not at all
/// (a temporary file renamed over it).
fn save_documents(save: &Path, fetched: &[Fetched]) -> Result<(), String> {
    let dir = save.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    for doc in fetched {
        let target = if doc.relative.is_empty() {
            save.to_path_buf()
        } else {
            // Made of plain segments only (the loader's reference rule).
            let relative = odata_codegen::load::local_reference(&doc.relative)
                .ok_or_else(|| format!("`{}` is not a relative path", doc.relative))?;
            dir.join(relative)
        };
        let folder = target.parent().unwrap_or(dir);
        std::fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        let temporary = target.with_extension("xml.partial");
        std::fs::write(&temporary, &doc.bytes)
            .and_then(|()| std::fs::rename(&temporary, &target))
            .map_err(|e| format!("cannot save {} as {}: {e}", doc.url, target.display()))?;
    }
    Ok(())
}
