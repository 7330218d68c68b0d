//! The one Redis client module: connects BullMQ's port and a read-only admin
//! connection from resolved settings, classifies connect failures, and keeps
//! passwords out of every message.
//!
//! The `redis` crate is used here and nowhere else. Queue state changes go
//! through `bullmq` (BullMQ's own Lua scripts); the admin connection runs
//! read-only commands the port does not expose (SCAN, INFO, EXISTS, GET,
//! HGETALL, HMGET, ZRANGEBYSCORE, LRANGE, XREVRANGE, XREAD, ...) and writes only
//! keys queuectl owns (worker heartbeats, the dead-letter list), never a BullMQ key.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bullmq::options::RedisConnectionOptions;
use bullmq::redis_connection::RedisConnection;
use bullmq::{Queue, QueueOptions};
use redis::aio::{ConnectionLike, MultiplexedConnection};
use redis::cluster_async::ClusterConnection;
use redis::cluster_routing::RoutingInfo;
use redis::{AsyncConnectionConfig, Cmd, FromRedisValue};

/// One stream entry: its id and its flat field/value list.
pub type StreamEntry = (String, Vec<String>);

/// Where Redis lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// One server.
    Single { host: String, port: u16 },
    /// Redis Cluster seed nodes.
    Cluster { nodes: Vec<(String, u16)> },
}

/// Certificates for TLS, as PEM bytes.
#[derive(Clone, Default)]
pub struct TlsFiles {
    pub ca: Option<Vec<u8>>,
    pub cert: Option<Vec<u8>>,
    pub key: Option<Vec<u8>>,
}

impl TlsFiles {
    fn any(&self) -> bool {
        self.ca.is_some() || self.cert.is_some()
    }

    fn for_bullmq(&self) -> bullmq::options::TlsCerts {
        bullmq::options::TlsCerts {
            root_cert: self.ca.clone(),
            client_cert: self.cert.clone(),
            client_key: self.key.clone(),
        }
    }

    fn for_redis(&self) -> redis::TlsCertificates {
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
    pub prefix: String,
    pub connect_timeout: Duration,
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
        }
    }

    /// The connection options BullMQ's port takes (for workers, which open their own).
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
        }
        opts
    }
}

fn host_port(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// Why connecting failed. Messages name host:port and never the password.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// Nothing answered, or it answered too slowly.
    #[error("cannot connect to Redis at {target}: {reason}{hint}")]
    Unreachable {
        target: String,
        reason: String,
        hint: String,
    },
    /// Redis answered but refused the credentials.
    #[error("Redis at {target} refused the credentials: {reason}")]
    Auth { target: String, reason: String },
}

const LOCAL_HINT: &str = " (nothing configured, so queuectl tried the default address; \
start a local server with `redis-server --daemonize yes`, or set REDIS_URL)";

enum Admin {
    Single(MultiplexedConnection),
    Cluster(ClusterConnection),
}

/// A connected Redis: BullMQ's port for queue operations plus a read-only admin
/// connection, sharing one prefix.
pub struct Redis {
    bull: RedisConnection,
    admin: Admin,
    prefix: String,
    target: String,
}

