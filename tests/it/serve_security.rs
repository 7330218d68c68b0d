//! `serve` against attacks: DNS rebinding (Host and WebSocket Origin),
//! slowloris and idle connections, too many clients, idle WebSocket memory,
//! and the security headers on every response. Loopback traffic only.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::serve::{ws_connect, Serve, TOKEN};
use crate::support::RedisServer;

/// A response: status, headers (lower-case names), body as JSON (or a JSON string).
struct Reply {
    status: u16,
    headers: HashMap<String, String>,
    body: Value,
}

/// Sends `head` (request line and headers, without the blank line) and `body` as is.
fn raw(addr: &str, head: &str, body: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect to serve");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let request = format!(
        "{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse(&String::from_utf8_lossy(&bytes))
}

fn parse(text: &str) -> Reply {
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let body = serde_json::from_str(body).unwrap_or_else(|_| Value::from(body));
    Reply {
        status,
        headers,
        body,
    }
}

fn get_with_host(serve: &Serve, path: &str, host: &str) -> Reply {
    raw(
        &serve.addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}"),
        "",
    )
}

/// A WebSocket upgrade request's answer (status only: 101 leaves the socket open).
fn upgrade(serve: &Serve, host: &str, origin: &str) -> Reply {
    let mut stream = TcpStream::connect(&serve.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let request = format!(
        "GET /api/queue/ws HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut text = String::new();
    let mut buf = [0u8; 4096];
    while !text.contains("\r\n\r\n") || (!text.starts_with("HTTP/1.1 101") && !text.ends_with('}'))
    {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => text.push_str(&String::from_utf8_lossy(&buf[..n])),
        }
    }
    parse(&text)
}

fn misdirected() -> Value {
    json!({"error": "this server does not answer for that Host (see `queuectl serve --allowed-host`)"})
}

#[test]
fn a_rebound_host_is_421_on_every_route_of_a_loopback_server() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let port = serve.addr.rsplit(':').next().unwrap().to_string();
    for path in ["/api/queue/jobs", "/api/queue/stats", "/", "/nope"] {
        let r = get_with_host(&serve, path, &format!("rebind.evil.example:{port}"));
        assert_eq!((r.status, &r.body), (421, &misdirected()), "{path}");
    }
    for host in [
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        serve.addr.clone(),
    ] {
        let r = get_with_host(&serve, "/api/queue/stats", &host);
        assert_eq!(r.status, 200, "{host}: {}", r.body);
    }
    for host in ["localhost:1", "localhost", "127.0.0.1"] {
        let r = get_with_host(&serve, "/api/queue/stats", host);
        assert_eq!((r.status, &r.body), (421, &misdirected()), "{host}");
    }
    // An absolute request line naming another host, and no Host at all (HTTP/1.0).
    let head = format!(
        "GET http://rebind.evil.example:{port}/api/queue/stats HTTP/1.1\r\nHost: {}",
        serve.addr
    );
    assert_eq!(raw(&serve.addr, &head, "").status, 421);
    assert_eq!(
        raw(&serve.addr, "GET /api/queue/stats HTTP/1.0", "").status,
        421
    );
}

