//! Connection failures: one clear line, exit 3, and never the password.

use crate::support::{free_port, Cmd, RedisServer};

#[test]
fn unreachable_redis_names_host_and_port_and_exits_3() {
    let port = free_port();
    let run = Cmd::new()
        .env("REDIS_URL", &format!("redis://127.0.0.1:{port}"))
        .args(["stats"])
        .run()
        .fails_with(3);
    assert!(
        run.stderr.contains(&format!("127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn unreachable_redis_with_json_reports_a_json_error() {
    let port = free_port();
    let run = Cmd::new()
        .env("REDIS_URL", &format!("redis://127.0.0.1:{port}"))
        .args(["stats", "--json"])
        .run()
        .fails_with(3);
    let err: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
    assert_eq!(err["code"], "REDIS_UNAVAILABLE");
}

#[test]
fn wrong_password_exits_3_and_never_shows_the_password() {
    let server = RedisServer::with_password("right-pass");
    let secret = "wr0ng-S3cret";
    let before = server.snapshot();
    for args in [
        vec!["stats"],
        vec!["enqueue", "analytics", "{}"],
        vec!["stats", "--json"],
    ] {
        let via_url = Cmd::new()
            .env(
                "REDIS_URL",
                &format!("redis://:{secret}@127.0.0.1:{}", server.port),
            )
            .args(&args)
            .run()
            .fails_with(3);
        let via_env = Cmd::new()
            .env("REDIS_PORT", &server.port.to_string())
            .env("REDIS_PASSWORD", secret)
            .args(&args)
            .run()
            .fails_with(3);
        for run in [via_url, via_env] {
            assert!(
                !run.stderr.contains(secret) && !run.stdout.contains(secret),
                "password leaked: {}",
                run.stderr
            );
            assert!(
                run.stderr.contains(&format!("127.0.0.1:{}", server.port)),
                "{}",
                run.stderr
            );
        }
    }
    assert_eq!(
        server.snapshot(),
        before,
        "a failed login must write nothing"
    );
}

#[test]
fn right_password_from_env_connects() {
    let server = RedisServer::with_password("pa ss/word");
    let run = Cmd::new()
        .env("REDIS_HOST", "127.0.0.1")
        .env("REDIS_PORT", &server.port.to_string())
        .env("REDIS_PASSWORD", "pa ss/word")
        .args(["enqueue", "analytics", "--json"])
        .run()
        .ok();
    assert_eq!(run.json()["queue"], "process-queue");
    assert_eq!(server.int(&["LLEN", "bull:process-queue:wait"]), 1);
}

#[test]
fn url_passwords_decode_as_node_decodes_them() {
    // ioredis (and so Node BullMQ) decodes a URL's password with
    // decodeURIComponent: `+` is a plus sign, %XX must be well formed.
    let server = RedisServer::with_password("a+b c%");
    let url = format!("redis://:a+b%20c%25@127.0.0.1:{}", server.port);
    let run = Cmd::new()
        .env("REDIS_URL", &url)
        .args(["enqueue", "analytics", "--json"])
        .run()
        .ok();
    assert_eq!(run.json()["queue"], "process-queue");
    let before = server.snapshot();
    let bad = format!("redis://:a+b%ZZ@127.0.0.1:{}", server.port);
    let run = Cmd::new()
        .env("REDIS_URL", &bad)
        .args(["enqueue", "analytics"])
        .run()
        .fails_with(2);
    assert_eq!(
        run.stderr.trim_end(),
        "error: invalid Redis URL: the password has a % that does not start a %XX escape (write a literal % as %25) (expected redis://[user:password@]host:port/db)"
    );
    assert_eq!(server.snapshot(), before, "nothing was sent");
}

#[test]
fn db_and_prefix_select_where_jobs_go() {
    let server = RedisServer::start();
    server
        .queuectl()
        .env("REDIS_DB", "3")
        .env("QUEUE_PREFIX", "acme")
        .args(["enqueue", "maintenance"])
        .run()
        .ok();
    assert_eq!(
        server.int(&["-n", "3", "LLEN", "acme:maintenance-queue:wait"]),
        1
    );
    assert_eq!(server.int(&["LLEN", "acme:maintenance-queue:wait"]), 0);
    let stats = server
        .queuectl()
        .env("REDIS_DB", "3")
        .args(["--prefix", "acme", "stats", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(stats["queues"][0]["name"], "maintenance-queue");
    assert_eq!(stats["queues"][0]["counts"]["waiting"], 1);
}

#[test]
fn tls_with_a_private_ca_connects_and_without_it_fails_cleanly() {
    let (server, ca) = RedisServer::tls();
    let url = format!("rediss://127.0.0.1:{}", server.port);
    let untrusted = Cmd::new()
        .env("REDIS_URL", &url)
        .args(["stats"])
        .run()
        .fails_with(3);
    assert!(
        untrusted.stderr.contains("certificate"),
        "{}",
        untrusted.stderr
    );
    let id = Cmd::new()
        .env("REDIS_URL", &url)
        .args(["enqueue", "analytics", "--tls-ca"])
        .arg_path_plain(&ca)
        .run()
        .ok();
    assert_eq!(id.stdout.trim(), "1");
    let stats = Cmd::new()
        .env("REDIS_PORT", &server.port.to_string())
        .env("REDIS_TLS_CA", &ca.to_string_lossy())
        .args(["stats", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(stats["queues"][0]["counts"]["waiting"], 1);
}
