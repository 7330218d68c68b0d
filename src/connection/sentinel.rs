//! Redis Sentinel: the current master of a named set, asked of the sentinels
//! in turn (with their own credentials and TLS), and the wait for a switch.
//!
//! bullmq-official has no Sentinel support, so queuectl resolves the master's
//! address and connects both halves to it as to one server; a call that finds
//! its connection gone moves both to the master named now (`Follow`), and
//! long-running modes wait on [`next_signal`] and rebuild their connections on
//! a switch.

use std::time::Duration;

use bullmq::redis_connection::RedisConnection;
use futures::StreamExt;

use super::settings::host_port;
use super::{connect_admin, redact, ConnectError, Endpoint, Redis, RedisSettings, TlsFiles};

/// The sentinels and the master set they watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentinels {
    pub nodes: Vec<(String, u16)>,
    /// The name in `sentinel monitor NAME ...`.
    pub master: String,
}

impl Sentinels {
    /// `master 'NAME' via sentinels a:1,b:2` for messages.
    pub fn describe(&self) -> String {
        format!("master '{}' via sentinels {}", self.master, self.list())
    }

    fn list(&self) -> String {
        let list: Vec<String> = self.nodes.iter().map(|(h, p)| host_port(h, *p)).collect();
        list.join(",")
    }
}

/// How queuectl talks to the sentinels themselves: they have credentials and
/// TLS settings of their own, independent of the data nodes'.
#[derive(Clone, Default)]
pub struct SentinelAuth {
    pub username: Option<String>,
    pub password: Option<String>,
    pub tls: bool,
}

/// How often a long-running mode asks the sentinels for the master, besides
/// listening for `+switch-master` (a sentinel's messages are lost while it is
/// down, and a subscription does not survive its restart).
const POLL: Duration = Duration::from_secs(1);

/// The channel on which a sentinel announces a new master.
const SWITCH_CHANNEL: &str = "+switch-master";
/// The channel on which the sentinel leading a failover announces its start.
const TRY_CHANNEL: &str = "+try-failover";
/// The channels on which the leader announces that a failover was abandoned.
const ABORT_PATTERN: &str = "-failover-abort-*";

/// What the sentinels say about the master set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// A failover started: once the replica is promoted, writes to the old
    /// master are lost, so a worker stops taking jobs now.
    Starting,
    /// The failover was abandoned; the master stays.
    Aborted,
    /// The sentinels name a new master at this address.
    Switched((String, u16)),
}

/// Asks each sentinel in turn for the master's address; the first that knows
/// it answers. Fails naming every sentinel when none answers, or naming the
/// master when those that answer do not know it.
pub async fn master_addr(
    settings: &RedisSettings,
    sentinels: &Sentinels,
) -> Result<(String, u16), ConnectError> {
    let mut reasons = Vec::new();
    let (mut answered, mut refused) = (false, false);
    for node in &sentinels.nodes {
        match ask(settings, node, &sentinels.master).await {
            Ok(Some(addr)) => return Ok(addr),
            Ok(None) => answered = true,
            Err(Failed { reason, auth }) => {
                refused |= auth;
                reasons.push(format!(
                    "{}: {}",
                    host_port(&node.0, node.1),
                    redact(&reason, settings.sentinel_auth.password.as_deref())
                ));
            }
        }
    }
    let target = format!("sentinels {}", sentinels.list());
    let reason = reasons.join("; ");
    if answered {
        Err(ConnectError::UnknownMaster {
            master: sentinels.master.clone(),
            sentinels: sentinels.list(),
        })
    } else if refused {
        Err(ConnectError::Auth { target, reason })
    } else {
        Err(ConnectError::Unreachable {
            target,
            reason,
            hint: String::new(),
        })
    }
}

/// Why one sentinel gave no answer.
struct Failed {
    reason: String,
    /// It refused the sentinel credentials.
    auth: bool,
}

impl From<redis::RedisError> for Failed {
    fn from(e: redis::RedisError) -> Self {
        let auth = e.kind() == redis::ErrorKind::AuthenticationFailed
            || matches!(e.code(), Some("WRONGPASS" | "NOAUTH" | "NOPERM"));
        Self {
            reason: e.to_string(),
            auth,
        }
    }
}

impl From<String> for Failed {
    fn from(reason: String) -> Self {
        Self {
            reason,
            auth: false,
        }
    }
}

