//! The WebSocket at `/api/queue/ws`: fans the event broadcast out to clients,
//! each with its own queue filter; a client that falls behind is dropped
//! rather than buffered without bound.

use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::SinkExt;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};

use super::routes::ApiError;
use super::{guard, AppState, Frame};

/// A send that takes longer than this means the client stopped reading.
const SEND_TIMEOUT: Duration = Duration::from_secs(5);
/// Largest message a client may send (subscriptions are small).
const MAX_INCOMING: usize = 64 * 1024;
/// Bytes read from a client at a time. tungstenite allocates this up front
/// for every client (128 KiB by default), which made idle clients expensive.
const READ_BUFFER: usize = 4 * 1024;
/// Bytes of frames gathered before a write to the socket.
const WRITE_BUFFER: usize = 8 * 1024;
/// Bytes a client's connection may hold unsent beyond the socket buffers; a
/// write past this fails and the client is dropped (the default is unbounded).
const MAX_UNSENT: usize = 1024 * 1024;
/// Frames written before one flush.
const BATCH: usize = 256;
/// Close code for a client dropped for being slow ("policy violation").
const CLOSE_TOO_SLOW: u16 = 1008;

/// Which queues a client wants; `None` means all.
type Filter = Option<HashSet<String>>;

/// Query of the upgrade request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WsQuery {
    /// Comma-separated queue names.
    queues: Option<String>,
    /// Checked by the auth middleware (browsers cannot set headers here).
    #[allow(dead_code)]
    token: Option<String>,
}

/// `GET /api/queue/ws[?queues=a,b]`: upgrades to a WebSocket.
pub(crate) async fn upgrade(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<WsQuery>, QueryRejection>,
    ws: WebSocketUpgrade,
) -> Response {
    // A page on another site must not read the events through the user's browser.
    if !guard::origin_allowed(&st.hosts, &headers) {
        return ApiError::forbidden("cross-origin WebSocket connections are refused")
            .into_response();
    }
    let filter = match query {
        Ok(Query(q)) => q.queues.as_deref().map(split_queues),
        Err(e) => return ApiError::bad_request(e.body_text()).into_response(),
    };
    let Ok(slot) = st.ws_slots.clone().try_acquire_owned() else {
        return ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "too many WebSocket clients (see `queuectl serve --max-ws-clients`)",
        )
        .into_response();
    };
    ws.max_message_size(MAX_INCOMING)
        .max_frame_size(MAX_INCOMING)
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(WRITE_BUFFER)
        .max_write_buffer_size(MAX_UNSENT)
        .on_upgrade(move |socket| async move {
            client(socket, st, filter).await;
            drop(slot);
        })
}

fn split_queues(list: &str) -> HashSet<String> {
    list.split(',')
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_string)
        .collect()
}

async fn client(mut socket: WebSocket, st: Arc<AppState>, mut filter: Filter) {
    let mut events = st.events.subscribe();
    if send(&mut socket, subscribed(&filter)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    let reply = match parse_subscribe(&text) {
                        Ok(f) => {
                            filter = f;
                            subscribed(&filter)
                        }
                        Err(message) => json!({ "type": "error", "message": message }),
                    };
                    if send(&mut socket, reply).await.is_err() {
                        return;
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
            event = events.recv() => {
                let batch = match event {
                    Ok(first) => match drain(first, &mut events) {
                        Some(batch) => batch,
                        None => return drop_slow(socket, &st).await,
                    },
                    Err(RecvError::Lagged(_)) => return drop_slow(socket, &st).await,
                    Err(RecvError::Closed) => return,
                };
                let wanted = batch
                    .into_iter()
                    .filter(|f| filter.as_ref().is_none_or(|q| q.contains(&f.queue)));
                // A full write buffer, a stuck socket or a closed one: drop the client.
                match tokio::time::timeout(SEND_TIMEOUT, send_all(&mut socket, wanted)).await {
                    Ok(Ok(())) => {}
                    Ok(Err(_)) | Err(_) => return drop_slow(socket, &st).await,
                }
            }
        }
    }
}

/// The frame just received plus whatever else is already queued (up to
/// [`BATCH`]), so a burst costs one flush instead of one per frame; `None`
/// when the client has fallen a whole channel behind.
fn drain(
    first: Arc<Frame>,
    events: &mut broadcast::Receiver<Arc<Frame>>,
) -> Option<Vec<Arc<Frame>>> {
    let mut batch = vec![first];
    while batch.len() < BATCH {
        match events.try_recv() {
            Ok(frame) => batch.push(frame),
            Err(TryRecvError::Lagged(_)) => return None,
            Err(_) => break,
        }
    }
    Some(batch)
}

async fn send_all(
    socket: &mut WebSocket,
    frames: impl Iterator<Item = Arc<Frame>>,
) -> Result<(), axum::Error> {
    for frame in frames {
        socket.feed(Message::Text(frame.text.clone())).await?;
    }
    socket.flush().await
}

/// Disconnects a client that fell behind (a whole channel's length, or its
/// write buffer); the close frame is best effort, as the buffer may be full.
async fn drop_slow(mut socket: WebSocket, st: &AppState) {
    st.dropped_clients.fetch_add(1, Ordering::Relaxed);
    let close = Message::Close(Some(CloseFrame {
        code: CLOSE_TOO_SLOW,
        reason: "too slow: events were dropped; reconnect".into(),
    }));
    let _ = tokio::time::timeout(Duration::from_secs(1), socket.send(close)).await;
}

async fn send(socket: &mut WebSocket, value: Value) -> Result<(), ()> {
    let text = Message::Text(value.to_string().into());
    match tokio::time::timeout(SEND_TIMEOUT, socket.send(text)).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

fn subscribed(filter: &Filter) -> Value {
    let queues = filter.as_ref().map(|f| {
        let mut list: Vec<&String> = f.iter().collect();
        list.sort();
        list
    });
    json!({ "type": "subscribed", "queues": queues })
}

/// `{"subscribe": ["a", "b"]}` picks queues; `{"subscribe": "*"}` or `null` means all.
fn parse_subscribe(text: &str) -> Result<Filter, String> {
    const HINT: &str = "expected {\"subscribe\": [\"queue\", ...]} or {\"subscribe\": \"*\"}";
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let Some(Value::Object(obj)) = Some(value) else {
        return Err(HINT.into());
    };
    if obj.len() != 1 {
        return Err(HINT.into());
    }
    match obj.get("subscribe") {
        Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s == "*" => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| HINT.to_string())
            })
            .collect::<Result<HashSet<_>, _>>()
            .map(Some),
        _ => Err(HINT.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscriptions() {
        let f = parse_subscribe(r#"{"subscribe":["a","b"]}"#)
            .unwrap()
            .unwrap();
        assert!(f.contains("a") && f.contains("b") && f.len() == 2);
        assert_eq!(parse_subscribe(r#"{"subscribe":"*"}"#), Ok(None));
        assert!(parse_subscribe(r#"{"subscribe":[1]}"#).is_err());
        assert!(parse_subscribe("nope").is_err());
        assert_eq!(split_queues(" a, ,b "), ["a", "b"].map(String::from).into());
    }
}
