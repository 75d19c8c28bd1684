//! `bench`: how fast the generator is, measured.
//!
//! `cargo xtask bench` builds the generator in release mode and runs the
//! measurements in that build (`__bench`). Each measured generation runs
//! in a process of its own (`__bench-once`), so that its peak memory is its
//! own; one warm-up run comes first, so file caches are warm and the later
//! runs find an output folder with nothing to change (which the report
//! checks: no file is written).

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::args::{Args, usage};
use crate::generate::root;

/// The inputs of the generator benchmark: name and path.
const INPUTS: &[(&str, &str)] = &[
    ("Microsoft Graph v1.0", "tests/corpus/graph/msgraph-v1.0-cleanMetadata.xml"),
    ("Dynamics CRM Web API (the corpus's largest)", "tests/corpus/oss/simple-odata-client/DynamicsCRM.xml"),
    (
        "SAP MD_BUSINESSPARTNER_SRV (OData v2, the largest v2 document)",
        "tests/corpus/sap/s4hana-MD_BUSINESSPARTNER_SRV-v2.xml",
    ),
    ("seed", "schemas/seed.xml"),
];

/// The inputs the peers are compared on (where they finish).
const PEER_INPUTS: &[(&str, &str)] = &[
    ("TripPin", "tests/corpus/odata-samples/TripPin.xml"),
    ("SAP sales order (mid-size)", "tests/corpus/sap/openux-v4-salesOrder-metadata.xml"),
];

/// The longest one peer run may take.
const PEER_TIME_LIMIT: Duration = Duration::from_secs(300);

/// `cargo xtask bench [...]`: builds in release mode, then measures there.
pub fn run(args: &[String]) -> Result<(), ExitCode> {
    Args::parse(args, &["runs"], &["json", "compare", "runtime", "compile"])?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .current_dir(root())
        .args(["build", "--release", "--locked", "--quiet", "--package", "xtask"])
        .status()
        .map_err(|e| {
            eprintln!("error: cannot run cargo: {e}");
            ExitCode::FAILURE
        })?;
    if !status.success() {
        return Err(ExitCode::FAILURE);
    }
    let status = Command::new(root().join("target/release/xtask")).arg("__bench").args(args).status().map_err(|e| {
        eprintln!("error: cannot run the release build: {e}");
        ExitCode::FAILURE
    })?;
    if status.success() { Ok(()) } else { Err(ExitCode::FAILURE) }
}

/// Median, min and max of some durations, in milliseconds.
#[derive(Clone, Copy, Debug, Default)]
struct Stat {
    median: f64,
    min: f64,
    max: f64,
}

impl Stat {
    fn of(values: &[f64]) -> Stat {
        let mut v = values.to_vec();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        if v.is_empty() {
            return Stat::default();
        }
        let median = if v.len() % 2 == 1 { v[v.len() / 2] } else { (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0 };
        Stat { median, min: v[0], max: v[v.len() - 1] }
    }

    fn text(&self) -> String {
        format!("{:>8.1} ms  ({:.1}..{:.1})", self.median, self.min, self.max)
    }

    fn json(&self) -> String {
        format!("{{\"median_ms\":{:.3},\"min_ms\":{:.3},\"max_ms\":{:.3}}}", self.median, self.min, self.max)
    }
}

/// One generation, as `__bench-once` reports it.
#[derive(Clone, Debug, Default)]
struct Once {
    stages: [f64; 5],
    total: f64,
    written: usize,
    files: usize,
    lines: usize,
    bytes: usize,
    input_bytes: usize,
    peak_kb: u64,
}

const STAGES: [&str; 5] = ["read", "resolve", "emit", "format", "write"];

/// The peak resident memory of this process, from `/proc/self/status`.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// `__bench-once <input> <out>`: one generation, in-process, reported as
/// one line of `key=value` pairs.
pub fn once(args: &[String]) -> Result<(), ExitCode> {
    let [input, out] = args else { return Err(usage("__bench-once <input> <out>".into())) };
    let started = Instant::now();
    let config = odata_codegen::Config {
        crate_name: "bench".into(),
        source_name: "input.xml".into(),
        runtime: odata_codegen::RuntimeDependency::Version("0.1".into()),
        ..Default::default()
    };
    let generation = odata_codegen::generate(Path::new(input), &config).map_err(|f| {
        eprint!("{}", f.render());
        ExitCode::FAILURE
    })?;
    let write_start = Instant::now();
    let report = odata_codegen::write::write(Path::new(out), &generation.files).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::FAILURE
    })?;
    let write = write_start.elapsed();
    let total = started.elapsed();
    let t = &generation.timings;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let lines: usize = generation.files.iter().map(|f| f.text.lines().count()).sum();
    let bytes: usize = generation.files.iter().map(|f| f.text.len()).sum();
    println!(
        "read={} resolve={} emit={} format={} write={} total={} written={} files={} lines={lines} bytes={bytes} input_bytes={} peak_kb={}",
        ms(t.read),
        ms(t.resolve),
        ms(t.emit),
        ms(t.format),
        ms(write),
        ms(total),
        report.written.len(),
        generation.files.len(),
        generation.stats.input_bytes,
        peak_kb()
    );
    Ok(())
}

