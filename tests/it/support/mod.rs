//! Test support: a private `redis-server` per test on a free port, the real
//! `queuectl` binary with a clean environment, and the Node BullMQ scripts.

#![allow(dead_code)]

pub mod bombs;
pub mod cluster;
pub mod netns;
pub mod proxy;
pub mod sentinel;
pub mod site;
pub mod spa;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A redis-server started for one test, shut down when dropped.
pub struct RedisServer {
    pub port: u16,
    pub password: Option<String>,
    child: Child,
    args: Vec<String>,
    _dir: tempfile::TempDir,
}

impl RedisServer {
    /// Starts a server with no password.
    pub fn start() -> Self {
        Self::start_with(None, &[])
    }

    /// Starts a server requiring `password`.
    pub fn with_password(password: &str) -> Self {
        Self::start_with(Some(password), &[])
    }

    /// Starts a server with extra config arguments (`["--cluster-enabled", "yes"]`).
    pub fn start_with(password: Option<&str>, extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        for _attempt in 0..5 {
            let port = free_port();
            let args = server_args(port, dir.path(), extra, password);
            let child = spawn_server(&args);
            let mut server = RedisServer {
                port,
                password: password.map(str::to_string),
                child,
                args,
                _dir: tempfile::tempdir().unwrap(),
            };
            if wait_for_port(port, Duration::from_secs(5))
                && server.child.try_wait().ok().flatten().is_none()
            {
                server._dir = dir;
                return server;
            }
            let _ = server.child.kill();
        }
        panic!("redis-server did not start on a free port after 5 tries");
    }

