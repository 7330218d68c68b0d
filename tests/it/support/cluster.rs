//! A real local Redis Cluster: three masters and three replicas, six
//! redis-server processes on free ports, killed when dropped; with helpers to
//! find a key's master, fail a master over and migrate a slot.

use std::process::Command;
use std::time::{Duration, Instant};

use super::{which, Cmd, RedisServer};

/// Six cluster-enabled servers joined by `redis-cli --cluster create`.
pub struct ClusterSet {
    pub nodes: Vec<RedisServer>,
}

/// One line of `CLUSTER NODES`.
#[derive(Debug, Clone)]
pub struct NodeLine {
    pub id: String,
    pub port: u16,
    pub master: bool,
    /// The master's id, for a replica.
    pub master_id: Option<String>,
    /// Slot ranges it serves (masters), inclusive.
    pub slots: Vec<(u16, u16)>,
}

impl ClusterSet {
    /// Starts six servers, creates the cluster (one replica per master) and
    /// waits until every node says `cluster_state:ok` and every replica is in sync.
    pub fn start() -> Self {
        let nodes: Vec<RedisServer> = (0..6)
            .map(|_| {
                RedisServer::start_with(
                    None,
                    &[
                        "--cluster-enabled",
                        "yes",
                        "--cluster-config-file",
                        "nodes.conf",
                        "--cluster-node-timeout",
                        "3000",
                    ],
                )
            })
            .collect();
        let mut create = Command::new(which("redis-cli").expect("redis-cli"));
        create.arg("--cluster").arg("create");
        for n in &nodes {
            create.arg(format!("127.0.0.1:{}", n.port));
        }
        let out = create
            .args(["--cluster-replicas", "1", "--cluster-yes"])
            .output()
            .expect("run redis-cli --cluster create");
        assert!(
            out.status.success(),
            "redis-cli --cluster create: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let set = Self { nodes };
        set.wait_settled(Duration::from_secs(30));
        set
    }

    /// `127.0.0.1:PORT,...` of every node, for `REDIS_CLUSTER_NODES`.
    pub fn seeds(&self) -> String {
        self.nodes
            .iter()
            .map(|n| format!("127.0.0.1:{}", n.port))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// A queuectl command aimed at the cluster (every node a seed).
    pub fn queuectl(&self) -> Cmd {
        let mut c = Cmd::new();
        c.env("REDIS_CLUSTER_NODES", &self.seeds());
        c
    }

    /// The server listening on `port`.
    pub fn server(&self, port: u16) -> &RedisServer {
        self.nodes
            .iter()
            .find(|n| n.port == port)
            .unwrap_or_else(|| panic!("no node on port {port}"))
    }

    /// Runs a redis-cli command in cluster mode (`-c`, follows redirects).
    pub fn cli(&self, args: &[&str]) -> String {
        let out = Command::new(which("redis-cli").expect("redis-cli"))
            .args(["-c", "--raw", "-p", &self.nodes[0].port.to_string()])
            .args(args)
            .output()
            .expect("run redis-cli");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Integer reply of a key's command, wherever the key lives.
    pub fn int(&self, args: &[&str]) -> i64 {
        let raw = self.cli(args);
        raw.parse()
            .unwrap_or_else(|_| panic!("{args:?} gave {raw:?}"))
    }

    /// The topology as node `port` sees it.
    pub fn topology_from(&self, port: u16) -> Vec<NodeLine> {
        parse_nodes(&self.server(port).raw(&["CLUSTER", "NODES"]))
    }

    /// The topology as the first node that answers sees it.
    pub fn topology(&self) -> Vec<NodeLine> {
        self.topology_from(self.nodes[0].port)
    }

    /// The slot of `key` (CLUSTER KEYSLOT).
    pub fn slot(&self, key: &str) -> u16 {
        self.nodes[0].int(&["CLUSTER", "KEYSLOT", key]) as u16
    }

    /// The port of the master serving `slot`.
    pub fn master_of_slot(&self, slot: u16) -> u16 {
        self.topology()
            .into_iter()
            .find(|n| n.master && n.slots.iter().any(|(a, b)| (*a..=*b).contains(&slot)))
            .unwrap_or_else(|| panic!("no master serves slot {slot}"))
            .port
    }

    /// The port of the master holding `key`.
    pub fn master_of(&self, key: &str) -> u16 {
        self.master_of_slot(self.slot(key))
    }

    /// The master ports, sorted.
    pub fn masters(&self) -> Vec<u16> {
        let mut ports: Vec<u16> = self
            .topology()
            .into_iter()
            .filter(|n| n.master)
            .map(|n| n.port)
            .collect();
        ports.sort();
        ports
    }

    /// Fails the master on `master_port` over to its replica with `CLUSTER
    /// FAILOVER` (run on the replica, no data lost), waits until every node
    /// sees the roles swapped and the cluster is settled; returns the new master's port.
    pub fn failover(&self, master_port: u16) -> u16 {
        let topo = self.topology();
        let master = topo.iter().find(|n| n.port == master_port).unwrap();
        let replica = topo
            .iter()
            .find(|n| n.master_id.as_deref() == Some(master.id.as_str()))
            .unwrap_or_else(|| panic!("master {master_port} has no replica"))
            .clone();
        let reply = self.server(replica.port).raw(&["CLUSTER", "FAILOVER"]);
        assert_eq!(reply, "OK", "CLUSTER FAILOVER on {}", replica.port);
        let start = Instant::now();
        loop {
            let swapped = self.nodes.iter().all(|n| {
                let t = parse_nodes(&n.raw(&["CLUSTER", "NODES"]));
                let role = |port| t.iter().find(|l| l.port == port).map(|l| l.master);
                role(replica.port) == Some(true) && role(master_port) == Some(false)
            });
            if swapped {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the failover of {master_port} did not complete"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        self.wait_settled(Duration::from_secs(30));
        replica.port
    }

    /// Moves `slot` (and every key in it) from its master to the master on
    /// `to`, the way `redis-cli --cluster reshard` does: IMPORTING/MIGRATING,
    /// MIGRATE a few keys at a time (`pause` between batches, so clients see
    /// ASK and TRYAGAIN replies while it runs), then SETSLOT NODE on every master.
    pub fn migrate_slot(&self, slot: u16, to: u16, pause: Duration) {
        let topo = self.topology();
        let from = self.master_of_slot(slot);
        assert_ne!(from, to, "slot {slot} is already on {to}");
        let id = |port: u16| topo.iter().find(|n| n.port == port).unwrap().id.clone();
        let (from_id, to_id) = (id(from), id(to));
        let slot_s = slot.to_string();
        let ok = |port: u16, args: &[&str]| {
            let reply = self.server(port).raw(args);
            assert_eq!(reply, "OK", "{args:?} on {port}");
        };
        ok(to, &["CLUSTER", "SETSLOT", &slot_s, "IMPORTING", &from_id]);
        ok(from, &["CLUSTER", "SETSLOT", &slot_s, "MIGRATING", &to_id]);
        loop {
            let keys = self
                .server(from)
                .raw(&["CLUSTER", "GETKEYSINSLOT", &slot_s, "5"]);
            let keys: Vec<&str> = keys.lines().filter(|k| !k.is_empty()).collect();
            if keys.is_empty() {
                break;
            }
            let to_s = to.to_string();
            let mut args = vec!["MIGRATE", "127.0.0.1", &to_s, "", "0", "5000", "KEYS"];
            args.extend(keys);
            let reply = self.server(from).raw(&args);
            assert!(reply == "OK" || reply == "NOKEY", "MIGRATE: {reply}");
            std::thread::sleep(pause);
        }
        // The target first, then the source, then the rest (as redis-cli does).
        ok(to, &["CLUSTER", "SETSLOT", &slot_s, "NODE", &to_id]);
        ok(from, &["CLUSTER", "SETSLOT", &slot_s, "NODE", &to_id]);
        for port in self.masters() {
            if port != to && port != from {
                ok(port, &["CLUSTER", "SETSLOT", &slot_s, "NODE", &to_id]);
            }
        }
        self.wait_settled(Duration::from_secs(30));
    }

    /// Waits until every node says `cluster_state:ok`, agrees on three
    /// masters with all 16384 slots, and every replica's link is up.
    fn wait_settled(&self, limit: Duration) {
        let start = Instant::now();
        while !self.settled() {
            assert!(start.elapsed() < limit, "the cluster did not settle");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn settled(&self) -> bool {
        self.nodes.iter().all(|n| {
            if !n.raw(&["CLUSTER", "INFO"]).contains("cluster_state:ok") {
                return false;
            }
            let topo = parse_nodes(&n.raw(&["CLUSTER", "NODES"]));
            let masters = topo.iter().filter(|l| l.master).count();
            let slots: u32 = topo
                .iter()
                .flat_map(|l| &l.slots)
                .map(|(a, b)| u32::from(b - a) + 1)
                .sum();
            let info = n.raw(&["INFO", "replication"]);
            let in_sync = info.contains("role:master") || info.contains("master_link_status:up");
            masters == 3 && slots == 16384 && in_sync
        })
    }
}

/// Parses `CLUSTER NODES` (importing/migrating entries like `[5-<-id]` are skipped).
fn parse_nodes(text: &str) -> Vec<NodeLine> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 8 {
                return None;
            }
            let port = f[1].split('@').next()?.rsplit(':').next()?.parse().ok()?;
            let master = f[2].split(',').any(|flag| flag == "master");
            let master_id = (f[3] != "-").then(|| f[3].to_string());
            let slots = f[8..]
                .iter()
                .filter(|s| !s.starts_with('['))
                .filter_map(|s| match s.split_once('-') {
                    Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
                    None => s.parse().ok().map(|one| (one, one)),
                })
                .collect();
            Some(NodeLine {
                id: f[0].to_string(),
                port,
                master,
                master_id: if master { None } else { master_id },
                slots,
            })
        })
        .collect()
}

impl ClusterSet {
    /// Runs `node tests/interop/<script> args…` with `REDIS_CLUSTER_NODES` set
    /// to the seeds; returns its output.
    pub fn node(&self, script: &str, args: &[&str]) -> super::Run {
        self.node_command(script, args)
            .output()
            .map(|out| super::Run {
                code: out.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            })
            .expect("run node")
    }

    /// The command of [`ClusterSet::node`], to spawn.
    pub fn node_command(&self, script: &str, args: &[&str]) -> Command {
        super::node_ready();
        let mut cmd = Command::new("node");
        super::hermetic(&mut cmd)
            .arg(super::interop_dir().join(script))
            .args(args)
            .env("REDIS_CLUSTER_NODES", self.seeds());
        cmd
    }
}
