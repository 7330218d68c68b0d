//! Resolves global flags and environment into settings, once: flag > env > default.
//!
//! clap already merges flags with their env vars; what is left here is choosing
//! between a URL and host/port when both are set, and validating them. (The
//! Cluster hash-tag rule needs the queue name too: `connection::slot`.)

// The one module that reads the environment and checks for a terminal (clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::io::IsTerminal;

use clap::parser::ValueSource;
use clap::ArgMatches;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::connection::{Endpoint, RedisSettings, SentinelAuth, Sentinels, TlsFiles};
use crate::env;
use crate::error::UsageError;

const DEFAULT_HOST: &str = "127.0.0.1";
const DEFAULT_PORT: u16 = 6379;

/// Which standard streams are terminals, looked at once per run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminals {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

impl Terminals {
    /// Asks each standard stream whether it is a terminal.
    pub fn detect() -> Self {
        Self {
            stdin: std::io::stdin().is_terminal(),
            stdout: std::io::stdout().is_terminal(),
            stderr: std::io::stderr().is_terminal(),
        }
    }
}

/// How progress (bars, spinners, the worker's board) is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressView {
    /// Redrawn in place on the stderr terminal.
    Live,
    /// Plain log lines on stderr, which is not a terminal.
    Lines,
    /// Not shown.
    Hidden,
}

/// The I/O policy, decided once from the flags, `NO_COLOR` and the terminals:
/// colour on each stream, whether live progress is drawn and whether a person
/// can answer a prompt. output/ asks this and nothing else.
#[derive(Debug, Clone, Copy)]
pub struct OutputSettings {
    pub json: bool,
    pub quiet: bool,
    /// Colour in the data written to stdout.
    pub color: bool,
    /// Colour in the labels of notes, warnings and errors on stderr.
    pub stderr_color: bool,
    pub terminals: Terminals,
}

impl OutputSettings {
    /// The policy for `choice` with the streams as they are.
    pub fn new(json: bool, quiet: bool, choice: ColorChoice) -> Self {
        Self::with(json, quiet, choice, no_color(), Terminals::detect())
    }

    /// The policy for given facts (what [`OutputSettings::new`] detects).
    pub fn with(
        json: bool,
        quiet: bool,
        choice: ColorChoice,
        no_color: bool,
        terminals: Terminals,
    ) -> Self {
        let color_on = |terminal: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && terminal,
        };
        Self {
            json,
            quiet,
            color: color_on(terminals.stdout),
            stderr_color: color_on(terminals.stderr),
            terminals,
        }
    }

    /// How progress is shown on stderr: drawn live on a terminal, as log
    /// lines off one, and not at all with `--json` or `--quiet`.
    pub fn progress(&self) -> ProgressView {
        if self.json || self.quiet {
            ProgressView::Hidden
        } else if self.terminals.stderr {
            ProgressView::Live
        } else {
            ProgressView::Lines
        }
    }

    /// Whether a person can answer a prompt: stdin and stderr are terminals.
    pub fn interactive(&self) -> bool {
        self.terminals.stdin && self.terminals.stderr
    }
}

/// Everything a command needs from the global flags.
#[derive(Debug, Clone)]
pub struct Settings {
    pub redis: RedisSettings,
    pub output: OutputSettings,
}

/// Resolves the global arguments; `matches` tells flags from env values.
pub fn resolve(args: &GlobalArgs, matches: &ArgMatches) -> Result<Settings, UsageError> {
    Ok(Settings {
        redis: resolve_redis(args, matches)?,
        output: output(args),
    })
}

/// The output policy of the global arguments (it cannot fail, so it also
/// reports a failure to resolve the rest).
pub fn output(args: &GlobalArgs) -> OutputSettings {
    OutputSettings::new(args.json, args.quiet, args.color)
}

/// Whether `NO_COLOR` asks for no colour (<https://no-color.org>: any non-empty value).
fn no_color() -> bool {
    std::env::var_os(env::NO_COLOR).is_some_and(|v| !v.is_empty())
}

fn source(matches: &ArgMatches, id: &str) -> Option<ValueSource> {
    matches.value_source(id)
}

