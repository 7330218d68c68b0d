//! A hostile local web site (axum on 127.0.0.1:0, one per test): a link bomb,
//! a page with a million links, a sitemap bomb, a gzip bomb, a 50 MB
//! robots.txt and a body that drips forever. It logs every path requested.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::Response;

/// Links on each link-bomb page, each to a new link-bomb page.
pub const LINK_BOMB_FANOUT: usize = 20_000;
/// Links on `/million`.
pub const MILLION: usize = 1_000_000;
/// Sitemap indexes listed by `/sm/index.xml`.
pub const SITEMAP_INDEXES: usize = 2_000;
/// Sitemap files listed by each of those indexes.
pub const SITEMAPS_PER_INDEX: usize = 50_000;
/// The size of the `Huge` robots.txt.
pub const HUGE_ROBOTS_BYTES: usize = 50 * 1024 * 1024;
/// What the gzip bomb inflates to.
pub const GZIP_BOMB_BYTES: usize = 256 * 1024 * 1024;

/// What `/robots.txt` answers.
#[derive(Debug, Clone, Copy)]
pub enum RobotsTxt {
    /// Everything allowed.
    AllowAll,
    /// Everything allowed, and `Sitemap:` names the sitemap bomb.
    SitemapBomb,
    /// 50 MB: `Disallow: /private`, then comment lines.
    Huge,
}

struct Shared {
    robots: RobotsTxt,
    log: Mutex<Vec<String>>,
}

/// A running hostile site.
pub struct Bombs {
    pub base: String,
    shared: Arc<Shared>,
}

impl Bombs {
    /// Starts the site on a free loopback port in a background thread.
    pub fn start(robots: RobotsTxt) -> Bombs {
        let shared = Arc::new(Shared {
            robots,
            log: Mutex::new(Vec::new()),
        });
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        Bombs {
            base: super::site::serve_router(app),
            shared,
        }
    }

    /// The absolute URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The paths requested, in arrival order.
    pub fn paths(&self) -> Vec<String> {
        self.shared.log.lock().unwrap().clone()
    }
}

async fn handle(State(s): State<Arc<Shared>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    s.log.lock().unwrap().push(path.clone());
    let base = format!(
        "http://{}",
        req.headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
    );
    route(s.robots, &path, &base)
}

fn reply(content_type: &str, body: impl Into<Body>) -> Response {
    Response::builder()
        .status(200)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

fn html(body: impl Into<Body>) -> Response {
    reply("text/html", body)
}

fn route(robots: RobotsTxt, path: &str, base: &str) -> Response {
    if let Some(n) = path.strip_prefix("/links/") {
        return html(link_bomb_page(n.parse().unwrap_or(0)));
    }
    if let Some(rest) = path.strip_prefix("/sm/") {
        return reply("application/xml", sitemap(rest, base));
    }
    match path {
        "/robots.txt" => robots_txt(robots, base),
        "/million" => html(million().clone()),
        "/gzip" => Response::builder()
            .status(200)
            .header(header::CONTENT_TYPE, "text/html")
            .header(header::CONTENT_ENCODING, "gzip")
            .body(Body::from(gzip_bomb().clone()))
            .unwrap(),
        "/drip" => html(Body::from_stream(drip())),
        _ => html("<title>page</title><a href=/private>private</a> <a href=/ok>ok</a>"),
    }
}

fn robots_txt(robots: RobotsTxt, base: &str) -> Response {
    match robots {
        RobotsTxt::AllowAll => reply("text/plain", "User-agent: *\nAllow: /\n"),
        RobotsTxt::SitemapBomb => reply(
            "text/plain",
            format!("User-agent: *\nAllow: /\nSitemap: {base}/sm/index.xml\n"),
        ),
        RobotsTxt::Huge => {
            let head = Bytes::from_static(b"User-agent: *\nDisallow: /private\n");
            let line = Bytes::from(format!("# {}\n", "x".repeat(1021)));
            let lines = (HUGE_ROBOTS_BYTES - head.len()) / line.len();
            let chunks = std::iter::once(head).chain(std::iter::repeat_n(line, lines));
            let stream = futures::stream::iter(chunks.map(Ok::<_, std::io::Error>));
            reply("text/plain", Body::from_stream(stream))
        }
    }
}

/// Page `n` links to the next [`LINK_BOMB_FANOUT`] pages of the tree.
fn link_bomb_page(n: usize) -> String {
    let first = n * LINK_BOMB_FANOUT + 1;
    let links: String = (first..first + LINK_BOMB_FANOUT)
        .map(|k| format!("<a href=/links/{k}>{k}</a>\n"))
        .collect();
    format!("<title>bomb {n}</title>{links}")
}

/// A page with [`MILLION`] distinct links (made once).
fn million() -> &'static Bytes {
    static PAGE: OnceLock<Bytes> = OnceLock::new();
    PAGE.get_or_init(|| {
        let links: String = (0..MILLION)
            .map(|k| format!("<a href=m{k}>.</a>"))
            .collect();
        Bytes::from(format!("<title>million</title>{links}"))
    })
}

