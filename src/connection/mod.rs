//! The one Redis client module: connects BullMQ's port and a read-only admin
//! connection from resolved settings, classifies connect failures, and keeps
//! passwords out of every message.
//!
//! The `redis` crate is used here (and in [`commands`], the admin half) and
//! nowhere else. Queue state changes go
//! through `bullmq` (BullMQ's own Lua scripts); the admin connection runs
//! read-only commands the port does not expose (SCAN, INFO, EXISTS, GET,
//! HGETALL, HMGET, ZRANGEBYSCORE, LRANGE, XREVRANGE, XREAD, ...), serves every
//! read of queue state (opening the port's queue handle writes), and writes only
//! keys queuectl owns (worker heartbeats, the dead-letter list), never a BullMQ key.

use std::time::Duration;

use bullmq::options::RedisConnectionOptions;
use bullmq::redis_connection::RedisConnection;
use bullmq::{Queue, QueueOptions};
use redis::aio::{ConnectionLike, ConnectionManager, ConnectionManagerConfig};
use redis::cluster_async::ClusterConnection;
use redis::cluster_routing::RoutingInfo;
use redis::{Cmd, FromRedisValue};

/// One stream entry: its id and its flat field/value list.
pub type StreamEntry = (String, Vec<String>);

/// How much longer than the command timeout the admin Cluster connection
/// itself waits for a reply: longer than any XREAD BLOCK queuectl sends.
const BACKSTOP: Duration = Duration::from_secs(60);

/// How long a connect waits before asking the sentinels again when the
/// address they named was not a master.
const RESOLVE_AGAIN: Duration = Duration::from_secs(1);

#[derive(Clone)]
enum Admin {
    /// Reconnects on the next call after a lost connection, so `--watch`
    /// modes, `events --follow` and `serve` outlive a Redis restart.
    Single(ConnectionManager),
    Cluster(ClusterConnection),
}

/// A connected Redis: BullMQ's port for queue operations plus a read-only admin
/// connection, sharing one prefix.
pub struct Redis {
    /// Both halves are replaced when the sentinels name a new master.
    bull: std::sync::RwLock<RedisConnection>,
    admin: std::sync::RwLock<Admin>,
    /// Under Sentinel: how to find the master again.
    sentinel: Option<Follow>,
    prefix: String,
    target: String,
    command_timeout: Duration,
    /// Reads whose connection was lost are made once more (long-running modes).
    retry_reads: bool,
    /// The settings connected with: under Sentinel, the master's address
    /// at connect time (the halves may have moved on since: [`Follow`]).
    resolved: RedisSettings,
}

mod commands;
mod errors;
pub mod sentinel;
mod settings;
pub mod slot;

use errors::{admin_error, classify, fmt_dur, lost_reply, unreachable, NOPERM};
pub use errors::{is_lost, redact, BoundedError, ConnectError, Lost};
use sentinel::Follow;
pub use sentinel::{SentinelAuth, Sentinels};
pub use settings::{Endpoint, RedisSettings, TlsFiles};

impl Redis {
    /// Connects both halves within the configured timeout; under Sentinel,
    /// to the master the sentinels name, checked to be one (asked once more
    /// after a pause if it is not, as while a failover settles).
    pub async fn connect(settings: &RedisSettings) -> Result<Self, ConnectError> {
        let Endpoint::Sentinel(sentinels) = &settings.endpoint else {
            return Self::connect_to(settings).await;
        };
        let redis = Self::connect_to_master(settings, sentinels).await;
        match redis {
            Err(ConnectError::NotMaster { .. }) => {
                tokio::time::sleep(RESOLVE_AGAIN).await;
                Self::connect_to_master(settings, sentinels).await
            }
            other => other,
        }
    }

    async fn connect_to_master(
        settings: &RedisSettings,
        sentinels: &Sentinels,
    ) -> Result<Self, ConnectError> {
        let (host, port) = sentinel::master_addr(settings, sentinels).await?;
        let mut single = settings.clone();
        single.endpoint = Endpoint::Single {
            host: host.clone(),
            port,
        };
        let mut redis = Self::connect_to(&single).await?;
        match redis.role().await {
            Some(role) if role != "master" => Err(ConnectError::NotMaster {
                target: single.target(),
                master: sentinels.master.clone(),
                role,
            }),
            _ => {
                // The set, not an address: the halves follow the master.
                redis.target = sentinels.describe();
                redis.sentinel = Some(Follow::new(settings, sentinels, (host, port)));
                Ok(redis)
            }
        }
    }

