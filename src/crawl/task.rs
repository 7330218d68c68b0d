//! The request futures the crawl loop runs concurrently, and what each yields.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use url::Url;

use super::cache::Entry;
use super::content::ContentOptions;
use super::extract::{self, Extracted};
use super::fetch::{FetchError, Fetcher, Request, Response};
use super::frontier::Job;
use super::parse::{self, Parser};
use super::robots::{self, Rules};
use super::sitemap::{self, Sitemap, SitemapError, MAX_SITEMAP_BYTES};

/// A running request. Not `Send`: the loop polls it on its own task.
pub(super) type Task = Pin<Box<dyn Future<Output = Done>>>;

/// A finished request.
pub(super) enum Done {
    Robots {
        origin: String,
        host: String,
        rules: Rules,
    },
    Page {
        job: Job,
        result: Result<Box<Fetched>, FetchError>,
    },
    Sitemap {
        job: Job,
        result: Result<Box<SitemapFetched>, FetchError>,
    },
}

/// A page response with its extraction (HTML only).
pub(super) struct Fetched {
    pub resp: Response,
    pub extracted: Option<Extracted>,
    pub hash: Option<String>,
    /// Only the first [`parse::MAX_PARSE_TAGS`] tags were parsed.
    pub parse_cut: bool,
}

/// A sitemap response, parsed when its body was read (2xx).
pub(super) struct SitemapFetched {
    pub resp: Response,
    pub parsed: Option<Result<Sitemap, SitemapError>>,
}

/// Fetches an origin's robots.txt, retrying while it is unreachable with
/// waits of at least `min_wait` (the crawl's delay).
pub(super) fn robots(
    fetcher: &Fetcher,
    token: &str,
    origin: &str,
    url: &Url,
    host: String,
    min_wait: Duration,
) -> Task {
    let (fetcher, token, origin, url) = (
        fetcher.clone(),
        token.to_string(),
        origin.to_string(),
        url.clone(),
    );
    Box::pin(async move {
        let rules = robots::fetch_retrying(&fetcher, &url, &token, min_wait).await;
        Done::Robots {
            origin,
            host,
            rules,
        }
    })
}

/// Fetches one page.
pub(super) fn page(
    (fetcher, parser): (&Fetcher, &Parser),
    job: Job,
    conditional: Option<Entry>,
    content: ContentOptions,
) -> Task {
    let req = Request {
        conditional,
        ..Request::default()
    };
    let (fetcher, parser) = (fetcher.clone(), parser.clone());
    Box::pin(async move {
        let result = fetch_and_parse(&fetcher, &parser, &job.url, &req, content).await;
        Done::Page { job, result }
    })
}

/// Fetches and parses one sitemap file, reading at most `limit` entries.
pub(super) fn sitemap((fetcher, parser): (&Fetcher, &Parser), job: Job, limit: usize) -> Task {
    let req = Request {
        cap: MAX_SITEMAP_BYTES,
        any_type: true,
        ..Request::default()
    };
    let (fetcher, parser) = (fetcher.clone(), parser.clone());
    Box::pin(async move {
        let result = fetch_sitemap(&fetcher, &parser, &job.url, &req, limit).await;
        Done::Sitemap { job, result }
    })
}

async fn fetch_sitemap(
    fetcher: &Fetcher,
    parser: &Parser,
    url: &Url,
    req: &Request,
    limit: usize,
) -> Result<Box<SitemapFetched>, FetchError> {
    let mut resp = fetcher.get(url, req).await?;
    if !resp.body_read {
        return Ok(Box::new(SitemapFetched { resp, parsed: None }));
    }
    let body = std::mem::take(&mut resp.body);
    let parsed = parser.run(move || sitemap::parse(&body, limit)).await?;
    Ok(Box::new(SitemapFetched {
        resp,
        parsed: Some(parsed),
    }))
}

/// Fetches a page and, for HTML, decodes and extracts it on the blocking pool.
async fn fetch_and_parse(
    fetcher: &Fetcher,
    parser: &Parser,
    url: &Url,
    req: &Request,
    content: ContentOptions,
) -> Result<Box<Fetched>, FetchError> {
    let mut resp = fetcher.get(url, req).await?;
    if !resp.body_read {
        return Ok(Box::new(Fetched {
            resp,
            extracted: None,
            hash: None,
            parse_cut: false,
        }));
    }
    let body = std::mem::take(&mut resp.body);
    let (content_type, base, max_links) =
        (resp.content_type.clone(), url.clone(), parser.max_links);
    let (extracted, hash, parse_cut) = parser
        .run(move || {
            let hash = extract::sha256_hex(&body);
            let text = extract::decode(&body, content_type.as_deref());
            let (html, cut) = parse::within_tag_limit(&text);
            (
                extract::extract(html, &base, &content, max_links),
                hash,
                cut,
            )
        })
        .await?;
    Ok(Box::new(Fetched {
        resp,
        extracted: Some(extracted),
        hash: Some(hash),
        parse_cut,
    }))
}
