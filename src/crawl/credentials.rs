//! URL passwords: the crawl keeps a seed's `user:pass@` per origin for its
//! requests, and every URL it records, reports or prints has none.

use std::collections::HashMap;

use url::Url;

/// The URL without its `user:pass@` part.
pub fn strip(url: &Url) -> Url {
    let mut url = url.clone();
    // Only URLs that cannot have a host refuse these; they have no userinfo either.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url
}

/// The URL as text for a record, message or job result: no userinfo.
pub fn redact(url: &Url) -> String {
    strip(url).to_string()
}

/// [`redact`] for text that may be a URL (other text is returned as it is).
pub fn redact_text(text: &str) -> String {
    Url::parse(text).map_or_else(|_| text.to_string(), |url| redact(&url))
}

/// The seeds' userinfo by origin; requests to an origin carry its seed's.
#[derive(Debug, Clone, Default)]
pub struct Credentials(HashMap<String, (String, Option<String>)>);

impl Credentials {
    /// The userinfo of the seeds that have one (the first per origin wins).
    pub fn from_seeds(seeds: &[Url]) -> Self {
        let mut map = HashMap::new();
        for seed in seeds.iter().filter(|s| has_userinfo(s)) {
            let info = (
                seed.username().to_string(),
                seed.password().map(str::to_string),
            );
            map.entry(origin(seed)).or_insert(info);
        }
        Credentials(map)
    }

    /// The URL to request: `url` with its origin's userinfo, if any.
    pub fn apply(&self, url: &Url) -> Url {
        let mut url = url.clone();
        if let Some((user, pass)) = self.0.get(&origin(&url)) {
            let _ = url.set_username(user);
            let _ = url.set_password(pass.as_deref());
        }
        url
    }
}

fn has_userinfo(url: &Url) -> bool {
    !url.username().is_empty() || url.password().is_some()
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_redacted_and_reapplied_per_origin() {
        let seed = Url::parse("http://user:s%40cret@a.test:8080/x?q=1").unwrap();
        assert_eq!(redact(&seed), "http://a.test:8080/x?q=1");
        assert_eq!(redact_text("http://u:p@b.test/c"), "http://b.test/c");
        assert_eq!(redact_text("/relative"), "/relative");
        let creds = Credentials::from_seeds(std::slice::from_ref(&seed));
        let page = Url::parse("http://a.test:8080/robots.txt").unwrap();
        assert_eq!(
            creds.apply(&page).as_str(),
            "http://user:s%40cret@a.test:8080/robots.txt"
        );
        let other = Url::parse("http://b.test/").unwrap();
        assert_eq!(creds.apply(&other), other);
    }
}
