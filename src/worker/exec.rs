//! The external-command handler: runs a shell command per job, speaks a small
//! stdout protocol (`progress N [message]`, `log TEXT`, a final JSON line as
//! the result) and measures the child's CPU time and peak RSS.

use std::os::unix::process::ExitStatusExt;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;
use tokio::sync::mpsc;

/// Exit code with which a command marks its failure as unrecoverable (no retry).
/// 65 is sysexits' EX_DATAERR: the job's input is wrong, so retrying cannot help.
pub const UNRECOVERABLE_EXIT: i32 = 65;
/// How much of the command's stderr a failure reason keeps.
const STDERR_TAIL: usize = 2_000;

/// What the command printed that the worker acts on while it runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// `progress <0-100> [message]`
    Progress {
        percent: f64,
        message: Option<String>,
    },
    /// `log <text>`
    Log(String),
}

/// How a finished command went.
#[derive(Debug)]
pub struct Outcome {
    pub status: ExitStatus,
    /// The last stdout line that is valid JSON.
    pub result: Option<Value>,
    pub stderr_tail: String,
    pub usage: Usage,
}

/// Resources the child used.
#[derive(Debug, Clone, Copy, Default)]
pub struct Usage {
    pub wall: Duration,
    pub cpu: Duration,
    pub max_rss_kb: u64,
}

/// Why a command could not run to an exit status.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error("cannot start `{command}`: {source}")]
    Spawn {
        command: String,
        source: std::io::Error,
    },
    #[error("waiting for the command failed: {0}")]
    Wait(std::io::Error),
}

/// The job as the command receives it on stdin, and its environment.
pub struct Invocation<'a> {
    pub command: &'a str,
    pub stdin_json: String,
    pub env: Vec<(&'static str, String)>,
}

/// Runs the command; `lines` receives protocol lines as they arrive. Dropping
/// the returned future (timeout, cancellation, shutdown) kills the whole
/// process group.
pub async fn run(
    inv: Invocation<'_>,
    lines: mpsc::UnboundedSender<Line>,
) -> Result<Outcome, ExecError> {
    let started = Instant::now();
    let mut cmd = Command::new("/bin/sh");
    cmd.arg("-c")
        .arg(inv.command)
        .envs(inv.env.iter().map(|(k, v)| (*k, v.as_str())));
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own process group, so a kill reaches everything the shell started.
    cmd.process_group(0);
    let mut child = cmd.spawn().map_err(|source| ExecError::Spawn {
        command: inv.command.to_string(),
        source,
    })?;
    let pid = child.id().unwrap_or(0) as i32;
    let guard = GroupKiller(pid);
    let mut stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let write = async move {
        if let Some(stdin) = stdin.as_mut() {
            // A command that ignores stdin closes it early; that is not an error.
            let _ = stdin.write_all(inv.stdin_json.as_bytes()).await;
        }
        drop(stdin);
    };
    let read_out = read_stdout(stdout, lines);
    let read_err = read_tail(stderr);
    let wait = tokio::task::spawn_blocking(move || wait4(pid));
    let ((), result, stderr_tail, waited) = tokio::join!(write, read_out, read_err, wait);
    let (status, mut usage) = waited
        .map_err(|e| ExecError::Wait(std::io::Error::other(e)))?
        .map_err(ExecError::Wait)?;
    guard.disarm();
    // The child is reaped by wait4 above; tokio must not try to reap it again.
    drop(child);
    usage.wall = started.elapsed();
    Ok(Outcome {
        status,
        result,
        stderr_tail,
        usage,
    })
}

async fn read_stdout(
    out: Option<tokio::process::ChildStdout>,
    lines: mpsc::UnboundedSender<Line>,
) -> Option<Value> {
    let mut last_json = None;
    let mut reader = BufReader::new(out?).lines();
    while let Ok(Some(line)) = reader.next_line().await {
        match parse_line(&line) {
            Some(l) => {
                let _ = lines.send(l);
            }
            None => {
                if let Ok(v) = serde_json::from_str::<Value>(line.trim()) {
                    last_json = Some(v);
                }
            }
        }
    }
    last_json
}