impl Redis {
    /// Connects both halves within the configured timeout.
    pub async fn connect(settings: &RedisSettings) -> Result<Self, ConnectError> {
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
            bull,
            admin,
            prefix: settings.prefix.clone(),
            target: settings.target(),
        })
    }

    /// The BullMQ key prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// `host:port` for messages.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// A BullMQ queue handle on the shared connection.
    pub async fn queue(&self, name: &str) -> Result<Queue, bullmq::Error> {
        let opts = QueueOptions::new().prefix(self.prefix.clone());
        Queue::with_connection(name, self.bull.clone(), opts).await
    }

    /// All keys matching `pattern`, by SCAN (never KEYS).
    pub async fn scan(&self, pattern: &str) -> Result<Vec<String>, bullmq::Error> {
        let mut keys = Vec::new();
        let mut cursor: u64 = 0;
        loop {
            let mut cmd = redis::cmd("SCAN");
            cmd.arg(cursor)
                .arg("MATCH")
                .arg(pattern)
                .arg("COUNT")
                .arg(1000);
            let (next, batch): (u64, Vec<String>) = self.query(cmd, Some(pattern)).await?;
            keys.extend(batch);
            if next == 0 {
                return Ok(keys);
            }
            cursor = next;
        }
    }

    /// EXISTS for each key, in one round trip.
    pub async fn exists_many(&self, keys: &[String]) -> Result<Vec<bool>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("EXISTS");
            c.arg(k);
            c
        })
        .await
    }

    /// GET for each key, in one round trip.
    pub async fn get_many(&self, keys: &[String]) -> Result<Vec<Option<String>>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("GET");
            c.arg(k);
            c
        })
        .await
    }

    /// The whole hash at `key` (empty when absent).
    pub async fn hgetall(&self, key: &str) -> Result<HashMap<String, String>, bullmq::Error> {
        let mut cmd = redis::cmd("HGETALL");
        cmd.arg(key);
        self.query(cmd, Some(key)).await
    }

    /// The newest `count` entries of the stream at `key`, newest first
    /// (XREVRANGE); empty when the stream does not exist.
    pub async fn stream_tail(
        &self,
        key: &str,
        count: usize,
    ) -> Result<Vec<StreamEntry>, bullmq::Error> {
        let mut cmd = redis::cmd("XREVRANGE");
        cmd.arg(key).arg("+").arg("-").arg("COUNT").arg(count);
        self.query(cmd, Some(key)).await
    }

    /// Entries after `ids[i]` on each stream `keys[i]` (XREAD), at most `count`
    /// per stream; with `block`, waits up to that long for the first one.
    /// Empty when nothing arrived. The keys of one prefix share a Cluster slot.
    pub async fn stream_read(
        &self,
        keys: &[String],
        ids: &[String],
        count: usize,
        block: Option<Duration>,
    ) -> Result<Vec<(String, Vec<StreamEntry>)>, bullmq::Error> {
        let mut cmd = redis::cmd("XREAD");
        cmd.arg("COUNT").arg(count);
        if let Some(block) = block {
            cmd.arg("BLOCK").arg(block.as_millis().max(1) as u64);
        }
        cmd.arg("STREAMS").arg(keys).arg(ids);
        let reply: Option<Vec<(String, Vec<StreamEntry>)>> =
            self.query(cmd, keys.first().map(String::as_str)).await?;
        Ok(reply.unwrap_or_default())
    }

    /// ZCOUNT: members of the sorted set `key` scored within `[min, max]`.
    pub async fn zcount(&self, key: &str, min: &str, max: &str) -> Result<u64, bullmq::Error> {
        let mut cmd = redis::cmd("ZCOUNT");
        cmd.arg(key).arg(min).arg(max);
        self.query(cmd, Some(key)).await
    }

    /// ZCARD: the size of the sorted set `key`.
    pub async fn zcard(&self, key: &str) -> Result<u64, bullmq::Error> {
        let mut cmd = redis::cmd("ZCARD");
        cmd.arg(key);
        self.query(cmd, Some(key)).await
    }

    /// LLEN: the length of the list `key`.
    pub async fn llen(&self, key: &str) -> Result<u64, bullmq::Error> {
        let mut cmd = redis::cmd("LLEN");
        cmd.arg(key);
        self.query(cmd, Some(key)).await
    }

    /// XLEN: the number of entries in the stream `key`.
    pub async fn xlen(&self, key: &str) -> Result<u64, bullmq::Error> {
        let mut cmd = redis::cmd("XLEN");
        cmd.arg(key);
        self.query(cmd, Some(key)).await
    }

    /// Every element of the list `key`, head first (LRANGE 0 -1).
    pub async fn list_all(&self, key: &str) -> Result<Vec<String>, bullmq::Error> {
        let mut cmd = redis::cmd("LRANGE");
        cmd.arg(key).arg(0).arg(-1);
        self.query(cmd, Some(key)).await
    }

    /// ZSCORE of each member in the sorted set `key`, as Redis spells the score.
    pub async fn zscore_many(
        &self,
        key: &str,
        members: &[String],
    ) -> Result<Vec<Option<String>>, bullmq::Error> {
        let cmds = members
            .iter()
            .map(|m| {
                let mut c = redis::cmd("ZSCORE");
                c.arg(key).arg(m);
                c
            })
            .collect();
        self.pipelined_on(cmds, 1, false).await
    }

    /// TYPE of each key, pipelined.
    pub async fn types_many(&self, keys: &[String]) -> Result<Vec<String>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("TYPE");
            c.arg(k);
            c
        })
        .await
    }

    /// For each member: whether any of `lists` (LPOS) or `zsets` (ZSCORE) holds
    /// it. Each chunk is read in one MULTI, so a job moving between two of these
    /// structures is never seen in neither. All keys must belong to one queue.
    pub async fn member_of_any(
        &self,
        lists: &[String],
        zsets: &[String],
        members: &[String],
    ) -> Result<Vec<bool>, bullmq::Error> {
        let per_member = lists.len() + zsets.len();
        if per_member == 0 {
            return Ok(vec![false; members.len()]);
        }
        let mut cmds = Vec::with_capacity(members.len() * per_member);
        for m in members {
            for list in lists {
                let mut c = redis::cmd("LPOS");
                c.arg(list).arg(m);
                cmds.push(c);
            }
            for zset in zsets {
                let mut c = redis::cmd("ZSCORE");
                c.arg(zset).arg(m);
                cmds.push(c);
            }
        }
        let found: Vec<redis::Value> = self.pipelined_on(cmds, per_member, true).await?;
        Ok(found
            .chunks(per_member)
            .map(|replies| replies.iter().any(|v| !matches!(v, redis::Value::Nil)))
            .collect())
    }

    /// Sets a queuectl-owned key (a worker heartbeat) with a TTL. Never used
    /// on BullMQ's keys: queue state only changes through the port.
    pub async fn set_owned(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
    ) -> Result<(), bullmq::Error> {
        let mut cmd = redis::cmd("SET");
        cmd.arg(key)
            .arg(value)
            .arg("PX")
            .arg(ttl.as_millis() as u64);
        self.query::<()>(cmd, Some(key)).await
    }

    /// Deletes a queuectl-owned key (a worker's heartbeat when it stops).
    pub async fn del_owned(&self, key: &str) -> Result<(), bullmq::Error> {
        let mut cmd = redis::cmd("DEL");
        cmd.arg(key);
        self.query::<()>(cmd, Some(key)).await
    }

    /// Appends a record to a list the user named (the dead-letter list), which
    /// lies outside every queue's keys.
    pub async fn push_record(&self, key: &str, value: &str) -> Result<(), bullmq::Error> {
        let mut cmd = redis::cmd("LPUSH");
        cmd.arg(key).arg(value);
        self.query::<()>(cmd, Some(key)).await
    }

    /// Members of the sorted set `key` with scores from `min` to `max` (Redis
    /// range syntax, e.g. `(100` for exclusive), lowest score first, with their
    /// scores as whole numbers.
    pub async fn zrange_by_score(
        &self,
        key: &str,
        min: &str,
        max: &str,
    ) -> Result<Vec<(String, u64)>, bullmq::Error> {
        let mut cmd = redis::cmd("ZRANGEBYSCORE");
        cmd.arg(key).arg(min).arg(max).arg("WITHSCORES");
        let flat: Vec<String> = self.query(cmd, Some(key)).await?;
        Ok(flat
            .chunks(2)
            .filter_map(|pair| match pair {
                [member, score] => Some((member.clone(), score.parse::<f64>().ok()? as u64)),
                _ => None,
            })
            .collect())
    }

    /// HMGET `fields` of each hash in `keys`, in one round trip.
    pub async fn hmget_many(
        &self,
        keys: &[String],
        fields: &[&str],
    ) -> Result<Vec<Vec<Option<String>>>, bullmq::Error> {
        self.pipelined(keys, |k| {
            let mut c = redis::cmd("HMGET");
            c.arg(k).arg(fields);
            c
        })
        .await
    }

    /// Removes one occurrence of exactly `value` from a list the user named (a
    /// dead-letter record); returns whether it was there.
    pub async fn remove_record(&self, key: &str, value: &str) -> Result<bool, bullmq::Error> {
        let mut cmd = redis::cmd("LREM");
        cmd.arg(key).arg(1).arg(value);
        let removed: i64 = self.query(cmd, Some(key)).await?;
        Ok(removed > 0)
    }

    /// Round-trip time of one PING.
    pub async fn ping(&self) -> Result<Duration, bullmq::Error> {
        let started = Instant::now();
        let _: String = self.query(redis::cmd("PING"), None).await?;
        Ok(started.elapsed())
    }

    /// The `field:value` lines of one `INFO` section (`server`, `memory`...).
    pub async fn info(&self, section: &str) -> Result<HashMap<String, String>, bullmq::Error> {
        let mut cmd = redis::cmd("INFO");
        cmd.arg(section);
        let text: String = self.query(cmd, None).await?;
        Ok(parse_info(&text))
    }

    /// Whether the server answers `CLIENT LIST` (hosted Redis often refuses
    /// it, which hides BullMQ's worker list). Connection failures are errors.
    pub async fn client_list_allowed(&self) -> Result<bool, bullmq::Error> {
        let mut cmd = redis::cmd("CLIENT");
        cmd.arg("LIST");
        // Asked for a raw Value, an error reply comes back as a value, not an Err.
        match self.query::<redis::Value>(cmd, None).await {
            Ok(redis::Value::ServerError(_)) => Ok(false),
            Ok(_) => Ok(true),
            Err(bullmq::Error::Redis(e)) if e.code().is_some() => Ok(false),
            Err(e) => Err(e),
        }
    }

    async fn pipelined<T: FromRedisValue>(
        &self,
        keys: &[String],
        build: impl Fn(&str) -> Cmd,
    ) -> Result<Vec<T>, bullmq::Error> {
        let mut out = Vec::with_capacity(keys.len());
        // Keys of one queue share a slot (hash-tagged prefix), so on Cluster each
        // command is routed by its own key; standalone runs them as one pipeline.
        match &self.admin {
            Admin::Single(conn) => {
                for chunk in keys.chunks(1000) {
                    let mut pipe = redis::pipe();
                    for k in chunk {
                        pipe.add_command(build(k));
                    }
                    let mut conn = conn.clone();
                    let part: Vec<T> = pipe.query_async(&mut conn).await?;
                    out.extend(part);
                }
            }
            Admin::Cluster(_) => {
                for k in keys {
                    out.push(self.query(build(k), Some(k)).await?);
                }
            }
        }
        Ok(out)
    }

    /// Runs read-only `cmds` that all touch keys of one queue (one Cluster slot), in
    /// pipelines of about 1000 commands that never split a group of `group`;
    /// `atomic` wraps each pipeline in MULTI/EXEC.
    async fn pipelined_on<T: FromRedisValue>(
        &self,
        cmds: Vec<Cmd>,
        group: usize,
        atomic: bool,
    ) -> Result<Vec<T>, bullmq::Error> {
        let mut out = Vec::with_capacity(cmds.len());
        let chunk = (1000 / group.max(1)).max(1) * group.max(1);
        for part in cmds.chunks(chunk) {
            let mut pipe = redis::pipe();
            if atomic {
                pipe.atomic();
            }
            for c in part {
                pipe.add_command(c.clone());
            }
            let value = match &self.admin {
                Admin::Single(conn) => {
                    let mut conn = conn.clone();
                    pipe.query_async::<redis::Value>(&mut conn).await?
                }
                // Routed by its keys, which share the queue's hash tag.
                Admin::Cluster(conn) => {
                    let mut conn = conn.clone();
                    pipe.query_async::<redis::Value>(&mut conn).await?
                }
            };
            let part: Vec<T> =
                FromRedisValue::from_redis_value(value).map_err(redis::RedisError::from)?;
            out.extend(part);
        }
        Ok(out)
    }

    /// Runs one read-only command; on Cluster it goes to the node that owns
    /// `slot_key` (the queue's hash tag), or any primary.
    async fn query<T: FromRedisValue>(
        &self,
        cmd: Cmd,
        slot_key: Option<&str>,
    ) -> Result<T, bullmq::Error> {
        let value = match &self.admin {
            Admin::Single(conn) => conn.clone().req_packed_command(&cmd).await?,
            Admin::Cluster(conn) => {
                let routing = cluster_routing(slot_key);
                conn.clone().route_command(cmd, routing).await?
            }
        };
        Ok(T::from_redis_value(value).map_err(redis::RedisError::from)?)
    }
}

