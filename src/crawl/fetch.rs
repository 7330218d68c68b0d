//! HTTP: the reqwest client, one request with a streaming size cap, and the
//! response facts the crawler acts on. Redirects are never followed here.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hyper_util::client::proxy::matcher::Matcher as ProxyMatcher;
use reqwest::header::{self, HeaderMap};
use reqwest::{redirect, Client};
use url::{Host, Url};

use super::cache::Entry;
use super::credentials::{self, Credentials};
use super::guard::{self, GuardError, Resolver};
use super::UrlIssue;

/// Response bodies stop at this size; the page is flagged `truncated`.
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// Why a request produced no response. All but `Refused` are retried.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("refused: {0}")]
    Refused(String),
    #[error("timed out")]
    Timeout,
    #[error("connection failed: {0}")]
    Connect(String),
    #[error("request failed: {0}")]
    Other(String),
}

impl From<reqwest::Error> for FetchError {
    fn from(e: reqwest::Error) -> Self {
        let e = e.without_url();
        // The source chain carries the useful part ("Connection refused").
        let mut msg = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            if let Some(refusal) = s.downcast_ref::<GuardError>() {
                return FetchError::Refused(refusal.to_string());
            }
            msg = s.to_string();
            source = s.source();
        }
        if e.is_timeout() {
            FetchError::Timeout
        } else if e.is_connect() {
            FetchError::Connect(msg)
        } else {
            FetchError::Other(msg)
        }
    }
}

/// Client settings.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub user_agent: String,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// Host names mapped to fixed addresses (tests, pinned DNS).
    pub resolve: Vec<(String, SocketAddr)>,
    /// Refuse every request to a non-public address (see `guard`).
    pub guard: bool,
    /// The seeds' `user:pass@`, sent to their origins.
    pub credentials: Credentials,
    /// Idle connections kept per host: at least the requests in flight to
    /// one host, so a busy crawl reuses its connections instead of opening
    /// new ones.
    pub idle_per_host: usize,
}

/// What one request should do.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Stop reading the body after this many bytes (0: `MAX_BODY`).
    pub cap: usize,
    /// Read the body whatever its type (robots.txt); else only HTML is read.
    pub any_type: bool,
    /// Validators for a conditional request.
    pub conditional: Option<Entry>,
}

/// A response, with the body read when it is HTML (or `any_type`).
#[derive(Debug, Default)]
pub struct Response {
    pub status: u16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub retry_after: Option<Duration>,
    /// The target of a `Link: <…>; rel="canonical"` header, as written.
    pub link_canonical: Option<String>,
    pub body: Vec<u8>,
    pub body_read: bool,
    pub truncated: bool,
    /// Bytes received (the body, or Content-Length when it was not read).
    pub bytes: u64,
    pub elapsed: Duration,
}

impl Response {
    /// Whether the content type is HTML (a missing type counts as HTML).
    pub fn is_html(&self) -> bool {
        self.content_type.as_deref().is_none_or(is_html)
    }
}

fn is_html(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
}

/// A rendered page's request for [`Fetcher::relay`].
pub struct RelayRequest<'a> {
    pub method: &'a str,
    pub url: &'a Url,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

/// The response to a relayed request (the body already decoded).
pub struct Relayed {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Headers that belong to one connection, or that the client sets itself
/// (it decodes gzip, so the length and encoding it received no longer hold).
const HOP_HEADERS: [&str; 8] = [
    "host",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "accept-encoding",
    "upgrade",
];

/// Refusals kept for the report (all are refused, these are listed).
const MAX_REFUSALS_LISTED: usize = 100;

/// Makes requests. With the guard on, every request (page, redirect hop,
/// robots.txt, sitemap) is checked where it connects: IP literals before
/// sending, names by the resolver the connection uses, and, when a proxy
/// carries the request, the target resolved here before the proxy sees it.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: Client,
    resolver: Resolver,
    guard: bool,
    /// The proxy rules reqwest applies (it builds the same matcher).
    proxies: Arc<ProxyMatcher>,
    credentials: Credentials,
    refused: Arc<Mutex<Vec<UrlIssue>>>,
}