#[test]
fn off_loopback_only_the_bound_address_and_allowed_hosts_are_answered() {
    let redis = RedisServer::start();
    let args = ["--token", TOKEN, "--allowed-host", "queue.example"];
    let serve = Serve::start_on(&redis, "0.0.0.0:0", &args);
    let port = serve.addr.rsplit(':').next().unwrap().to_string();
    let auth = format!("Authorization: Bearer {TOKEN}");
    let get = |host: &str| {
        let head = format!("GET /api/queue/stats HTTP/1.1\r\nHost: {host}\r\n{auth}");
        raw(&serve.addr, &head, "")
    };
    for host in [
        format!("queue.example:{port}"),
        "queue.example".into(),
        serve.addr.clone(),
    ] {
        assert_eq!(get(&host).status, 200, "{host}");
    }
    for host in [format!("evil.example:{port}"), format!("localhost:{port}")] {
        let r = get(&host);
        assert_eq!((r.status, &r.body), (421, &misdirected()), "{host}");
    }
    let bad = crate::serve::serve_command(&redis)
        .args(["serve", "--token", TOKEN, "--allowed-host", "a/b"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim(),
        "error: --allowed-host \"a/b\" is not a host name or name:port"
    );
}

#[test]
fn a_websocket_origin_is_checked_against_the_allow_list_not_the_host() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &[]);
    let port = serve.addr.rsplit(':').next().unwrap().to_string();
    let evil = format!("rebind.evil.example:{port}");
    // The rebinding attack: Origin and Host both name the attacker's host.
    let r = upgrade(&serve, &evil, &format!("http://{evil}"));
    assert_eq!((r.status, &r.body), (421, &misdirected()));
    let r = upgrade(&serve, &serve.addr, &format!("http://{evil}"));
    let refused = json!({"error": "cross-origin WebSocket connections are refused"});
    assert_eq!((r.status, &r.body), (403, &refused));
    assert_eq!(upgrade(&serve, &serve.addr, "null").status, 403);
    let ok = upgrade(&serve, &serve.addr, &format!("http://localhost:{port}"));
    assert_eq!(ok.status, 101);
}

const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "content-security-policy",
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
];

#[test]
fn every_response_carries_the_security_headers() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let host = format!("Host: {}", serve.addr);
    let big = "x".repeat(1024 * 1024 + 1);
    let cases = [
        (format!("GET / HTTP/1.1\r\n{host}"), "", 200),
        (format!("GET /dashboard.js HTTP/1.1\r\n{host}"), "", 200),
        (format!("GET /dashboard.css HTTP/1.1\r\n{host}"), "", 200),
        (format!("GET /api/queue/stats HTTP/1.1\r\n{host}"), "", 200),
        (format!("GET /api/queue/health HTTP/1.1\r\n{host}"), "", 200),
        (
            format!("GET /api/queue/jobs/q/1 HTTP/1.1\r\n{host}"),
            "",
            404,
        ),
        (format!("GET /nope HTTP/1.1\r\n{host}"), "", 404),
        (
            format!("POST /api/queue/jobs HTTP/1.1\r\n{host}"),
            "{}",
            401,
        ),
        ("GET / HTTP/1.1\r\nHost: evil.example".to_string(), "", 421),
        (
            format!("POST /api/queue/jobs HTTP/1.1\r\n{host}\r\nAuthorization: Bearer {TOKEN}"),
            big.as_str(),
            413,
        ),
    ];
    for (head, body, status) in &cases {
        let r = raw(&serve.addr, head, body);
        let line = head.lines().next().unwrap();
        assert_eq!(r.status, *status, "{line}: {}", r.body);
        for (name, value) in SECURITY_HEADERS {
            assert_eq!(
                r.headers.get(name).map(String::as_str),
                Some(value),
                "{line}: {name}"
            );
        }
    }
    // The page runs no inline script or style (the CSP forbids both) and
    // takes the token out of the address bar.
    let page = raw(&serve.addr, &cases[0].0, "").body;
    let page = page.as_str().unwrap();
    assert!(
        !page.contains("<script>") && !page.contains("<style>"),
        "{page}"
    );
    assert!(page.contains(r#"<script src="/dashboard.js"></script>"#));
    let script = raw(&serve.addr, &cases[1].0, "").body;
    assert!(script.as_str().unwrap().contains("history.replaceState("));
}

/// Opens `n` connections that send part of a request's headers and stop.
fn slowloris(addr: &str, n: usize) -> Vec<TcpStream> {
    (0..n)
        .map(|_| {
            let mut s = TcpStream::connect(addr).expect("connect");
            s.write_all(b"GET /api/queue/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                .unwrap();
            s
        })
        .collect()
}

/// Whether the server closed `stream` within `wait` (EOF or reset).
fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    stream
        .set_read_timeout(Some(wait.max(Duration::from_millis(1))))
        .unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => return false,
            Err(_) => return true,
        }
    }
}