fn cluster_routing(slot_key: Option<&str>) -> RoutingInfo {
    use redis::cluster_routing::{Route, SingleNodeRoutingInfo, SlotAddr};
    // A pattern such as `{bull}:*:meta` hashes by its tag like any key of the queue.
    let node = match slot_key {
        Some(key) => SingleNodeRoutingInfo::SpecificNode(Route::with_key(key, SlotAddr::Master)),
        None => SingleNodeRoutingInfo::RandomPrimary,
    };
    RoutingInfo::SingleNode(node)
}

async fn connect_admin(settings: &RedisSettings) -> Result<Admin, redis::RedisError> {
    let timeout = settings.connect_timeout;
    match &settings.endpoint {
        Endpoint::Single { .. } => {
            let url = settings.bull_options().effective_url();
            let client = if settings.tls_files.any() {
                redis::Client::build_with_tls(url, settings.tls_files.for_redis())?
            } else {
                redis::Client::open(url)?
            };
            let config = AsyncConnectionConfig::new()
                .set_connection_timeout(Some(timeout))
                .set_response_timeout(Some(Duration::from_secs(30)));
            let mut conn = client
                .get_multiplexed_async_connection_with_config(&config)
                .await?;
            let _: String = redis::cmd("PING").query_async(&mut conn).await?;
            Ok(Admin::Single(conn))
        }
        Endpoint::Cluster { .. } => {
            let opts = settings.bull_options();
            let mut builder = redis::cluster::ClusterClient::builder(opts.cluster_nodes.clone())
                .connection_timeout(timeout)
                .response_timeout(Duration::from_secs(30))
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
            let _: String = redis::cmd("PING").query_async(&mut conn).await?;
            Ok(Admin::Cluster(conn))
        }
    }
}

