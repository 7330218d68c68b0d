//! The bearer token: which requests need it, and a constant-time check.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::routes::ApiError;
use super::AppState;

/// The configured token, kept as its SHA-256 so comparisons take the same
/// time whatever the length or content of the guess.
pub(crate) struct Token([u8; 32]);

impl Token {
    /// Wraps the configured token.
    pub fn new(token: &str) -> Self {
        Self(Sha256::digest(token.as_bytes()).into())
    }

    fn matches(&self, guess: &str) -> bool {
        let guess: [u8; 32] = Sha256::digest(guess.as_bytes()).into();
        self.0.ct_eq(&guess).into()
    }
}

/// Middleware: mutating requests always need the token; off loopback every
/// request does, except the dashboard page and its script and style (static,
/// no data, and a browser cannot attach a header to a page load).
pub(crate) async fn check(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let read = matches!(*request.method(), Method::GET | Method::HEAD);
    let page = super::PAGE_PATHS.contains(&request.uri().path());
    if read && (page || !state.token_for_reads) {
        return next.run(request).await;
    }
    let Some(token) = &state.token else {
        return ApiError::forbidden(
            "mutating routes are disabled: start `queuectl serve` with --token (or QUEUECTL_TOKEN)",
        )
        .into_response();
    };
    match presented(&request) {
        Some(guess) if token.matches(&guess) => next.run(request).await,
        Some(_) => ApiError::unauthorized("invalid bearer token").into_response(),
        None => ApiError::unauthorized("missing bearer token: send `Authorization: Bearer TOKEN`")
            .into_response(),
    }
}

/// The token from `Authorization: Bearer …`, or (WebSocket only, since
/// browsers cannot set headers there) from `?token=`.
fn presented(request: &Request) -> Option<String> {
    let header = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer)
        .map(str::to_string);
    if header.is_some() || request.uri().path() != "/api/queue/ws" {
        return header;
    }
    let query = request.uri().query()?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
}

/// The credentials of an `Authorization: Bearer …` value; the scheme name
/// is case-insensitive (RFC 7235).
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bearer  abc "), Some("abc"));
        assert_eq!(bearer("BEARER abc"), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer"), None);
    }

    #[test]
    fn token_matches_only_itself() {
        let t = Token::new("s3cret");
        assert!(t.matches("s3cret"));
        assert!(!t.matches("s3cre"));
        assert!(!t.matches(""));
    }
}
