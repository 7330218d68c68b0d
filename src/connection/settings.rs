//! Where Redis lives and how to reach it: the resolved connection settings,
//! and the options the port and the admin connection are built from.

use std::time::Duration;

use bullmq::options::RedisConnectionOptions;

use super::sentinel::{SentinelAuth, Sentinels};
use super::slot;

/// Where Redis lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// One server.
    Single { host: String, port: u16 },
    /// Redis Cluster seed nodes.
    Cluster { nodes: Vec<(String, u16)> },
    /// The master the sentinels name, resolved by [`Redis::connect`].
    Sentinel(Sentinels),
}

/// Certificates for TLS, as PEM bytes.
#[derive(Clone, Default)]
pub struct TlsFiles {
    pub ca: Option<Vec<u8>>,
    pub cert: Option<Vec<u8>>,
    pub key: Option<Vec<u8>>,
}

impl TlsFiles {
    pub(super) fn any(&self) -> bool {
        self.ca.is_some() || self.cert.is_some()
    }

    fn for_bullmq(&self) -> bullmq::options::TlsCerts {
        bullmq::options::TlsCerts {
            root_cert: self.ca.clone(),
            client_cert: self.cert.clone(),
            client_key: self.key.clone(),
        }
    }

    pub(super) fn for_redis(&self) -> redis::TlsCertificates {
        let client_tls = match (&self.cert, &self.key) {
            (Some(cert), Some(key)) => Some(redis::ClientTlsConfig {
                client_cert: cert.clone(),
                client_key: key.clone(),
            }),
            _ => None,
        };
        redis::TlsCertificates {
            client_tls,
            root_cert: self.ca.clone(),
        }
    }
}

/// Fully resolved connection settings (see `settings.rs` for precedence).
#[derive(Clone)]
pub struct RedisSettings {
    pub endpoint: Endpoint,
    pub username: Option<String>,
    pub password: Option<String>,
    pub db: Option<u8>,
    pub tls: bool,
    /// PEM files read at startup; any of them turns TLS on.
    pub tls_files: TlsFiles,
    /// Credentials and TLS for the sentinels (the fields above are the data nodes').
    pub sentinel_auth: SentinelAuth,
    pub prefix: String,
    pub connect_timeout: Duration,
    /// How long queuectl waits for any one Redis reply: on its own connection,
    /// and on the port calls it bounds ([`Redis::bounded`]).
    pub command_timeout: Duration,
    /// False when nothing was configured and the default address is used.
    pub configured: bool,
}

impl std::fmt::Debug for RedisSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisSettings")
            .field("endpoint", &self.target())
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("db", &self.db)
            .field("tls", &self.tls)
            .field("prefix", &self.prefix)
            .finish()
    }
}

impl RedisSettings {
    /// `host:port` (or the seed list) for messages; never carries credentials.
    pub fn target(&self) -> String {
        match &self.endpoint {
            Endpoint::Single { host, port } => host_port(host, *port),
            Endpoint::Cluster { nodes } => {
                let list: Vec<String> = nodes.iter().map(|(h, p)| host_port(h, *p)).collect();
                format!("cluster {}", list.join(","))
            }
            Endpoint::Sentinel(sentinels) => sentinels.describe(),
        }
    }

    /// Whether `queue` can be used with these settings: on Cluster every key
    /// of it must hash to one slot.
    pub fn check_queue(&self, queue: &str) -> Result<(), slot::Unslotted> {
        match self.endpoint {
            Endpoint::Single { .. } | Endpoint::Sentinel(_) => Ok(()),
            Endpoint::Cluster { .. } => slot::check_queue(&self.prefix, queue),
        }
    }

    /// The connection options BullMQ's port takes (for workers, which open
    /// their own). Sentinel settings carry no address until resolved: workers
    /// take [`Redis::bull_options`], which has the master's.
    pub fn bull_options(&self) -> RedisConnectionOptions {
        let mut opts = RedisConnectionOptions::new().tls(self.tls);
        if self.tls_files.any() {
            opts = opts.tls_certs(self.tls_files.for_bullmq());
        }
        if let Some(user) = &self.username {
            opts = opts.username(user.clone());
        }
        if let Some(password) = &self.password {
            opts = opts.password(password.clone());
        }
        match &self.endpoint {
            Endpoint::Single { host, port } => {
                opts = opts.host(host.clone()).port(*port);
                if let Some(db) = self.db {
                    opts = opts.db(db);
                }
            }
            Endpoint::Cluster { nodes } => {
                let scheme = if self.tls { "rediss" } else { "redis" };
                opts = opts.cluster_nodes(
                    nodes
                        .iter()
                        .map(|(h, p)| format!("{scheme}://{}", host_port(h, *p))),
                );
            }
            Endpoint::Sentinel(_) => {}
        }
        opts
    }
}

pub(super) fn host_port(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}
