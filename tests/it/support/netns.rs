//! A private network namespace (`unshare -rnm`) with only loopback in it, where
//! [`PUBLIC_IP`] is a "public" address on `lo`: hostile sites and a rebinding
//! DNS server (`hostile.py`) run in it next to queuectl, so nothing can leave
//! the machine. What happened inside is read back from files afterwards.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use super::{which, Run};

/// The "public" address given to `lo` inside the namespace.
pub const PUBLIC_IP: &str = "93.184.216.34";

/// Sets the namespace up, starts the helper, runs the test's script in it.
const SETUP: &str = r#"set -e
dir=$1; helper=$2; script=$3; shift 3
ip link set lo up
ip addr add 93.184.216.34/32 dev lo
mount --bind "$dir/resolv.conf" /etc/resolv.conf
python3 "$helper" "$dir/config.json" 2>"$dir/helper.err" &
helper=$!
i=0
while [ ! -e "$dir/ready" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then echo "hostile.py did not start:" >&2; cat "$dir/helper.err" >&2; exit 99; fi
  sleep 0.1
done
set +e
DIR="$dir" sh "$script" "$@"
code=$?
kill $helper
exit $code
"#;

/// A namespace to be: its servers, then [`Netns::run`].
pub struct Netns {
    dir: tempfile::TempDir,
    http: Vec<Value>,
    dns: Option<Value>,
}

/// What a run inside did: the script's outcome and the servers' log.
pub struct Inside {
    pub run: Run,
    pub log: Vec<Value>,
    pub dir: PathBuf,
}

impl Netns {
    /// Fails (with how to install them) when the needed programs are missing.
    pub fn new() -> Self {
        for (program, package) in [
            ("unshare", "util-linux"),
            ("ip", "iproute2"),
            ("python3", "python3"),
        ] {
            assert!(
                which(program).is_some(),
                "{program} is needed for the network-namespace tests: apt-get install {package} \
                 (or ./install.sh --dev)"
            );
        }
        Netns {
            dir: tempfile::tempdir().unwrap(),
            http: Vec::new(),
            dns: None,
        }
    }

    /// An HTTP server on `bind:port`; `routes` maps paths to
    /// `{"status", "headers", "body"}` (other paths answer 404).
    pub fn http(&mut self, bind: &str, port: u16, routes: Value) -> &mut Self {
        self.http
            .push(json!({"bind": bind, "port": port, "routes": routes}));
        self
    }

    /// The namespace's DNS server: each name answers its addresses in turn.
    pub fn dns(&mut self, names: Value) -> &mut Self {
        self.dns = Some(json!({"bind": "127.0.0.1", "port": 53, "names": names}));
        self
    }

    /// Runs the `sh` script inside, with `$QUEUECTL` the binary, `$DIR` a
    /// directory shared with the test and `$1…` the `args`.
    pub fn run(&self, script: &str, args: &[&str]) -> Inside {
        let dir = self.dir.path();
        let mut config = json!({
            "log": dir.join("log.ndjson"),
            "ready": dir.join("ready"),
            "http": self.http,
        });
        if let Some(dns) = &self.dns {
            config["dns"] = dns.clone();
        }
        write(dir, "config.json", &config.to_string());
        write(
            dir,
            "resolv.conf",
            "nameserver 127.0.0.1\noptions attempts:1\n",
        );
        write(dir, "script.sh", script);
        let _ = std::fs::remove_file(dir.join("ready"));
        let helper = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/hostile.py");
        let out = super::hermetic(&mut Command::new("unshare"))
            .env("QUEUECTL", env!("CARGO_BIN_EXE_queuectl"))
            .args(["-rnm", "sh", "-c", SETUP, "sh"])
            .arg(dir)
            .arg(helper)
            .arg(dir.join("script.sh"))
            .args(args)
            .output()
            .expect("run unshare");
        let log = std::fs::read_to_string(dir.join("log.ndjson")).unwrap_or_default();
        Inside {
            run: Run {
                code: out.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            },
            log: log
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
            dir: dir.to_path_buf(),
        }
    }
}

impl Inside {
    /// The paths requested from the server on `bind:port`, in order.
    pub fn paths(&self, server: &str) -> Vec<String> {
        self.log
            .iter()
            .filter(|e| e["server"] == server)
            .map(|e| e["path"].as_str().unwrap().to_string())
            .collect()
    }

    /// The answers given to the A queries for `name`, in order.
    pub fn a_answers(&self, name: &str) -> Vec<Value> {
        self.log
            .iter()
            .filter(|e| e["dns"] == name && e["type"] == 1)
            .map(|e| e["answer"].clone())
            .collect()
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}