/// One sentinel's answer to `SENTINEL get-master-addr-by-name`: `None` when
/// it monitors no master of that name.
async fn ask(
    settings: &RedisSettings,
    node: &(String, u16),
    master: &str,
) -> Result<Option<(String, u16)>, Failed> {
    let client = client(settings, node)?;
    let reply = tokio::time::timeout(settings.connect_timeout, async {
        let mut conn = client.get_multiplexed_async_connection().await?;
        redis::cmd("SENTINEL")
            .arg("get-master-addr-by-name")
            .arg(master)
            .query_async::<Option<(String, String)>>(&mut conn)
            .await
    })
    .await
    .map_err(|_| {
        format!(
            "timed out after {}",
            super::fmt_dur(settings.connect_timeout)
        )
    })??;
    match reply {
        None => Ok(None),
        Some((host, port)) => port
            .parse()
            .map(|port| Some((host, port)))
            .map_err(|_| format!("answered an invalid port '{port}'").into()),
    }
}

/// A client for one sentinel, with the sentinel credentials and TLS.
fn client(
    settings: &RedisSettings,
    (host, port): &(String, u16),
) -> redis::RedisResult<redis::Client> {
    let auth = &settings.sentinel_auth;
    let scheme = if auth.tls { "rediss" } else { "redis" };
    let mut url =
        url::Url::parse(&format!("{scheme}://{}", host_port(host, *port))).map_err(|e| {
            redis::RedisError::from((
                redis::ErrorKind::InvalidClientConfig,
                "bad sentinel address",
                e.to_string(),
            ))
        })?;
    // `Url` percent-encodes both; redis-rs decodes them again.
    if let Some(user) = &auth.username {
        let _ = url.set_username(user);
    }
    if let Some(password) = &auth.password {
        let _ = url.set_password(Some(password));
    }
    tls_client(url.as_str(), auth.tls, &settings.tls_files)
}

fn tls_client(url: &str, tls: bool, files: &TlsFiles) -> redis::RedisResult<redis::Client> {
    if tls && files.any() {
        redis::Client::build_with_tls(url, files.for_redis())
    } else {
        redis::Client::open(url)
    }
}

/// What a Sentinel-backed [`Redis`] needs to move both halves to a new master.
pub(super) struct Follow {
    /// The settings as given (the sentinels, not an address).
    settings: RedisSettings,
    sentinels: Sentinels,
    /// The master the halves are connected to now; held while moving them,
    /// so concurrent calls that lost their connection move them once.
    current: tokio::sync::Mutex<(String, u16)>,
}

impl Follow {
    /// Follows the master set `sentinels` names, now at `current`.
    pub(super) fn new(
        settings: &RedisSettings,
        sentinels: &Sentinels,
        current: (String, u16),
    ) -> Self {
        Self {
            settings: settings.clone(),
            sentinels: sentinels.clone(),
            current: tokio::sync::Mutex::new(current),
        }
    }
}

impl Redis {
    /// Under Sentinel, after a call found its connection gone or the server
    /// read-only: asks the sentinels for the master and, if it moved, connects
    /// both halves to the new one. Best effort: on failure the halves stay
    /// and the caller's error stands.
    pub(super) async fn follow_master(&self) {
        let Some(follow) = &self.sentinel else {
            return;
        };
        let mut current = follow.current.lock().await;
        let Ok(addr) = master_addr(&follow.settings, &follow.sentinels).await else {
            return;
        };
        if addr == *current {
            return;
        }
        let mut single = follow.settings.clone();
        single.endpoint = Endpoint::Single {
            host: addr.0.clone(),
            port: addr.1,
        };
        let deadline = single.connect_timeout;
        let admin = tokio::time::timeout(deadline, connect_admin(&single)).await;
        let bull = tokio::time::timeout(
            deadline,
            RedisConnection::new_managed_only(&single.bull_options()),
        )
        .await;
        if let (Ok(Ok(admin)), Ok(Ok(bull))) = (admin, bull) {
            *self.admin.write().unwrap_or_else(|e| e.into_inner()) = admin;
            *self.bull.write().unwrap_or_else(|e| e.into_inner()) = bull;
            *current = addr;
        }
    }
}

