//! The `odata-codegen` binary as a user runs it: `generate`, `check` (clean,
//! stale, missing, extra), and `generate --url` against a scripted local
//! server (headers, references, limits, failures) and against the CAP test
//! service.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("cli is in the workspace").to_path_buf()
}

/// A fresh, empty folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = workspace().join("target/cli-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_odata-codegen")).args(args).output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file below `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).expect("below root").to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

const SEED: &str = "codegen/tests/fixtures/seed/input.xml";

#[test]
fn generate_then_check_clean_stale_missing_extra() {
    let seed = workspace().join(SEED);
    let seed = seed.to_str().expect("UTF-8 path");
    let out = scratch("check");
    let out_s = out.to_str().expect("UTF-8 path");
    let generated = run(&["generate", seed, "--out", out_s, "--crate-name", "seed-check"]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(stderr(&generated).contains("generated 3 types"), "{}", stderr(&generated));
    // No runtime named: the published one, by this generator's version.
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains(&format!("odata-runtime = \"{}\"", env!("CARGO_PKG_VERSION"))), "{manifest}");

    let clean = run(&["check", seed, "--out", out_s, "--crate-name", "seed-check"]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    assert!(stderr(&clean).contains("is up to date"));

    // Other flags give another crate: `check` compares with what these
    // flags would generate.
    let renamed = run(&["check", seed, "--out", out_s, "--crate-name", "other-name"]);
    assert_eq!(renamed.status.code(), Some(1));
    assert!(stderr(&renamed).contains("stale: Cargo.toml"), "{}", stderr(&renamed));

    let paths = out.join("src/paths.rs");
    let mut text = std::fs::read_to_string(&paths).expect("paths.rs");
    text.push_str("// edited\n");
    std::fs::write(&paths, text).expect("edit");
    std::fs::remove_file(out.join("src/lib.rs")).expect("remove");
    let stale = run(&["check", seed, "--out", out_s, "--crate-name", "seed-check"]);
    assert_eq!(stale.status.code(), Some(1), "{}", stderr(&stale));
    let message = stderr(&stale);
    assert!(message.contains("stale: src/paths.rs") && message.contains("-// edited"), "{message}");
    assert!(message.contains("missing: src/lib.rs"), "{message}");
    assert!(message.contains("2 problem(s)"), "{message}");

    // A subset of the same document: the files of the left-out types are
    // generated files that would no longer be there.
    let again = run(&["generate", seed, "--out", out_s, "--crate-name", "seed-check"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let subset = run(&[
        "check",
        seed,
        "--out",
        out_s,
        "--crate-name",
        "seed-check",
        "--include",
        "microsoft.graph.securityProviderStatus",
    ]);
    assert_eq!(subset.status.code(), Some(1));
    assert!(stderr(&subset).contains("extra: src/microsoft_graph/security.rs"), "{}", stderr(&subset));
    // Only `generate` fetches: `check` compares with the saved copy.
    let by_url = run(&["check", "--url", "http://127.0.0.1:1/$metadata", "--out", out_s]);
    assert_eq!(by_url.status.code(), Some(2));
    assert!(stderr(&by_url).contains("`--url` is for `generate`"), "{}", stderr(&by_url));
    // `check` writes nothing.
    let after = run(&["check", seed, "--out", out_s, "--crate-name", "seed-check"]);
    assert!(after.status.success(), "{}", stderr(&after));
}

/// `why` answers with the chain and prints only the warnings that bear on
/// the selection: TripPin's W0001 (a `generate` of the same subset prints
/// it) is not one of them; a pattern that matches nothing is.
#[test]
fn why_prints_only_warnings_about_the_selection() {
    let trippin = workspace().join("tests/corpus/odata-samples/TripPin.xml");
    let trippin = trippin.to_str().expect("UTF-8 path");
    let ns = "Microsoft.OData.SampleService.Models.TripPin";
    let all = format!("{ns}.*");
    let out = scratch("why");
    let generated = run(&["generate", trippin, "--include", &all, "--out", out.to_str().expect("UTF-8 path")]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(stderr(&generated).contains("W0001"), "the subset has a warning to leave out: {}", stderr(&generated));

    let location = format!("{ns}.Location");
    let why = run(&["why", &location, trippin, "--include", &all]);
    assert!(why.status.success(), "{}", stderr(&why));
    assert_eq!(String::from_utf8_lossy(&why.stdout), format!("{location} is included by `{all}`\n"));
    assert_eq!(stderr(&why), "", "no warning concerns the answer");

    let person = format!("{ns}.Person");
    let why = run(&["why", &location, trippin, "--include", &person, "--include", "Nope.X"]);
    assert!(why.status.success(), "{}", stderr(&why));
    let stdout = String::from_utf8_lossy(&why.stdout).into_owned();
    assert!(stdout.starts_with(&format!("{location} is the type of property `AddressInfo` of {person}\n")), "{stdout}");
    let err = stderr(&why);
    assert!(err.contains("W0010") && err.contains("`Nope.X`"), "{err}");
    assert_eq!(err.lines().count(), 1, "only the unused pattern: {err}");

    let missing = run(&["why", &format!("{ns}.Airline"), trippin, "--include", &person]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(stderr(&missing), "");
}

#[test]
fn generate_reports_located_errors_and_writes_nothing() {
    let dir = scratch("bad");
    let doc = dir.join("bad.xml");
    std::fs::write(
        &doc,
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="n" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="t"><Property Name="p" Type="n.missing"/></EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#,
    )
    .expect("write");
    let out = dir.join("out");
    let failed = run(&["generate", doc.to_str().unwrap(), "--out", out.to_str().unwrap(), "--message-format", "short"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("bad.xml:4:"), "{}", stderr(&failed));
    assert!(!out.exists(), "a failed generation created the output folder");
}

/// What the scripted server received.
#[derive(Default)]
struct Seen {
    requests: Vec<(String, Vec<(String, String)>)>,
}

/// A local HTTP server answering each path with a fixed response, and
/// recording request lines and headers.
struct Scripted {
    url: String,
    seen: Arc<Mutex<Seen>>,
}

type Route = (&'static str, u16, &'static str, Vec<u8>);

impl Scripted {
    fn start(routes: Vec<Route>) -> Scripted {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let record = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                answer(stream, &routes, &record);
            }
        });
        Scripted { url, seen }
    }
}

fn answer(mut stream: TcpStream, routes: &[Route], seen: &Mutex<Seen>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = h.trim_end().split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    seen.lock().expect("lock").requests.push((path.clone(), headers));
    let (status, kind, body) = routes
        .iter()
        .find(|(p, ..)| *p == path)
        .map_or((404, "text/plain", b"not found".to_vec()), |(_, s, k, b)| (*s, *k, b.clone()));
    let head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
    let mut rest = Vec::new();
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(50)));
    let _ = stream.read_to_end(&mut rest);
}

const MAIN: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="types.xml">
    <edmx:Include Namespace="shop.types"/>
  </edmx:Reference>
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="shop" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="order">
        <Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
        <Property Name="total" Type="shop.types.money"/>
      </EntityType>
      <EntityContainer Name="Service">
        <EntitySet Name="orders" EntityType="shop.order"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

const TYPES: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="shop.types" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="money">
        <Property Name="amount" Type="Edm.Decimal"/>
        <Property Name="currency" Type="Edm.String"/>
      </ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

#[test]
fn url_fetches_references_sends_headers_and_saves_for_offline_use() {
    let server = Scripted::start(vec![
        ("/svc/$metadata", 200, "application/xml", MAIN.as_bytes().to_vec()),
        ("/svc/types.xml", 200, "application/xml;charset=utf-8", TYPES.as_bytes().to_vec()),
    ]);
    let out = scratch("url").join("shop");
    let out_s = out.to_str().unwrap();
    let url = format!("{}/svc/$metadata", server.url);
    let generated = run(&[
        "generate",
        "--url",
        &url,
        "--header",
        "Authorization: Bearer secret-token",
        "--header",
        "X-Tenant: t1",
        "--out",
        out_s,
        "--crate-name",
        "shop",
    ]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(!stderr(&generated).contains("secret-token"), "a header value was printed");
    {
        let seen = server.seen.lock().unwrap();
        let paths: Vec<&str> = seen.requests.iter().map(|(p, _)| p.as_str()).collect();
        // The relative reference is fetched from the same service; the
        // vocabulary by absolute URL is not fetched at all.
        assert_eq!(paths, ["/svc/$metadata", "/svc/types.xml"]);
        for (_, headers) in &seen.requests {
            let get = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
            assert_eq!(get("authorization"), Some("Bearer secret-token"));
            assert_eq!(get("x-tenant"), Some("t1"));
            assert_eq!(get("accept"), Some("application/xml"));
        }
    }
    let listed = files(&out);
    assert!(listed.contains(&"metadata.xml".to_owned()) && listed.contains(&"types.xml".to_owned()), "{listed:?}");
    assert!(listed.contains(&"src/shop/order.rs".to_owned()), "{listed:?}");
    assert!(listed.contains(&"src/shop_types/money.rs".to_owned()), "{listed:?}");
    assert_eq!(std::fs::read_to_string(out.join("metadata.xml")).unwrap(), MAIN);
    assert_eq!(std::fs::read_to_string(out.join("types.xml")).unwrap(), TYPES);

    // Offline: the saved copy gives the same crate.
    drop(server);
    let saved = out.join("metadata.xml");
    let check = run(&["check", saved.to_str().unwrap(), "--out", out_s, "--crate-name", "shop"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// Runs `generate --url` and asserts it failed with `expected` in its
/// message and wrote nothing.
fn refused(name: &str, url: &str, extra: &[&str], expected: &str) {
    let out = scratch(name).join("crate");
    let mut args = vec!["generate", "--url", url, "--out", out.to_str().unwrap(), "--timeout", "10"];
    args.extend_from_slice(extra);
    let output = run(&args);
    assert_eq!(output.status.code(), Some(1), "{name}: {}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains(expected), "{name}: expected `{expected}` in:\n{message}");
    assert!(message.contains("error[E"), "{name}: not a coded error:\n{message}");
    assert!(!out.exists(), "{name}: something was written");
}

const DTD: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"/>
"#;

#[test]
fn url_failures_are_clear_and_write_nothing() {
    let big = format!("{}<!-- {} -->", MAIN, "x".repeat(4000));
    let server = Scripted::start(vec![
        ("/auth/$metadata", 401, "application/json", br#"{"error":{"code":"401"}}"#.to_vec()),
        ("/html/$metadata", 200, "text/html", b"<html><body>Sign in</body></html>".to_vec()),
        ("/big/$metadata", 200, "application/xml", big.into_bytes()),
        ("/ref/$metadata", 200, "application/xml", MAIN.as_bytes().to_vec()),
        ("/ref/types.xml", 200, "application/xml", format!("{TYPES}<!-- {} -->", "y".repeat(4000)).into_bytes()),
        ("/broken/$metadata", 200, "application/xml", b"<edmx:Edmx Version=\"4.0\"".to_vec()),
        ("/dtd/$metadata", 200, "application/xml", DTD.as_bytes().to_vec()),
        ("/utf16/$metadata", 200, "application/xml", b"\xFF\xFE<\x00e\x00".to_vec()),
    ]);
    let u = |path: &str| format!("{}{path}", server.url);
    refused("auth", &u("/auth/$metadata"), &[], "the service answered 401 Unauthorized");
    refused("auth-hint", &u("/auth/$metadata"), &[], "--header 'Authorization:");
    refused("missing", &u("/nothing/$metadata"), &[], "404");
    refused("html", &u("/html/$metadata"), &[], "the answer is `text/html`, not XML");
    refused("big", &u("/big/$metadata"), &["--max-size", "2000"], "the limit is 2000 (`--max-size`)");
    // A reference over the limit: the error points at the reference.
    refused("big-ref", &u("/ref/$metadata"), &["--max-size", "2000"], "/ref/$metadata:3:");
    refused("broken", &u("/broken/$metadata"), &[], "/broken/$metadata:1:");
    // The hostile-input rules of files hold for what comes over the network.
    refused("dtd", &u("/dtd/$metadata"), &[], "/dtd/$metadata:2:");
    refused("utf16", &u("/utf16/$metadata"), &[], "UTF-16");
    refused("scheme", "ftp://example.com/$metadata", &[], "only http and https URLs are read");
    refused("not-a-url", "not a url", &[], "not a URL");
    // Connection refused: a port that was free a moment ago.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    refused("refused", &format!("http://127.0.0.1:{port}/$metadata"), &[], "onnection refused");
}

/// The CAP test service's `$metadata` by URL gives exactly the committed
/// client of the test service, which is generated from the saved snapshot.
#[test]
fn url_against_the_cap_service_matches_the_committed_client() {
    let url = std::env::var("ODATA_TEST_SERVER").unwrap_or_else(|_| {
        panic!("ODATA_TEST_SERVER is not set: this test needs the CAP test service; run it with `cargo xtask test`")
    });
    let metadata = format!("{}/$metadata", url.trim_end_matches('/'));
    refused("cap-limit", &metadata, &["--max-size", "1000"], "the limit is 1000 (`--max-size`)");
    let out = scratch("cap").join("client");
    let config = workspace().join("tests/odata-server/codegen.toml");
    let generated = run(&[
        "generate",
        "--url",
        &metadata,
        "--header",
        "Authorization: Basic YWxpY2U6",
        "--config",
        config.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    let committed = workspace().join("tests/odata-server/client");
    let ours: Vec<String> = files(&out).into_iter().filter(|f| f != "metadata.xml").collect();
    assert_eq!(ours, files(&committed), "the same files");
    for f in &ours {
        assert_eq!(
            std::fs::read_to_string(out.join(f)).unwrap(),
            std::fs::read_to_string(committed.join(f)).unwrap(),
            "{f} differs from the committed client"
        );
    }
    assert_eq!(
        std::fs::read_to_string(out.join("metadata.xml")).unwrap(),
        std::fs::read_to_string(workspace().join("tests/odata-server/metadata.xml")).unwrap(),
        "the saved document is the service's metadata"
    );
}
