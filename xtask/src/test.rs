//! `test`: every test, as CI runs it. Starts the OData test service the
//! live tests need (installing its npm packages first when they are
//! missing), runs the workspace's tests, and stops the service, also when
//! tests fail.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::generate::root;

/// The compiler flags tests run with: warnings are errors, in the project's
/// code and in every generated crate the tests compile.
pub const RUSTFLAGS: &str = "-D warnings";

/// How long the service may take to answer its first `$metadata`.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// The test service, running. Dropping it stops it.
pub struct TestServer {
    child: Child,
    /// The service root, such as `http://127.0.0.1:41234/graph`.
    pub url: String,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn server_dir() -> PathBuf {
    root().join("tests/odata-server")
}

/// Installs the service's npm packages from `package-lock.json` when they
/// are not there yet.
fn install(dir: &Path) -> Result<(), String> {
    if dir.join("node_modules/@sap/cds/package.json").is_file()
        && dir.join("node_modules/sql.js").is_dir()
        && dir.join("node_modules/@cap-js-community/odata-v2-adapter/package.json").is_file()
    {
        return Ok(());
    }
    eprintln!("test server: installing its npm packages (npm ci)");
    let status = Command::new("npm")
        .current_dir(dir)
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
        .status()
        .map_err(|e| format!("cannot run npm (Node.js and npm are needed for the live tests): {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`npm ci` in {} failed ({status})", dir.display())) }
}

/// Whether `GET <url>/$metadata` answers 200.
fn metadata_answers(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let Ok(mut stream) = TcpStream::connect(host) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = format!("GET /{path}/$metadata HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}

impl TestServer {
    /// Starts the service and waits until its `$metadata` answers.
    pub fn start() -> Result<TestServer, String> {
        let dir = server_dir();
        install(&dir)?;
        let log = root().join("target/odata-test-server.log");
        let _ = std::fs::create_dir_all(root().join("target"));
        let stderr = std::fs::File::create(&log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let started = Instant::now();
        let mut child = Command::new("node")
            .current_dir(&dir)
            .arg("server.js")
            .env("STOP_ON_STDIN_CLOSE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot run node (Node.js is needed for the live tests): {e}"))?;
        // The first line that names the URL; the rest of the output is
        // drained so the service never blocks on a full pipe.
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("odata-test-server listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let mut server = TestServer { child, url: String::new() };
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                let output = std::fs::read_to_string(&log).unwrap_or_default();
                return Err(format!("the test server exited ({status}) before it answered:\n{output}"));
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(format!("the test server did not start within {START_TIMEOUT:?}; see {}", log.display()));
            }
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(url) => server.url = url,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) if server.url.is_empty() => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {}
            }
            if !server.url.is_empty() && metadata_answers(&server.url) {
                eprintln!("test server: {} answers $metadata after {:.2?}", server.url, started.elapsed());
                return Ok(server);
            }
        }
    }
}

/// `serve`: the test service, until interrupted.
pub fn serve() -> Result<(), ExitCode> {
    let server = TestServer::start().map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::FAILURE
    })?;
    println!("{}", server.url);
    eprintln!("test server: running; stop it with Ctrl-C");
    let mut server = server;
    let status = server.child.wait();
    eprintln!("test server: stopped ({status:?})");
    Ok(())
}

/// Runs the workspace tests, with the test service running.
pub fn run(extra: &[String]) -> Result<(), ExitCode> {
    let server = TestServer::start().map_err(|e| {
        eprintln!("error: the OData test service cannot start, so the live tests cannot run: {e}");
        ExitCode::FAILURE
    })?;
    let rustflags = match std::env::var("RUSTFLAGS") {
        Ok(flags) if flags.contains(RUSTFLAGS) => flags,
        Ok(flags) if !flags.trim().is_empty() => format!("{flags} {RUSTFLAGS}"),
        _ => RUSTFLAGS.to_owned(),
    };
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root())
        .env("RUSTFLAGS", rustflags)
        .env("ODATA_TEST_SERVER", &server.url)
        .args(["test", "--workspace", "--locked", "--no-fail-fast"])
        .args(extra)
        .status();
    drop(server);
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(_) => Err(ExitCode::FAILURE),
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}
