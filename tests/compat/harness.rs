//! Runs one case through newman and postie, each against a fresh recording server,
//! and compares what they did, field by field.

use crate::allowlist::{judge, AllowList, Verdict};
use crate::newman::{clean_env, run_with_limit, Newman, Output};
use crate::normalize::{normalize, Context, Input};
use crate::relay::Relay;
use crate::support::server::{Received, TestServer};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How long one tool may take on one case.
pub const LIMIT: Duration = Duration::from_secs(60);

pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/cases")
}

pub fn allowlist_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/allowlist.json")
}

/// Where runs leave their outputs for a human to look at.
pub fn work_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("compat")
}

#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub dir: PathBuf,
    /// The one line saying what the case isolates.
    pub description: String,
    /// Extra flags for both tools; `$OUT` is the run's output folder.
    pub args: Vec<String>,
}

impl Case {
    pub fn load(dir: &Path) -> Result<Case, String> {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
        let description = read("README")
            .or_else(|| read("description"))
            .ok_or_else(|| format!("{name}: no README"))?
            .trim()
            .to_string();
        if description.is_empty() || description.lines().count() != 1 {
            return Err(format!("{name}: the README must be one line"));
        }
        let collection =
            read("collection.json").ok_or_else(|| format!("{name}: no collection.json"))?;
        serde_json::from_str::<Value>(&collection)
            .map_err(|e| format!("{name}: collection.json: {e}"))?;
        for f in ["environment.json", "globals.json", "data.json"] {
            if let Some(text) = read(f) {
                serde_json::from_str::<Value>(&text).map_err(|e| format!("{name}: {f}: {e}"))?;
            }
        }
        let args = match read("args.json") {
            Some(text) => serde_json::from_str::<Vec<String>>(&text)
                .map_err(|e| format!("{name}: args.json must be an array of strings: {e}"))?,
            None => Vec::new(),
        };
        Ok(Case {
            name,
            dir: dir.to_path_buf(),
            description,
            args,
        })
    }

    /// The command line after `newman`/`postie`.
    pub fn command_line(&self, base: &str, out: &Path) -> Vec<String> {
        let mut a: Vec<String> = vec!["run".into(), "collection.json".into()];
        for (file, flag) in [
            ("environment.json", "-e"),
            ("globals.json", "-g"),
            ("data.json", "-d"),
            ("data.csv", "-d"),
        ] {
            if self.dir.join(file).exists() {
                a.push(flag.into());
                a.push(file.into());
            }
        }
        let out_s = out.to_string_lossy().into_owned();
        a.extend([
            "--env-var".into(),
            format!("base={base}"),
            "-r".into(),
            "cli,json".into(),
            "--reporter-json-export".into(),
            format!("{out_s}/report.json"),
            "--export-environment".into(),
            format!("{out_s}/environment.json"),
            "--export-globals".into(),
            format!("{out_s}/globals.json"),
        ]);
        a.extend(self.args.iter().map(|x| x.replace("$OUT", &out_s)));
        a
    }
}

/// Every case under `tests/compat/cases`, by name; `POSTIE_COMPAT_CASE` (names
/// separated by commas, `prefix*` for a group) picks some.
pub fn load_cases() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/compat/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let filter: Vec<String> = std::env::var("POSTIE_COMPAT_CASE")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let wanted = |name: &str| {
        filter.is_empty()
            || filter.iter().any(|f| match f.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == f,
            })
    };
    dirs.iter()
        .filter(|d| wanted(&d.file_name().unwrap().to_string_lossy()))
        .map(|d| Case::load(d).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// What one tool did on one case, before normalisation.
pub struct Run {
    pub output: Output,
    pub requests: Vec<Received>,
    pub port: u16,
    pub out_dir: PathBuf,
}

/// One tool run against a fresh server behind the case's relay. The same command
/// line for both tools.
pub fn run_tool(
    case: &Case,
    out_dir: &Path,
    relay: &Relay,
    run: impl FnOnce(&Path, &[String]) -> Output,
) -> Run {
    let _ = std::fs::remove_dir_all(out_dir);
    std::fs::create_dir_all(out_dir).unwrap();
    let server = TestServer::start(crate::routes::handle);
    relay.retarget(server.port);
    let args = case.command_line(&relay.base(), out_dir);
    let output = run(&case.dir, &args);
    // A request still in flight when the tool exits is part of the run.
    std::thread::sleep(Duration::from_millis(20));
    relay.retarget(0);
    Run {
        output,
        requests: server.requests(),
        port: relay.port,
        out_dir: out_dir.to_path_buf(),
    }
}

pub fn postie_output(cwd: &Path, args: &[String]) -> Output {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("postie"));
    clean_env(&mut cmd);
    cmd.args(args).current_dir(cwd);
    run_with_limit(cmd, LIMIT)
}

