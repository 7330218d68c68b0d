//! A local test web site (axum on 127.0.0.1:0, one per test) that logs every
//! request, so crawl tests can assert from the server's side.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;

/// What `/robots.txt` answers. In its text, `{base}` stands for the site's
/// `http://host:port`.
#[derive(Clone)]
pub enum Robots {
    /// 200 with this text.
    Text(String),
    /// An empty response with this status.
    Status(u16),
    /// An empty response with this status the first time, then 200 with the text.
    FailOnce(u16, String),
}

impl Robots {
    /// A group for `queuectl` with Disallow/Allow/`$` rules, and `*` disallowing
    /// everything (so matching the wrong group fetches nothing).
    pub fn standard() -> Self {
        Robots::Text(
            "User-agent: queuectl\nDisallow: /private\nAllow: /private/ok\nDisallow: /*.pdf$\n\n\
             User-agent: *\nDisallow: /\n"
                .into(),
        )
    }

    /// [`Robots::standard`] plus a `Sitemap:` line for `/sitemap.xml`, an index
    /// of a page sitemap and a nested index (see [`sitemap`]).
    pub fn with_sitemap() -> Self {
        let Robots::Text(text) = Robots::standard() else {
            unreachable!()
        };
        Robots::Text(format!("{text}\nSitemap: {{base}}/sitemap.xml\n"))
    }
}

/// One logged request.
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    pub at: Instant,
    pub user_agent: String,
}

struct Shared {
    robots: Robots,
    log: Mutex<Vec<Hit>>,
}

/// Serves `app` on a free loopback port from a background thread; returns
/// `http://127.0.0.1:PORT`.
pub fn serve_router(app: axum::Router) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    format!("http://127.0.0.1:{port}")
}

/// A `crawl --json` run's page records and its closing summary; fails the
/// test, showing both streams, when there is no summary line.
pub fn pages_and_summary(run: &super::Run) -> (Vec<serde_json::Value>, serde_json::Value) {
    let mut lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:.200}")))
        .collect();
    let summary = lines
        .pop()
        .map(|v| v["summary"].clone())
        .unwrap_or_default();
    assert!(
        summary.is_object(),
        "no summary line:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    (lines, summary)
}

/// A running site.
pub struct Site {
    pub base: String,
    shared: Arc<Shared>,
}

impl Site {
    /// Starts a site on a free port in a background thread.
    pub fn start(robots: Robots) -> Site {
        let shared = Arc::new(Shared {
            robots,
            log: Mutex::new(Vec::new()),
        });
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        Site {
            base: serve_router(app),
            shared,
        }
    }

    /// The absolute URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Every request so far, in arrival order.
    pub fn hits(&self) -> Vec<Hit> {
        self.shared.log.lock().unwrap().clone()
    }

    /// The paths requested, in order.
    pub fn paths(&self) -> Vec<String> {
        self.hits().into_iter().map(|h| h.path).collect()
    }

    /// How often a path was requested.
    pub fn count(&self, path: &str) -> usize {
        self.paths().iter().filter(|p| *p == path).count()
    }
}

async fn handle(State(s): State<Arc<Shared>>, req: Request) -> Response {
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let user_agent = header_text(req.headers(), header::USER_AGENT.as_str());
    let previous = s
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|h| h.path == path)
        .count();
    s.log.lock().unwrap().push(Hit {
        path: path.clone(),
        at: Instant::now(),
        user_agent,
    });
    route(&s, &path, req.headers(), previous).await
}