fn parse_once(line: &str) -> Option<Once> {
    let mut o = Once::default();
    for pair in line.split_whitespace() {
        let (k, v) = pair.split_once('=')?;
        let f: f64 = v.parse().ok()?;
        match k {
            "read" => o.stages[0] = f,
            "resolve" => o.stages[1] = f,
            "emit" => o.stages[2] = f,
            "format" => o.stages[3] = f,
            "write" => o.stages[4] = f,
            "total" => o.total = f,
            "written" => o.written = f as usize,
            "files" => o.files = f as usize,
            "lines" => o.lines = f as usize,
            "bytes" => o.bytes = f as usize,
            "input_bytes" => o.input_bytes = f as usize,
            "peak_kb" => o.peak_kb = f as u64,
            _ => {}
        }
    }
    Some(o)
}

/// The floor: reading the file and walking its XML events, building
/// nothing.
fn floor(path: &Path) -> Duration {
    let started = Instant::now();
    let text = std::fs::read_to_string(path).expect("the input is readable");
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut events = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            Ok(_) => events += 1,
        }
    }
    std::hint::black_box(events);
    started.elapsed()
}

/// One input's measurements.
struct Measured {
    name: &'static str,
    path: String,
    runs: Vec<Once>,
    floor: Stat,
}

fn measure(name: &'static str, path: &str, runs: usize) -> Result<Measured, String> {
    let input = root().join(path);
    let out = root().join("target/bench").join(name.replace(' ', "-").to_lowercase());
    let _ = std::fs::remove_dir_all(&out);
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut all = Vec::new();
    for i in 0..=runs {
        let output = Command::new(&exe)
            .arg("__bench-once")
            .arg(&input)
            .arg(&out)
            .stderr(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!("generation of {path} failed"));
        }
        let line = String::from_utf8_lossy(&output.stdout);
        let once = parse_once(line.trim()).ok_or_else(|| format!("unexpected report: {line}"))?;
        if i > 0 {
            all.push(once);
        }
    }
    let floors: Vec<f64> = (0..=runs).map(|_| floor(&input).as_secs_f64() * 1000.0).skip(1).collect();
    Ok(Measured { name, path: path.to_owned(), runs: all, floor: Stat::of(&floors) })
}