/// The comparable fields of a run.
pub fn observe(case_dir: &Path, run: &Run) -> BTreeMap<&'static str, String> {
    let cx = Context::new(run.port, &run.out_dir, case_dir);
    let mut f = BTreeMap::new();
    let o = &run.output;
    f.insert(
        "exit",
        match (o.timed_out, o.exit_code) {
            (true, _) => format!("did not finish within {}s", LIMIT.as_secs()),
            (false, Some(c)) => format!("exit code {c}"),
            (false, None) => "killed by a signal".to_string(),
        },
    );
    f.insert("requests", normalize(Input::Requests(&run.requests), &cx));
    f.insert("console", normalize(Input::Console(&o.stdout), &cx));
    f.insert("stdout", normalize(Input::Stdout(&o.stdout), &cx));
    f.insert("stderr", normalize(Input::Text(&o.stderr), &cx));
    let read_json = |name: &str| -> Option<Value> {
        let text = std::fs::read_to_string(run.out_dir.join(name)).ok()?;
        Some(
            serde_json::from_str(&text).unwrap_or_else(|e| Value::String(format!("not JSON: {e}"))),
        )
    };
    for (field, file) in [
        ("environment", "environment.json"),
        ("globals", "globals.json"),
    ] {
        f.insert(
            field,
            match read_json(file) {
                Some(v) => normalize(Input::Json(&v), &cx),
                None => format!("({file} was not written)"),
            },
        );
    }
    let report = read_json("report.json");
    let (assertions, failures, stats) = match &report {
        Some(r) => (
            normalize(Input::Text(&assertions(r)), &cx),
            normalize(Input::Text(&failures(r)), &cx),
            stats(r),
        ),
        None => {
            let none = "(no JSON report written)".to_string();
            (none.clone(), none.clone(), none)
        }
    };
    f.insert("assertions", assertions);
    f.insert("failures", failures);
    f.insert("stats", stats);
    // The items as the report writes them: in `collection`, in each execution
    // and in each failure's `source` (newman's SDK form).
    f.insert(
        "report items",
        match &report {
            Some(r) => {
                let each = |list: &str, key: &str| -> Value {
                    r["run"][list]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|e| e[key].clone())
                        .collect()
                };
                // Each sent request's headers that are not the runtime's own
                // (theirs are listed differently: see the allow-list), the ones
                // added for it (`system: true`) marked with a `*`.
                let headers: Vec<Value> = r["run"]["executions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| {
                        e["request"]["header"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter(|h| {
                                !RUNTIME_HEADERS
                                    .contains(&s(&h["key"]).to_ascii_lowercase().as_str())
                            })
                            .map(|h| {
                                let star = if h["system"] == Value::Bool(true) {
                                    "*"
                                } else {
                                    ""
                                };
                                Value::String(format!("{}{star}", s(&h["key"])))
                            })
                            .collect()
                    })
                    .collect();
                let items = serde_json::json!({
                    "collection": r["collection"],
                    "executions": each("executions", "item"),
                    "failures": each("failures", "source"),
                    "sent headers": headers,
                });
                normalize(Input::Json(&items), &cx)
            }
            None => "(no JSON report written)".to_string(),
        },
    );
    // Any other file the case asked for (collection or cookie-jar export, a JUnit report…).
    let mut files = String::new();
    let mut names: Vec<String> = std::fs::read_dir(&run.out_dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    !["report.json", "environment.json", "globals.json"].contains(&n.as_str())
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    for name in names {
        let path = run.out_dir.join(&name);
        let text = std::fs::read(&path).unwrap_or_default();
        let _ = writeln!(files, "== {name}");
        match serde_json::from_slice::<Value>(&text) {
            Ok(v) => files.push_str(&normalize(Input::Json(&v), &cx)),
            Err(_) => files.push_str(&normalize(
                Input::Text(&String::from_utf8_lossy(&text)),
                &cx,
            )),
        }
        files.push('\n');
    }
    f.insert("files", files);
    f
}