    /// Shuts the server down cleanly (SIGTERM: an AOF server persists), waits
    /// `down`, and starts it again on the same port with the same data directory.
    pub fn restart(&mut self, down: Duration) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        std::thread::sleep(down);
        self.child = spawn_server(&self.args);
        assert!(
            wait_for_port(self.port, Duration::from_secs(10)),
            "redis-server did not come back"
        );
    }

    /// Starts a one-node Redis Cluster that owns every slot.
    pub fn cluster() -> Self {
        let conf = format!("nodes-{}.conf", free_port());
        let server = Self::start_with(
            None,
            &["--cluster-enabled", "yes", "--cluster-config-file", &conf],
        );
        server.cli(&["CLUSTER", "ADDSLOTSRANGE", "0", "16383"]);
        let start = Instant::now();
        while !server
            .raw(&["CLUSTER", "INFO"])
            .contains("cluster_state:ok")
        {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "cluster did not become ok"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// Starts a TLS-only server with a fresh CA; returns it and the CA file.
    pub fn tls() -> (Self, PathBuf) {
        let certs = tempfile::tempdir().expect("temp dir");
        let dir = certs.path();
        make_certs(dir);
        let file = |name: &str| dir.join(name).to_string_lossy().into_owned();
        let (cert, key, ca) = (file("server.crt"), file("server.key"), file("ca.crt"));
        let mut server = Self::start_with(
            None,
            &[
                "--tls-cert-file",
                &cert,
                "--tls-key-file",
                &key,
                "--tls-ca-cert-file",
                &ca,
                "--tls-auth-clients",
                "no",
            ],
        );
        server._dir = certs;
        let ca = server._dir.path().join("ca.crt");
        (server, ca)
    }

    /// `redis://[:password@]127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        match &self.password {
            Some(pw) => format!("redis://:{pw}@127.0.0.1:{}", self.port),
            None => format!("redis://127.0.0.1:{}", self.port),
        }
    }

    /// Adds the ACL user `ro`, allowed only read commands (`+@read -@dangerous`)
    /// on every key and channel, checks that it may not write, and returns its URL.
    pub fn read_only_user(&self) -> String {
        self.cli(&[
            "ACL",
            "SETUSER",
            "ro",
            "on",
            ">ro-pw",
            "~*",
            "&*",
            "+@read",
            "-@dangerous",
        ]);
        assert!(
            self.raw(&["--user", "ro", "--pass", "ro-pw", "HSET", "probe", "f", "v"])
                .contains("NOPERM"),
            "the user must not be able to write"
        );
        format!("redis://ro:ro-pw@127.0.0.1:{}", self.port)
    }

    /// Runs a redis-cli command against this server and returns its trimmed stdout.
    pub fn cli(&self, args: &[&str]) -> String {
        let mut cmd = Command::new(
            which("redis-cli").expect("redis-cli is not installed (package redis-tools)"),
        );
        cmd.args(["-p", &self.port.to_string(), "--no-raw"]);
        if let Some(pw) = &self.password {
            cmd.env("REDISCLI_AUTH", pw);
        }
        let out = cmd.args(args).output().expect("run redis-cli");
        assert!(
            out.status.success(),
            "redis-cli {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Runs redis-cli in raw mode (one value per line).
    pub fn raw(&self, args: &[&str]) -> String {
        let mut full = vec!["--raw"];
        full.extend_from_slice(args);
        let mut cmd = Command::new(which("redis-cli").expect("redis-cli"));
        cmd.args(["-p", &self.port.to_string()]);
        if let Some(pw) = &self.password {
            cmd.env("REDISCLI_AUTH", pw);
        }
        let out = cmd.args(&full).output().expect("run redis-cli");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Integer reply of a redis-cli command.
    pub fn int(&self, args: &[&str]) -> i64 {
        let raw = self.raw(args);
        raw.parse()
            .unwrap_or_else(|_| panic!("{args:?} gave {raw:?}"))
    }

    /// Every key and its type, sorted: a fingerprint to prove nothing was written.
    pub fn snapshot(&self) -> String {
        let mut keys: Vec<String> = self.raw(&["--scan"]).lines().map(str::to_string).collect();
        keys.sort();
        keys.iter()
            .map(|k| format!("{k} {}", self.raw(&["TYPE", k])))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A `queuectl` command aimed at this server.
    pub fn queuectl(&self) -> Cmd {
        let mut c = Cmd::new();
        c.env("REDIS_URL", &self.url());
        c
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A CA and a server certificate for 127.0.0.1, made with the openssl CLI.
fn make_certs(dir: &Path) {
    let openssl = which("openssl")
        .unwrap_or_else(|| panic!("openssl is not installed: `sudo apt-get install openssl`"));
    std::fs::write(
        dir.join("ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
    )
    .unwrap();
    let steps: [&[&str]; 3] = [
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            "2",
            "-subj",
            "/CN=queuectl-test-ca",
        ],
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ],
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "ext",
        ],
    ];
    for args in steps {
        let out = Command::new(&openssl)
            .args(args)
            .current_dir(dir)
            .output()
            .expect("run openssl");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The command line of a test server (TLS servers listen on the TLS port only).
fn server_args(port: u16, dir: &Path, extra: &[&str], password: Option<&str>) -> Vec<String> {
    let port = port.to_string();
    let mut args: Vec<String> = if extra.contains(&"--tls-cert-file") {
        vec!["--port".into(), "0".into(), "--tls-port".into(), port]
    } else {
        vec!["--port".into(), port]
    };
    let base = [
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
    ];
    args.extend(base.iter().map(|a| a.to_string()));
    args.push(dir.to_string_lossy().into_owned());
    args.extend(extra.iter().map(|a| a.to_string()));
    if let Some(pw) = password {
        args.extend(["--requirepass".to_string(), pw.to_string()]);
    }
    args
}

fn spawn_server(args: &[String]) -> Child {
    let bin = which("redis-server").unwrap_or_else(|| {
        panic!("redis-server is not installed: run ./install.sh, or `sudo apt-get install redis-server` (Debian/Ubuntu) / `brew install redis` (macOS)")
    });
    Command::new(bin)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn redis-server")
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Finds a program on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// The result of running a command.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Parses stdout as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr: {}",
                self.stdout, self.stderr
            )
        })
    }

    /// Asserts success and returns self.
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected exit 0\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts the exit code, a single-line stderr, and returns self.
    pub fn fails_with(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        assert_eq!(
            self.stderr.trim().lines().count(),
            1,
            "stderr should be one line:\n{}",
            self.stderr
        );
        self
    }
}

/// Removes every variable queuectl reads (`queuectl::env::ALL`, so a new one
/// cannot be forgotten) from `cmd`'s environment, and sets the short connect
/// timeout the tests use.
pub fn hermetic(cmd: &mut Command) -> &mut Command {
    for var in queuectl::env::ALL {
        cmd.env_remove(var);
    }
    cmd.env(queuectl::env::CONNECT_TIMEOUT, "3s")
}

/// The real `queuectl` binary with a hermetic environment: the one way every
/// test starts it (one-shot through [`Cmd`], long-running through `spawn`).
pub fn queuectl_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_queuectl"));
    hermetic(&mut cmd);
    cmd
}