fn report_text(m: &Measured) -> String {
    let mut out = String::new();
    let first = &m.runs[0];
    let mb = first.input_bytes as f64 / 1e6;
    out.push_str(&format!("{} ({}, {mb:.2} MB)\n", m.name, m.path));
    for (i, stage) in STAGES.iter().enumerate() {
        let s = Stat::of(&m.runs.iter().map(|r| r.stages[i]).collect::<Vec<_>>());
        out.push_str(&format!("  {stage:<9}{}\n", s.text()));
    }
    let total = Stat::of(&m.runs.iter().map(|r| r.total).collect::<Vec<_>>());
    let written: usize = m.runs.iter().map(|r| r.written).max().unwrap_or(0);
    out.push_str(&format!("  {:<9}{}  {:.1} MB/s\n", "total", total.text(), mb / (total.median / 1000.0)));
    let peak = m.runs.iter().map(|r| r.peak_kb).max().unwrap_or(0) as f64 / 1024.0;
    out.push_str(&format!("  peak RSS  {peak:.1} MB\n"));
    out.push_str(&format!(
        "  output    {} files, {} lines, {:.1} MB; files written when nothing changed: {written}\n",
        first.files,
        first.lines,
        first.bytes as f64 / 1e6
    ));
    out.push_str(&format!("  floor    {}  (read the file and walk its XML events)\n", m.floor.text()));
    out.push_str(&format!("  pipeline/floor {:.1}x\n", total.median / m.floor.median.max(1e-9)));
    out
}

fn report_json(m: &Measured) -> String {
    let first = &m.runs[0];
    let stages: Vec<String> = STAGES
        .iter()
        .enumerate()
        .map(|(i, s)| format!("\"{s}\":{}", Stat::of(&m.runs.iter().map(|r| r.stages[i]).collect::<Vec<_>>()).json()))
        .collect();
    let total = Stat::of(&m.runs.iter().map(|r| r.total).collect::<Vec<_>>());
    format!(
        "{{\"name\":\"{}\",\"input\":\"{}\",\"input_bytes\":{},\"runs\":{},\"stages\":{{{}}},\"total\":{},\"mb_per_s\":{:.3},\"peak_rss_kb\":{},\"files\":{},\"lines\":{},\"bytes\":{},\"files_written_unchanged\":{},\"floor\":{},\"pipeline_over_floor\":{:.2}}}",
        m.name,
        m.path,
        first.input_bytes,
        m.runs.len(),
        stages.join(","),
        total.json(),
        first.input_bytes as f64 / 1e6 / (total.median / 1000.0),
        m.runs.iter().map(|r| r.peak_kb).max().unwrap_or(0),
        first.files,
        first.lines,
        first.bytes,
        m.runs.iter().map(|r| r.written).max().unwrap_or(0),
        m.floor.json(),
        total.median / m.floor.median.max(1e-9)
    )
}

/// One peer run: wall time, or why it did not finish.
fn timed(mut cmd: Command) -> Result<f64, String> {
    let started = Instant::now();
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().map_err(|e| e.to_string())?;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            return if status.success() { Ok(ms) } else { Err(format!("failed ({status})")) };
        }
        if started.elapsed() > PEER_TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("did not finish within {PEER_TIME_LIMIT:?}"));
        }
        // Polling every 2% of the time so far (0.1 ms to 10 ms) keeps the
        // error of a 10 ms run as small as that of a 2 s one.
        let pause = (started.elapsed() / 50).clamp(Duration::from_micros(100), Duration::from_millis(10));
        std::thread::sleep(pause);
    }
}

