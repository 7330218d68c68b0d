//! What every request passes before auth and routing: the Host allow-list
//! (against DNS rebinding), the WebSocket Origin check over the same list,
//! and the security headers on every response.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::uri::Authority;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::routes::ApiError;
use super::AppState;

/// Only the page's own origin, no framing, no plugins, no `<base>`.
const CSP: &str = "default-src 'self'; base-uri 'none'; form-action 'self'; \
                   frame-ancestors 'none'; object-src 'none'";

/// The headers set on every response.
const SECURITY_HEADERS: [(header::HeaderName, &str); 4] = [
    (header::CONTENT_SECURITY_POLICY, CSP),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::REFERRER_POLICY, "no-referrer"),
];

/// The host names and addresses this server answers for.
#[derive(Debug, Clone)]
pub(crate) struct AllowedHosts {
    bind: SocketAddr,
    /// `--allowed-host` entries, lower-cased, each with its port when it named one.
    names: Vec<(String, Option<u16>)>,
}

impl AllowedHosts {
    /// On a loopback bind: loopback names and addresses with the bound port.
    /// Off loopback: the bound address (any address literal when bound to
    /// 0.0.0.0 or ::, as a literal cannot be rebound) and `extra`.
    pub fn new(bind: SocketAddr, extra: &[String]) -> Self {
        let names = extra
            .iter()
            .filter_map(|e| split(&e.to_ascii_lowercase()))
            .collect();
        Self { bind, names }
    }

    /// Whether `authority` (a Host header, or an Origin's host and port) names this server.
    pub fn allows(&self, authority: &str) -> bool {
        let Some((host, port)) = split(&authority.to_ascii_lowercase()) else {
            return false;
        };
        let named = self
            .names
            .iter()
            .any(|(n, p)| *n == host && (*p == port || (p.is_none() && self.our_port(port))));
        named || (self.our_port(port) && self.our_address(&host))
    }

    /// A Host without a port means 80.
    fn our_port(&self, port: Option<u16>) -> bool {
        port.unwrap_or(80) == self.bind.port()
    }

    fn our_address(&self, host: &str) -> bool {
        let ip = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host)
            .parse::<IpAddr>();
        let bound = self.bind.ip();
        match ip {
            Ok(ip) if bound.is_loopback() => ip.is_loopback(),
            Ok(ip) => bound.is_unspecified() || ip == bound,
            Err(_) => bound.is_loopback() && host == "localhost",
        }
    }
}

/// Whether an `--allowed-host` value is usable.
pub(crate) fn valid_entry(entry: &str) -> bool {
    split(entry).is_some()
}

/// `host[:port]` into its parts; `None` for anything that is not a plain
/// authority (user info, an empty host, a bad port).
fn split(text: &str) -> Option<(String, Option<u16>)> {
    let authority: Authority = text.parse().ok()?;
    if authority.as_str().contains('@') || authority.host().is_empty() {
        return None;
    }
    if authority.port().is_some() && authority.port_u16().is_none() {
        return None;
    }
    Some((authority.host().to_string(), authority.port_u16()))
}

/// Middleware: 421 unless the request names an allowed host (its Host
/// header, and the authority of an absolute-form request line).
pub(crate) async fn check_host(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    let line = request.uri().authority().map(Authority::as_str);
    let allowed = |a: Option<&str>| a.is_some_and(|a| state.hosts.allows(a));
    if allowed(host) && (line.is_none() || allowed(line)) {
        return next.run(request).await;
    }
    ApiError::new(
        StatusCode::MISDIRECTED_REQUEST,
        "this server does not answer for that Host (see `queuectl serve --allowed-host`)",
    )
    .into_response()
}

/// Whether a WebSocket upgrade may proceed: without an Origin (not a
/// browser) yes; with one, its host and port must be allowed, whatever the
/// request's own Host says.
pub(crate) fn origin_allowed(hosts: &AllowedHosts, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Some(url) = origin.to_str().ok().and_then(|o| url::Url::parse(o).ok()) else {
        return false;
    };
    let host = match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        (None, _) => return false,
    };
    matches!(url.scheme(), "http" | "https") && hosts.allows(&host)
}

/// Middleware: the security headers on every response.
pub(crate) async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(bind: &str, extra: &[&str]) -> AllowedHosts {
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        AllowedHosts::new(bind.parse().unwrap(), &extra)
    }

    #[test]
    fn loopback_binds_answer_only_for_loopback_names_on_their_port() {
        let h = hosts("127.0.0.1:8080", &[]);
        for ok in [
            "127.0.0.1:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
            "127.9.9.9:8080",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "rebind.evil.example:8080",
            "localhost:8081",
            "localhost",
            "10.0.0.1:8080",
            "user@localhost:8080",
            "localhost:99999",
            "",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
    }

    #[test]
    fn other_binds_answer_for_their_address_and_allowed_names() {
        let h = hosts("10.1.2.3:80", &["Queue.example", "proxy.example:8443"]);
        for ok in [
            "10.1.2.3",
            "10.1.2.3:80",
            "queue.example",
            "proxy.example:8443",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "127.0.0.1:80",
            "localhost",
            "proxy.example",
            "queue.example:81",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
        let any = hosts("0.0.0.0:9000", &[]);
        assert!(any.allows("192.168.1.5:9000") && !any.allows("evil.example:9000"));
    }

    #[test]
    fn origins_are_checked_against_the_list() {
        let h = hosts("127.0.0.1:8080", &[]);
        let mut headers = HeaderMap::new();
        assert!(origin_allowed(&h, &headers));
        for (origin, ok) in [
            ("http://localhost:8080", true),
            ("http://rebind.evil.example:8080", false),
            ("null", false),
            ("file://localhost:8080", false),
        ] {
            headers.insert(header::ORIGIN, origin.parse().unwrap());
            assert_eq!(origin_allowed(&h, &headers), ok, "{origin}");
        }
    }
}
