//! Help, version, generated completions and man pages, and usage errors.

use std::path::Path;

use crate::support::Cmd;

const COMPLETIONS: [(&str, &str); 5] = [
    ("bash", "queuectl.bash"),
    ("zsh", "_queuectl"),
    ("fish", "queuectl.fish"),
    ("powershell", "_queuectl.ps1"),
    ("elvish", "queuectl.elv"),
];

fn repo(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Compares generated text with the committed copy; QUEUECTL_BLESS=1 rewrites it.
fn check_committed(path: &Path, generated: &str, drift: &mut Vec<String>) {
    if std::env::var_os("QUEUECTL_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, generated).unwrap();
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(committed) if committed == generated => {}
        _ => drift.push(path.display().to_string()),
    }
}

#[test]
fn committed_completions_and_man_pages_match_the_cli() {
    let mut drift = Vec::new();
    for (shell, file) in COMPLETIONS {
        let run = Cmd::new().args(["completions", shell]).run().ok();
        assert!(
            run.stdout.contains("queuectl"),
            "{shell} completion is empty"
        );
        check_committed(&repo("completions").join(file), &run.stdout, &mut drift);
    }
    let dir = tempfile::tempdir().unwrap();
    Cmd::new().arg_path("man", dir.path()).run().ok();
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    let names: Vec<String> = pages
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for sub in ["enqueue", "stats", "queues", "jobs", "job"] {
        assert!(
            names.contains(&format!("queuectl-{sub}.1")),
            "no man page for {sub}: {names:?}"
        );
    }
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        check_committed(
            &repo("man").join(page.file_name().unwrap()),
            &text,
            &mut drift,
        );
    }
    if std::env::var_os("QUEUECTL_BLESS").is_none() {
        let committed = std::fs::read_dir(repo("man"))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(
            committed,
            pages.len(),
            "man/ has pages the CLI no longer generates"
        );
    }
    assert!(drift.is_empty(), "generated files drifted from the CLI; regenerate with `QUEUECTL_BLESS=1 cargo test --test it committed_`: {drift:?}");
}

#[test]
fn help_lists_every_environment_variable_and_exit_code() {
    let top = Cmd::new().args(["--help"]).run().ok().stdout;
    for var in [
        "REDIS_URL",
        "REDIS_HOST",
        "REDIS_PORT",
        "REDIS_USERNAME",
        "REDIS_PASSWORD",
        "REDIS_DB",
        "REDIS_CLUSTER_NODES",
        "QUEUE_PREFIX",
        "QUEUECTL_CONNECT_TIMEOUT",
        "NO_COLOR",
    ] {
        assert!(top.contains(var), "--help does not mention {var}");
    }
    assert!(top.contains("Exit codes"));
    let enqueue = Cmd::new().args(["enqueue", "--help"]).run().ok().stdout;
    for var in ["QUEUE_NAME", "QUEUE_MAX_RETRIES"] {
        assert!(
            enqueue.contains(var),
            "enqueue --help does not mention {var}"
        );
    }
}

#[test]
fn help_never_prints_the_password_from_the_environment() {
    let run = Cmd::new()
        .env("REDIS_PASSWORD", "hunter2-secret")
        .env("REDIS_URL", "redis://:hunter2-secret@h:1")
        .args(["--help"])
        .run()
        .ok();
    assert!(!run.stdout.contains("hunter2"), "{}", run.stdout);
}

#[test]
fn version_and_unknown_flags() {
    let v = Cmd::new().args(["--version"]).run().ok();
    assert!(v.stdout.starts_with("queuectl "));
    let bad = Cmd::new().args(["stats", "--bogus"]).run();
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stdout.is_empty());
}

#[test]
fn invalid_settings_are_usage_errors_before_connecting() {
    Cmd::new()
        .args(["--redis-url", "http://x", "stats"])
        .run()
        .fails_with(2);
    Cmd::new()
        .args(["--prefix", "a:b", "stats"])
        .run()
        .fails_with(2);
    // On Cluster a queue named with no hash tag in it or the prefix.
    let cluster = Cmd::new()
        .args(["--cluster-nodes", "127.0.0.1:1", "stats", "scrape-queue"])
        .run()
        .fails_with(2);
    assert!(cluster.stderr.contains("{bull}"), "{}", cluster.stderr);
    let timeout = Cmd::new()
        .args(["--connect-timeout", "soon", "stats"])
        .run();
    assert_eq!(timeout.code, 2, "{}", timeout.stderr);
}