fn resolve_redis(args: &GlobalArgs, matches: &ArgMatches) -> Result<RedisSettings, UsageError> {
    let mut s = RedisSettings {
        endpoint: Endpoint::Single {
            host: DEFAULT_HOST.into(),
            port: DEFAULT_PORT,
        },
        username: None,
        password: None,
        db: None,
        tls: args.tls,
        tls_files: tls_files(args)?,
        sentinel_auth: SentinelAuth {
            username: args.sentinel_username.clone(),
            password: args.sentinel_password.clone(),
            tls: args.sentinel_tls,
        },
        prefix: args.prefix.clone(),
        connect_timeout: args.connect_timeout,
        command_timeout: args.command_timeout,
        configured: true,
    };
    validate_prefix(&s.prefix)?;
    if s.command_timeout.is_zero() {
        return Err(UsageError::new("--command-timeout: must be more than 0s"));
    }

    let from_flag = |id| source(matches, id) == Some(ValueSource::CommandLine);
    let host_flag = from_flag("redis_host") || from_flag("redis_port");
    if let Some(nodes) = &args.sentinels {
        s.endpoint = parse_sentinels(nodes, args.sentinel_master.as_deref())?;
    } else if let Some(nodes) = &args.cluster_nodes {
        s.endpoint = parse_cluster_nodes(nodes, &mut s)?;
    } else if host_flag || args.redis_url.is_none() {
        let any = args.redis_host.is_some() || args.redis_port.is_some();
        s.configured = any || args.redis_password.is_some();
        s.endpoint = Endpoint::Single {
            host: args
                .redis_host
                .clone()
                .unwrap_or_else(|| DEFAULT_HOST.into()),
            port: args.redis_port.unwrap_or(DEFAULT_PORT),
        };
    } else if let Some(url) = &args.redis_url {
        apply_url(url, &mut s)?;
    }

    // Certificates only make sense over TLS.
    s.tls |= s.tls_files.ca.is_some() || s.tls_files.cert.is_some();
    // Explicit credentials and db override whatever the URL carried.
    if args.redis_username.is_some() {
        s.username = args.redis_username.clone();
    }
    if args.redis_password.is_some() {
        s.password = args.redis_password.clone();
    }
    if args.redis_db.is_some() {
        s.db = args.redis_db;
    }
    Ok(s)
}

fn tls_files(args: &GlobalArgs) -> Result<TlsFiles, UsageError> {
    let read = |flag: &str, path: &Option<std::path::PathBuf>| {
        path.as_ref()
            .map(|p| {
                std::fs::read(p).map_err(|e| {
                    UsageError::new(format!("cannot read {flag} {}: {e}", p.display()))
                })
            })
            .transpose()
    };
    Ok(TlsFiles {
        ca: read("--tls-ca", &args.tls_ca)?,
        cert: read("--tls-cert", &args.tls_cert)?,
        key: read("--tls-key", &args.tls_key)?,
    })
}

fn apply_url(raw: &str, s: &mut RedisSettings) -> Result<(), UsageError> {
    let bad = |why: &str| {
        UsageError::new(format!(
            "invalid Redis URL: {why} (expected redis://[user:password@]host:port/db)"
        ))
    };
    let url = url::Url::parse(raw).map_err(|e| bad(&e.to_string()))?;
    match url.scheme() {
        "redis" => {}
        "rediss" => s.tls = true,
        other => return Err(bad(&format!("unsupported scheme '{other}'"))),
    }
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| bad("no host"))?;
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    s.endpoint = Endpoint::Single {
        host,
        port: url.port().unwrap_or(DEFAULT_PORT),
    };
    if !url.username().is_empty() {
        s.username =
            Some(decode(url.username()).map_err(|why| bad(&format!("the user name {why}")))?);
    }
    if let Some(pw) = url.password() {
        s.password = Some(decode(pw).map_err(|why| bad(&format!("the password {why}")))?);
    }
    let path = url.path().trim_matches('/');
    if !path.is_empty() {
        let db = path
            .parse::<u8>()
            .map_err(|_| bad(&format!("database '{path}' is not a number from 0 to 255")))?;
        s.db = Some(db);
    }
    Ok(())
}

/// Decodes a URL's user name or password as Node's `decodeURIComponent`
/// does (ioredis and BullMQ read the same URL): `+` stays `+`, and a `%` not
/// followed by two hex digits, or escapes that are not UTF-8, are refused
/// rather than sent as they are. The error never quotes the part.
fn decode(part: &str) -> Result<String, &'static str> {
    let bytes = part.as_bytes();
    let well_formed = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return Err("has a % that does not start a %XX escape (write a literal % as %25)");
    }
    percent_encoding::percent_decode_str(part)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| "has %-escapes that are not UTF-8")
}

fn parse_cluster_nodes(raw: &str, s: &mut RedisSettings) -> Result<Endpoint, UsageError> {
    let mut nodes = Vec::new();
    for item in raw.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if item.contains("://") {
            let mut one = s.clone();
            apply_url(item, &mut one)?;
            if let Endpoint::Single { host, port } = one.endpoint {
                nodes.push((host, port));
            }
            s.username = s.username.take().or(one.username);
            s.password = s.password.take().or(one.password);
            s.tls |= one.tls;
        } else {
            nodes.push(parse_host_port(item)?);
        }
    }
    if nodes.is_empty() {
        return Err(UsageError::new(
            "--cluster-nodes is empty: give host:port seed nodes separated by commas",
        ));
    }
    Ok(Endpoint::Cluster { nodes })
}