/// Waits for the next word from the sentinels about the master set whose
/// master is at `current`: a failover starting or abandoned, or a new master.
/// Listens on every sentinel (any of them may lead a failover) and polls
/// them, which also catches a switch whose message was missed.
pub async fn next_signal(
    settings: &RedisSettings,
    sentinels: &Sentinels,
    current: &(String, u16),
) -> Signal {
    let mut messages = subscribe(settings, sentinels).await;
    let mut poll = tokio::time::interval(POLL);
    loop {
        tokio::select! {
            msg = messages.next() => match msg {
                Some((channel, payload)) => {
                    if let Some(signal) = signal_of(&channel, &payload, &sentinels.master) {
                        if signal != Signal::Switched(current.clone()) {
                            return signal;
                        }
                    }
                }
                // Every subscription ended: polling goes on, and so does a new subscription.
                None => messages = subscribe(settings, sentinels).await,
            },
            _ = poll.tick() => {
                if let Ok(addr) = master_addr(settings, sentinels).await {
                    if addr != *current {
                        return Signal::Switched(addr);
                    }
                }
            }
        }
    }
}

type Messages = futures::stream::SelectAll<futures::stream::BoxStream<'static, (String, String)>>;

/// The failover channels of every sentinel that accepts the subscription;
/// an empty set pends (polling covers it).
async fn subscribe(settings: &RedisSettings, sentinels: &Sentinels) -> Messages {
    let mut all = futures::stream::SelectAll::new();
    all.push(futures::stream::pending().boxed());
    for node in &sentinels.nodes {
        let Ok(client) = client(settings, node) else {
            continue;
        };
        let attempt = tokio::time::timeout(settings.connect_timeout, async {
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.subscribe(&[SWITCH_CHANNEL, TRY_CHANNEL]).await?;
            pubsub.psubscribe(ABORT_PATTERN).await?;
            Ok::<_, redis::RedisError>(pubsub.into_on_message())
        });
        if let Ok(Ok(stream)) = attempt.await {
            let stream = stream.filter_map(|m| async move {
                let payload = m.get_payload().ok()?;
                Some((m.get_channel_name().to_string(), payload))
            });
            all.push(stream.boxed());
        }
    }
    all
}

/// What a sentinel's message on `channel` says about `master`, if anything.
fn signal_of(channel: &str, payload: &str, master: &str) -> Option<Signal> {
    let words: Vec<&str> = payload.split_whitespace().collect();
    match channel {
        SWITCH_CHANNEL => switched_to(payload, master).map(Signal::Switched),
        // `master <name> <ip> <port>`: the failover of that master.
        _ if words.get(1) != Some(&master) || words.first() != Some(&"master") => None,
        TRY_CHANNEL => Some(Signal::Starting),
        _ if channel.starts_with("-failover-abort-") => Some(Signal::Aborted),
        _ => None,
    }
}

/// The new address in a `+switch-master` payload
/// (`<name> <old-ip> <old-port> <new-ip> <new-port>`) for `master`.
fn switched_to(payload: &str, master: &str) -> Option<(String, u16)> {
    let parts: Vec<&str> = payload.split_whitespace().collect();
    match parts.as_slice() {
        [name, _, _, host, port] if *name == master => Some((host.to_string(), port.parse().ok()?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switch_message_names_the_new_master_of_our_set_only() {
        let msg = "mymaster 127.0.0.1 7001 127.0.0.1 7002";
        assert_eq!(
            switched_to(msg, "mymaster"),
            Some(("127.0.0.1".into(), 7002))
        );
        assert_eq!(switched_to(msg, "other"), None);
        assert_eq!(switched_to("mymaster 1 2", "mymaster"), None);
    }

    #[test]
    fn failover_messages_of_other_sets_and_instances_are_ignored() {
        let try_ours = "master mymaster 127.0.0.1 7001";
        let of = |c, p| signal_of(c, p, "mymaster");
        assert_eq!(of(TRY_CHANNEL, try_ours), Some(Signal::Starting));
        assert_eq!(of(TRY_CHANNEL, "master other 127.0.0.1 7001"), None);
        assert_eq!(
            of("-failover-abort-not-elected", try_ours),
            Some(Signal::Aborted)
        );
        assert_eq!(of("+sdown", try_ours), None);
        assert_eq!(
            of(SWITCH_CHANNEL, "mymaster 127.0.0.1 7001 127.0.0.1 7002"),
            Some(Signal::Switched(("127.0.0.1".into(), 7002)))
        );
    }
}
