//! A real local Sentinel set-up: a master, a replica of it and three
//! sentinels monitoring them as `mymaster`, on free loopback ports, killed
//! when dropped; with a helper to fail the master over.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{free_port, wait_for_port, which, Cmd, RedisServer};

/// The master set's name the sentinels monitor.
pub const MASTER: &str = "mymaster";

/// One `redis-server --sentinel` process with its config file.
pub struct Sentinel {
    pub port: u16,
    password: Option<String>,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Sentinel {
    /// One TLS-only sentinel (the CA, certificate and key in `certs`, as
    /// [`RedisServer::tls`] makes them) monitoring the TLS master at `master_port`.
    pub fn start_tls(master_port: u16, certs: &std::path::Path) -> Self {
        let file = |name: &str| certs.join(name).display().to_string();
        let tls = format!(
            "tls-cert-file {}\ntls-key-file {}\ntls-ca-cert-file {}\n\
             tls-auth-clients no\ntls-replication yes\n",
            file("server.crt"),
            file("server.key"),
            file("ca.crt")
        );
        Self::start_conf(master_port, None, Some(&tls))
    }

    fn start(master_port: u16, password: Option<&str>) -> Self {
        Self::start_conf(master_port, password, None)
    }

    /// With `tls` (config lines), the port is the TLS port and there is no plain one.
    fn start_conf(master_port: u16, password: Option<&str>, tls: Option<&str>) -> Self {
        let bin = which("redis-server").unwrap_or_else(|| {
            panic!("redis-server is not installed (it runs the sentinels too): `sudo apt-get install redis-server redis-sentinel` (Debian/Ubuntu) / `brew install redis` (macOS)")
        });
        for _attempt in 0..5 {
            let dir = tempfile::tempdir().expect("temp dir");
            let port = free_port();
            let conf: PathBuf = dir.path().join("sentinel.conf");
            let ports = match tls {
                Some(conf) => format!("port 0\ntls-port {port}\n{conf}"),
                None => format!("port {port}\n"),
            };
            let mut text = format!(
                "{ports}bind 127.0.0.1\ndir {}\n\
                 sentinel monitor {MASTER} 127.0.0.1 {master_port} 2\n\
                 sentinel down-after-milliseconds {MASTER} 1000\n\
                 sentinel failover-timeout {MASTER} 5000\n",
                dir.path().display()
            );
            if let Some(pw) = password {
                text.push_str(&format!("requirepass {pw}\n"));
            }
            std::fs::write(&conf, text).unwrap();
            let mut child = Command::new(&bin)
                .arg(&conf)
                .arg("--sentinel")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn redis-server --sentinel");
            if wait_for_port(port, Duration::from_secs(5))
                && child.try_wait().ok().flatten().is_none()
            {
                return Self {
                    port,
                    password: password.map(str::to_string),
                    child,
                    _dir: dir,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("redis-server --sentinel did not start on a free port after 5 tries");
    }

    /// Runs a redis-cli command against this sentinel (raw, trimmed stdout).
    pub fn cli(&self, args: &[&str]) -> String {
        let mut cmd = Command::new(which("redis-cli").expect("redis-cli"));
        cmd.args(["-p", &self.port.to_string(), "--raw"]);
        if let Some(pw) = &self.password {
            cmd.env("REDISCLI_AUTH", pw);
        }
        let out = cmd.args(args).output().expect("run redis-cli");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The port this sentinel names as the master's, if it names one.
    pub fn master_port(&self) -> Option<u16> {
        let reply = self.cli(&["SENTINEL", "get-master-addr-by-name", MASTER]);
        reply.lines().nth(1)?.trim().parse().ok()
    }

    fn field(&self, name: &str) -> Option<String> {
        let reply = self.cli(&["SENTINEL", "master", MASTER]);
        let lines: Vec<&str> = reply.lines().collect();
        lines
            .chunks(2)
            .find(|kv| kv[0] == name)
            .and_then(|kv| kv.get(1).map(|v| v.to_string()))
    }
}

impl Drop for Sentinel {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A master, its replica and three sentinels.
pub struct SentinelSet {
    /// The two data servers; which is master changes with [`SentinelSet::failover`].
    pub servers: Vec<RedisServer>,
    pub sentinels: Vec<Sentinel>,
}

impl SentinelSet {
    /// Starts the set without sentinel passwords.
    pub fn start() -> Self {
        Self::start_with(None)
    }

    /// Starts a master, a replica (`--replicaof`) and three sentinels
    /// (requiring `sentinel_password` if given) and waits until every
    /// sentinel names the master, knows the replica and the two other
    /// sentinels, and the replica is in sync.
    pub fn start_with(sentinel_password: Option<&str>) -> Self {
        let master = RedisServer::start();
        let port = master.port.to_string();
        let replica = RedisServer::start_with(None, &["--replicaof", "127.0.0.1", &port]);
        let sentinels = (0..3)
            .map(|_| Sentinel::start(master.port, sentinel_password))
            .collect();
        let set = Self {
            servers: vec![master, replica],
            sentinels,
        };
        set.wait_settled(set.servers[0].port, Duration::from_secs(30));
        set
    }

    /// `127.0.0.1:PORT,...` of the sentinels, for `REDIS_SENTINELS`.
    pub fn addrs(&self) -> String {
        self.sentinels
            .iter()
            .map(|s| format!("127.0.0.1:{}", s.port))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// A queuectl command aimed at the set through the sentinels' environment variables.
    pub fn queuectl(&self) -> Cmd {
        let mut c = Cmd::new();
        c.env("REDIS_SENTINELS", &self.addrs())
            .env("REDIS_SENTINEL_MASTER", MASTER);
        c
    }

    /// The data server that is master now (as the sentinels say).
    pub fn master(&self) -> &RedisServer {
        let port = self.sentinels[0].master_port().expect("a master");
        self.servers.iter().find(|s| s.port == port).unwrap()
    }

    /// The data server that is a replica now.
    pub fn replica(&self) -> &RedisServer {
        let port = self.master().port;
        self.servers.iter().find(|s| s.port != port).unwrap()
    }

    /// `SENTINEL FAILOVER` on the first sentinel; waits until every sentinel
    /// names the former replica and it says it is master. Returns the new
    /// master's port. (The sentinels demote the old master up to ten seconds
    /// later: [`SentinelSet::wait_demoted`].)
    pub fn failover(&self) -> u16 {
        let new = self.replica().port;
        let reply = self.sentinels[0].cli(&["SENTINEL", "FAILOVER", MASTER]);
        assert_eq!(reply, "OK", "SENTINEL FAILOVER");
        let start = Instant::now();
        let server = self.servers.iter().find(|s| s.port == new).unwrap();
        while !(self.sentinels.iter().all(|s| s.master_port() == Some(new))
            && server.raw(&["ROLE"]).starts_with("master"))
        {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no failover to {new}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        new
    }

    /// Waits until the old master replicates from `master_port`, the new one.
    pub fn wait_demoted(&self, master_port: u16) {
        self.wait_settled(master_port, Duration::from_secs(30));
    }

    fn wait_settled(&self, master_port: u16, limit: Duration) {
        let start = Instant::now();
        loop {
            let settled = self.sentinels.iter().all(|s| {
                s.master_port() == Some(master_port)
                    && s.field("num-slaves").as_deref() == Some("1")
                    && s.field("num-other-sentinels").as_deref() == Some("2")
                    && s.field("flags").as_deref() == Some("master")
            }) && self.servers.iter().all(|s| {
                let info = s.raw(&["INFO", "replication"]);
                if s.port == master_port {
                    info.contains("role:master") && info.contains("connected_slaves:1")
                } else {
                    info.contains("role:slave") && info.contains("master_link_status:up")
                }
            });
            if settled {
                return;
            }
            assert!(
                start.elapsed() < limit,
                "the sentinel set did not settle on master {master_port} within {limit:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}
