//! The request futures the crawl loop runs concurrently, and what each yields.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use url::Url;

use super::cache::Entry;
use super::content::ContentOptions;
use super::extract::{self, Extracted};
use super::fetch::{FetchError, Fetcher, Request, Response};
use super::frontier::Job;
use super::parse::{self, Parser};
use super::render::{self, Document, RenderMode, Renderer};
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
    /// The static HTML looks like an application shell.
    pub shell: bool,
    /// `extracted` comes from the rendered DOM.
    pub rendered: bool,
    /// Why rendering was tried and failed (`extracted` is the static HTML's).
    pub render_error: Option<String>,
}

/// What a page task renders with.
pub(super) struct RenderWith {
    pub renderer: Rc<Renderer>,
    pub mode: RenderMode,
    /// The robots.txt rules of the page's origin.
    pub rules: Option<Rc<Rules>>,
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
    render: Option<RenderWith>,
) -> Task {
    let req = Request {
        conditional,
        ..Request::default()
    };
    let (fetcher, parser) = (fetcher.clone(), parser.clone());
    Box::pin(async move {
        let keep_body = render.is_some();
        let mut result =
            fetch_and_parse(&fetcher, &parser, &job.url, &req, content, keep_body).await;
        if let (Ok(fetched), Some(with)) = (&mut result, render) {
            rendered(fetched, &parser, &job.url, content, with).await;
        }
        Done::Page { job, result }
    })
}

/// Renders a fetched HTML page when the mode asks for it and extracts from
/// the rendered DOM instead.
async fn rendered(
    f: &mut Fetched,
    parser: &Parser,
    url: &Url,
    content: ContentOptions,
    with: RenderWith,
) {
    if !f.resp.body_read || !(200..300).contains(&f.resp.status) || !f.resp.is_html() {
        return;
    }
    let wanted = match with.mode {
        RenderMode::Never => false,
        RenderMode::Always => true,
        RenderMode::Auto => f.shell,
    };
    if !wanted {
        return;
    }
    let doc = Document {
        url,
        content_type: f.resp.content_type.as_deref(),
        body: &f.resp.body,
        rules: with.rules,
    };
    let page = match with.renderer.render(&doc).await {
        Ok(page) => page,
        Err(e) => {
            f.render_error = Some(e);
            return;
        }
    };
    let (base, max_links) = (url.clone(), parser.max_links);
    let parsed = parser
        .run(page.html.len(), move || {
            let (html, cut) = parse::within_tag_limit(&page.html);
            (extract::extract(html, &base, &content, max_links), cut)
        })
        .await;
    match parsed {
        Ok((x, cut)) => {
            f.extracted = Some(x);
            f.parse_cut = cut;
            f.resp.truncated |= page.truncated;
            f.rendered = true;
        }
        Err(e) => f.render_error = Some(e.to_string()),
    }
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
    let parsed = parser
        .run(body.len(), move || sitemap::parse(&body, limit))
        .await?;
    Ok(Box::new(SitemapFetched {
        resp,
        parsed: Some(parsed),
    }))
}

/// Fetches a page and, for HTML, decodes and extracts it on a parse thread.
async fn fetch_and_parse(
    fetcher: &Fetcher,
    parser: &Parser,
    url: &Url,
    req: &Request,
    content: ContentOptions,
    keep_body: bool,
) -> Result<Box<Fetched>, FetchError> {
    let mut resp = fetcher.get(url, req).await?;
    if !resp.body_read {
        return Ok(Box::new(Fetched {
            resp,
            extracted: None,
            hash: None,
            parse_cut: false,
            shell: false,
            rendered: false,
            render_error: None,
        }));
    }
    let body = std::mem::take(&mut resp.body);
    let (content_type, base, max_links) =
        (resp.content_type.clone(), url.clone(), parser.max_links);
    let (extracted, hash, parse_cut, shell, body) = parser
        .run(body.len(), move || {
            let hash = extract::sha256_hex(&body);
            let text = extract::decode(&body, content_type.as_deref());
            let (html, cut) = parse::within_tag_limit(&text);
            let x = extract::extract(html, &base, &content, max_links);
            let shell = render::looks_like_shell(html, x.word_count);
            drop(text);
            (x, hash, cut, shell, keep_body.then_some(body))
        })
        .await?;
    // Kept for the browser, which is served the document from it.
    resp.body = body.unwrap_or_default();
    Ok(Box::new(Fetched {
        resp,
        extracted: Some(extracted),
        hash: Some(hash),
        parse_cut,
        shell,
        rendered: false,
        render_error: None,
    }))
}