fn classify(settings: &RedisSettings, err: redis::RedisError) -> ConnectError {
    let reason = redact(&err.to_string(), settings.password.as_deref());
    let auth = err.kind() == redis::ErrorKind::AuthenticationFailed
        || reason.contains("WRONGPASS")
        || reason.contains("NOAUTH")
        || reason.contains("NOPERM");
    if auth {
        ConnectError::Auth {
            target: settings.target(),
            reason,
        }
    } else {
        unreachable(settings, reason)
    }
}

fn unreachable(settings: &RedisSettings, reason: String) -> ConnectError {
    let hint = if settings.configured { "" } else { LOCAL_HINT };
    ConnectError::Unreachable {
        target: settings.target(),
        reason: redact(&reason, settings.password.as_deref()),
        hint: hint.to_string(),
    }
}

/// `field:value` lines of an INFO reply; `#` headers and blank lines are skipped.
fn parse_info(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.trim_end().split_once(':'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Replaces every occurrence of `secret` (raw and URL-encoded) with `***`.
pub fn redact(text: &str, secret: Option<&str>) -> String {
    let Some(secret) = secret.filter(|s| !s.is_empty()) else {
        return text.to_string();
    };
    let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    text.replace(secret, "***").replace(&encoded, "***")
}

fn fmt_dur(d: Duration) -> String {
    humantime::format_duration(d).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(endpoint: Endpoint) -> RedisSettings {
        RedisSettings {
            endpoint,
            username: Some("app".into()),
            password: Some("s3cr3t/pw".into()),
            db: Some(2),
            tls: false,
            tls_files: TlsFiles::default(),
            prefix: "bull".into(),
            connect_timeout: Duration::from_secs(1),
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
    fn redact_hides_raw_and_encoded_password() {
        let text = "failed redis://app:s3cr3t%2Fpw@h:1 and s3cr3t/pw";
        let out = redact(text, Some("s3cr3t/pw"));
        assert!(!out.contains("s3cr3t"), "{out}");
    }

    #[test]
    fn unconfigured_failures_say_how_to_start_redis() {
        let mut s = settings(Endpoint::Single {
            host: "127.0.0.1".into(),
            port: 6379,
        });
        s.configured = false;
        let msg = unreachable(&s, "Connection refused".into()).to_string();
        assert!(
            msg.contains("127.0.0.1:6379") && msg.contains("redis-server --daemonize yes"),
            "{msg}"
        );
        s.configured = true;
        assert!(!unreachable(&s, "x".into())
            .to_string()
            .contains("redis-server"));
    }

    #[test]
    fn info_lines_become_fields() {
        let info =
            parse_info("# Memory\r\nused_memory:1024\r\nmaxmemory_policy:noeviction\r\n\r\n");
        assert_eq!(info["used_memory"], "1024");
        assert_eq!(info["maxmemory_policy"], "noeviction");
        assert_eq!(info.len(), 2);
    }

    #[test]
    fn cluster_target_lists_seeds() {
        let s = settings(Endpoint::Cluster {
            nodes: vec![("a".into(), 7000), ("b".into(), 7001)],
        });
        assert_eq!(s.target(), "cluster a:7000,b:7001");
    }
}
