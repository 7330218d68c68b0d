//! `queuectl serve`: every REST route against a private Redis (including bad
//! input and missing tokens), the WebSocket stream fed by a real Node BullMQ
//! worker, and the dashboard driven in headless Chromium.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{self, RedisServer};

pub(crate) const TOKEN: &str = "t0ken-for-tests";

/// A running `queuectl serve`, stopped when dropped.
pub(crate) struct Serve {
    pub child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
}

impl Serve {
    /// Starts `queuectl serve --bind 127.0.0.1:0 ARGS` and reads the address it printed.
    pub fn start(redis: &RedisServer, args: &[&str]) -> Serve {
        Self::start_on(redis, "127.0.0.1:0", args)
    }

    pub fn start_on(redis: &RedisServer, bind: &str, args: &[&str]) -> Serve {
        let mut child = serve_command(redis)
            .args(["serve", "--json", "--bind", bind])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn queuectl serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("read the listening line");
        let doc: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("serve printed no JSON ({e}): {line:?}"));
        let port = doc["listening"]
            .as_str()
            .unwrap()
            .rsplit(':')
            .next()
            .unwrap();
        Serve {
            child,
            addr: format!("127.0.0.1:{port}"),
        }
    }

    fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        http(&self.addr, "GET", path, None, None)
    }

    pub fn send(&self, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
        http(&self.addr, method, path, Some(TOKEN), body)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The real binary aimed at `redis`, with none of the host's settings.
pub(crate) fn serve_command(redis: &RedisServer) -> Command {
    let mut cmd = support::queuectl_command();
    cmd.env("REDIS_URL", redis.url());
    cmd
}

/// One HTTP/1.1 request; returns the status and the body as JSON (a
/// non-JSON body comes back as a JSON string).
pub(crate) fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).expect("connect to serve");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let body = body.unwrap_or("");
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let value = serde_json::from_str(body).unwrap_or_else(|_| Value::from(body));
    (status, value)
}

pub(crate) fn add(serve: &Serve, body: Value) -> String {
    let (status, doc) = serve.send("POST", "/api/queue/jobs", Some(&body.to_string()));
    assert_eq!(status, 201, "{doc}");
    assert_eq!(doc["status"], "queued");
    assert_eq!(doc["message"], "Job created successfully");
    doc["jobId"].as_str().expect("jobId").to_string()
}

