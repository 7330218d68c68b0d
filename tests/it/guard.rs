//! The private-network guard (`crawl --deny-private-networks`, the worker's
//! scrape handlers) against hostile sites, redirects and a rebinding DNS
//! server in a private network namespace, through a proxy, and URL passwords
//! kept out of every output.

use serde_json::{json, Value};

use crate::support::netns::{Inside, Netns, PUBLIC_IP};
use crate::support::site::{Robots, Site};
use crate::support::Cmd;

const PUBLIC: &str = "93.184.216.34:8080";
const INTERNAL: &str = "127.0.0.1:8081";
const LOOPBACK: &str = "127.0.0.1 is not a public address (loopback)";

/// A crawl run inside the namespace: its pages and summary.
pub(crate) fn crawl_inside(ns: &Netns, args: &[&str]) -> (Inside, Vec<Value>, Value) {
    let inside = ns.run(r#""$QUEUECTL" crawl --json --delay 50ms "$@""#, args);
    let (lines, summary) = crate::support::site::pages_and_summary(&inside.run);
    (inside, lines, summary)
}

/// Runs `jobs` through a `--burst` worker (default guard) inside the
/// namespace; gives back each job as `queuectl job --json` shows it.
pub(crate) fn worker_inside(ns: &Netns, jobs: &[Value]) -> (Inside, Vec<Value>) {
    let script = r#"
redis-server --port 6390 --save '' --appendonly no >"$DIR/redis.log" 2>&1 &
redis=$!
until redis-cli -p 6390 ping >/dev/null 2>&1; do sleep 0.1; done
export REDIS_URL=redis://127.0.0.1:6390
printf '%s\n' "$1" | "$QUEUECTL" enqueue --file - --queue scrape-q >/dev/null
"$QUEUECTL" worker --queue scrape-q --burst --json
shift
for id in "$@"; do "$QUEUECTL" job scrape-q "$id" --json >"$DIR/job-$id.json"; done
kill $redis
"#;
    let ndjson: Vec<String> = jobs.iter().map(Value::to_string).collect();
    let ids: Vec<String> = jobs
        .iter()
        .map(|j| j["opts"]["jobId"].as_str().unwrap().to_string())
        .collect();
    let mut args = vec![ndjson.join("\n")];
    args.extend(ids.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let inside = ns.run(script, &args);
    let read = |id: &String| {
        let text = std::fs::read_to_string(inside.dir.join(format!("job-{id}.json")))
            .unwrap_or_else(|e| panic!("job {id}: {e}\n{}", inside.run.stderr));
        serde_json::from_str(&text).unwrap()
    };
    let found = ids.iter().map(read).collect();
    (inside, found)
}

fn nothing() -> Vec<String> {
    Vec::new()
}

#[test]
fn a_seed_redirect_to_loopback_is_refused_and_nothing_there_is_requested() {
    let mut ns = Netns::new();
    ns.http(
        PUBLIC_IP,
        8080,
        json!({"/": {"status": 302, "headers": {"Location": "http://127.0.0.1:8081/admin"}}}),
    )
    .http(
        "127.0.0.1",
        8081,
        json!({"/robots.txt": {"body": ""}, "/admin": {"body": "<title>admin</title>"}}),
    );
    let (inside, _, summary) = crawl_inside(
        &ns,
        &["--deny-private-networks", "http://93.184.216.34:8080/"],
    );
    assert_eq!(inside.paths(INTERNAL), nothing(), "{}", inside.run.stderr);
    assert_eq!(inside.paths(PUBLIC), ["/robots.txt", "/"]);
    assert_eq!(inside.run.code, 4, "{}", inside.run.stderr);
    // Refused once: a refusal is never retried.
    assert_eq!(
        summary["refused"],
        json!([{"url": "http://127.0.0.1:8081/robots.txt", "reason": LOOPBACK}])
    );
    assert_eq!(
        summary["failedSeeds"],
        json!([{"url": "http://93.184.216.34:8080/",
                "reason": format!("robots.txt unreachable (refused: {LOOPBACK})")}])
    );
}

#[test]
fn a_robots_txt_redirect_to_loopback_is_not_followed() {
    let mut ns = Netns::new();
    ns.http(
        PUBLIC_IP,
        8080,
        json!({
            "/robots.txt": {"status": 302, "headers": {"Location": "http://127.0.0.1:8081/internal-secret"}},
            "/": {"body": "<title>Public</title>"},
        }),
    )
    .http("127.0.0.1", 8081, json!({"/internal-secret": {"body": "SECRET"}}));
    let (inside, pages, summary) = crawl_inside(
        &ns,
        &["--deny-private-networks", "http://93.184.216.34:8080/"],
    );
    assert_eq!(inside.paths(INTERNAL), nothing(), "{}", inside.run.stderr);
    assert_eq!(inside.paths(PUBLIC), ["/robots.txt"]);
    assert_eq!(pages, Vec::<Value>::new());
    assert_eq!(
        summary["refused"],
        json!([{"url": "http://127.0.0.1:8081/internal-secret", "reason": LOOPBACK}])
    );
    assert_eq!(inside.run.code, 4);
    assert!(
        inside.run.stderr.contains(&format!(
            "refused 1 request(s) to non-public addresses, the first to \
             http://127.0.0.1:8081/internal-secret: {LOOPBACK}"
        )),
        "{}",
        inside.run.stderr
    );
}

#[test]
fn dns_rebinding_is_caught_on_the_address_connected_to() {
    let mut ns = Netns::new();
    let public_home = r#"<title>Public</title><a href="/next">next</a>"#;
    ns.http(
        PUBLIC_IP,
        8080,
        json!({"/": {"body": public_home}, "/next": {"body": "<title>Next</title>"}}),
    )
    .http(
        "127.0.0.1",
        8080,
        json!({"/": {"body": "<title>SECRET</title>"}, "/next": {"body": "<title>SECRET</title>"}}),
    )
    .dns(json!({"rebind.test": [PUBLIC_IP, PUBLIC_IP, "127.0.0.1"]}));
    let (inside, pages, summary) = crawl_inside(
        &ns,
        &["--deny-private-networks", "http://rebind.test:8080/"],
    );
    assert_eq!(
        inside.paths("127.0.0.1:8080"),
        nothing(),
        "{}",
        inside.run.stderr
    );
    assert_eq!(inside.paths(PUBLIC), ["/robots.txt", "/"]);
    // One lookup per connection (robots.txt, /, /next), none to race.
    assert_eq!(
        inside.a_answers("rebind.test"),
        [json!(PUBLIC_IP), json!(PUBLIC_IP), json!("127.0.0.1")]
    );
    let rebound = "rebind.test resolves to 127.0.0.1, which is not a public address (loopback)";
    let outcome: Vec<(Value, Value, Value)> = pages
        .iter()
        .map(|p| (p["url"].clone(), p["title"].clone(), p["error"].clone()))
        .collect();
    assert_eq!(
        outcome,
        [
            (
                json!("http://rebind.test:8080/"),
                json!("Public"),
                Value::Null
            ),
            (
                json!("http://rebind.test:8080/next"),
                Value::Null,
                json!(format!("refused: {rebound}"))
            ),
        ]
    );
    assert_eq!(
        summary["refused"],
        json!([{"url": "http://rebind.test:8080/next", "reason": rebound}])
    );
    assert!(!inside.run.stdout.contains("SECRET"));
    assert_eq!(inside.run.code, 0, "{}", inside.run.stderr);
}

#[test]
fn a_guarded_worker_connects_once_per_lookup_and_keeps_url_passwords_out_of_results() {
    let mut ns = Netns::new();
    ns.http(
        PUBLIC_IP,
        8080,
        json!({"/": {"body": "<title>Public</title>"}}),
    )
    .http(
        "127.0.0.1",
        8080,
        json!({"/": {"body": "<title>SECRET</title>"}}),
    )
    .dns(json!({"rebind.test": [PUBLIC_IP, PUBLIC_IP, "127.0.0.1"]}));
    let data = json!({"url": "http://user:hunter2@rebind.test:8080/", "respectRobots": false});
    let job = json!({"name": "single-page", "data": data, "opts": {"jobId": "r1", "attempts": 3}});
    let (inside, found) = worker_inside(&ns, &[job]);
    assert_eq!(
        inside.paths("127.0.0.1:8080"),
        nothing(),
        "{}",
        inside.run.stderr
    );
    assert_eq!(inside.a_answers("rebind.test"), [json!(PUBLIC_IP)]);
    let r1 = &found[0];
    assert_eq!(r1["state"], "completed", "{r1}");
    let page = &r1["returnvalue"]["pages"][0];
    assert_eq!(
        (&page["url"], &page["finalUrl"], &page["title"]),
        (
            &json!("http://rebind.test:8080/"),
            &json!("http://rebind.test:8080/"),
            &json!("Public")
        )
    );
    assert!(!r1["returnvalue"].to_string().contains("hunter2"), "{r1}");
    assert!(
        !inside.run.stdout.contains("hunter2"),
        "{}",
        inside.run.stdout
    );
    assert!(
        !inside.run.stderr.contains("hunter2"),
        "{}",
        inside.run.stderr
    );
    // The password is still sent: base64("user:hunter2").
    let sent: Vec<&Value> = inside
        .log
        .iter()
        .filter(|e| e["server"] == PUBLIC)
        .map(|e| &e["authorization"])
        .collect();
    assert_eq!(sent, [&json!("Basic dXNlcjpodW50ZXIy")]);
}

#[test]
fn refused_redirects_fail_scrape_jobs_for_good() {
    let mut ns = Netns::new();
    ns.http(
        PUBLIC_IP,
        8080,
        json!({"/robots.txt": {"status": 302, "headers": {"Location": "http://127.0.0.1:8081/internal-secret"}}}),
    )
    .http(
        PUBLIC_IP,
        8082,
        json!({"/": {"status": 302, "headers": {"Location": "http://127.0.0.1:8081/admin"}}}),
    )
    .http(
        "127.0.0.1",
        8081,
        json!({"/robots.txt": {"body": ""}, "/internal-secret": {"body": "SECRET"}, "/admin": {"body": "SECRET"}}),
    );
    let data = json!({"url": "http://93.184.216.34:8080/", "maxPages": 5});
    let f1 = json!({"name": "full-crawl", "data": data, "opts": {"jobId": "f1", "attempts": 3}});
    let data = json!({"url": "http://93.184.216.34:8082/"});
    let s1 = json!({"name": "single-page", "data": data, "opts": {"jobId": "s1", "attempts": 3}});
    let (inside, found) = worker_inside(&ns, &[f1, s1]);
    assert_eq!(inside.paths(INTERNAL), nothing(), "{}", inside.run.stderr);
    assert_eq!(inside.paths(PUBLIC), ["/robots.txt"]);
    assert_eq!(inside.paths("93.184.216.34:8082"), ["/robots.txt", "/"]);
    let s1 = &found[1];
    assert_eq!(
        (&s1["state"], &s1["attemptsMade"], &s1["failedReason"]),
        (
            &json!("failed"),
            &json!(1),
            &json!(format!(
                "refused a request to http://127.0.0.1:8081/robots.txt: {LOOPBACK}"
            ))
        ),
        "{s1}"
    );
    let f1 = &found[0];
    assert_eq!(
        (&f1["state"], &f1["attemptsMade"], &f1["failedReason"]),
        (
            &json!("failed"),
            &json!(1),
            &json!(format!(
                "refused a request to http://127.0.0.1:8081/internal-secret: {LOOPBACK}"
            ))
        ),
        "{f1}"
    );
}

#[test]
fn with_a_proxy_denied_targets_are_refused_before_the_proxy_sees_them() {
    let proxy = Site::start(Robots::standard());
    let crawl = |extra: &[&str]| {
        Cmd::new()
            .env("HTTP_PROXY", &proxy.base)
            .env("http_proxy", &proxy.base)
            .env("NO_PROXY", "")
            .env("no_proxy", "")
            .args(["crawl", "--json", "--ignore-robots", "--single-page"])
            .args(extra)
            .run()
    };
    let run = crawl(&[
        "--deny-private-networks",
        "http://127.0.0.1:9/",
        "http://localhost:9/",
    ]);
    assert_eq!(proxy.paths(), nothing(), "{}", run.stderr);
    assert_eq!(run.code, 4, "{}", run.stderr);
    let pages: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &Value| v.get("summary").is_none())
        .collect();
    let errors: Vec<&Value> = pages.iter().map(|p| &p["error"]).collect();
    assert_eq!(
        errors,
        [
            &json!(format!("refused: {LOOPBACK}")),
            &json!("refused: localhost resolves to 127.0.0.1, which is not a public address (loopback)")
        ]
    );
    // The proxy is in use: without the guard the same request goes through it.
    crawl(&["http://127.0.0.1:9/"]).ok();
    assert_eq!(proxy.paths(), ["/"]);
}

#[test]
fn url_passwords_appear_in_no_output_but_are_sent() {
    let mut ns = Netns::new();
    ns.http(
        "127.0.0.1",
        8081,
        json!({
            "/": {"body": r#"<title>Home</title><a href="/a">a</a><a href="/r">r</a>"#},
            "/a": {"body": "<title>A</title>"},
            "/r": {"status": 301, "headers": {"Location": "/b"}},
            "/b": {"body": "<title>B</title>"},
        }),
    );
    let (inside, pages, summary) = crawl_inside(
        &ns,
        &[
            "http://user:hunter2@127.0.0.1:8081/",
            "http://user:hunter2@127.0.0.1:8089/",
        ],
    );
    for text in [&inside.run.stdout, &inside.run.stderr] {
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!text.contains("user:"), "{text}");
    }
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert_eq!(
        summary["failedSeeds"][0]["url"], "http://127.0.0.1:8089/",
        "{summary}"
    );
    let auth: Vec<(&str, &str)> = inside
        .log
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap(),
                e["authorization"].as_str().unwrap_or("none"),
            )
        })
        .collect();
    let basic = "Basic dXNlcjpodW50ZXIy";
    let mut sorted = auth.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            ("/", basic),
            ("/a", basic),
            ("/b", basic),
            ("/r", basic),
            ("/robots.txt", basic)
        ]
    );
}