impl Fetcher {
    /// Builds the client: rustls with the ring provider, no automatic
    /// redirects, the environment's proxies, explicit timeouts.
    pub fn new(opts: &ClientOptions) -> Result<Self, reqwest::Error> {
        // Harmless when already installed (by the Redis connection code).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let proxies = ProxyMatcher::from_system();
        let resolver = Resolver::new(&opts.resolve, opts.guard, proxy_hosts(&proxies));
        let client = Client::builder()
            .user_agent(&opts.user_agent)
            .redirect(redirect::Policy::none())
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.request_timeout)
            .pool_max_idle_per_host(opts.idle_per_host.max(1))
            .dns_resolver(resolver.clone())
            .build()?;
        Ok(Fetcher {
            client,
            resolver,
            guard: opts.guard,
            proxies: Arc::new(proxies),
            credentials: opts.credentials.clone(),
            refused: Arc::default(),
        })
    }

    /// The requests refused so far (URL without userinfo, and why).
    pub fn refusals(&self) -> Vec<UrlIssue> {
        self.refused.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// One GET; the body is streamed up to the cap.
    pub async fn get(&self, url: &Url, req: &Request) -> Result<Response, FetchError> {
        let result = self.get_checked(url, req).await;
        if let Err(FetchError::Refused(why)) = &result {
            self.record_refusal(url, why);
        }
        result
    }

    fn record_refusal(&self, url: &Url, why: &str) {
        if let Ok(mut refused) = self.refused.lock() {
            if refused.len() < MAX_REFUSALS_LISTED {
                refused.push(UrlIssue {
                    url: credentials::redact(url),
                    reason: why.to_string(),
                });
            }
        }
    }

    /// Makes a rendered page's request itself (any method, the page's headers
    /// and body), so it connects only where the guard allows and to the
    /// address checked; redirects come back to the browser, which asks again.
    /// The body stops at [`MAX_BODY`]. Refusals are left to the caller to record.
    pub async fn relay(&self, req: RelayRequest<'_>) -> Result<Relayed, FetchError> {
        self.precheck(req.url).await?;
        let method = http::Method::from_bytes(req.method.as_bytes())
            .map_err(|e| FetchError::Other(e.to_string()))?;
        let mut builder = self
            .client
            .request(method, self.credentials.apply(req.url).as_str());
        for (name, value) in req.headers {
            if !HOP_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h)) {
                builder = builder.header(name.as_str(), value.as_str());
            }
        }
        if let Some(body) = req.body {
            builder = builder.body(body);
        }
        let mut resp = builder.send().await?;
        let headers = resp
            .headers()
            .iter()
            .filter(|(name, _)| !HOP_HEADERS.contains(&name.as_str()))
            .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_string())))
            .collect();
        let status = resp.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await? {
            let room = MAX_BODY - body.len();
            body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if chunk.len() >= room {
                break;
            }
        }
        Ok(Relayed {
            status,
            headers,
            body,
        })
    }

    /// The checks that come before sending (the resolver does the rest).
    async fn precheck(&self, url: &Url) -> Result<(), FetchError> {
        if !self.guard {
            return Ok(());
        }
        let refused = |e: GuardError| FetchError::Refused(e.to_string());
        guard::check_literal(url).map_err(refused)?;
        let (Some(Host::Domain(host)), true) = (url.host(), self.proxied(url)) else {
            return Ok(());
        };
        match self.resolver.lookup(host).await {
            Ok(_) => Ok(()),
            Err(e) => Err(match e.downcast::<GuardError>() {
                Ok(g) => refused(*g),
                Err(e) => FetchError::Connect(format!("cannot resolve {host}: {e}")),
            }),
        }
    }

    fn proxied(&self, url: &Url) -> bool {
        let stripped = credentials::strip(url);
        stripped
            .as_str()
            .parse::<http::Uri>()
            .map_or(true, |uri| self.proxies.intercept(&uri).is_some())
    }

    async fn get_checked(&self, url: &Url, req: &Request) -> Result<Response, FetchError> {
        self.precheck(url).await?;
        let start = Instant::now();
        let mut builder = self.client.get(self.credentials.apply(url).as_str());
        if let Some(entry) = &req.conditional {
            if let Some(etag) = &entry.etag {
                builder = builder.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &entry.last_modified {
                builder = builder.header(header::IF_MODIFIED_SINCE, lm);
            }
        }
        let mut resp = builder.send().await?;
        let mut out = head(resp.status().as_u16(), resp.headers());
        let read = (200..300).contains(&out.status) && (req.any_type || out.is_html());
        out.bytes = resp.content_length().unwrap_or(0);
        if read {
            let cap = if req.cap == 0 { MAX_BODY } else { req.cap };
            out.bytes = 0;
            out.body_read = true;
            // One allocation for a body whose length is announced.
            out.body.reserve(
                resp.content_length()
                    .map_or(0, |n| n.min(cap as u64) as usize),
            );
            while let Some(chunk) = resp.chunk().await? {
                out.bytes += chunk.len() as u64;
                let room = cap - out.body.len();
                if chunk.len() >= room {
                    out.body.extend_from_slice(&chunk[..room]);
                    out.truncated = chunk.len() > room || resp.chunk().await?.is_some();
                    break;
                }
                out.body.extend_from_slice(&chunk);
            }
        }
        out.elapsed = start.elapsed();
        Ok(out)
    }
}