    fn admin(&self) -> Admin {
        self.admin.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn is_cluster(&self) -> bool {
        matches!(self.resolved.endpoint, Endpoint::Cluster { .. })
    }

    /// The first seed's host, for a node that reports an empty host in
    /// `CLUSTER SLOTS` (it means "the host you asked", e.g. a lone node).
    fn seed_host(&self) -> String {
        match &self.resolved.endpoint {
            Endpoint::Cluster { nodes } => nodes.first().map(|(h, _)| h.clone()),
            Endpoint::Single { host, .. } => Some(host.clone()),
            Endpoint::Sentinel(_) => None,
        }
        .unwrap_or_default()
    }

    /// Whether a read whose connection was lost is made once more: in
    /// long-running modes, and under Sentinel always, after looking for a
    /// new master (a failover drops every client of the old one).
    fn retries_reads(&self) -> bool {
        self.retry_reads || self.sentinel.is_some()
    }

    /// The server's `ROLE` (master, slave), `None` if it may not be asked.
    async fn role(&self) -> Option<String> {
        let reply: Vec<redis::Value> = self.query(redis::cmd("ROLE"), None).await.ok()?;
        redis::from_redis_value(reply.first()?.clone()).ok()
    }

    /// The settings connected with (under Sentinel, the master's address).
    pub fn settings(&self) -> &RedisSettings {
        &self.resolved
    }

    /// BullMQ's connection options for the server connected to, for workers.
    pub fn bull_options(&self) -> RedisConnectionOptions {
        self.resolved.bull_options()
    }

    async fn connect_to(settings: &RedisSettings) -> Result<Self, ConnectError> {
        if settings.tls || settings.tls_files.any() {
            // rustls needs one process-wide crypto provider; a second install is a no-op.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let deadline = settings.connect_timeout;
        let admin = tokio::time::timeout(deadline, connect_admin(settings))
            .await
            .map_err(|_| unreachable(settings, format!("timed out after {}", fmt_dur(deadline))))?
            .map_err(|e| classify(settings, e))?;
        let bull = tokio::time::timeout(
            deadline,
            RedisConnection::new_managed_only(&settings.bull_options()),
        )
        .await
        .map_err(|_| unreachable(settings, format!("timed out after {}", fmt_dur(deadline))))?
        .map_err(|e| match e {
            bullmq::Error::Redis(e) => classify(settings, e),
            other => unreachable(settings, other.to_string()),
        })?;
        Ok(Self {
            bull: std::sync::RwLock::new(bull),
            admin: std::sync::RwLock::new(admin),
            sentinel: None,
            prefix: settings.prefix.clone(),
            target: settings.target(),
            command_timeout: settings.command_timeout,
            retry_reads: false,
            resolved: settings.clone(),
        })
    }

    /// For long-running modes (`--watch`, `--follow`, `serve`): a read whose
    /// connection was lost, as after a Redis restart, is made once more on a
    /// new connection instead of failing. One-shot commands keep failing fast
    /// with exit 3, so a script learns that the connection dropped.
    pub fn retrying_reads(mut self) -> Self {
        self.retry_reads = true;
        self
    }

    /// The BullMQ key prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// `host:port` for messages.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Whether `queue` can be used here: on Cluster its keys must share a slot.
    pub fn check_queue(&self, queue: &str) -> Result<(), slot::Unslotted> {
        self.resolved.check_queue(queue)
    }

    /// Runs one port call for `doing`, giving up after the command timeout
    /// (the port's own response timeout is fixed at 10 s and not settable).
    pub async fn bounded<T>(
        &self,
        doing: &str,
        call: impl std::future::Future<Output = Result<T, bullmq::Error>>,
    ) -> Result<T, BoundedError> {
        // `port` bounds it (a timeout reads as queuectl's own) and moves to
        // a new Sentinel master; the call is never made again (it may be a write).
        self.port(call)
            .await
            .map_err(|e| match lost_reply(&e, self.command_timeout) {
                Some(what) => BoundedError::Lost(Lost::new(self.target.clone(), what, doing)),
                None => BoundedError::Redis(e),
            })
    }

    /// A BullMQ queue handle on the shared connection, for state changes only:
    /// opening one writes the queue's meta hash (HSET `library`), so reads use
    /// the admin connection instead.
    /// On Cluster, a queue whose keys would spread over slots is refused
    /// before anything is written (commands check names earlier, with exit 2).
    pub async fn queue(&self, name: &str) -> Result<Queue, bullmq::Error> {
        self.check_queue(name)
            .map_err(|e| bullmq::Error::InvalidConfig(e.to_string()))?;
        let opts = QueueOptions::new().prefix(self.prefix.clone());
        let bull = self.bull.read().unwrap_or_else(|e| e.into_inner()).clone();
        self.port(Queue::with_connection(name, bull, opts)).await
    }

    /// Bounds one port call (a single round trip) by the command timeout, as
    /// queuectl's own reads are bounded: the port waits 10 s and that cannot be
    /// set. A call that gives up fails as an admin timeout does, so its
    /// message names `--command-timeout`'s value. Calls that loop over many
    /// round trips (obliterate, clean, retry_jobs, promote_jobs) are not
    /// bounded as a whole: each of their round trips has the port's limit.
    pub async fn port<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, bullmq::Error>>,
    ) -> Result<T, bullmq::Error> {
        match tokio::time::timeout(self.command_timeout, call).await {
            Ok(Err(e)) if moved_away(&e) => {
                self.follow_master().await;
                Err(e)
            }
            Ok(reply) => reply,
            Err(_) => Err(admin_error(
                std::io::Error::from(std::io::ErrorKind::TimedOut).into(),
            )),
        }
    }

    /// Runs one read-only command; on Cluster it goes to the node that owns
    /// `slot_key` (the queue's hash tag), or any primary.
    async fn query<T: FromRedisValue>(
        &self,
        cmd: Cmd,
        slot_key: Option<&str>,
    ) -> Result<T, bullmq::Error> {
        self.query_waiting(cmd, slot_key, Duration::ZERO).await
    }

    /// Runs one write to a key queuectl owns: never made twice.
    async fn write<T: FromRedisValue>(
        &self,
        cmd: Cmd,
        slot_key: Option<&str>,
    ) -> Result<T, bullmq::Error> {
        self.query_routed(cmd, cluster_routing(slot_key), Duration::ZERO, false)
            .await
    }

    /// [`Redis::query`] for a command that may hold its reply for `waits` by
    /// design (XREAD BLOCK).
    async fn query_waiting<T: FromRedisValue>(
        &self,
        cmd: Cmd,
        slot_key: Option<&str>,
        waits: Duration,
    ) -> Result<T, bullmq::Error> {
        self.query_routed(cmd, cluster_routing(slot_key), waits, self.retries_reads())
            .await
    }

    /// Runs one read-only command on one node: on Cluster the master at
    /// `node` (one of [`Redis::scan_nodes`]), standalone the server.
    async fn query_on<T: FromRedisValue>(
        &self,
        cmd: Cmd,
        node: Option<(String, u16)>,
    ) -> Result<T, bullmq::Error> {
        use redis::cluster_routing::SingleNodeRoutingInfo;
        let routing = match node {
            Some((host, port)) => {
                RoutingInfo::SingleNode(SingleNodeRoutingInfo::ByAddress { host, port })
            }
            None => cluster_routing(None),
        };
        self.query_routed(cmd, routing, Duration::ZERO, self.retries_reads())
            .await
    }

    async fn query_routed<T: FromRedisValue>(
        &self,
        cmd: Cmd,
        routing: RoutingInfo,
        waits: Duration,
        retry: bool,
    ) -> Result<T, bullmq::Error> {
        let call = || async {
            match self.admin() {
                Admin::Single(mut conn) => conn.req_packed_command(&cmd).await,
                Admin::Cluster(mut conn) => conn.route_command(cmd.clone(), routing.clone()).await,
            }
        };
        let value = self.bounded_call(waits, retry, call).await?;
        Ok(T::from_redis_value(value).map_err(redis::RedisError::from)?)
    }

    /// The nodes a SCAN must visit: every master of a Cluster (from
    /// `CLUSTER SLOTS`, as the port finds them), or `None` for the one server.
    async fn scan_nodes(&self) -> Result<Vec<Option<(String, u16)>>, bullmq::Error> {
        if !self.is_cluster() {
            return Ok(vec![None]);
        }
        let mut cmd = redis::cmd("CLUSTER");
        cmd.arg("SLOTS");
        let slots: Vec<Vec<redis::Value>> = self.query(cmd, None).await?;
        let mut masters: Vec<(String, u16)> = slots
            .iter()
            .filter_map(|range| {
                let master: Vec<redis::Value> =
                    redis::from_redis_value(range.get(2)?.clone()).ok()?;
                let host: String = redis::from_redis_value(master.first()?.clone()).ok()?;
                let port: u16 = redis::from_redis_value(master.get(1)?.clone()).ok()?;
                let host = if host.is_empty() || host == "?" {
                    self.seed_host()
                } else {
                    host
                };
                Some((host, port))
            })
            .collect();
        masters.sort();
        masters.dedup();
        Ok(masters.into_iter().map(Some).collect())
    }

    /// Bounds one admin read by the command timeout, plus `waits`; see
    /// [`Redis::bounded_call`] for when it is made twice.
    async fn within<T, F>(&self, waits: Duration, call: impl Fn() -> F) -> Result<T, bullmq::Error>
    where
        F: std::future::Future<Output = Result<T, redis::RedisError>>,
    {
        self.bounded_call(waits, self.retries_reads(), call).await
    }

    /// Bounds one admin round trip by the command timeout, plus `waits`. With
    /// `retry`, a call whose connection was lost (Redis restarted since the
    /// last call, say) is made once more, on the connection the manager makes
    /// again: only reads, and only in long-running modes (or under Sentinel),
    /// where one failed round after every restart would otherwise be the rule.
    /// Under Sentinel a lost connection or a `READONLY` reply first moves to
    /// the master the sentinels name ([`Redis::follow_master`]).
    async fn bounded_call<T, F>(
        &self,
        waits: Duration,
        retry: bool,
        call: impl Fn() -> F,
    ) -> Result<T, bullmq::Error>
    where
        F: std::future::Future<Output = Result<T, redis::RedisError>>,
    {
        let bound = self.command_timeout + waits;
        let mut reply = tokio::time::timeout(bound, call()).await;
        let refused = matches!(&reply, Ok(Err(e)) if is_read_only(e));
        if refused || matches!(&reply, Ok(Err(e)) if connection_lost(e)) {
            self.follow_master().await;
            // A write refused as READONLY was not made, so it may be made
            // once on the new master; a lost one may have been made.
            let moved = refused && self.sentinel.is_some();
            if retry || moved {
                reply = tokio::time::timeout(bound, call()).await;
            }
        }
        match reply {
            Ok(reply) => reply.map_err(admin_error),
            Err(_) => Err(admin_error(
                std::io::Error::from(std::io::ErrorKind::TimedOut).into(),
            )),
        }
    }
}

/// Whether the call failed because the connection was gone or went away
/// (redis-rs reports both as a broken pipe), not with an answer or a timeout.
fn connection_lost(e: &redis::RedisError) -> bool {
    e.is_connection_dropped() && !e.is_timeout()
}

/// A `READONLY` reply: the server is a replica now, as the old master is
/// after a Sentinel failover.
fn is_read_only(e: &redis::RedisError) -> bool {
    e.code() == Some("READONLY")
}

/// Whether a port call's error says the master may have moved: the
/// connection went away, or the server became a read-only replica.
fn moved_away(e: &bullmq::Error) -> bool {
    let mut causes = std::iter::successors(Some(e as &(dyn std::error::Error + 'static)), |e| {
        e.source()
    });
    causes.any(|c| {
        c.downcast_ref::<redis::RedisError>()
            .is_some_and(|e| connection_lost(e) || is_read_only(e))
            || matches!(c.downcast_ref(), Some(bullmq::Error::ConnectionClosed))
            || c.to_string().starts_with("READONLY")
    })
}

fn cluster_routing(slot_key: Option<&str>) -> RoutingInfo {
    use redis::cluster_routing::{Route, SingleNodeRoutingInfo, SlotAddr};
    // A pattern such as `bull:{scrape}:*` hashes by its tag like any key of the queue.
    let node = match slot_key {
        Some(key) => SingleNodeRoutingInfo::SpecificNode(Route::with_key(key, SlotAddr::Master)),
        None => SingleNodeRoutingInfo::RandomPrimary,
    };
    RoutingInfo::SingleNode(node)
}

async fn connect_admin(settings: &RedisSettings) -> Result<Admin, redis::RedisError> {
    let timeout = settings.connect_timeout;
    match &settings.endpoint {
        Endpoint::Single { .. } | Endpoint::Sentinel(_) => {
            let url = settings.bull_options().effective_url();
            let client = if settings.tls_files.any() {
                redis::Client::build_with_tls(url, settings.tls_files.for_redis())?
            } else {
                redis::Client::open(url)?
            };
            // Each call is bounded by `Redis::within`, which allows for XREAD BLOCK.
            // One attempt per connect: the first fails with its own error (refused,
            // WRONGPASS) at once, and a lost connection is made again by the next call.
            let config = ConnectionManagerConfig::new()
                .set_connection_timeout(Some(timeout))
                .set_response_timeout(None)
                .set_number_of_retries(0);
            let mut conn = ConnectionManager::new_with_config(client, config).await?;
            answers(&mut conn).await?;
            Ok(Admin::Single(conn))
        }
        Endpoint::Cluster { .. } => {
            let opts = settings.bull_options();
            let mut builder = redis::cluster::ClusterClient::builder(opts.cluster_nodes.clone())
                .connection_timeout(timeout)
                // Only a backstop: each call is bounded by `Redis::within`.
                .response_timeout(settings.command_timeout + BACKSTOP)
                .retries(1);
            if let Some(user) = &settings.username {
                builder = builder.username(user.clone());
            }
            if let Some(password) = &settings.password {
                builder = builder.password(password.clone());
            }
            if settings.tls {
                builder = builder.tls(redis::TlsMode::Secure);
            }
            if settings.tls_files.any() {
                builder = builder.certs(settings.tls_files.for_redis());
            }
            let mut conn = builder.build()?.get_async_connection().await?;
            answers(&mut conn).await?;
            Ok(Admin::Cluster(conn))
        }
    }
}

/// Whether the server answers a PING. A user allowed only `@read` may not
/// PING, but its NOPERM reply comes after the credentials were accepted.
async fn answers(conn: &mut impl ConnectionLike) -> Result<(), redis::RedisError> {
    match redis::cmd("PING").query_async::<String>(conn).await {
        Err(e) if e.code() == Some(NOPERM) => Ok(()),
        other => other.map(drop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn settings(endpoint: Endpoint) -> RedisSettings {
        RedisSettings {
            endpoint,
            username: Some("app".into()),
            password: Some("s3cr3t/pw".into()),
            db: Some(2),
            tls: false,
            tls_files: TlsFiles::default(),
            sentinel_auth: SentinelAuth::default(),
            prefix: "bull".into(),
            connect_timeout: Duration::from_secs(1),
            command_timeout: Duration::from_secs(1),
            configured: true,
        }
    }

    #[test]
    fn target_and_debug_never_show_the_password() {
        let s = settings(Endpoint::Single {
            host: "db.example".into(),
            port: 6380,
        });
        assert_eq!(s.target(), "db.example:6380");
        assert!(!format!("{s:?}").contains("s3cr3t"));
    }

    #[test]
    fn cluster_target_lists_seeds() {
        let s = settings(Endpoint::Cluster {
            nodes: vec![("a".into(), 7000), ("b".into(), 7001)],
        });
        assert_eq!(s.target(), "cluster a:7000,b:7001");
    }
}