/// `--sentinels` and `--sentinel-master` (clap has made sure both are given
/// and that no other endpoint is).
fn parse_sentinels(raw: &str, master: Option<&str>) -> Result<Endpoint, UsageError> {
    let nodes = raw
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| parse_node(n, "sentinel"))
        .collect::<Result<Vec<_>, _>>()?;
    if nodes.is_empty() {
        return Err(UsageError::new(
            "--sentinels is empty: give host:port sentinel addresses separated by commas",
        ));
    }
    let master = master.unwrap_or_default().trim();
    if master.is_empty() || master.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UsageError::new(
            "--sentinel-master must be the master set's name, without spaces",
        ));
    }
    Ok(Endpoint::Sentinel(Sentinels {
        nodes,
        master: master.to_string(),
    }))
}

fn parse_host_port(item: &str) -> Result<(String, u16), UsageError> {
    parse_node(item, "cluster node")
}

fn parse_node(item: &str, what: &str) -> Result<(String, u16), UsageError> {
    let (host, port) = item
        .rsplit_once(':')
        .ok_or_else(|| UsageError::new(format!("{what} '{item}' must be host:port")))?;
    let port = port
        .parse()
        .map_err(|_| UsageError::new(format!("{what} '{item}' has an invalid port")))?;
    Ok((
        host.trim_start_matches('[')
            .trim_end_matches(']')
            .to_string(),
        port,
    ))
}

fn validate_prefix(prefix: &str) -> Result<(), UsageError> {
    if prefix.is_empty() || prefix.contains(':') {
        return Err(UsageError::new(format!(
            "invalid prefix '{prefix}': it must be non-empty and contain no ':'"
        )));
    }
    Ok(())
}

/// The directories of `PATH`, in order (where `--render` looks for a browser).
pub fn search_path() -> Vec<std::path::PathBuf> {
    std::env::var_os(env::PATH)
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default()
}