/// A queuectl invocation with a hermetic environment.
pub struct Cmd {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

impl Cmd {
    /// The real binary, with every variable it reads removed.
    pub fn new() -> Self {
        Self {
            cmd: queuectl_command(),
            stdin: None,
        }
    }

    pub fn env(&mut self, k: &str, v: &str) -> &mut Self {
        self.cmd.env(k, v);
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    /// Adds `SUBCOMMAND --dir PATH`.
    pub fn arg_path(&mut self, sub: &str, path: &Path) -> &mut Self {
        self.cmd.arg(sub).arg("--dir").arg(path);
        self
    }

    /// Adds `@PATH` (the data-from-file form).
    pub fn arg_at(&mut self, path: &Path) -> &mut Self {
        self.cmd.arg(format!("@{}", path.display()));
        self
    }

    /// Adds a path argument.
    pub fn arg_path_plain(&mut self, path: &Path) -> &mut Self {
        self.cmd.arg(path);
        self
    }

    pub fn stdin(&mut self, data: impl Into<Vec<u8>>) -> &mut Self {
        self.stdin = Some(data.into());
        self
    }

    /// Runs like [`Cmd::run`] under GNU time and also returns the peak
    /// resident set of the queuectl process in MiB. (`wait4` here would count
    /// this test process too: a child spawned with a shared address space
    /// keeps its parent's high-water mark across `exec`.)
    pub fn run_measured(&mut self) -> (Run, f64) {
        let time = Path::new("/usr/bin/time");
        assert!(
            time.is_file(),
            "GNU time is needed to measure memory: apt-get install time"
        );
        let report = tempfile::NamedTempFile::new().expect("temp file");
        let mut timed = Command::new(time);
        timed.args(["-f", "%M", "-o"]).arg(report.path());
        timed.arg(self.cmd.get_program()).args(self.cmd.get_args());
        for (k, v) in self.cmd.get_envs() {
            match v {
                Some(v) => timed.env(k, v),
                None => timed.env_remove(k),
            };
        }
        let stdin = self.stdin.take();
        let run = Cmd { cmd: timed, stdin }.run();
        let text = std::fs::read_to_string(report.path()).expect("GNU time's report");
        // After "Command exited with non-zero status N", if it did.
        let kib: f64 = text
            .lines()
            .last()
            .unwrap_or("")
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("GNU time's report {text:?}: {e}"));
        (run, kib / 1024.0)
    }

    pub fn run(&mut self) -> Run {
        self.cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("spawn queuectl");
        let input = self.stdin.take().unwrap_or_default();
        let mut pipe = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
        let out: Output = child.wait_with_output().expect("wait queuectl");
        let _ = writer.join();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// `tests/interop`, where the pinned Node BullMQ lives.
pub fn interop_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop")
}

/// Makes sure node is present and the pinned packages are installed (once per run).
pub fn node_ready() {
    static READY: OnceLock<Mutex<bool>> = OnceLock::new();
    let lock = READY.get_or_init(|| Mutex::new(false));
    let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
    if *done {
        return;
    }
    which("node").unwrap_or_else(|| {
        panic!(
            "node is not installed: run ./install.sh --dev, or `sudo apt-get install nodejs npm`"
        )
    });
    let dir = interop_dir();
    if !dir.join("node_modules/bullmq").is_dir() {
        let npm = which("npm").unwrap_or_else(|| {
            panic!("npm is not installed: run ./install.sh --dev, or `sudo apt-get install npm`")
        });
        let status = Command::new(npm)
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .stdout(Stdio::null())
            .status()
            .expect("run npm ci");
        assert!(status.success(), "npm ci in tests/interop failed");
    }
    *done = true;
}

/// Runs `node tests/interop/<script> args…` against `server`; returns its output.
pub fn node(server: &RedisServer, script: &str, args: &[&str]) -> Run {
    node_ready();
    let out = hermetic(&mut Command::new("node"))
        .arg(interop_dir().join(script))
        .args(args)
        .env("REDIS_PORT", server.port.to_string())
        .env("REDIS_HOST", "127.0.0.1")
        .output()
        .expect("run node");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Starts a long-running node script (e.g. an event listener) and returns the child.
pub fn node_spawn(server: &RedisServer, script: &str, args: &[&str]) -> Child {
    node_ready();
    hermetic(&mut Command::new("node"))
        .arg(interop_dir().join(script))
        .args(args)
        .env("REDIS_PORT", server.port.to_string())
        .env("REDIS_HOST", "127.0.0.1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn node")
}
