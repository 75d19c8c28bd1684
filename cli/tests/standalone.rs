//! The generator as a user outside this workspace gets it: the crates as
//! `cargo package` makes them, a generated crate built against the packaged
//! runtime, and a crate of its own whose build script generates its client
//! (cargo reruns it when the documents change, and only then).
//!
//! The nested cargo runs use their own target folders below `target/`, so
//! they do not wait for the lock of the cargo running these tests, and so
//! that the dependencies they build are kept between runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("cli is in the workspace").to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let dir = workspace().join("target/cli-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn cargo(dir: &Path, target: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", workspace().join("target").join(target))
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("cargo runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const PUBLISHED: &[&str] = &["odata-runtime", "odata-codegen", "odata-codegen-cli"];

/// What a package may hold: its sources, manifest and README, and the
/// files cargo adds.
fn allowed(file: &str) -> bool {
    matches!(file, "Cargo.toml" | "Cargo.toml.orig" | "Cargo.lock" | ".cargo_vcs_info.json" | "README.md")
        || (file.starts_with("src/") && file.ends_with(".rs") && !file.contains(".."))
}

#[test]
fn packages_hold_only_their_own_files_and_the_runtime_package_builds_a_generated_crate() {
    let root = workspace();
    for package in PUBLISHED {
        let listed = cargo(&root, "package-test", &["package", "--list", "--allow-dirty", "-p", package]);
        assert!(listed.status.success(), "cargo package --list -p {package}:\n{}", text(&listed.stderr));
        let files: Vec<String> = text(&listed.stdout).lines().map(str::to_owned).collect();
        for required in ["Cargo.toml", "README.md", "src/lib.rs"] {
            assert!(files.iter().any(|f| f == required), "{package} lacks {required}: {files:?}");
        }
        let stray: Vec<&String> = files.iter().filter(|f| !allowed(f)).collect();
        assert!(stray.is_empty(), "{package} would publish {stray:?}");
    }

    // The packages themselves; inter-crate dependencies become versions.
    let mut args = vec!["package", "--no-verify", "--allow-dirty"];
    for package in PUBLISHED {
        args.extend(["-p", package]);
    }
    let packaged = cargo(&root, "package-test", &args);
    assert!(packaged.status.success(), "cargo package:\n{}", text(&packaged.stderr));
    let unpacked = scratch("packages");
    let version = env!("CARGO_PKG_VERSION");
    for package in PUBLISHED {
        let file = root.join(format!("target/package-test/package/{package}-{version}.crate"));
        // `--touch`: the files get the time of unpacking, not the one the
        // package recorded, so cargo rebuilds the runtime instead of
        // taking the build of an earlier package from the shared target
        // folder.
        let status = Command::new("tar")
            .args(["--touch", "-xzf"])
            .arg(&file)
            .arg("-C")
            .arg(&unpacked)
            .status()
            .expect("tar runs");
        assert!(status.success(), "cannot unpack {}", file.display());
    }
    let codegen_manifest =
        std::fs::read_to_string(unpacked.join(format!("odata-codegen-{version}/Cargo.toml"))).expect("manifest");
    let dependency = codegen_manifest.split("[dependencies.odata-runtime]").nth(1).expect("depends on the runtime");
    let dependency = dependency.split("\n[").next().unwrap_or("");
    assert!(dependency.contains(&format!("version = \"{version}\"")), "{dependency}");
    assert!(!dependency.contains("path"), "a path dependency was published: {dependency}");
    let cli_manifest =
        std::fs::read_to_string(unpacked.join(format!("odata-codegen-cli-{version}/Cargo.toml"))).expect("manifest");
    assert!(cli_manifest.contains("[dependencies.odata-codegen]"), "{cli_manifest}");

    // A crate generated against the unpacked runtime, as one built from
    // crates.io would be.
    let runtime = unpacked.join(format!("odata-runtime-{version}"));
    let out = scratch("against-package").join("seed");
    let generated = Command::new(env!("CARGO_BIN_EXE_odata-codegen"))
        .arg("generate")
        .arg(root.join("codegen/tests/fixtures/seed/input.xml"))
        .arg("--out")
        .arg(&out)
        .arg("--crate-name")
        .arg("seed-against-package")
        .arg("--runtime-path")
        .arg(&runtime)
        .output()
        .expect("the generator runs");
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    let checked = cargo(&out, "standalone", &["check", "--all-features"]);
    assert!(
        checked.status.success(),
        "the generated crate does not build against the package:\n{}",
        text(&checked.stderr)
    );
}

/// The `out_dir` of the last `build-script-executed` message of `package`.
fn out_dir(json: &str, package: &str) -> Option<PathBuf> {
    json.lines()
        .filter(|l| l.contains("\"reason\":\"build-script-executed\"") && l.contains(package))
        .filter_map(|l| l.split("\"out_dir\":\"").nth(1)?.split('"').next().map(PathBuf::from))
        .last()
}

/// Builds the crate; whether its build script ran, and the output folder.
fn build(dir: &Path) -> (bool, Output, Option<PathBuf>) {
    let output = cargo(dir, "standalone", &["build", "-v", "--message-format=json-render-diagnostics"]);
    let stderr = text(&output.stderr);
    let ran = stderr
        .lines()
        .any(|l| l.contains("Running") && l.contains("example-trippin-build") && l.contains("build-script-build"));
    let dir = out_dir(&text(&output.stdout), "example-trippin-build");
    (ran, output, dir)
}

const EXTRA: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="Extra" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="Badge"><Property Name="Label" Type="Edm.String"/></ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

#[test]
fn a_build_script_generates_and_reruns_when_a_document_changes() {
    let root = workspace();
    let example = root.join("examples/trippin-build");
    let dir = scratch("build-script").join("example-trippin-build");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("metadata")).unwrap();
    for file in ["build.rs", "src/lib.rs", "metadata/TripPin.xml"] {
        std::fs::copy(example.join(file), dir.join(file)).unwrap();
    }
    let path = |p: &str| root.join(p).to_string_lossy().replace('\\', "/");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"example-trippin-build\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
             [dependencies]\nodata-runtime = {{ path = \"{}\" }}\n\n\
             [build-dependencies]\nodata-codegen = {{ path = \"{}\" }}\n\n[workspace]\n",
            path("runtime"),
            path("codegen")
        ),
    )
    .unwrap();

    let (ran, output, out) = build(&dir);
    assert!(output.status.success(), "first build:\n{}", text(&output.stderr));
    assert!(ran, "the build script did not run on the first build");
    let out = out.expect("the build script's OUT_DIR").join("odata");
    let trippin = out.join("microsoft_o_data_sample_service_models_trip_pin");
    assert!(trippin.join("person.rs").is_file());
    // Warnings reach the user as cargo warnings, located.
    assert!(text(&output.stderr).contains("metadata/TripPin.xml:"), "{}", text(&output.stderr));

    let (ran, output, _) = build(&dir);
    assert!(output.status.success());
    assert!(!ran, "nothing changed, yet the build script ran again:\n{}", text(&output.stderr));

    // A new referenced document: the main one changes.
    let main = dir.join("metadata/TripPin.xml");
    let doc = std::fs::read_to_string(&main).unwrap();
    let at = doc.find("<edmx:DataServices").expect("DataServices");
    let edited = format!(
        "{}<edmx:Reference Uri=\"extra.xml\"><edmx:Include Namespace=\"Extra\"/></edmx:Reference>\n  {}",
        &doc[..at],
        &doc[at..]
    );
    std::fs::write(&main, edited).unwrap();
    std::fs::write(dir.join("metadata/extra.xml"), EXTRA).unwrap();
    let (ran, output, _) = build(&dir);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(ran, "the main document changed, but the build script did not run");
    assert!(out.join("extra/badge.rs").is_file(), "the referenced document's type is missing");

    // Only the referenced document changes.
    std::fs::write(
        dir.join("metadata/extra.xml"),
        EXTRA.replace("</ComplexType>", "</ComplexType><ComplexType Name=\"Medal\"/>"),
    )
    .unwrap();
    let (ran, output, _) = build(&dir);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(ran, "a referenced document changed, but the build script did not run");
    assert!(out.join("extra/medal.rs").is_file());

    // A broken document fails the build with its location, and the
    // previous output stays as it was.
    std::fs::write(dir.join("metadata/extra.xml"), EXTRA.replace("Type=\"Edm.String\"", "Type=\"Extra.Nowhere\""))
        .unwrap();
    let (_, output, _) = build(&dir);
    assert!(!output.status.success(), "a broken document built");
    let stderr = text(&output.stderr) + &text(&output.stdout);
    assert!(stderr.contains("metadata/extra.xml:5:"), "no location in:\n{stderr}");
    assert!(out.join("extra/medal.rs").is_file(), "a failed generation changed the output");
}
