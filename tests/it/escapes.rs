//! No control character from data reaches a terminal: a hostile page title,
//! job name, data, log, failed reason and queue name show as visible escapes
//! in every human rendering, and `--json` still carries the exact strings.

use serde_json::{json, Value};

use crate::support::{RedisServer, Run};
use crate::worker::enqueue;

/// Sets the window title, rings the bell and clears the screen.
const TITLE: &str = "\x1b]0;pwned\x07\x1b[2J";
/// [`TITLE`] as queuectl shows it.
const TITLE_SHOWN: &str = r"\x1b]0;pwned\x07\x1b[2J";

/// A queue name with a clear-screen, a C1 CSI and a right-to-left override.
const QUEUE: &str = "esc\x1b[2J\u{9b}\u{202e}q";
const QUEUE_SHOWN: &str = r"esc\x1b[2J\u{9b}\u{202e}q";

/// A job name whose newline would forge a line of a table or log, and whose
/// SGR code (conceal) looks like one of queuectl's own colours.
const NAME: &str = "n\x1b]0;pwned\x07\nforged\x1b[8m";
const NAME_SHOWN: &str = r"n\x1b]0;pwned\x07\nforged\x1b[8m";

/// What the failing command writes to stderr, so the job's failed reason.
const STDERR: &str = "\x1b]0;pwned\x07\x1b[2J\u{9b}\u{202e}\x1b[8m";
const STDERR_SHOWN: &str = r"\x1b]0;pwned\x07\x1b[2J\u{9b}\u{202e}\x1b[8m";
/// The command that fails printing [`STDERR`] after logging a clear-screen.
const FAILING: &str = r"printf 'log \033[2J\n'; printf '\033]0;pwned\007\033[2J\302\233\342\200\256\033[8m' >&2; exit 1";

/// The control characters found in `text`: C0 but newline and tab, DEL, C1,
/// bidi overrides/isolates, and U+FFFD (a byte that was not UTF-8).
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fffd}')
        })
        .collect()
}

/// What in `run`'s streams is a raw control character, one entry per stream.
fn leaks(what: &str, run: &Run) -> Vec<String> {
    [("stdout", &run.stdout), ("stderr", &run.stderr)]
        .into_iter()
        .filter(|(_, text)| !raw_controls(text).is_empty())
        .map(|(stream, text)| format!("{what}: {stream} holds {text:?}"))
        .collect()
}

/// Asserts neither stream of `run` holds a raw control character.
fn assert_clean(what: &str, run: &Run) {
    let found = leaks(what, run);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// With colour on, every control character left is the ESC of an SGR code
/// (`ESC [ digits m`, queuectl's own colours), and the data's conceal code
/// is not among them.
fn only_own_colours(text: &str) -> bool {
    let sgr_only = text.split('\x1b').skip(1).all(|rest| {
        let params = rest.strip_prefix('[').unwrap_or("x");
        let end = params.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';');
        end.starts_with('m')
    });
    let others = raw_controls(text).into_iter().all(|c| c == '\x1b');
    sgr_only && others && !text.contains("\x1b[8m")
}

fn assert_shows(what: &str, text: &str, shown: &str) {
    assert!(text.contains(shown), "{what} should show {shown}:\n{text}");
}

/// A one-page site on loopback whose title, text and links are hostile.
fn hostile_site() -> String {
    let html = format!(
        "<html><head><title>{TITLE}</title></head>\
         <body><p>text \x1b[31mred\u{9b}</p></body></html>"
    );
    let app = axum::Router::new()
        .route(
            "/",
            axum::routing::get(move || {
                let html = html.clone();
                async move { axum::response::Html(html) }
            }),
        )
        .fallback(|| async { axum::http::StatusCode::NOT_FOUND });
    format!("{}/", crate::support::site::serve_router(app))
}

