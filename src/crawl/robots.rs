//! robots.txt per RFC 9309: what each origin's file (or failure to get it) allows.

use std::time::Duration;

use texting_robots::Robot;
use url::Url;

use super::fetch::{self, FetchError, Fetcher, Request};
use super::politeness;

/// RFC 9309 §2.5: parse at least 500 KiB; we read exactly that much.
pub const MAX_ROBOTS_BYTES: usize = 500 * 1024;
/// Redirect hops followed for robots.txt before it counts as unavailable.
const MAX_ROBOTS_REDIRECTS: usize = 5;
/// Waits before the second and third robots.txt attempts while it is
/// unreachable (each jittered up to +50 %, and never shorter than the crawl's delay).
pub const ROBOTS_RETRY_WAITS: [Duration; 2] = [Duration::from_millis(500), Duration::from_secs(1)];
/// The largest Crawl-delay honoured; larger values are clamped with a warning.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// What an origin's robots.txt allows.
pub enum Rules {
    /// A parsed file.
    Parsed(Box<Robot>),
    /// No usable file (4xx, too many redirects) or robots ignored: everything allowed.
    AllowAll,
    /// 429, 5xx, timeout or network error: nothing may be fetched.
    Unreachable(String),
}

impl Rules {
    /// Whether `url` may be fetched; the reason when not.
    pub fn check(&self, url: &Url) -> Result<(), String> {
        match self {
            Rules::Parsed(robot) if !robot.allowed(url.as_str()) => {
                Err("disallowed by robots.txt".into())
            }
            Rules::Unreachable(why) => Err(format!("robots.txt unreachable ({why})")),
            _ => Ok(()),
        }
    }

    /// The Crawl-delay for our group, if the file sets one (unclamped seconds).
    pub fn crawl_delay(&self) -> Option<f32> {
        match self {
            Rules::Parsed(robot) => robot.delay,
            _ => None,
        }
    }
}

/// The product token robots groups are matched against: the user agent's
/// leading `[A-Za-z_-]+` (texting_robots wants the bare token, not `name/1.0 (+url)`).
pub fn product_token(user_agent: &str) -> String {
    let token: String = user_agent
        .chars()
        .take_while(|c| c.is_ascii_alphabetic() || *c == '_' || *c == '-')
        .collect();
    if token.is_empty() {
        "queuectl".into()
    } else {
        token
    }
}

/// RFC 9309 §2.3.1 status rules for a final (non-redirect) response.
pub fn from_status(status: u16, body: &[u8], token: &str) -> Rules {
    match status {
        200..=299 => {
            let body = &body[..body.len().min(MAX_ROBOTS_BYTES)];
            match Robot::new(token, body) {
                Ok(robot) => Rules::Parsed(Box::new(robot)),
                // An unparsable file sets no rules.
                Err(_) => Rules::AllowAll,
            }
        }
        429 => Rules::Unreachable("HTTP 429".into()),
        400..=499 => Rules::AllowAll,
        _ => Rules::Unreachable(format!("HTTP {status}")),
    }
}

/// Clamps a Crawl-delay to [0, 60 s]; the second value is a warning when clamped.
pub fn clamp_delay(secs: Option<f32>) -> (Option<Duration>, Option<String>) {
    let Some(secs) = secs else {
        return (None, None);
    };
    match Duration::try_from_secs_f32(secs) {
        Ok(d) if d <= MAX_CRAWL_DELAY => (Some(d), None),
        _ if secs < 0.0 => (None, None),
        _ => (
            Some(MAX_CRAWL_DELAY),
            Some(format!(
                "Crawl-delay {secs} s is above the {} s cap; using {} s",
                MAX_CRAWL_DELAY.as_secs(),
                MAX_CRAWL_DELAY.as_secs()
            )),
        ),
    }
}

