//! Connection errors and their messages: connect failures, lost replies,
//! the mark of queuectl's own timeouts, and passwords kept out of the text.

use std::time::Duration;

use super::RedisSettings;

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
    /// The sentinels answered but monitor no master of that name.
    #[error(
        "no sentinel at {sentinels} knows a master named '{master}' (check --sentinel-master)"
    )]
    UnknownMaster { master: String, sentinels: String },
    /// The address the sentinels named is not a master (yet): a failover is
    /// under way or the sentinels disagree with the server.
    #[error("Redis at {target}, named master '{master}' by the sentinels, is a {role}; try again once the failover has finished")]
    NotMaster {
        target: String,
        master: String,
        role: String,
    },
}

/// Redis stopped answering after the connection was made: a reply did not
/// come within the command timeout, or the connection dropped. What was
/// being done may or may not have happened.
#[derive(Debug, thiserror::Error)]
#[error("Redis at {target} {what} while {doing}{outcome}")]
pub struct Lost {
    target: String,
    what: String,
    doing: String,
    /// What is known of the outcome, as `; ...`, or empty.
    outcome: String,
}

impl Lost {
    pub(super) fn new(target: String, what: String, doing: &str) -> Self {
        Self {
            target,
            what,
            doing: doing.to_string(),
            outcome: String::new(),
        }
    }

    /// Adds what is known of the outcome of what was being done.
    pub fn with_outcome(mut self, outcome: &str) -> Self {
        self.outcome = format!("; {outcome}");
        self
    }

    /// `err` (or an error it wraps) as a lost Redis, if it is a reply that
    /// never came: a response timeout or a dropped connection.
    pub fn find(
        err: &(dyn std::error::Error + 'static),
        settings: &RedisSettings,
        doing: &str,
    ) -> Option<Self> {
        let what = lost_reply(err, settings.command_timeout)?;
        Some(Self::new(settings.target(), what, doing))
    }
}

/// How a reply was lost, if `err` or an error it wraps says one was: a
/// timeout names the limit of the connection that gave up (queuectl's own is
/// `command_timeout`, the port's is fixed).
pub(super) fn lost_reply(
    err: &(dyn std::error::Error + 'static),
    command_timeout: Duration,
) -> Option<String> {
    let mut causes = std::iter::successors(Some(err), |e| e.source());
    let lost = causes.find(|e| {
        matches!(e.downcast_ref(), Some(bullmq::Error::ConnectionClosed))
            || e.downcast_ref::<redis::RedisError>()
                .is_some_and(|e| e.is_timeout() || e.is_connection_dropped() || e.is_io_error())
    })?;
    let timed_out = lost
        .downcast_ref::<redis::RedisError>()
        .is_some_and(redis::RedisError::is_timeout);
    if !timed_out {
        return Some("closed the connection".into());
    }
    let ours = causes.any(|e| e.is::<AdminTimeout>());
    let within = if ours {
        command_timeout
    } else {
        PORT_RESPONSE_TIMEOUT
    };
    Some(no_answer(within))
}

/// Whether `err` is a reply that never came (a timeout or a dropped
/// connection), after which a verb going through many jobs stops: every
/// later call would fail the same way.
pub fn is_lost(err: &bullmq::Error) -> bool {
    lost_reply(err, Duration::ZERO).is_some()
}

fn no_answer(within: Duration) -> String {
    format!("did not answer within {}", fmt_dur(within))
}

/// How long BullMQ's port waits for a reply: bullmq-official 1.4.4 fixes it
/// (crate-private `ReconnectOptions`), so port calls are bounded by
/// [`Redis::bounded`](super::Redis::bounded) where queuectl needs its own limit.
const PORT_RESPONSE_TIMEOUT: Duration = Duration::from_secs(10);

/// The mark of a timeout of queuectl's own connection, found as the source
/// of its I/O error, so a message can tell it from the port's.
#[derive(Debug, thiserror::Error)]
#[error("the command timeout passed")]
struct AdminTimeout;

static ADMIN_TIMEOUT: AdminTimeout = AdminTimeout;

/// The I/O error of an admin timeout. `io::Error` hides the error it wraps
/// from a chain walk and shows that error's source, hence the indirection.
#[derive(Debug)]
struct AdminTimedOut;

impl std::fmt::Display for AdminTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("timed out")
    }
}

impl std::error::Error for AdminTimedOut {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&ADMIN_TIMEOUT)
    }
}

/// An admin connection error, with a timeout marked as queuectl's own.
pub(super) fn admin_error(err: redis::RedisError) -> bullmq::Error {
    if err.is_timeout() {
        let io = std::io::Error::new(std::io::ErrorKind::TimedOut, AdminTimedOut);
        bullmq::Error::Redis(io.into())
    } else {
        bullmq::Error::Redis(err)
    }
}

const LOCAL_HINT: &str = " (nothing configured, so queuectl tried the default address; \
start a local server with `redis-server --daemonize yes`, or set REDIS_URL)";

/// Why a bounded port call failed.
#[derive(Debug, thiserror::Error)]
pub enum BoundedError {
    /// No reply came: the call may or may not have taken effect.
    #[error(transparent)]
    Lost(Lost),
    /// Redis answered with an error.
    #[error(transparent)]
    Redis(bullmq::Error),
}

/// The error code of a command the ACL user may not run.
pub(super) const NOPERM: &str = "NOPERM";

pub(super) fn classify(settings: &RedisSettings, err: redis::RedisError) -> ConnectError {
    let reason = redact(&err.to_string(), settings.password.as_deref());
    let auth = err.kind() == redis::ErrorKind::AuthenticationFailed
        || reason.contains("WRONGPASS")
        || reason.contains("NOAUTH")
        || reason.contains(NOPERM);
    if auth {
        ConnectError::Auth {
            target: settings.target(),
            reason,
        }
    } else {
        unreachable(settings, reason)
    }
}

pub(super) fn unreachable(settings: &RedisSettings, reason: String) -> ConnectError {
    let hint = if settings.configured { "" } else { LOCAL_HINT };
    ConnectError::Unreachable {
        target: settings.target(),
        reason: redact(&reason, settings.password.as_deref()),
        hint: hint.to_string(),
    }
}

/// Replaces every occurrence of `secret` (raw and URL-encoded) with `***`.
pub fn redact(text: &str, secret: Option<&str>) -> String {
    let Some(secret) = secret.filter(|s| !s.is_empty()) else {
        return text.to_string();
    };
    let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    text.replace(secret, "***").replace(&encoded, "***")
}

pub(super) fn fmt_dur(d: Duration) -> String {
    humantime::format_duration(d).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection::tests::settings;
    use crate::connection::Endpoint;

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
    fn a_lost_reply_names_the_limit_of_the_connection_that_gave_up() {
        let io = |kind| redis::RedisError::from(std::io::Error::new(kind, "x"));
        let ours = admin_error(io(std::io::ErrorKind::TimedOut));
        let port = bullmq::Error::Redis(io(std::io::ErrorKind::TimedOut));
        let dropped = bullmq::Error::Redis(io(std::io::ErrorKind::ConnectionReset));
        let refused = bullmq::Error::Script {
            code: -1,
            message: "x".into(),
        };
        let within = Duration::from_secs(2);
        let of = |e: &bullmq::Error| lost_reply(e, within);
        assert_eq!(of(&ours).as_deref(), Some("did not answer within 2s"));
        assert_eq!(of(&port).as_deref(), Some("did not answer within 10s"));
        assert_eq!(of(&dropped).as_deref(), Some("closed the connection"));
        assert_eq!(of(&refused), None);
    }
}