#[test]
fn slow_headers_and_idle_keep_alive_connections_are_closed() {
    let redis = RedisServer::start();
    let args = ["--header-timeout", "2s", "--idle-timeout", "2s"];
    let serve = Serve::start(&redis, &args);
    let mut slow = slowloris(&serve.addr, 200);
    // Opened last, so it has most of its 2 s left.
    let mut fresh = slowloris(&serve.addr, 1).remove(0);
    assert!(
        !closed_within(&mut fresh, Duration::from_millis(500)),
        "closed before --header-timeout"
    );
    slow.push(fresh);
    let deadline = Instant::now() + Duration::from_secs(4);
    let open = slow
        .iter_mut()
        .map(|s| closed_within(s, deadline.saturating_duration_since(Instant::now())))
        .filter(|closed| !closed)
        .count();
    assert_eq!(
        open, 0,
        "slow connections the server left open 2 s past the timeout"
    );
    assert_eq!(serve.get("/api/queue/stats").0, 200);

    // A kept-alive connection that sends nothing more is closed after --idle-timeout.
    let mut idle = TcpStream::connect(&serve.addr).unwrap();
    let request = format!(
        "GET /api/queue/stats HTTP/1.1\r\nHost: {}\r\n\r\n",
        serve.addr
    );
    idle.write_all(request.as_bytes()).unwrap();
    let mut buf = [0u8; 4096];
    assert!(idle.read(&mut buf).unwrap() > 0);
    let quiet = Instant::now();
    assert!(
        closed_within(&mut idle, Duration::from_secs(5)),
        "idle connection left open"
    );
    assert!(
        quiet.elapsed() >= Duration::from_millis(900),
        "{:?}",
        quiet.elapsed()
    );
}

#[test]
fn connections_and_websocket_clients_are_capped() {
    let redis = RedisServer::start();
    let args = ["--max-connections", "20", "--max-ws-clients", "2"];
    let serve = Serve::start(&redis, &args);
    let slow = slowloris(&serve.addr, 20);
    // Time for the server to accept all 20 (on a busy machine too).
    std::thread::sleep(Duration::from_secs(1));
    let mut extra = TcpStream::connect(&serve.addr).unwrap();
    assert!(
        closed_within(&mut extra, Duration::from_secs(2)),
        "the 21st connection was served"
    );
    drop(slow);
    // Served again once the server has seen those 20 close.
    let again = Instant::now();
    while serve.get("/api/queue/stats").0 != 200 {
        assert!(
            again.elapsed() < Duration::from_secs(5),
            "no slot came free"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (first, _) = ws_connect(&serve, "").await;
        let (_second, _) = ws_connect(&serve, "").await;
        let origin = format!("http://{}", serve.addr);
        let third = upgrade(&serve, &serve.addr, &origin);
        let full =
            json!({"error": "too many WebSocket clients (see `queuectl serve --max-ws-clients`)"});
        assert_eq!((third.status, &third.body), (503, &full));
        // A client that leaves frees its place.
        drop(first);
        let again = Instant::now();
        while upgrade(&serve, &serve.addr, &origin).status != 101 {
            assert!(
                again.elapsed() < Duration::from_secs(5),
                "no WebSocket slot came free"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
}

/// The serve process's resident memory, from /proc/PID/status.
fn rss_kib(serve: &Serve) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", serve.child.id())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/PID/status")
}

#[test]
fn idle_websocket_clients_cost_at_most_16_kib_each() {
    const CLIENTS: u64 = 500;
    let redis = RedisServer::start();
    let serve = Serve::start(
        &redis,
        &["--max-ws-clients", "1000", "--max-connections", "1000"],
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        // Warm up: the first clients allocate the server's shared structures.
        let warm: Vec<_> = futures::future::join_all((0..20).map(|_| ws_connect(&serve, ""))).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let before = rss_kib(&serve);
        let mut clients = Vec::new();
        for _ in 0..CLIENTS / 50 {
            clients
                .extend(futures::future::join_all((0..50).map(|_| ws_connect(&serve, ""))).await);
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        let after = rss_kib(&serve);
        let per_client = after.saturating_sub(before) / CLIENTS;
        assert!(
            per_client <= 16,
            "{CLIENTS} idle clients: RSS {before} -> {after} KiB, {per_client} KiB each"
        );
        drop((warm, clients));
    });
}
