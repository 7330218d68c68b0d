//! A local single-page-app site (axum on 127.0.0.1:0) that logs every request:
//! `/app/N` is a React-style shell whose script fetches `/api/content/N` and
//! mounts the article, `/ssr/N` its server-rendered twin, `/busy` a page that
//! never goes quiet. Shells also ask for an image and a robots-disallowed URL,
//! which a rendering crawl must not fetch.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

type Log = Arc<Mutex<Vec<(String, Instant)>>>;

/// robots.txt of the site: `/private` is off limits to queuectl.
pub const ROBOTS: &str = "User-agent: queuectl\nDisallow: /private\n";

/// The article of page `n`: what only a browser sees on `/app/N`.
pub fn article(n: usize) -> String {
    format!("Article {n} was mounted by a script after a fetch to the same server; static HTML has none of it.")
}

/// A running site.
pub struct Spa {
    pub base: String,
    log: Log,
}

impl Spa {
    /// Starts the site; each page links to the later ones up to `pages`.
    pub fn start(pages: usize) -> Spa {
        let log: Log = Arc::default();
        let app = axum::Router::new()
            .route("/robots.txt", get(|| async { ROBOTS }))
            .route("/app/{n}", get(shell))
            .route("/ssr/{n}", get(server_rendered))
            .route("/api/content/{n}", get(content))
            .route("/busy", get(busy))
            .fallback(|| async { StatusCode::NOT_FOUND })
            .layer(axum::middleware::from_fn_with_state(log.clone(), record))
            .with_state(pages);
        Spa {
            base: super::site::serve_router(app),
            log,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The paths requested, in order.
    pub fn paths(&self) -> Vec<String> {
        self.hits().into_iter().map(|(p, _)| p).collect()
    }

    /// The paths requested and when, in order.
    pub fn hits(&self) -> Vec<(String, Instant)> {
        self.log.lock().unwrap().clone()
    }

    /// How often paths starting with `prefix` were requested.
    pub fn count(&self, prefix: &str) -> usize {
        self.paths()
            .iter()
            .filter(|p| p.starts_with(prefix))
            .count()
    }
}

async fn record(
    State(log): State<Log>,
    uri: Uri,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    log.lock()
        .unwrap()
        .push((uri.path().to_string(), Instant::now()));
    next.run(req).await
}

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// Links to every later page, so a crawl finds several at once.
fn next_link(n: usize, pages: usize, prefix: &str) -> String {
    (n + 1..pages)
        .map(|m| format!(r#"<a href="{prefix}/{m}">page {m}</a> "#))
        .collect()
}

async fn shell(Path(n): Path<usize>) -> Response {
    html(format!(
        r#"<!doctype html><html><head><title>App {n}</title></head><body>
<div id="root"></div><img src="/img/logo.png" alt="">
<script>
fetch('/private/track').catch(() => {{}});
fetch('/api/content/{n}').then(r => r.json()).then(d => {{
  document.getElementById('root').innerHTML =
    '<main><article><h1>' + d.title + '</h1><p>' + d.text + '</p>' + d.next + '</article></main>';
}});
</script></body></html>"#
    ))
}

async fn content(State(pages): State<usize>, Path(n): Path<usize>) -> Response {
    axum::Json(serde_json::json!({
        "title": format!("Page {n}"),
        "text": article(n),
        "next": next_link(n, pages, "/app"),
    }))
    .into_response()
}

async fn server_rendered(State(pages): State<usize>, Path(n): Path<usize>) -> Response {
    html(format!(
        "<!doctype html><html><head><title>App {n}</title></head><body><div id=\"root\"><main><article>\
         <h1>Page {n}</h1><p>{}</p>{}</article></main></div></body></html>",
        article(n),
        next_link(n, pages, "/ssr")
    ))
}

/// Content at once, then a request every 100 ms for ever.
async fn busy() -> Response {
    html(
        r#"<!doctype html><html><head><title>Busy</title></head><body><div id="root"></div>
<script>
document.getElementById('root').innerHTML = '<main><p>' + 'Polling page content. '.repeat(20) + '</p></main>';
setInterval(() => fetch('/api/tick').catch(() => {}), 100);
</script></body></html>"#
            .to_string(),
    )
}