#[test]
fn jobs_routes_add_list_show_and_remove() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let id = add(
        &serve,
        json!({"type": "refresh", "data": {"url": "https://a.example"},
                                "options": {"priority": "high", "attempts": 2}}),
    );
    let delayed = add(
        &serve,
        json!({"type": "report", "options": {"queue": "q2", "delay": "1h", "jobId": "r-1"}}),
    );
    assert_eq!(delayed, "r-1");

    // Routed by type, options applied as `enqueue` applies them.
    let (status, job) = serve.get(&format!("/api/queue/jobs/scrape-queue/{id}"));
    assert_eq!(status, 200, "{job}");
    assert_eq!(
        (job["name"].clone(), job["data"]["url"].clone()),
        (json!("refresh"), json!("https://a.example"))
    );
    assert_eq!(
        (job["priority"].clone(), job["opts"]["attempts"].clone()),
        (json!(2), json!(2))
    );

    let (status, list) = serve.get("/api/queue/jobs?queue=q2&status=delayed&limit=5");
    assert_eq!(status, 200, "{list}");
    let jobs = list["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 1);
    for field in [
        "id",
        "name",
        "status",
        "progress",
        "createdAt",
        "processedAt",
    ] {
        assert!(jobs[0].get(field).is_some(), "{field} missing: {}", jobs[0]);
    }
    assert_eq!(
        (jobs[0]["id"].clone(), jobs[0]["status"].clone()),
        (json!("r-1"), json!("delayed"))
    );
    let (_, all) = serve.get("/api/queue/jobs");
    assert_eq!(all["jobs"].as_array().unwrap().len(), 2, "{all}");

    // A duplicate custom id adds nothing.
    let (status, dup) = serve.send(
        "POST",
        "/api/queue/jobs",
        Some(r#"{"type":"report","options":{"queue":"q2","jobId":"r-1"}}"#),
    );
    assert_eq!(
        (status, dup["status"].clone()),
        (200, json!("duplicate")),
        "{dup}"
    );

    let (status, removed) = serve.send("DELETE", "/api/queue/jobs/q2/r-1", None);
    assert_eq!(
        (status, removed["removed"].clone()),
        (200, json!(true)),
        "{removed}"
    );
    assert_eq!(serve.get("/api/queue/jobs/q2/r-1").0, 404);
    assert_eq!(serve.send("DELETE", "/api/queue/jobs/q2/r-1", None).0, 404);
    assert_eq!(redis.int(&["EXISTS", "bull:q2:r-1"]), 0);
}

#[test]
fn bad_input_is_400_with_a_message_and_writes_nothing() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let cases = [
        ("{\"type\":", "invalid JSON"),
        ("[1,2]", "expected a JSON object"),
        (r#"{"data":{}}"#, "type: missing"),
        (r#"{"type":5}"#, "type: must be a string"),
        (
            r#"{"type":"refresh","options":{"retries":3}}"#,
            "options.retries: unknown option",
        ),
        (
            r#"{"type":"refresh","options":{"priority":"urgent"}}"#,
            "options.priority",
        ),
        (
            r#"{"type":"refresh","options":{"jobId":"42"}}"#,
            "options.jobId",
        ),
        (
            r#"{"type":"refresh","options":[]}"#,
            "options: must be an object",
        ),
        (r#"{"type":"refresh","extra":1}"#, "extra: unknown field"),
        (r#"{"type":"mystery"}"#, "no queue for job name"),
    ];
    for (body, expected) in cases {
        let (status, doc) = serve.send("POST", "/api/queue/jobs", Some(body));
        assert_eq!(status, 400, "{body} -> {doc}");
        let msg = doc["error"].as_str().unwrap_or_default();
        assert!(msg.contains(expected), "{body} -> {msg}");
    }
    let big = format!(
        r#"{{"type":"refresh","data":"{}"}}"#,
        "x".repeat(2 * 1024 * 1024)
    );
    assert_eq!(serve.send("POST", "/api/queue/jobs", Some(&big)).0, 413);

    for (path, expected) in [
        ("/api/queue/jobs?status=dead", "unknown status 'dead'"),
        (
            "/api/queue/jobs?limit=0",
            "limit must be between 1 and 1000",
        ),
        ("/api/queue/jobs?limit=abc", "limit"),
        ("/api/queue/jobs?colour=red", "unknown field"),
        ("/api/queue/jobs?queue=a:b", "invalid queue name"),
    ] {
        let (status, doc) = serve.get(path);
        assert_eq!(status, 400, "{path} -> {doc}");
        assert!(
            doc["error"].as_str().unwrap_or_default().contains(expected),
            "{path} -> {doc}"
        );
    }
    // Reads of unknown queues and jobs are 404 and create nothing.
    assert_eq!(serve.get("/api/queue/jobs?queue=ghost").0, 404);
    assert_eq!(serve.get("/api/queue/jobs/ghost/1").0, 404);
    assert_eq!(
        serve.send("POST", "/api/queue/jobs/ghost/1/retry", None).0,
        404
    );
    assert_eq!(serve.get("/api/nope").0, 404);
    assert_eq!(
        redis.int(&["DBSIZE"]),
        0,
        "keys: {}",
        redis.cli(&["KEYS", "*"])
    );
}

#[test]
fn tokens_guard_mutations_and_non_loopback_binds() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let body = Some(r#"{"type":"refresh"}"#);
    let (status, doc) = http(&serve.addr, "POST", "/api/queue/jobs", None, body);
    assert_eq!(status, 401, "{doc}");
    assert!(doc["error"]
        .as_str()
        .unwrap()
        .contains("missing bearer token"));
    let (status, _) = http(&serve.addr, "POST", "/api/queue/jobs", Some("wrong"), body);
    assert_eq!(status, 401);
    assert_eq!(
        http(&serve.addr, "DELETE", "/api/queue/jobs/q/1", None, None).0,
        401
    );
    assert_eq!(
        http(&serve.addr, "POST", "/api/queue/jobs/q/1/retry", None, None).0,
        401
    );
    assert_eq!(redis.int(&["DBSIZE"]), 0);
    // Reads on loopback need no token.
    assert_eq!(serve.get("/api/queue/stats").0, 200);
    drop(serve);

    // Without --token the API is read-only.
    let open = Serve::start(&redis, &[]);
    let (status, doc) = open.send("POST", "/api/queue/jobs", body);
    assert_eq!(status, 403, "{doc}");
    assert!(doc["error"].as_str().unwrap().contains("--token"));
    drop(open);

    // Off loopback a token is required to start, and then on every route.
    // (serve_command clears QUEUECTL_TOKEN, which `queuectl()` would pass through.)
    let run = serve_command(&redis)
        .args(["serve", "--bind", "0.0.0.0:0"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--token"), "{stderr}");
    let exposed = Serve::start_on(&redis, "0.0.0.0:0", &["--token", TOKEN]);
    assert_eq!(exposed.get("/api/queue/stats").0, 401);
    assert_eq!(
        http(&exposed.addr, "GET", "/api/queue/stats", Some(TOKEN), None).0,
        200
    );
    assert_eq!(exposed.get("/api/queue/ws").0, 401);
    // The page itself is static; its API calls carry the token.
    assert_eq!(exposed.get("/").0, 200);
}

#[test]
fn stats_is_the_stats_json_document_and_health_follows_redis() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let (status, health) = serve.get("/api/queue/health");
    assert_eq!(
        (status, health["isHealthy"].clone()),
        (200, json!(true)),
        "{health}"
    );
    add(&serve, json!({"type": "refresh"}));
    add(
        &serve,
        json!({"type": "maintenance", "options": {"delay": 60000}}),
    );
    let (status, doc) = serve.get("/api/queue/stats");
    assert_eq!(status, 200);
    let mut cli = redis.queuectl().args(["stats", "--json"]).run().ok().json();
    // The oldest waiting age moves with the clock; everything else must match.
    for q in cli["queues"].as_array_mut().unwrap() {
        q["oldestWaitingAgeMs"] = Value::Null;
    }
    let mut api = doc.clone();
    for q in api["queues"].as_array_mut().unwrap() {
        q["oldestWaitingAgeMs"] = Value::Null;
    }
    assert_eq!(api, cli);
    assert_eq!(doc["queues"][1]["counts"]["waiting"], 1, "{doc}");

    // The same checks as `queuectl health`: a job waits and no worker serves it.
    let (status, health) = serve.get("/api/queue/health");
    let cli = redis.queuectl().args(["health", "--json"]).run().json();
    assert_eq!(status, 503, "{health}");
    assert_eq!(health["issues"], cli["issues"], "{health}");
    assert_eq!(health["issueDetails"], cli["issueDetails"], "{health}");
    assert!(
        health["issueDetails"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["check"] == "no-workers"),
        "{health}"
    );
    drop(redis);
    let (status, health) = serve.get("/api/queue/health");
    assert_eq!(
        (status, health["isHealthy"].clone()),
        (503, json!(false)),
        "{health}"
    );
}

#[test]
fn retry_moves_a_failed_job_back_to_waiting() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let ok = add(&serve, json!({"type": "ok", "options": {"queue": "rq"}}));
    let bad = add(
        &serve,
        json!({"type": "fail", "options": {"queue": "rq", "attempts": 1}}),
    );
    let run = support::node(&redis, "serve_worker.js", &["rq", "2", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let (status, doc) = serve.send("POST", &format!("/api/queue/jobs/rq/{ok}/retry"), None);
    assert_eq!(status, 409, "a completed job is not retried: {doc}");
    let (_, failed) = serve.get("/api/queue/jobs?queue=rq&status=failed");
    assert_eq!(failed["jobs"][0]["id"], json!(bad), "{failed}");
    assert_eq!(failed["jobs"][0]["failedReason"], "boom");

    let (status, doc) = serve.send("POST", &format!("/api/queue/jobs/rq/{bad}/retry"), None);
    assert_eq!(status, 200, "{doc}");
    let (_, job) = serve.get(&format!("/api/queue/jobs/rq/{bad}"));
    assert_eq!(job["state"], "waiting", "{job}");
    let (_, failed) = serve.get("/api/queue/jobs?queue=rq&status=failed");
    assert_eq!(failed["jobs"], json!([]));
}

pub(crate) type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens the WebSocket and waits for its `subscribed` greeting.
pub(crate) async fn ws_connect(serve: &Serve, query: &str) -> (Socket, Value) {
    let url = format!("ws://{}/api/queue/ws{query}", serve.addr);
    let (mut socket, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("ws connect");
    let hello = ws_next(&mut socket, Duration::from_secs(5))
        .await
        .expect("greeting");
    assert_eq!(hello["type"], "subscribed", "{hello}");
    (socket, hello)
}

/// Like [`ws_connect`], with an 8 KB receive buffer: the kernel would
/// otherwise absorb tens of megabytes for a client that stops reading.
async fn ws_connect_small_buffer(serve: &Serve, query: &str) -> Socket {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(8 * 1024).unwrap();
    let stream = socket.connect(serve.addr.parse().unwrap()).await.unwrap();
    let url = format!("ws://{}/api/queue/ws{query}", serve.addr);
    let stream = tokio_tungstenite::MaybeTlsStream::Plain(stream);
    let (mut ws, _) = tokio_tungstenite::client_async(url, stream)
        .await
        .expect("ws connect");
    let hello = ws_next(&mut ws, Duration::from_secs(5))
        .await
        .expect("greeting");
    assert_eq!(hello["type"], "subscribed", "{hello}");
    ws
}

/// The next JSON frame, or `None` when nothing came within `wait`.
pub(crate) async fn ws_next(socket: &mut Socket, wait: Duration) -> Option<Value> {
    use futures::StreamExt;
    loop {
        let msg = tokio::time::timeout(wait, socket.next())
            .await
            .ok()??
            .expect("ws frame");
        if msg.is_text() {
            return Some(serde_json::from_str(msg.to_text().unwrap()).expect("JSON frame"));
        }
    }
}

#[test]
fn websocket_streams_progress_and_completion_from_a_node_worker() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let id = add(
        &serve,
        json!({"type": "watch-me", "options": {"queue": "wsq"}}),
    );
    add(
        &serve,
        json!({"type": "other-job", "options": {"queue": "elsewhere"}}),
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (mut watcher, hello) = ws_connect(&serve, "?queues=wsq").await;
        assert_eq!(hello["queues"], json!(["wsq"]));
        let (mut bystander, _) = ws_connect(&serve, "?queues=elsewhere").await;
        // A client message changes the subscription.
        let (mut switcher, _) = ws_connect(&serve, "").await;
        use futures::SinkExt;
        let sub =
            tokio_tungstenite::tungstenite::Message::text(r#"{"subscribe":["nothing-here"]}"#);
        switcher.send(sub).await.unwrap();
        let ack = ws_next(&mut switcher, Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(ack["queues"], json!(["nothing-here"]), "{ack}");

        let mut worker = support::node_spawn(&redis, "serve_worker.js", &["wsq", "1", "100"]);
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let Some(frame) = ws_next(&mut watcher, Duration::from_secs(1)).await else {
                continue;
            };
            assert_eq!(
                (frame["queue"].clone(), frame["jobId"].clone()),
                (json!("wsq"), json!(id)),
                "{frame}"
            );
            let done = frame["type"] == "job:completed";
            seen.push(frame);
            if done {
                break;
            }
        }
        let _ = worker.kill();
        let _ = worker.wait();
        let types: Vec<&str> = seen.iter().map(|f| f["type"].as_str().unwrap()).collect();
        assert_eq!(types.first(), Some(&"job:active"), "{seen:#?}");
        assert_eq!(types.last(), Some(&"job:completed"), "{seen:#?}");
        let progress: Vec<Value> = seen
            .iter()
            .filter(|f| f["type"] == "job:progress")
            .map(|f| f["progress"].clone())
            .collect();
        assert_eq!(progress, [25, 50, 75, 100].map(Value::from), "{seen:#?}");
        assert_eq!(seen.last().unwrap()["result"], json!({"ok": true}));
        assert!(seen.iter().all(|f| f["timestamp"].as_u64().is_some()));
        // The other subscriptions got none of it.
        assert_eq!(
            ws_next(&mut bystander, Duration::from_millis(300)).await,
            None
        );
        assert_eq!(
            ws_next(&mut switcher, Duration::from_millis(300)).await,
            None
        );
    });
}

#[test]
fn dashboard_in_headless_chromium_shows_progress_and_retries_a_failure() {
    support::which("chromium").unwrap_or_else(|| panic!("install chromium: ./install.sh --dev"));
    support::node_ready();
    playwright_ready();
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let run = Command::new("node")
        .arg(support::interop_dir().join("dashboard.js"))
        .args([serve.url().as_str(), TOKEN, "dash"])
        .env("REDIS_PORT", redis.port.to_string())
        .env("REDIS_HOST", "127.0.0.1")
        .env("INTEROP_TIMEOUT_MS", "60000")
        .output()
        .expect("run node dashboard.js");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "dashboard.js failed:\n{stderr}");
    let doc: Value = serde_json::from_slice(&run.stdout).expect("dashboard.js JSON");
    // The page took the token out of the address bar, and broke no CSP rule.
    assert_eq!(doc["addressAfterLoad"], serve.url(), "{doc}");
    assert_eq!(doc["cspViolations"], json!([]), "{doc}");
    // Every progress event the Node worker sent moved the bar, in order.
    let mut values: Vec<f64> = doc["seenValues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    values.dedup();
    assert_eq!(values, [25.0, 50.0, 75.0, 100.0], "{doc}");
    // The click went through the API: the job left the failed set.
    let failed = doc["failedJobId"].as_str().unwrap();
    let job = redis
        .queuectl()
        .args(["job", "dash", failed, "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(job["state"], "waiting", "{job}");
    assert_eq!(redis.int(&["ZCARD", "bull:dash:failed"]), 0);
}

/// `npm ci` again when the lockfile gained playwright-core after node_modules was made.
fn playwright_ready() {
    let dir = support::interop_dir();
    if dir.join("node_modules/playwright-core").is_dir() {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .status()
        .expect("run npm ci");
    assert!(status.success(), "npm ci in tests/interop failed");
}

#[test]
fn a_client_that_stops_reading_is_dropped_while_others_keep_up() {
    const UPDATES: usize = 1000;
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    add(&serve, json!({"type": "flood", "options": {"queue": "fq"}}));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut stalled = ws_connect_small_buffer(&serve, "?queues=fq").await;
        let (mut reader, _) = ws_connect(&serve, "?queues=fq").await;
        // 1000 frames of 16 KB (16 MB): far more than the socket buffers hold,
        // so the server's writes to the stalled client block.
        let mut flood = support::node_spawn(
            &redis,
            "serve_flood.js",
            &["fq", &UPDATES.to_string(), "16000"],
        );
        let mut progress = 0;
        while let Some(frame) = ws_next(&mut reader, Duration::from_secs(20)).await {
            if frame["type"] == "job:progress" {
                progress += 1;
            }
            if frame["type"] == "job:completed" {
                break;
            }
        }
        let _ = flood.kill();
        let _ = flood.wait();
        assert_eq!(progress, UPDATES, "the reading client got every event");
        // Longer than the server waits for one write (5 s).
        tokio::time::sleep(Duration::from_secs(7)).await;

        // The stalled client now reads what was buffered, then the connection
        // ends (with close code 1008 when the server could still send it).
        use futures::StreamExt;
        let mut got = 0;
        let mut ended = false;
        while let Ok(next) = tokio::time::timeout(Duration::from_secs(10), stalled.next()).await {
            match next {
                Some(Ok(tokio_tungstenite::tungstenite::Message::Close(frame))) => {
                    let code = frame.map(|f| u16::from(f.code));
                    assert_eq!(code, Some(1008), "close code");
                    ended = true;
                    break;
                }
                Some(Ok(_)) => got += 1,
                Some(Err(_)) | None => {
                    ended = true;
                    break;
                }
            }
        }
        assert!(
            ended,
            "the server never closed the stalled client ({got} frames read)"
        );
        assert!(got < UPDATES, "the stalled client was cut off, got {got}");
        let (_, health) = serve.get("/api/queue/health");
        assert_eq!(health["websocket"]["droppedClients"], 1, "{health}");
    });
}

#[test]
fn errors_never_show_the_redis_password() {
    let secret = "pw-Secret-4711";
    let redis = RedisServer::with_password(secret);
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    assert_eq!(serve.get("/api/queue/stats").0, 200);
    drop(redis);
    for path in [
        "/api/queue/stats",
        "/api/queue/jobs",
        "/api/queue/health",
        "/api/queue/jobs/q/1",
    ] {
        let (status, doc) = serve.get(path);
        assert!(status >= 500, "{path}: {status} {doc}");
        assert!(
            doc["error"].is_string() || doc["issues"].is_array(),
            "{path}: {doc}"
        );
        assert!(!doc.to_string().contains(secret), "{path}: {doc}");
    }
}
