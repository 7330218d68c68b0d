//! Finding, starting and killing Chromium. The browser runs in its own process
//! group with its own profile directory; dropping the [`Instance`] kills the
//! whole group, and the kernel kills the browser if queuectl dies first.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chromiumoxide::{Browser, Page};
use futures::StreamExt;
use tokio::task::JoinHandle;

/// Names tried on PATH, then absolute paths (macOS Chrome).
const CANDIDATES: [&str; 6] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];
/// How long the browser may take to print its DevTools address.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(20);

/// Why no browser could be used.
#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    #[error("no Chromium or Chrome found on PATH: install one (./install.sh, or apt-get install chromium) or pass --browser PATH")]
    NotFound,
    #[error("--browser {0}: no such executable")]
    BadPath(String),
    #[error("starting the browser: {0}")]
    Launch(String),
}

/// The browser to run: `given`, else the first candidate found.
pub fn find_browser(given: Option<&Path>) -> Result<PathBuf, BrowserError> {
    if let Some(path) = given {
        return is_executable(path)
            .then(|| path.to_path_buf())
            .ok_or_else(|| BrowserError::BadPath(path.display().to_string()));
    }
    CANDIDATES
        .iter()
        .find_map(|name| on_path(name))
        .ok_or(BrowserError::NotFound)
}

fn on_path(name: &str) -> Option<PathBuf> {
    if name.starts_with('/') {
        let p = PathBuf::from(name);
        return is_executable(&p).then_some(p);
    }
    crate::settings::search_path()
        .into_iter()
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A running browser and the DevTools connection to it.
pub struct Instance {
    pub browser: Browser,
    /// Tabs done with their page, ready for the next.
    idle: std::sync::Mutex<Vec<Page>>,
    child: std::sync::Mutex<Child>,
    handler: JoinHandle<()>,
    profile: PathBuf,
}

/// Browsers started by this process (each profile is named by pid and number).
static LAUNCHES: AtomicU64 = AtomicU64::new(0);
/// The start of every profile directory's name.
const PROFILE_PREFIX: &str = "queuectl-chromium-";

/// Removes the profiles of queuectl processes that were killed before they
/// could (their browsers died with them).
fn remove_stale_profiles() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(PROFILE_PREFIX)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| !Path::new(&format!("/proc/{p}")).exists()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Instance {
    /// Starts the browser with a fresh profile and connects to it.
    pub async fn launch(exe: &Path, how: &Launch<'_>) -> Result<Self, BrowserError> {
        let launch = |e: &dyn std::fmt::Display| BrowserError::Launch(e.to_string());
        let n = LAUNCHES.fetch_add(1, Ordering::Relaxed);
        if n == 0 {
            remove_stale_profiles();
        }
        let profile =
            std::env::temp_dir().join(format!("{PROFILE_PREFIX}{}-{n}", std::process::id()));
        std::fs::create_dir_all(&profile).map_err(|e| launch(&e))?;
        let mut child = command(exe, &profile, how)
            .spawn()
            .map_err(|e| launch(&e))?;
        let stderr = child.stderr.take().expect("piped");
        let found = tokio::time::timeout(LAUNCH_TIMEOUT, devtools_url(stderr)).await;
        let mut cleanup = Cleanup(Some((child, profile)));
        let ws = match found {
            Ok(Ok(ws)) => ws,
            Ok(Err(e)) => return Err(BrowserError::Launch(e)),
            Err(_) => return Err(BrowserError::Launch("no DevTools address in 20 s".into())),
        };
        let (browser, mut handler) = Browser::connect(ws).await.map_err(|e| launch(&e))?;
        let handler = tokio::spawn(async move { while handler.next().await.is_some() {} });
        let (child, profile) = cleanup.0.take().expect("set above");
        Ok(Instance {
            browser,
            idle: std::sync::Mutex::default(),
            child: std::sync::Mutex::new(child),
            handler,
            profile,
        })
    }

    /// A tab that finished its page cleanly, if any.
    pub fn idle_tab(&self) -> Option<Page> {
        self.idle.lock().ok()?.pop()
    }

    pub fn put_idle_tab(&self, page: Page) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(page);
        }
    }

    /// Whether the browser is still running and connected.
    pub fn alive(&self) -> bool {
        let exited = self
            .child
            .lock()
            .map_or(true, |mut c| !matches!(c.try_wait(), Ok(None)));
        !exited && !self.handler.is_finished()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.handler.abort();
        if let Ok(mut child) = self.child.lock() {
            kill_group(&mut child);
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Kills a browser that failed to start (and its profile) on the way out.
struct Cleanup(Option<(Child, PathBuf)>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some((mut child, profile)) = self.0.take() {
            kill_group(&mut child);
            let _ = std::fs::remove_dir_all(profile);
        }
    }
}

/// SIGKILL to the browser's process group (its zygotes and renderers), then
/// reaps the browser.
fn kill_group(child: &mut Child) {
    // SAFETY: killpg only sends a signal; the group is the browser's own
    // (process_group(0) at spawn), so nothing else is hit.
    unsafe { libc::killpg(child.id() as libc::pid_t, libc::SIGKILL) };
    let _ = child.wait();
}

/// What the browser is started with besides its fixed flags.
pub struct Launch<'a> {
    pub user_agent: &'a str,
    /// Host names pinned to addresses.
    pub pinned: &'a [(String, SocketAddr)],
    /// The crawler makes every request (guard on): the browser gets a proxy
    /// that answers nothing, so a request that escaped interception fails.
    pub offline: bool,
}