/// `--compare`: this generator, odata2ts and the SAP Cloud SDK generator on
/// the same inputs, runs alternating.
fn compare(runs: usize, json: bool) -> Result<String, String> {
    let peers = root().join("target/bench-peers");
    std::fs::create_dir_all(&peers).map_err(|e| e.to_string())?;
    for file in ["package.json", "package-lock.json", "tsconfig.json"] {
        std::fs::copy(root().join("xtask/bench-peers").join(file), peers.join(file)).map_err(|e| e.to_string())?;
    }
    if !peers.join("node_modules/.bin/odata2ts").exists() {
        eprintln!("bench: installing the peers with npm into {}", peers.display());
        let status = Command::new("npm")
            .current_dir(&peers)
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .status()
            .map_err(|e| format!("cannot run npm: {e}"))?;
        if !status.success() {
            return Err("npm ci of the peers failed".into());
        }
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut text =
        String::from("\nCompared with the peers (whole-process wall time, medians of runs that finished):\n");
    let mut rows = Vec::new();
    for (name, path) in PEER_INPUTS {
        let input = root().join(path);
        let work = root().join("target/bench-compare").join(name.split(' ').next().unwrap().to_lowercase());
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(work.join("sap-in")).map_err(|e| e.to_string())?;
        std::fs::copy(&input, work.join("sap-in/service.edmx")).map_err(|e| e.to_string())?;
        let (mut ours, mut o2t, mut sap) = (Vec::new(), Vec::new(), Vec::new());
        let (mut o2t_err, mut sap_err) = (None, None);
        for i in 0..=runs {
            let mut cmd = Command::new(&exe);
            cmd.arg("generate").arg(&input).arg("--out").arg(work.join("ours")).args(["--runtime-version", "0.1"]);
            let t = timed(cmd)?;
            let mut cmd = Command::new(peers.join("node_modules/.bin/odata2ts"));
            cmd.current_dir(&peers)
                .arg("-s")
                .arg(&input)
                .arg("-o")
                .arg(work.join("odata2ts"))
                .args(["-m", "all", "-e", "ts"]);
            let a = timed(cmd);
            let mut cmd = Command::new(peers.join("node_modules/.bin/generate-odata-client"));
            cmd.current_dir(&peers)
                .arg("-i")
                .arg(work.join("sap-in"))
                .arg("-o")
                .arg(work.join("sap"))
                .args(["--overwrite", "--skipValidation"]);
            let b = timed(cmd);
            if i == 0 {
                continue;
            }
            ours.push(t);
            match a {
                Ok(ms) => o2t.push(ms),
                Err(e) => o2t_err = Some(e),
            }
            match b {
                Ok(ms) => sap.push(ms),
                Err(e) => sap_err = Some(e),
            }
        }
        let ours = Stat::of(&ours);
        let line = |label: &str, times: &[f64], err: &Option<String>| -> String {
            if times.is_empty() {
                return format!("    {label:<28} {}\n", err.clone().unwrap_or_default());
            }
            let s = Stat::of(times);
            format!("    {label:<28} {}  {:.1}x slower than odata-codegen\n", s.text(), s.median / ours.median)
        };
        text.push_str(&format!("  {name} ({path})\n"));
        text.push_str(&format!("    {:<28} {}\n", "odata-codegen", ours.text()));
        text.push_str(&line("odata2ts 0.34.0", &o2t, &o2t_err));
        text.push_str(&line("SAP Cloud SDK generator 4.5.1", &sap, &sap_err));
        rows.push(format!(
            "{{\"input\":\"{path}\",\"odata_codegen\":{},\"odata2ts\":{},\"sap_cloud_sdk\":{}}}",
            ours.json(),
            if o2t.is_empty() { "null".into() } else { Stat::of(&o2t).json() },
            if sap.is_empty() { "null".into() } else { Stat::of(&sap).json() }
        ));
    }
    Ok(if json { format!("\"compare\":[{}]", rows.join(",")) } else { text })
}

/// `__bench`: the measurements, in the release build.
pub fn measure_all(args: &[String]) -> Result<(), ExitCode> {
    let args = Args::parse(args, &["runs"], &["json", "compare", "runtime", "compile"])?;
    let runs: usize =
        args.value("runs").map_or(Ok(7), str::parse).map_err(|_| usage("`--runs` takes a number".into()))?;
    let json = args.has("json");
    let mut measured = Vec::new();
    for (name, path) in INPUTS {
        match measure(name, path, runs) {
            Ok(m) => measured.push(m),
            Err(e) => {
                eprintln!("error: {e}");
                return Err(ExitCode::FAILURE);
            }
        }
    }
    let mut sections = Vec::new();
    if json {
        sections.push(format!("\"generator\":[{}]", measured.iter().map(report_json).collect::<Vec<_>>().join(",")));
    } else {
        println!("odata-codegen bench: {runs} runs after a warm-up, each in its own process; medians (min..max)\n");
        for m in &measured {
            println!("{}", report_text(m));
        }
    }
    if args.has("compare") {
        match compare(runs.min(5), json) {
            Ok(s) if json => sections.push(s),
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return Err(ExitCode::FAILURE);
            }
        }
    }
    if args.has("runtime") {
        match runtime(json) {
            Ok(s) if json => sections.push(s),
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return Err(ExitCode::FAILURE);
            }
        }
    }
    if args.has("compile") {
        match compile(json) {
            Ok(s) if json => sections.push(s),
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return Err(ExitCode::FAILURE);
            }
        }
    }
    if json {
        println!("{{{}}}", sections.join(","));
    }
    Ok(())
}