fn header_text(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn html(body: impl Into<Body>) -> Response {
    reply(200, "text/html; charset=utf-8", body)
}

fn reply(status: u16, content_type: &str, body: impl Into<Body>) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

fn redirect(status: u16, to: &str) -> Response {
    Response::builder()
        .status(status)
        .header(header::LOCATION, to)
        .body(Body::empty())
        .unwrap()
}

fn page(title: &str, links: &[String]) -> Response {
    let links: String = links
        .iter()
        .map(|l| format!("<a href=\"{l}\">{l}</a> "))
        .collect();
    html(format!(
        "<html><head><title>{title}</title></head><body><p>{title} text</p>{links}</body></html>"
    ))
}

async fn route(s: &Shared, path: &str, headers: &HeaderMap, previous: usize) -> Response {
    let (route, query) = path.split_once('?').unwrap_or((path, ""));
    let links = |ls: &[&str]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    let base = format!("http://{}", header_text(headers, header::HOST.as_str()));
    match route {
        "/robots.txt" => match &s.robots {
            Robots::Text(t) => reply(200, "text/plain", t.replace("{base}", &base)),
            Robots::Status(code) => reply(*code, "text/plain", ""),
            Robots::FailOnce(code, _) if previous == 0 => reply(*code, "text/plain", ""),
            Robots::FailOnce(_, t) => reply(200, "text/plain", t.replace("{base}", &base)),
        },
        _ if route.starts_with("/sitemap") => sitemap(route, &base),
        "/orphan" | "/orphan-deep" => page(route, &[]),
        "/canonical-header" => Response::builder()
            .status(200)
            .header(header::CONTENT_TYPE, "application/pdf")
            .header(header::LINK, "</a>; rel=\"preload\", </report>; rel=\"canonical\"")
            .body(Body::from("%PDF-1.4"))
            .unwrap(),
        "/" => page(
            "Home",
            &links(&["/a", "/b", "/private/x", "/private/ok", "/doc.pdf", "/missing"]),
        ),
        "/a" => page("A", &links(&["/", "/b", "/a#frag"])),
        "/b" | "/private/x" | "/private/ok" => page(route, &[]),
        "/doc.pdf" | "/report" => reply(200, "application/pdf", b"%PDF-1.4 <a href=\"/x\">".to_vec()),
        "/latin" => reply(
            200,
            "text/html",
            b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body>na\xefve cr\xe8me</body></html>".to_vec(),
        ),
        "/big" => html(big_page()),
        "/slow" => {
            tokio::time::sleep(Duration::from_secs(2)).await;
            page("slow", &[])
        }
        "/limited" if previous == 0 => Response::builder()
            .status(StatusCode::TOO_MANY_REQUESTS)
            .header(header::RETRY_AFTER, "1")
            .body(Body::empty())
            .unwrap(),
        "/limited" => page("limited", &[]),
        "/etag" => etag(headers),
        _ => dynamic(route, query),
    }
}

fn dynamic(route: &str, query: &str) -> Response {
    let n = |s: &str| s.parse::<i64>().unwrap_or(0);
    if let Some(rest) = route.strip_prefix("/redirect/") {
        let left = n(rest);
        let to = if left <= 0 {
            "/a".to_string()
        } else {
            format!("/redirect/{}", left - 1)
        };
        return redirect(301, &to);
    }
    match route {
        "/loop/a" => redirect(302, "/loop/b"),
        "/loop/b" => redirect(302, "/loop/a"),
        "/calendar" => {
            let month = n(query.trim_start_matches("month="));
            page(
                &format!("month {month}"),
                &[
                    format!("/calendar?month={}", month + 1),
                    format!("/calendar?month={}", month - 1),
                ],
            )
        }
        _ if route.starts_with("/w/") => {
            let i = n(&route[3..]);
            let links: Vec<String> = (1..=6).map(|k| format!("/w/{}", i * 6 + k)).collect();
            page(route, &links)
        }
        _ => reply(404, "text/html", "<title>not found</title>"),
    }
}

/// `/sitemap.xml` indexes `/sitemap-pages.xml` (an orphan page, a page on
/// another host, a robots-disallowed page) and `/sitemap-nested.xml`, an index
/// of `/sitemap-deep.xml` (another orphan) and `/sitemap-deeper.xml`, an index
/// nested one level too deep whose `/sitemap-too-deep.xml` is never fetched.
pub fn sitemap(route: &str, base: &str) -> Response {
    let index = |locs: &[&str]| xml_list("sitemapindex", "sitemap", base, locs);
    let urlset = |locs: &[&str]| xml_list("urlset", "url", base, locs);
    let body = match route {
        "/sitemap.xml" => index(&["/sitemap-pages.xml", "/sitemap-nested.xml"]),
        "/sitemap-pages.xml" => urlset(&[
            "/orphan?from=sitemap&amp;x=1",
            "http://elsewhere.test/outside",
            "/private/x",
            "/a",
        ]),
        "/sitemap-nested.xml" => index(&["/sitemap-deep.xml", "/sitemap-deeper.xml"]),
        "/sitemap-deep.xml" => urlset(&["/orphan-deep"]),
        "/sitemap-deeper.xml" => index(&["/sitemap-too-deep.xml"]),
        "/sitemap-too-deep.xml" => urlset(&["/never"]),
        _ => return reply(404, "text/html", "<title>not found</title>"),
    };
    reply(200, "application/xml", body)
}

/// A sitemap document; locations starting with `/` are made absolute.
fn xml_list(root: &str, entry: &str, base: &str, locs: &[&str]) -> String {
    let entries: String = locs
        .iter()
        .map(|l| {
            let abs = if l.starts_with('/') {
                format!("{base}{l}")
            } else {
                l.to_string()
            };
            format!("<{entry}><loc>{abs}</loc></{entry}>\n")
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <{root} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{entries}</{root}>\n"
    )
}

fn etag(headers: &HeaderMap) -> Response {
    if header_text(headers, header::IF_NONE_MATCH.as_str()) == "\"v1\"" {
        return Response::builder()
            .status(304)
            .header(header::ETAG, "\"v1\"")
            .body(Body::empty())
            .unwrap();
    }
    Response::builder()
        .status(200)
        .header(header::CONTENT_TYPE, "text/html")
        .header(header::ETAG, "\"v1\"")
        .body(Body::from("<title>etag</title>versioned"))
        .unwrap()
}

/// 20 MiB of HTML, twice the crawler's body cap.
fn big_page() -> Vec<u8> {
    let mut body = b"<html><head><title>big</title></head><body>".to_vec();
    body.resize(20 * 1024 * 1024, b'x');
    body
}
