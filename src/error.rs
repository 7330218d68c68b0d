//! Error categories and the exit code each one maps to.
//!
//! Domain modules return their own `thiserror` enums; commands wrap them in
//! `anyhow` with context. `main` walks the chain for one of the categories
//! below to pick the exit code, so error text is never matched.

use std::io;

use crate::connection::{Lost, RedisSettings};

/// Stable, documented process exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success, including "nothing matched".
    Ok = 0,
    /// A runtime failure: a Redis command failed, a job was not found.
    Failure = 1,
    /// Invalid usage or input: a bad flag, bad JSON, a refused prompt.
    Usage = 2,
    /// Redis is unreachable, refused the credentials, or stopped answering.
    Unavailable = 3,
    /// `crawl`: a seed could not be fetched or robots.txt refused it.
    SeedFailed = 4,
    /// `--wait`: the job did not finish within `--timeout`.
    Timeout = 5,
    /// Interrupted by Ctrl-C.
    Interrupted = 130,
}

impl Exit {
    /// The numeric code handed to the OS.
    pub fn code(self) -> i32 {
        self as i32
    }
}

/// Invalid usage or input; nothing was written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl UsageError {
    /// Builds a usage error from anything printable.
    pub fn new(msg: impl Into<String>) -> Self {
        Self(msg.into())
    }
}

/// A lookup that found nothing (unknown job id, unknown queue).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotFound(pub String);

/// Shorthand for returning a usage error from a command.
pub fn usage<T>(msg: impl Into<String>) -> anyhow::Result<T> {
    Err(UsageError::new(msg).into())
}

/// Picks the exit code for an error by looking for a known category in its chain.
pub fn exit_for(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if cause.is::<UsageError>() || cause.is::<clap::Error>() {
            return Exit::Usage;
        }
        if cause.is::<crate::connection::ConnectError>() || cause.is::<Lost>() {
            return Exit::Unavailable;
        }
        if cause.is::<crate::queues::JobInputError>()
            || cause.is::<crate::connection::slot::Unslotted>()
        {
            return Exit::Usage;
        }
        if let Some(e) = cause.downcast_ref::<io::Error>() {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Exit::Ok;
            }
        }
    }
    Exit::Failure
}

/// A failure whose Redis reply never came (a timeout or a dropped connection,
/// anywhere in the chain) as one [`Lost`] line naming the server and what was
/// being done: the outermost context, else the running `command`. Any other
/// error is returned as it was.
pub fn lost_redis(err: anyhow::Error, redis: &RedisSettings, command: &str) -> anyhow::Error {
    if err.chain().any(|c| c.is::<Lost>()) {
        return err;
    }
    let top = err.to_string();
    // A wrapper that repeats its source's text is no context of its own.
    let doing = if err.chain().skip(1).any(|c| top.contains(&c.to_string())) {
        format!("running `queuectl {command}`")
    } else {
        top
    };
    match Lost::find(err.as_ref(), redis, &doing) {
        Some(lost) => lost.into(),
        None => err,
    }
}

/// The short machine-readable code printed with `--json` errors.
pub fn code_name(exit: Exit) -> &'static str {
    match exit {
        Exit::Ok => "OK",
        Exit::Failure => "FAILURE",
        Exit::Usage => "INVALID_INPUT",
        Exit::Unavailable => "REDIS_UNAVAILABLE",
        Exit::SeedFailed => "SEED_FAILED",
        Exit::Timeout => "TIMEOUT",
        Exit::Interrupted => "INTERRUPTED",
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::connection::{Endpoint, SentinelAuth, TlsFiles};

    fn settings() -> RedisSettings {
        RedisSettings {
            endpoint: Endpoint::Single {
                host: "db".into(),
                port: 7000,
            },
            username: None,
            password: None,
            db: None,
            tls: false,
            tls_files: TlsFiles::default(),
            sentinel_auth: SentinelAuth::default(),
            prefix: "bull".into(),
            connect_timeout: Duration::from_secs(1),
            command_timeout: Duration::from_secs(1),
            configured: true,
        }
    }

    fn dropped() -> anyhow::Error {
        let io = std::io::Error::from(io::ErrorKind::ConnectionReset);
        bullmq::Error::Redis(io.into()).into()
    }

    #[test]
    fn a_lost_reply_says_what_was_being_done_and_exits_3() {
        let err = lost_redis(dropped().context("adding the jobs"), &settings(), "enqueue");
        assert_eq!(
            format!("{err:#}"),
            "Redis at db:7000 closed the connection while adding the jobs"
        );
        assert_eq!(exit_for(&err), Exit::Unavailable);
        let bare = lost_redis(dropped(), &settings(), "stats");
        assert_eq!(
            bare.to_string(),
            "Redis at db:7000 closed the connection while running `queuectl stats`"
        );
    }

    #[test]
    fn other_failures_are_left_as_they_were() {
        let err = anyhow::Error::new(bullmq::Error::JobNotFound("7".into())).context("reading");
        let kept = lost_redis(err, &settings(), "job");
        assert_eq!(format!("{kept:#}"), "reading: job not found: 7");
        assert_eq!(exit_for(&kept), Exit::Failure);
    }
}