/// Headers whose place in the report's request differs between the tools:
/// newman's request object holds the jar's cookies and leaves out what its
/// HTTP library adds (a form's type, a file's length).
const RUNTIME_HEADERS: &[&str] = &["cookie", "content-type", "content-length"];

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Per execution: the item, its iteration, and each assertion's result.
fn assertions(report: &Value) -> String {
    let mut out = String::new();
    for e in report["run"]["executions"].as_array().into_iter().flatten() {
        // The cursor's flags that are set (newman leaves out the ones that
        // are not on all but a run's first item).
        let flags: Vec<&str> = ["empty", "eof", "bof", "cr"]
            .into_iter()
            .filter(|f| e["cursor"][*f] == Value::Bool(true))
            .collect();
        let _ = writeln!(
            out,
            "{:?} (iteration {}, position {}{}{})",
            s(&e["item"]["name"]),
            s(&e["cursor"]["iteration"]),
            s(&e["cursor"]["position"]),
            if flags.is_empty() { "" } else { ", " },
            flags.join(", ")
        );
        for a in e["assertions"].as_array().into_iter().flatten() {
            let name = s(&a["assertion"]);
            if a["skipped"] == Value::Bool(true) {
                let _ = writeln!(out, "  - [skipped] {name}");
            } else if a["error"].is_object() {
                let _ = writeln!(
                    out,
                    "  ✗ {name}: {}: {}",
                    s(&a["error"]["name"]),
                    s(&a["error"]["message"])
                );
            } else {
                let _ = writeln!(out, "  ✓ {name}");
            }
        }
    }
    if out.is_empty() {
        out.push_str("(no executions)\n");
    }
    out
}

/// `run.failures`: where each failure happened and its error.
fn failures(report: &Value) -> String {
    let mut out = String::new();
    for f in report["run"]["failures"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "{:?} (iteration {}) at {}: {}: {}",
            s(&f["source"]["name"]),
            s(&f["cursor"]["iteration"]),
            s(&f["at"]),
            s(&f["error"]["name"]),
            s(&f["error"]["message"])
        );
    }
    let error = &report["run"]["error"];
    if !error.is_null() {
        let _ = writeln!(out, "run.error: {}", s(&error["message"]));
    }
    if out.is_empty() {
        out.push_str("(no failures)\n");
    }
    out
}

/// `run.stats`, one line per counter, in name order.
fn stats(report: &Value) -> String {
    let mut out = String::new();
    let mut keys: Vec<(&String, &Value)> = report["run"]["stats"]
        .as_object()
        .map(|m| m.iter().collect())
        .unwrap_or_default();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    for (k, v) in keys {
        let _ = writeln!(
            out,
            "{k}: total {} pending {} failed {}",
            s(&v["total"]),
            s(&v["pending"]),
            s(&v["failed"])
        );
    }
    out
}

/// The outcome of one case.
pub struct Outcome {
    /// A tool did not finish in time (on a busy machine it is worth a second try).
    pub timed_out: bool,
    /// Fields that differ, each with its readable diff.
    pub differences: Vec<(String, String)>,
    /// Allow-list entries that made it pass.
    pub allowed: Vec<String>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.differences.is_empty()
    }
}

pub fn compare(
    name: &str,
    newman: &BTreeMap<&'static str, String>,
    postie: &BTreeMap<&'static str, String>,
    allow: &AllowList,
) -> Outcome {
    let mut outcome = Outcome {
        timed_out: false,
        differences: Vec::new(),
        allowed: Vec::new(),
    };
    for field in crate::allowlist::FIELDS {
        if !newman.contains_key(field) && !postie.contains_key(field) {
            // Not compared here (the ForgeRock test compares requests and exit only).
            continue;
        }
        let n = newman.get(field).map(String::as_str).unwrap_or("");
        let p = postie.get(field).map(String::as_str).unwrap_or("");
        match judge(n, p, &allow.covering(name, field)) {
            Verdict::Same => {}
            Verdict::Allowed(ids) => outcome.allowed.extend(ids),
            Verdict::Different {
                newman,
                postie,
                notes,
            } => {
                let mut text = String::new();
                for note in notes {
                    let _ = writeln!(text, "    ! {note}");
                }
                text.push_str(&diff(&newman, &postie));
                outcome.differences.push((field.to_string(), text));
            }
        }
    }
    outcome
}