/// `--runtime`: the generated types against `serde_json::Value` on a large
/// Graph response (the `decode-bench` binary of `tests/roundtrip`).
fn runtime(json: bool) -> Result<String, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root())
        .args([
            "run",
            "--release",
            "--locked",
            "--quiet",
            "--package",
            "roundtrip-tests",
            "--bin",
            "decode-bench",
            "--",
        ])
        .args(if json { vec!["--json"] } else { vec![] })
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("decode-bench failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    let text = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    Ok(if json { format!("\"runtime\":{text}") } else { format!("\n{text}") })
}

/// Wall time of a cargo command in `dir`, with its own target folder.
fn cargo_time(dir: &Path, args: &[&str], target: &Path) -> Result<f64, String> {
    cargo_time_env(dir, args, target, &[])
}

/// [`cargo_time`] with more environment variables.
fn cargo_time_env(dir: &Path, args: &[&str], target: &Path, env: &[(&str, &str)]) -> Result<f64, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let started = Instant::now();
    let output = Command::new(cargo)
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .envs(env.iter().copied())
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "cargo {args:?} in {} failed:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(started.elapsed().as_secs_f64())
}

/// The size of the crate's rlib in `target/<profile>`.
fn rlib_size(target: &Path, profile: &str, crate_name: &str) -> u64 {
    let prefix = format!("lib{}", crate_name.replace('-', "_"));
    std::fs::read_dir(target.join(profile))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            e.file_name().to_string_lossy().starts_with(&prefix) && e.file_name().to_string_lossy().ends_with(".rlib")
        })
        .map(|e| e.metadata().map_or(0, |m| m.len()))
        .max()
        .unwrap_or(0)
}