/// A proxy address where nothing listens (the discard port on loopback).
const NO_PROXY_HERE: &str = "--proxy-server=http://127.0.0.1:9";

fn command(exe: &Path, profile: &Path, how: &Launch<'_>) -> Command {
    let mut cmd = Command::new(exe);
    cmd.args([
        "--headless=new",
        "--remote-debugging-port=0",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--disable-breakpad",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-features=BackForwardCache",
        "--mute-audio",
        "--hide-scrollbars",
        "--metrics-recording-only",
        "--password-store=basic",
        "--use-mock-keychain",
        "about:blank",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    cmd.arg(format!("--user-agent={}", how.user_agent));
    if how.offline {
        // Loopback too: Chromium bypasses proxies for it unless told not to.
        cmd.args([NO_PROXY_HERE, "--proxy-bypass-list=<-loopback>"]);
    }
    // Chromium's sandbox needs user namespaces it cannot have as root (containers).
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        cmd.arg("--no-sandbox");
    }
    if let Some(rules) = resolver_rules(how.pinned) {
        cmd.arg(format!("--host-resolver-rules={rules}"));
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0);
    // SAFETY: prctl is async-signal-safe; it only sets the death signal of the child.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    cmd
}

/// `MAP host ip` for each pinned name, so the browser connects where the
/// crawler's own client does.
fn resolver_rules(pinned: &[(String, SocketAddr)]) -> Option<String> {
    let rules: Vec<String> = pinned
        .iter()
        .map(|(host, addr)| match addr.ip() {
            std::net::IpAddr::V6(v6) => format!("MAP {host} [{v6}]"),
            ip => format!("MAP {host} {ip}"),
        })
        .collect();
    (!rules.is_empty()).then(|| rules.join(","))
}

/// Reads the browser's stderr until it names its DevTools WebSocket, then
/// keeps draining it on a thread so the browser never blocks on a full pipe.
async fn devtools_url(stderr: std::process::ChildStderr) -> Result<String, String> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        let mut tail = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(ws) = line.strip_prefix("DevTools listening on ") {
                if let Some(tx) = tx.take() {
                    let _ = tx.send(Ok(ws.trim().to_string()));
                }
            } else if tx.is_some() && tail.len() < 3 {
                tail.push(line);
            }
        }
        if let Some(tx) = tx {
            let _ = tx.send(Err(format!("the browser exited: {}", tail.join(" / "))));
        }
    });
    rx.await
        .unwrap_or_else(|_| Err("the browser exited".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_names_become_resolver_rules() {
        let pinned = vec![
            ("a.test".to_string(), "127.0.0.1:80".parse().unwrap()),
            ("b.test".to_string(), "[::1]:80".parse().unwrap()),
        ];
        assert_eq!(
            resolver_rules(&pinned).as_deref(),
            Some("MAP a.test 127.0.0.1,MAP b.test [::1]")
        );
        assert_eq!(resolver_rules(&[]), None);
    }

    #[test]
    fn a_given_browser_must_exist() {
        let err = find_browser(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--browser /nonexistent/chromium: no such executable"
        );
    }
}