/// A unified diff, newman's text against postie's, indented under its field.
pub fn diff(newman: &str, postie: &str) -> String {
    let newman = if newman.ends_with('\n') {
        newman.to_string()
    } else {
        format!("{newman}\n")
    };
    let postie = if postie.ends_with('\n') {
        postie.to_string()
    } else {
        format!("{postie}\n")
    };
    let d = similar::TextDiff::from_lines(&newman, &postie);
    let text = d
        .unified_diff()
        .context_radius(3)
        .header("newman", "postie")
        .to_string();
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// What the run compared with newman is: postie, or (to check the harness itself)
/// newman again.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Other {
    Postie,
    /// newman again through the same driver: every difference is noise the
    /// normalisation misses.
    NewmanAgain,
    /// newman as its own process: every difference is something the driver changes.
    NewmanProcess,
}

impl Other {
    /// `POSTIE_COMPAT_SELFCHECK=driver|process` checks the harness instead of postie.
    pub fn from_env() -> Other {
        match std::env::var("POSTIE_COMPAT_SELFCHECK").as_deref() {
            Ok("driver") => Other::NewmanAgain,
            Ok("process") => Other::NewmanProcess,
            _ => Other::Postie,
        }
    }
}

/// Runs `case` through newman and then the other side, and keeps the outputs and normalised fields under the work folder.
pub fn run_case(case: &Case, newman: &mut Newman, other: Other, allow: &AllowList) -> Outcome {
    let root = work_dir().join(&case.name);
    // newman first, then the other side, both through one relay on a new port.
    let relay = Relay::fresh();
    let newman_dir = root.join("newman");
    let n_run = run_tool(case, &newman_dir, &relay, |cwd, args| {
        newman.run(cwd, args, LIMIT)
    });
    let p_run = match other {
        Other::Postie => run_tool(case, &root.join("postie"), &relay, postie_output),
        Other::NewmanAgain => run_tool(case, &root.join("newman-again"), &relay, |cwd, args| {
            newman.run(cwd, args, LIMIT)
        }),
        Other::NewmanProcess => {
            run_tool(case, &root.join("newman-process"), &relay, |cwd, args| {
                newman.run_process(cwd, args, LIMIT)
            })
        }
    };
    drop(relay);
    let n = observe(&case.dir, &n_run);
    let p = observe(&case.dir, &p_run);
    let other_name = match other {
        Other::Postie => "postie",
        Other::NewmanAgain => "newman-again",
        Other::NewmanProcess => "newman-process",
    };
    for (tool, fields, run) in [("newman", &n, &n_run), (other_name, &p, &p_run)] {
        let dir = root.join(format!("{tool}.fields"));
        for (k, v) in fields.iter() {
            keep(&dir.join(format!("{k}.txt")), v);
        }
        keep(&dir.join("raw-stdout.txt"), &run.output.stdout);
        keep(&dir.join("raw-stderr.txt"), &run.output.stderr);
    }
    let mut outcome = compare(&case.name, &n, &p, allow);
    // A run that did not finish proves nothing, even when both did not finish.
    for (tool, run) in [("newman", &n_run), (other_name, &p_run)] {
        if run.output.timed_out {
            outcome.timed_out = true;
            outcome.differences.push((
                "exit".into(),
                format!(
                    "    ! {tool} did not finish within {}s: the case cannot be compared\n",
                    LIMIT.as_secs()
                ),
            ));
        }
    }
    let mut text = String::new();
    for (field, d) in &outcome.differences {
        let _ = writeln!(text, "  {field}:\n{d}");
    }
    keep(&root.join("diff.txt"), &text);
    outcome
}

/// Leaves a file for a human to read; the comparison does not depend on it, so a
/// failure to write it is said, not fatal.
fn keep(path: &Path, text: &str) {
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(path, text));
    if let Err(e) = written {
        eprintln!("compat: could not keep {}: {e}", path.display());
    }
}