/// `--compile`: what the generated Graph crate costs to compile, whole and
/// as a subset a downstream crate would use.
fn compile(json: bool) -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let work = root().join("target/bench-compile");
    let _ = std::fs::remove_dir_all(&work);
    let graph = root().join("tests/corpus/graph/msgraph-v1.0-cleanMetadata.xml");
    let runtime = root().join("runtime");
    // Generates a crate and returns how many types it has, from the
    // summary line (`generated N types into ...`).
    let generate = |out: &Path, extra: &[&str]| -> Result<usize, String> {
        let output = Command::new(&exe)
            .arg("generate")
            .arg(&graph)
            .arg("--out")
            .arg(out)
            .arg("--runtime-path")
            .arg(&runtime)
            .args(extra)
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!("generation failed:\n{}", String::from_utf8_lossy(&output.stderr)));
        }
        let log = String::from_utf8_lossy(&output.stderr);
        log.lines()
            .find_map(|l| l.strip_prefix("generated ")?.split(' ').next()?.parse().ok())
            .ok_or_else(|| "no summary line from the generator".to_owned())
    };
    // The whole service. Dependencies are built first, so the times are
    // the crate's own.
    let whole = work.join("graph");
    generate(&whole, &["--crate-name", "graph-whole"])?;
    let target = work.join("target-whole");
    cargo_time(&whole, &["fetch", "--quiet"], &target)?;
    cargo_time(&whole, &["check", "--quiet", "-p", "odata-runtime"], &target)?;
    cargo_time(&whole, &["build", "--quiet", "-p", "odata-runtime"], &target)?;
    cargo_time(&whole, &["build", "--release", "--quiet", "-p", "odata-runtime"], &target)?;
    // Incremental, as cargo builds a crate of the workspace or a path
    // dependency; then without, as it builds a dependency from a registry
    // or git (and a path dependency with `incremental = false`).
    let check = cargo_time(&whole, &["check", "--quiet"], &target)?;
    cargo_time(&whole, &["clean", "--quiet", "-p", "graph-whole"], &target)?;
    let check_dep = cargo_time_env(&whole, &["check", "--quiet"], &target, &[("CARGO_INCREMENTAL", "0")])?;
    let build = cargo_time(&whole, &["build", "--quiet"], &target)?;
    cargo_time(&whole, &["clean", "--quiet", "-p", "graph-whole"], &target)?;
    let build_dep = cargo_time_env(&whole, &["build", "--quiet"], &target, &[("CARGO_INCREMENTAL", "0")])?;
    let release = cargo_time(&whole, &["build", "--release", "--quiet"], &target)?;
    let rlib = rlib_size(&target, "debug", "graph-whole");
    let rlib_release = rlib_size(&target, "release", "graph-whole");
    // A downstream crate that uses a few types: users and groups.
    let subset = work.join("graph-users");
    let subset_types = generate(
        &subset,
        &["--crate-name", "graph-users", "--include", "microsoft.graph.user", "--include", "microsoft.graph.group"],
    )?;
    let downstream = work.join("downstream");
    std::fs::create_dir_all(downstream.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(
        downstream.join("Cargo.toml"),
        format!(
            "[package]\nname = \"downstream\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ngraph-users = {{ path = \"{}\" }}\nserde_json = \"1\"\n\n[workspace]\n",
            subset.display()
        ),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(
        downstream.join("src/main.rs"),
        "use graph_users::microsoft_graph::{any, User};\n\nfn main() {\n    let user: User = serde_json::from_str(r#\"{\"displayName\":\"Adele\"}\"#).unwrap();\n    let members: Vec<any::DirectoryObject> = serde_json::from_str(\"[]\").unwrap();\n    println!(\"{:?} {}\", user.display_name, members.len());\n}\n",
    )
    .map_err(|e| e.to_string())?;
    let target = work.join("target-downstream");
    cargo_time(&downstream, &["fetch", "--quiet"], &target)?;
    // The dependencies other than the generated crate, checked and built
    // beforehand, so the times are the generated crate's and the program's.
    cargo_time(&downstream, &["check", "--quiet", "-p", "odata-runtime", "-p", "serde_json"], &target)?;
    cargo_time(&downstream, &["build", "--quiet", "-p", "odata-runtime", "-p", "serde_json"], &target)?;
    let subset_check = cargo_time(&downstream, &["check", "--quiet"], &target)?;
    let subset_build = cargo_time(&downstream, &["build", "--quiet"], &target)?;
    let subset_rlib = rlib_size(&target, "debug/deps", "graph-users");
    if json {
        return Ok(format!(
            "\"compile\":{{\"whole\":{{\"check_s\":{check:.1},\"check_dependency_s\":{check_dep:.1},\"build_s\":{build:.1},\"build_dependency_s\":{build_dep:.1},\"build_release_s\":{release:.1},\"rlib_bytes\":{rlib},\"rlib_release_bytes\":{rlib_release}}},\"downstream_users_groups\":{{\"types\":{subset_types},\"check_s\":{subset_check:.1},\"build_s\":{subset_build:.1},\"rlib_bytes\":{subset_rlib}}}}}"
        ));
    }
    Ok(format!(
        "\nCompile cost of the generated Graph v1.0 crate (dependencies built beforehand):\n  whole crate        cargo check {check:.1} s, cargo build {build:.1} s, release {release:.1} s; rlib {:.1} MB (release {:.1} MB)\n  as a dependency    (not incremental) cargo check {check_dep:.1} s, cargo build {build_dep:.1} s\n  downstream crate   using users and groups (a subset of {subset_types} types): check {subset_check:.1} s, build {subset_build:.1} s; rlib {:.1} MB\n",
        rlib as f64 / 1e6,
        rlib_release as f64 / 1e6,
        subset_rlib as f64 / 1e6
    ))
}