async fn read_tail(err: Option<tokio::process::ChildStderr>) -> String {
    let mut buf = Vec::new();
    if let Some(mut err) = err {
        let _ = err.read_to_end(&mut buf).await;
    }
    let text = String::from_utf8_lossy(&buf);
    let text = text.trim_end();
    let start = text.len().saturating_sub(STDERR_TAIL);
    let start = (start..text.len())
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(text.len());
    text[start..].to_string()
}

/// Parses one protocol line; anything else is ordinary output.
pub fn parse_line(line: &str) -> Option<Line> {
    if let Some(rest) = line.strip_prefix("progress ") {
        let (num, message) = match rest.split_once(' ') {
            Some((n, m)) => (n, Some(m.trim().to_string()).filter(|m| !m.is_empty())),
            None => (rest, None),
        };
        let percent: f64 = num.trim().parse().ok()?;
        return (0.0..=100.0)
            .contains(&percent)
            .then_some(Line::Progress { percent, message });
    }
    line.strip_prefix("log ")
        .map(|text| Line::Log(text.to_string()))
}

/// Kills the process group when dropped, unless the child was already reaped.
struct GroupKiller(i32);

impl GroupKiller {
    fn disarm(self) {
        std::mem::forget(self);
    }
}

impl Drop for GroupKiller {
    fn drop(&mut self) {
        if self.0 > 0 {
            // SAFETY: kill(2) with a negative pid signals the process group we created.
            unsafe {
                libc::kill(-self.0, libc::SIGKILL);
            }
        }
    }
}

/// Waits for `pid` and returns its status with the rusage only wait4(2) gives per child.
fn wait4(pid: i32) -> std::io::Result<(ExitStatus, Usage)> {
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; zeroed is a valid value for wait4 to fill.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: valid pointers to locals; pid is our own child.
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
        if rc == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    let usage = Usage {
        wall: Duration::ZERO,
        cpu: tv(ru.ru_utime) + tv(ru.ru_stime),
        max_rss_kb: ru.ru_maxrss.max(0) as u64,
    };
    Ok((ExitStatus::from_raw(status), usage))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_lines() {
        assert_eq!(
            parse_line("progress 40 fetched robots"),
            Some(Line::Progress {
                percent: 40.0,
                message: Some("fetched robots".into())
            })
        );
        assert_eq!(
            parse_line("progress 100"),
            Some(Line::Progress {
                percent: 100.0,
                message: None
            })
        );
        assert_eq!(parse_line("progress 140"), None);
        assert_eq!(parse_line("progress x"), None);
        assert_eq!(
            parse_line("log hello world"),
            Some(Line::Log("hello world".into()))
        );
        assert_eq!(parse_line("{\"ok\":true}"), None);
    }

    #[tokio::test]
    async fn runs_a_command_with_stdin_env_and_protocol() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let inv = Invocation {
            command: "read input; echo \"progress 50 half\"; echo \"log got $QUEUECTL_JOB_ID\"; echo \"$input\"; echo oops >&2; exit 3",
            stdin_json: "{\"id\":\"7\"}".into(),
            env: vec![("QUEUECTL_JOB_ID", "7".into())],
        };
        let out = run(inv, tx).await.unwrap();
        assert_eq!(out.status.code(), Some(3));
        assert_eq!(out.result, Some(serde_json::json!({"id": "7"})));
        assert_eq!(out.stderr_tail, "oops");
        assert_eq!(
            rx.recv().await,
            Some(Line::Progress {
                percent: 50.0,
                message: Some("half".into())
            })
        );
        assert_eq!(rx.recv().await, Some(Line::Log("got 7".into())));
    }

    #[tokio::test]
    async fn dropping_the_run_kills_the_process_group() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("alive");
        let command = format!("(sleep 1; touch {}) & sleep 5", marker.display());
        let (tx, _rx) = mpsc::unbounded_channel();
        let inv = Invocation {
            command: &command,
            stdin_json: String::new(),
            env: vec![],
        };
        let timed = tokio::time::timeout(Duration::from_millis(200), run(inv, tx)).await;
        assert!(timed.is_err());
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert!(!marker.exists(), "a grandchild survived the kill");
    }
}