#[test]
fn crawl_markdown_shows_a_hostile_title_as_visible_escapes() {
    let url = hostile_site();
    let crawl = |format: &str| {
        crate::support::Cmd::new()
            .args(["crawl", "--single-page", "--output", format, &url])
            .run()
            .ok()
    };
    let md = crawl("markdown");
    assert_clean("crawl --output markdown", &md);
    assert_shows("markdown", &md.stdout, &format!("# {TITLE_SHOWN}\n"));
    // The body is Markdown now, which escapes the `[` of the data's colour code.
    assert_shows("markdown", &md.stdout, r"text \x1b\[31mred\u{9b}");

    let nd = crawl("ndjson");
    let page: Value = serde_json::from_str(nd.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(page["title"], TITLE, "JSON keeps the exact title");
}

/// One job of [`QUEUE`] named [`NAME`], failed by a worker whose command logs
/// and writes [`STDERR`]; returns the worker's run.
fn failed_hostile_job(server: &RedisServer) -> Run {
    enqueue(
        server,
        QUEUE,
        &[json!({"name": NAME, "data": {"t": TITLE}, "opts": {"jobId": "j1", "attempts": 1}})],
    );
    server
        .queuectl()
        .args(["worker", "--burst", "--queue", QUEUE, "--exec"])
        .args([format!("{NAME}={FAILING}")])
        .run()
        .ok()
}

#[test]
fn queue_commands_show_hostile_names_data_and_reasons_as_visible_escapes() {
    let server = RedisServer::start();
    let worker = failed_hostile_job(&server);
    assert_clean("worker", &worker);
    assert_shows("worker log", &worker.stderr, NAME_SHOWN);
    assert_shows("worker log", &worker.stderr, STDERR_SHOWN);
    assert_shows("worker log", &worker.stderr, QUEUE_SHOWN);

    let reason = format!("command exited with 1: {STDERR}");
    let commands: [(&[&str], &[&str]); 7] = [
        (&["jobs", QUEUE], &[NAME_SHOWN, STDERR_SHOWN]),
        (
            &["job", QUEUE, "j1"],
            &[NAME_SHOWN, STDERR_SHOWN, r"  \x1b[2J"],
        ),
        (&["events", QUEUE], &[QUEUE_SHOWN, STDERR_SHOWN]),
        (&["stats"], &[QUEUE_SHOWN]),
        (&["stats", QUEUE], &[QUEUE_SHOWN]),
        (&["queues"], &[QUEUE_SHOWN]),
        (&["health", QUEUE], &[QUEUE_SHOWN]),
    ];
    let mut found = Vec::new();
    for (args, shown) in commands {
        let run = server.queuectl().args(args).run();
        assert!(matches!(run.code, 0 | 1), "{args:?}: {run:?}");
        found.extend(leaks(&format!("{args:?}"), &run));
        for s in shown {
            assert_shows(&format!("{args:?}"), &run.stdout, s);
        }
        let colour = server
            .queuectl()
            .args(args)
            .args(["--color", "always"])
            .run();
        for text in [&colour.stdout, &colour.stderr] {
            if !only_own_colours(text) {
                found.push(format!("{args:?} --color always: {text:?}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    let coloured = server
        .queuectl()
        .args(["jobs", QUEUE, "--color", "always"])
        .run();
    assert_shows(
        "jobs --color always",
        &coloured.stdout,
        "\x1b[31mfailed\x1b[0m",
    );
    assert_shows("jobs --color always", &coloured.stdout, NAME_SHOWN);

    let json = |args: &[&str]| {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        server.queuectl().args(all).run().ok()
    };
    let listed = json(&["jobs", QUEUE]).json();
    assert_eq!(listed["jobs"][0]["name"], NAME);
    let shown = json(&["job", QUEUE, "j1"]).json();
    assert_eq!(
        (
            &shown["failedReason"],
            &shown["data"]["t"],
            &shown["logs"][0]
        ),
        (&json!(reason), &json!(TITLE), &json!("\x1b[2J"))
    );
    let failed = json(&["events", QUEUE])
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|e| e["event"] == "failed")
        .expect("a failed event");
    assert_eq!(
        (&failed["queue"], &failed["failedReason"]),
        (&json!(QUEUE), &json!(reason))
    );
    let stats = json(&["stats", QUEUE]).json();
    assert_eq!(stats["queues"][0]["name"], QUEUE);
}

#[test]
fn errors_and_warnings_show_a_hostile_queue_name_as_visible_escapes() {
    let server = RedisServer::start();
    let missing = server
        .queuectl()
        .args(["job", QUEUE, "nope"])
        .run()
        .fails_with(1);
    assert_clean("job on a missing queue", &missing);
    assert_shows("the error", &missing.stderr, QUEUE_SHOWN);

    let bad_flag = crate::support::Cmd::new()
        .args(["jobs", "q", "--state", TITLE])
        .run();
    assert_eq!(bad_flag.code, 2, "{bad_flag:?}");
    assert_clean("a clap error", &bad_flag);
    assert_shows("a clap error", &bad_flag.stderr, TITLE_SHOWN);

    let warned = server.queuectl().args(["stats", QUEUE]).run().ok();
    assert_clean("stats of a missing queue", &warned);
    assert_shows("the warning", &warned.stderr, QUEUE_SHOWN);
}

/// Runs `queuectl worker` for [`QUEUE`] on a terminal (a pty made by
/// util-linux `script`), so it draws its board, and returns what the
/// terminal received. The hostile arguments travel in the environment.
fn worker_on_a_terminal(server: &RedisServer) -> String {
    let script = crate::support::which("script")
        .expect("script is not installed: `sudo apt-get install bsdutils` (util-linux)");
    let dir = tempfile::tempdir().unwrap();
    let wrapper = dir.path().join("worker.sh");
    std::fs::write(
        &wrapper,
        "exec \"$QUEUECTL\" worker --burst --queue \"$Q\" --exec \"$SPEC\"\n",
    )
    .unwrap();
    let out = std::process::Command::new(script)
        .args(["-qec", &format!("sh {}", wrapper.display()), "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm-256color")
        .env("QUEUECTL", env!("CARGO_BIN_EXE_queuectl"))
        .env("REDIS_URL", server.url())
        .env("Q", QUEUE)
        .env("SPEC", format!("{NAME}={FAILING}"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run script");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_worker_board_on_a_terminal_shows_hostile_names_and_reasons_as_visible_escapes() {
    let server = RedisServer::start();
    enqueue(
        &server,
        QUEUE,
        &[json!({"name": NAME, "data": {}, "opts": {"jobId": "j1", "attempts": 1}})],
    );
    let screen = worker_on_a_terminal(&server);
    assert!(
        screen.contains("\x1b[2K"),
        "no board was drawn:\n{screen:?}"
    );
    // The board moves the cursor and colours its own text; none of the
    // data's sequences may reach the terminal.
    for raw in ["\x1b]", "\x07", "\x1b[2J", "\x1b[8m", "\u{9b}", "\u{202e}"] {
        assert!(
            !screen.contains(raw),
            "the terminal got {raw:?}:\n{screen:?}"
        );
    }
    assert_shows("the board", &screen, STDERR_SHOWN);
    assert_shows("the board", &screen, QUEUE_SHOWN);
}