/// [`fetch`], tried again after each of [`ROBOTS_RETRY_WAITS`] while the file
/// is unreachable (RFC 9309 §2.3.1.4); the reason then says how often it was tried.
pub async fn fetch_retrying(
    fetcher: &Fetcher,
    origin: &Url,
    token: &str,
    min_wait: Duration,
) -> Rules {
    let mut rules = fetch(fetcher, origin, token).await;
    for wait in ROBOTS_RETRY_WAITS {
        match rules {
            Err(FetchError::Refused(_)) => break,
            Ok(Rules::Unreachable(_)) | Err(_) => {}
            Ok(rules) => return rules,
        }
        tokio::time::sleep(politeness::jitter(wait.max(min_wait))).await;
        rules = fetch(fetcher, origin, token).await;
    }
    let attempts = ROBOTS_RETRY_WAITS.len() + 1;
    match rules {
        // The guard's refusal is final: it was tried once.
        Err(e @ FetchError::Refused(_)) => Rules::Unreachable(e.to_string()),
        Err(e) => Rules::Unreachable(format!("{e}, {attempts} attempts")),
        Ok(Rules::Unreachable(why)) => Rules::Unreachable(format!("{why}, {attempts} attempts")),
        Ok(rules) => rules,
    }
}

/// Fetches and interprets `origin`'s robots.txt, following up to 5
/// redirects; `Err` when a request got no response.
pub async fn fetch(fetcher: &Fetcher, origin: &Url, token: &str) -> Result<Rules, FetchError> {
    let Ok(mut url) = origin.join("/robots.txt") else {
        return Ok(Rules::AllowAll);
    };
    let req = Request {
        cap: MAX_ROBOTS_BYTES,
        any_type: true,
        ..Request::default()
    };
    for _ in 0..=MAX_ROBOTS_REDIRECTS {
        let resp = fetcher.get(&url, &req).await?;
        match fetch::redirect_target(&url, &resp) {
            Some(next) => url = next,
            None => return Ok(from_status(resp.status, &resp.body, token)),
        }
    }
    Ok(Rules::AllowAll)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &[u8] = b"User-agent: queuectl\nDisallow: /private\nAllow: /private/ok\nDisallow: /*.pdf$\nCrawl-delay: 0.2\n\nUser-agent: *\nDisallow: /\n";

    fn allowed(rules: &Rules, path: &str) -> bool {
        rules
            .check(&Url::parse(&format!("http://a.test{path}")).unwrap())
            .is_ok()
    }

    #[test]
    fn token_is_the_bare_product_name() {
        assert_eq!(product_token("queuectl/0.1.0 (+https://x)"), "queuectl");
        assert_eq!(product_token("/weird"), "queuectl");
    }

    #[test]
    fn our_group_applies_with_wildcards_and_anchors() {
        let rules = from_status(200, TXT, &product_token("queuectl/1.0 (+u)"));
        assert!(allowed(&rules, "/page"));
        assert!(!allowed(&rules, "/private/x"));
        assert!(allowed(&rules, "/private/ok"));
        assert!(!allowed(&rules, "/a.pdf"));
        assert!(allowed(&rules, "/a.pdf?x=1"));
        assert_eq!(rules.crawl_delay(), Some(0.2));
        let other = from_status(200, TXT, "otherbot");
        assert!(!allowed(&other, "/page"));
    }

    #[test]
    fn status_rules_follow_rfc_9309() {
        assert!(allowed(&from_status(404, b"", "queuectl"), "/x"));
        assert!(allowed(&from_status(403, b"", "queuectl"), "/x"));
        for status in [429, 500, 503] {
            assert!(
                !allowed(&from_status(status, b"", "queuectl"), "/x"),
                "{status}"
            );
        }
    }

    #[test]
    fn rules_past_500_kib_are_ignored() {
        let mut txt = b"User-agent: *\n".to_vec();
        txt.resize(MAX_ROBOTS_BYTES + 10, b'#');
        txt.extend_from_slice(b"\nDisallow: /\n");
        assert!(allowed(&from_status(200, &txt, "queuectl"), "/x"));
    }

    #[test]
    fn crawl_delay_is_clamped() {
        assert_eq!(clamp_delay(Some(0.5)).0, Some(Duration::from_millis(500)));
        let (d, warning) = clamp_delay(Some(f32::INFINITY));
        assert_eq!(d, Some(MAX_CRAWL_DELAY));
        assert!(warning.is_some());
        assert_eq!(clamp_delay(Some(1e40_f64 as f32)).0, Some(MAX_CRAWL_DELAY));
        assert_eq!(clamp_delay(Some(-1.0)), (None, None));
        assert_eq!(clamp_delay(Some(f32::NAN)).0, Some(MAX_CRAWL_DELAY));
    }
}