/// The host names of the configured proxies, which the guard trusts.
fn proxy_hosts(proxies: &ProxyMatcher) -> HashSet<String> {
    ["http://queuectl.invalid/", "https://queuectl.invalid/"]
        .iter()
        .filter_map(|probe| proxies.intercept(&probe.parse().ok()?))
        .filter_map(|hit| hit.uri().host().map(str::to_ascii_lowercase))
        .collect()
}

fn head(status: u16, headers: &HeaderMap) -> Response {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    Response {
        status,
        content_type: text(header::CONTENT_TYPE),
        location: text(header::LOCATION),
        etag: text(header::ETAG),
        last_modified: text(header::LAST_MODIFIED),
        retry_after: text(header::RETRY_AFTER).and_then(|v| retry_after(&v)),
        link_canonical: link_canonical(
            headers
                .get_all(header::LINK)
                .iter()
                .filter_map(|v| v.to_str().ok()),
        ),
        ..Response::default()
    }
}

/// The target of the first `Link` entry with `rel="canonical"` (RFC 8288).
pub fn link_canonical<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<String> {
    values.into_iter().flat_map(split_links).find_map(|link| {
        let (target, params) = link.trim().strip_prefix('<')?.split_once('>')?;
        let canonical = params
            .split(';')
            .filter_map(|p| p.split_once('='))
            .any(|(name, value)| {
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("canonical"))
            });
        (canonical && !target.trim().is_empty()).then(|| target.trim().to_string())
    })
}

/// A `Link` header value split at the commas between entries (not inside
/// `<…>` or quotes).
fn split_links(value: &str) -> Vec<&str> {
    let (mut parts, mut start, mut in_target, mut in_quote) = (Vec::new(), 0, false, false);
    for (i, c) in value.char_indices() {
        match c {
            '<' if !in_quote => in_target = true,
            '>' if !in_quote => in_target = false,
            '"' if !in_target => in_quote = !in_quote,
            ',' if !in_target && !in_quote => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts
}

/// `Retry-After` as seconds or an HTTP date.
pub fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let ms = at.timestamp_millis() - chrono::Utc::now().timestamp_millis();
    Some(Duration::from_millis(ms.max(0) as u64))
}

/// The absolute target of a 3xx response with a `Location`, if any.
pub fn redirect_target(url: &Url, resp: &Response) -> Option<Url> {
    if !(300..400).contains(&resp.status) || resp.status == 304 {
        return None;
    }
    url.join(resp.location.as_deref()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn canonical_from_link_headers() {
        let c = |vs: &[&str]| link_canonical(vs.iter().copied());
        assert_eq!(
            c(&[r#"<https://a.test/x,y>; rel="preload", </canon>; rel="alternate canonical""#]),
            Some("/canon".into())
        );
        assert_eq!(
            c(&[
                "<https://a.test/style.css>; rel=stylesheet",
                "<https://a.test/c>; REL=Canonical"
            ]),
            Some("https://a.test/c".into())
        );
        assert_eq!(
            c(&[r#"<https://a.test/n>; rel="next"; title="a, canonical""#]),
            None
        );
        assert_eq!(c(&[]), None);
    }

    #[test]
    fn html_types() {
        assert!(is_html("text/html; charset=utf-8"));
        assert!(is_html("application/xhtml+xml"));
        assert!(!is_html("application/pdf"));
        assert!(Response::default().is_html());
    }
}
