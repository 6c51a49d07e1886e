//! newman 6.2.2, the reference: found (or installed) in a cache folder outside the
//! checkout, and run either through one long-lived node process that runs newman's own
//! command line once per case (`newman_driver.js`, the default) or as one `newman`
//! process per case (`POSTIE_COMPAT_NEWMAN=process`, to confirm the driver changes
//! nothing).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;

pub const VERSION: &str = "6.2.2";

/// What one tool run printed and returned.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub exit_code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// Set when the run did not end within the time limit.
    pub timed_out: bool,
}

/// `$POSTIE_NEWMAN_DIR`, else `~/.cache/postie/newman-6.2.2`.
pub fn dir() -> PathBuf {
    if let Some(d) = std::env::var_os("POSTIE_NEWMAN_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| ".".into());
    home.join(".cache")
        .join("postie")
        .join(format!("newman-{VERSION}"))
}

fn installed_version(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("node_modules/newman/package.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["version"].as_str().map(str::to_string)
}

static INSTALL: Mutex<()> = Mutex::new(());

/// The newman folder, installing newman there with npm when it is missing. `None`
/// (after the visible skip line, or a failure under `POSTIE_REQUIRE_SHARED=1`) when
/// node or npm is not installed or the install fails.
pub fn find() -> Option<PathBuf> {
    crate::support::tool("node")?;
    let dir = dir();
    let _one_installer = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if installed_version(&dir).as_deref() == Some(VERSION) {
        return Some(dir);
    }
    let npm = crate::support::tool("npm")?;
    std::fs::create_dir_all(&dir).ok();
    let out = Command::new(npm)
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "--prefix",
        ])
        .arg(&dir)
        .arg(format!("newman@{VERSION}"))
        .output();
    match out {
        Ok(o) if o.status.success() && installed_version(&dir).as_deref() == Some(VERSION) => {
            Some(dir)
        }
        Ok(o) => {
            crate::support::skip(
                &format!("newman {VERSION}"),
                &format!(
                    "npm install --prefix {} newman@{VERSION} failed: {}",
                    dir.display(),
                    String::from_utf8_lossy(&o.stderr).trim()
                ),
            );
            None
        }
        Err(e) => {
            crate::support::skip(&format!("newman {VERSION}"), &format!("npm: {e}"));
            None
        }
    }
}

/// The environment both tools run in: no proxies, no colours.
pub fn clean_env(cmd: &mut Command) {
    for proxy in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
        "NODE_OPTIONS",
        "CI",
    ] {
        cmd.env_remove(proxy);
    }
    cmd.env("NO_COLOR", "1");
}

/// Runs newman's command line, one case after the other.
pub struct Newman {
    dir: PathBuf,
    process_mode: bool,
    driver: Option<Driver>,
}

struct Driver {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
    /// What node itself printed (a crash), read until the driver ends.
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Driver {
    fn start(dir: &Path) -> Driver {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/newman_driver.js");
        let mut cmd = Command::new("node");
        clean_env(&mut cmd);
        let mut child = cmd
            .arg("--no-warnings")
            .arg(script)
            .arg(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start node with the newman driver");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
            text
        });
        Driver {
            child,
            stdin,
            lines,
            stderr: Some(stderr),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Newman {
    pub fn new(dir: PathBuf) -> Newman {
        let process_mode = std::env::var("POSTIE_COMPAT_NEWMAN").is_ok_and(|v| v == "process");
        Newman {
            dir,
            process_mode,
            driver: None,
        }
    }

    pub fn mode(&self) -> &'static str {
        if self.process_mode {
            "one newman process per case"
        } else {
            "one node process running newman's CLI per case"
        }
    }

    /// `newman ARGS` in `cwd`, stopped after `limit`.
    pub fn run(&mut self, cwd: &Path, args: &[String], limit: Duration) -> Output {
        if self.process_mode {
            return self.run_process(cwd, args, limit);
        }
        let driver = self.driver.get_or_insert_with(|| Driver::start(&self.dir));
        let request = serde_json::json!({ "args": args, "cwd": cwd });
        let mut output = Output::default();
        if writeln!(driver.stdin, "{request}")
            .and_then(|_| driver.stdin.flush())
            .is_err()
        {
            self.driver = None;
            output.stderr = "the newman driver stopped".into();
            return output;
        }
        let deadline = std::time::Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match driver.lines.recv_timeout(left) {
                Ok(line) => {
                    let v: serde_json::Value =
                        serde_json::from_str(&line).expect("the newman driver answers JSON");
                    if let Some(t) = v["out"].as_str() {
                        output.stdout.push_str(t);
                    } else if let Some(t) = v["err"].as_str() {
                        output.stderr.push_str(t);
                    } else if let Some(code) = v["exitCode"].as_i64() {
                        output.exit_code = Some(code as i32);
                        return output;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    // A run that never ends costs only this case.
                    self.driver = None;
                    output.timed_out = true;
                    return output;
                }
                Err(RecvTimeoutError::Disconnected) => {
                    // newman crashed (an uncaught exception): node printed it and
                    // exited, as a newman process would.
                    let mut d = self.driver.take().unwrap();
                    output.exit_code = d.child.wait().ok().and_then(|s| s.code());
                    if let Some(t) = d.stderr.take() {
                        output.stderr.push_str(&t.join().unwrap_or_default());
                    }
                    return output;
                }
            }
        }
    }

    /// `newman ARGS` as its own process, whatever the mode.
    pub fn run_process(&self, cwd: &Path, args: &[String], limit: Duration) -> Output {
        let bin = self.dir.join("node_modules/newman/bin/newman.js");
        let mut cmd = Command::new("node");
        clean_env(&mut cmd);
        cmd.env("NODE_OPTIONS", "--no-warnings");
        cmd.arg(bin).args(args).current_dir(cwd);
        run_with_limit(cmd, limit)
    }
}

/// Runs a command to its end, or kills it after `limit`.
pub fn run_with_limit(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start {cmd:?}: {e}"));
    let read = |r: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = read(child.stdout.take().map(|s| Box::new(s) as _));
    let err = read(child.stderr.take().map(|s| Box::new(s) as _));
    let started = std::time::Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            timed_out = true;
            break child.wait().ok();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Output {
        exit_code: status.and_then(|s| s.code()),
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        timed_out,
    }
}