/// The machine's name (for worker heartbeats): the kernel's, else `HOSTNAME`.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var(env::HOSTNAME).ok())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::{CommandFactory, FromArgMatches};

    const ALL_TERMINALS: Terminals = Terminals {
        stdin: true,
        stdout: true,
        stderr: true,
    };

    #[test]
    fn colour_follows_the_choice_no_color_and_each_stream() {
        let on = |choice, no_color, terminals| {
            let s = OutputSettings::with(false, false, choice, no_color, terminals);
            (s.color, s.stderr_color)
        };
        let stderr_only = Terminals {
            stderr: true,
            ..Terminals::default()
        };
        assert_eq!(on(ColorChoice::Auto, false, ALL_TERMINALS), (true, true));
        assert_eq!(on(ColorChoice::Auto, false, stderr_only), (false, true));
        assert_eq!(on(ColorChoice::Auto, true, ALL_TERMINALS), (false, false));
        assert_eq!(on(ColorChoice::Never, false, ALL_TERMINALS), (false, false));
        let none = Terminals::default();
        assert_eq!(on(ColorChoice::Always, true, none), (true, true));
    }

    #[test]
    fn progress_is_live_on_a_terminal_lines_off_one_and_hidden_when_asked() {
        let view = |json, quiet, terminals| {
            OutputSettings::with(json, quiet, ColorChoice::Auto, false, terminals).progress()
        };
        assert_eq!(view(false, false, ALL_TERMINALS), ProgressView::Live);
        assert_eq!(
            view(false, false, Terminals::default()),
            ProgressView::Lines
        );
        assert_eq!(view(true, false, ALL_TERMINALS), ProgressView::Hidden);
        assert_eq!(view(false, true, ALL_TERMINALS), ProgressView::Hidden);
    }

    #[test]
    fn a_prompt_needs_a_terminal_on_stdin_and_stderr() {
        let interactive = |terminals| {
            OutputSettings::with(false, false, ColorChoice::Auto, false, terminals).interactive()
        };
        assert!(interactive(ALL_TERMINALS));
        let piped_stdin = Terminals {
            stdin: false,
            ..ALL_TERMINALS
        };
        assert!(!interactive(piped_stdin));
        let piped_stderr = Terminals {
            stderr: false,
            ..ALL_TERMINALS
        };
        assert!(!interactive(piped_stderr));
    }

    fn resolve_args(args: &[&str]) -> Result<RedisSettings, UsageError> {
        let mut argv = vec!["queuectl"];
        argv.extend_from_slice(args);
        argv.push("queues");
        // Without the env fallbacks: the tests see only their own arguments,
        // whatever the calling environment holds.
        let m = Cli::command()
            .mut_args(|a| a.env(None::<&str>))
            .try_get_matches_from(argv)
            .unwrap();
        let cli = Cli::from_arg_matches(&m).unwrap();
        resolve_redis(&cli.global, &m)
    }

    #[test]
    fn url_carries_user_password_db_and_tls() {
        let s = resolve_args(&["-u", "rediss://me:p%40ss@cache.local:6390/4"]).unwrap();
        assert_eq!(
            s.endpoint,
            Endpoint::Single {
                host: "cache.local".into(),
                port: 6390
            }
        );
        assert_eq!(s.username.as_deref(), Some("me"));
        assert_eq!(s.password.as_deref(), Some("p@ss"));
        assert_eq!(s.db, Some(4));
        assert!(s.tls);
    }

    #[test]
    fn userinfo_decodes_as_decode_uri_component() {
        let s = resolve_args(&["-u", "redis://us%2Fer:a+b%2Bc%25d%C3%A9@h:1"]).unwrap();
        assert_eq!(s.username.as_deref(), Some("us/er"));
        assert_eq!(s.password.as_deref(), Some("a+b+c%dé"));
        for (url, why) in [
            (
                "redis://:p%ZZ@h:1",
                "the password has a % that does not start",
            ),
            (
                "redis://:p%4@h:1",
                "the password has a % that does not start",
            ),
            (
                "redis://u%:p@h:1",
                "the user name has a % that does not start",
            ),
            (
                "redis://:p%C3@h:1",
                "the password has %-escapes that are not UTF-8",
            ),
        ] {
            let err = resolve_args(&["-u", url]).unwrap_err().0;
            assert!(
                err.starts_with(&format!("invalid Redis URL: {why}")),
                "{url}: {err}"
            );
            assert!(!err.contains("p%"), "the password is not quoted: {err}");
        }
    }

    #[test]
    fn host_flag_beats_url() {
        let s = resolve_args(&[
            "-u",
            "redis://a:1",
            "--redis-host",
            "b",
            "--redis-port",
            "2",
        ])
        .unwrap();
        assert_eq!(
            s.endpoint,
            Endpoint::Single {
                host: "b".into(),
                port: 2
            }
        );
    }

    #[test]
    fn bad_scheme_and_db_are_usage_errors() {
        assert!(resolve_args(&["-u", "http://x"]).is_err());
        assert!(resolve_args(&["-u", "redis://x/abc"]).is_err());
    }

    #[test]
    fn sentinels_take_host_ports_and_a_master_name() {
        let s = resolve_args(&[
            "--sentinels",
            "a:26379, [::1]:26380",
            "--sentinel-master",
            "m",
        ])
        .unwrap();
        assert_eq!(
            s.endpoint,
            Endpoint::Sentinel(Sentinels {
                nodes: vec![("a".into(), 26379), ("::1".into(), 26380)],
                master: "m".into(),
            })
        );
        assert_eq!(s.target(), "master 'm' via sentinels a:26379,[::1]:26380");
        assert!(s.check_queue("scrape-queue").is_ok());
        for (args, why) in [
            (
                ["--sentinels", ",", "--sentinel-master", "m"],
                "--sentinels is empty",
            ),
            (
                ["--sentinels", "a:x", "--sentinel-master", "m"],
                "has an invalid port",
            ),
            (
                ["--sentinels", "a:1", "--sentinel-master", " "],
                "--sentinel-master must",
            ),
        ] {
            let err = resolve_args(&args).unwrap_err().0;
            assert!(err.contains(why), "{args:?}: {err}");
        }
    }

    #[test]
    fn cluster_takes_any_prefix_and_checks_queue_names() {
        let s = resolve_args(&["--cluster-nodes", "a:7000,b:7001"]).unwrap();
        assert_eq!(
            s.endpoint,
            Endpoint::Cluster {
                nodes: vec![("a".into(), 7000), ("b".into(), 7001)]
            }
        );
        assert!(s.check_queue("{scrape}").is_ok());
        let err = s.check_queue("scrape-queue").unwrap_err().to_string();
        assert!(
            err.contains("'{bull}'") && err.contains("'{scrape-queue}'"),
            "{err}"
        );
        let tagged = resolve_args(&["--cluster-nodes", "a:7000", "--prefix", "{bull}"]).unwrap();
        assert!(tagged.check_queue("scrape-queue").is_ok());
        let single = resolve_args(&["--redis-host", "a"]).unwrap();
        assert!(single.check_queue("scrape-queue").is_ok());
    }
}
