//! WebSocket fan-out client for `bench/serve`: opens CLIENTS connections to
//! `queuectl serve`'s event stream, prints `ready` once every one is
//! subscribed, then counts frames until each client got EXPECTED job events
//! (or nothing arrived for IDLE_SECS). Latency of a frame = receive time −
//! the ms part of the event's stream id (the frame's `timestamp`).
//! Prints one JSON line: clients, connected, complete, dropped, received,
//! p50/p99/max latency in ms.
//!
//! Usage: ws_fanout WS_URL CLIENTS EXPECTED IDLE_SECS

// A benchmark client, not part of queuectl: it prints and reads its own settings.
#![allow(clippy::disallowed_methods)]
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::StreamExt;
use tokio_tungstenite::tungstenite::Message;

/// The `timestamp` of a `job:*` frame, found without parsing the whole
/// frame (the client must stay cheaper than the server it measures).
fn event_time(text: &str) -> Option<u64> {
    if !text.starts_with(r#"{"type":"job:"#) {
        return None;
    }
    let at = text.rfind(r#""timestamp":"#)? + r#""timestamp":"#.len();
    let digits: String = text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[derive(Default)]
struct Outcome {
    latencies: Vec<u32>,
    dropped: bool,
    complete: bool,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(url: &str) -> Socket {
    for _ in 0..50 {
        if let Ok((mut socket, _)) = tokio_tungstenite::connect_async(url).await {
            // The first frame is the `subscribed` greeting: from then on it gets events.
            if let Some(Ok(_)) = socket.next().await {
                return socket;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("cannot connect to {url}");
}

async fn receive(mut socket: Socket, expected: usize, idle: Duration) -> Outcome {
    let mut out = Outcome {
        latencies: Vec::with_capacity(expected),
        ..Outcome::default()
    };
    while out.latencies.len() < expected {
        let msg = match tokio::time::timeout(idle, socket.next()).await {
            Ok(Some(Ok(msg))) => msg,
            Ok(Some(Err(_))) | Ok(None) => {
                out.dropped = true;
                break;
            }
            Err(_) => break,
        };
        match msg {
            Message::Text(text) => {
                let received = now_ms();
                if let Some(sent) = event_time(text.as_str()) {
                    out.latencies.push(received.saturating_sub(sent) as u32);
                }
            }
            Message::Close(_) => {
                out.dropped = true;
                break;
            }
            _ => {}
        }
    }
    out.complete = out.latencies.len() >= expected;
    out
}

fn percentile(sorted: &[u32], p: f64) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: ws_fanout WS_URL CLIENTS EXPECTED IDLE_SECS");
        std::process::exit(2);
    }
    let url = &args[1];
    let clients: usize = args[2].parse().expect("CLIENTS");
    let expected: usize = args[3].parse().expect("EXPECTED");
    let idle = Duration::from_secs(args[4].parse().expect("IDLE_SECS"));
    let mut sockets = Vec::with_capacity(clients);
    for _ in 0..clients {
        sockets.push(connect(url).await);
    }
    println!("ready");
    let tasks: Vec<_> = sockets
        .into_iter()
        .map(|s| tokio::spawn(receive(s, expected, idle)))
        .collect();
    let mut all = Vec::new();
    let (mut dropped, mut complete) = (0, 0);
    for task in tasks {
        let out = task.await.expect("client task");
        dropped += usize::from(out.dropped);
        complete += usize::from(out.complete);
        all.extend(out.latencies);
    }
    all.sort_unstable();
    let doc = serde_json::json!({
        "clients": clients,
        "complete": complete,
        "dropped": dropped,
        "received": all.len(),
        "expected_per_client": expected,
        "p50_ms": percentile(&all, 50.0),
        "p99_ms": percentile(&all, 99.0),
        "max_ms": all.last(),
    });
    println!("{doc}");
}