/// [`GZIP_BOMB_BYTES`] of spaces after a title, gzip-compressed (made once).
/// A fresh deflate stream of 1 MiB of spaces, ended by a sync flush, only
/// refers to itself, so repeating it inflates to 1 MiB more each time: the
/// bomb costs one 1 MiB compression, not 256.
fn gzip_bomb() -> &'static Bytes {
    static BOMB: OnceLock<Bytes> = OnceLock::new();
    BOMB.get_or_init(|| {
        use flate2::{Compress, Compression, Crc, FlushCompress};
        let deflate = |data: &[u8], flush| {
            let mut out = Vec::with_capacity(data.len() / 100 + 64);
            let mut c = Compress::new(Compression::best(), false);
            c.compress_vec(data, &mut out, flush).unwrap();
            out
        };
        let title = b"<title>gzip bomb</title>";
        let spaces = vec![b' '; 1024 * 1024];
        let copies = (GZIP_BOMB_BYTES - title.len()) / spaces.len();
        let mut crc = Crc::new();
        crc.update(title);
        let block = deflate(&spaces, FlushCompress::Sync);
        let mut body = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        body.extend(deflate(title, FlushCompress::Sync));
        for _ in 0..copies {
            crc.update(&spaces);
            body.extend_from_slice(&block);
        }
        body.extend(deflate(&[], FlushCompress::Finish));
        body.extend(crc.sum().to_le_bytes());
        body.extend(crc.amount().to_le_bytes());
        Bytes::from(body)
    })
}

/// One small piece of HTML every 100 ms, forever.
fn drip() -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> {
    futures::stream::unfold((), |()| async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Some((Ok(Bytes::from_static(b"<p>drip</p>\n")), ()))
    })
}

/// `index.xml` lists [`SITEMAP_INDEXES`] indexes `iK.xml`; each lists
/// [`SITEMAPS_PER_INDEX`] page sitemaps `iK/sJ.xml`, each one page.
fn sitemap(rest: &str, base: &str) -> String {
    let list = |root: &str, entry: &str, locs: &mut dyn Iterator<Item = String>| {
        let entries: String = locs
            .map(|l| format!("<{entry}><loc>{base}/{l}</loc></{entry}>\n"))
            .collect();
        format!("<?xml version=\"1.0\"?>\n<{root}>\n{entries}</{root}>\n")
    };
    if rest == "index.xml" {
        return list(
            "sitemapindex",
            "sitemap",
            &mut (0..SITEMAP_INDEXES).map(|k| format!("sm/i{k}.xml")),
        );
    }
    let index = rest.strip_prefix('i').and_then(|r| r.strip_suffix(".xml"));
    if let Some(k) = index.filter(|k| !k.contains('/')) {
        return list(
            "sitemapindex",
            "sitemap",
            &mut (0..SITEMAPS_PER_INDEX).map(|j| format!("sm/i{k}/s{j}.xml")),
        );
    }
    list(
        "urlset",
        "url",
        &mut std::iter::once(format!("page/{rest}")),
    )
}
