//! One page in one tab: every request paused (CDP `Fetch`) and answered by
//! the crawl's rules, the document served from the static fetch, then the DOM
//! read once the network has been quiet for [`QUIET`] or the wait bound passed.
//! With the private-network guard on, the browser never connects anywhere:
//! the crawler's client makes each allowed request (checked on the address it
//! connects to, so a rebinding DNS answer gains nothing) and the browser is
//! given the response.

use std::collections::HashSet;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chromiumoxide::cdp::browser_protocol::fetch::{
    ContinueRequestParams, EnableParams, EventRequestPaused, FailRequestParams,
    FulfillRequestParams, HeaderEntry, RequestId, RequestPattern, RequestStage,
};
use chromiumoxide::cdp::browser_protocol::network::{
    ErrorReason, EventLoadingFailed, EventLoadingFinished, EventRequestWillBeSent, ResourceType,
};
use chromiumoxide::cdp::browser_protocol::page::NavigateParams;
use chromiumoxide::error::CdpError;
use chromiumoxide::Page;
use futures::StreamExt;
use tokio::time::Instant;
use url::Url;

use super::browser::Instance;
use super::{Document, Rendered, Renderer};
use crate::crawl::fetch::{FetchError, RelayRequest, Relayed, MAX_BODY};

/// No request in flight for this long counts as quiet.
const QUIET: Duration = Duration::from_millis(500);
/// Time for the tab itself (opening, reading the DOM) beyond the wait bound.
const TAB_OVERHEAD: Duration = Duration::from_secs(15);

/// Why a render failed: the browser (restart it) or this page.
pub(super) enum TabError {
    Browser(String),
    Page(String),
}

/// Renders `doc` in a tab of `instance`: an idle one, else a new one. A tab
/// that rendered cleanly goes back idle (blank), which spares the next page
/// a new renderer process; any other is closed.
pub(super) async fn render(
    instance: &Instance,
    r: &Renderer,
    doc: &Document<'_>,
) -> Result<Rendered, TabError> {
    let classify = |e: CdpError| {
        if instance.alive() {
            TabError::Page(format!("rendering: {e}"))
        } else {
            TabError::Browser(e.to_string())
        }
    };
    let bound = r.opts.wait + TAB_OVERHEAD;
    let page = match instance.idle_tab() {
        Some(page) => page,
        None => tokio::time::timeout(bound, instance.browser.new_page("about:blank"))
            .await
            .map_err(|_| TabError::Browser("opening a tab timed out".into()))?
            .map_err(classify)?,
    };
    // A dead browser answers nothing, so its death is watched for.
    let result = tokio::select! {
        done = tokio::time::timeout(bound, drive(&page, r, doc)) => match done {
            Ok(result) => result.map_err(classify),
            Err(_) => Err(TabError::Page("rendering timed out".into())),
        },
        () = died(instance) => Err(TabError::Browser("the browser died".into())),
    };
    if matches!(result, Err(TabError::Browser(_))) {
        return result;
    }
    let blank = tokio::time::timeout(
        TAB_OVERHEAD,
        page.execute(NavigateParams::new("about:blank")),
    );
    match (&result, blank.await) {
        (Ok(_), Ok(Ok(_))) => instance.put_idle_tab(page),
        _ => {
            let _ = page.close().await;
        }
    }
    result
}

/// Resolves once the browser has exited or its connection has closed.
async fn died(instance: &Instance) {
    while instance.alive() {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Requests in flight and when that last changed.
struct Activity {
    inflight: HashSet<String>,
    changed: Instant,
}

impl Activity {
    fn quiet_at(&self) -> Option<Instant> {
        self.inflight.is_empty().then_some(self.changed + QUIET)
    }
}

async fn drive(page: &Page, r: &Renderer, doc: &Document<'_>) -> Result<Rendered, CdpError> {
    let mut paused = page.event_listener::<EventRequestPaused>().await?;
    let mut sent = page.event_listener::<EventRequestWillBeSent>().await?;
    let mut finished = page.event_listener::<EventLoadingFinished>().await?;
    let mut failed = page.event_listener::<EventLoadingFailed>().await?;
    // Idempotent, so a reused tab is enabled again.
    page.execute(EnableParams {
        patterns: Some(vec![RequestPattern {
            url_pattern: Some("*".into()),
            resource_type: None,
            request_stage: Some(RequestStage::Request),
        }]),
        handle_auth_requests: None,
    })
    .await?;
    let deadline = Instant::now() + r.opts.wait;
    let navigate = page.execute(NavigateParams::new(doc.url.as_str()));
    tokio::pin!(navigate);
    let mut navigated = false;
    let mut served = false;
    let mut act = Activity {
        inflight: HashSet::new(),
        changed: Instant::now(),
    };
    loop {
        let quiet = act.quiet_at().filter(|_| navigated).unwrap_or(deadline);
        let wake = quiet.min(deadline);
        tokio::select! {
            done = &mut navigate, if !navigated => {
                navigated = true;
                if let Some(e) = done?.result.error_text {
                    return Err(CdpError::ChromeMessage(e));
                }
            }
            Some(ev) = paused.next() => answer(page, r, doc, &ev, &mut served).await?,
            Some(ev) = sent.next() => {
                act.inflight.insert(ev.request_id.inner().clone());
                act.changed = Instant::now();
            }
            Some(ev) = finished.next() => {
                act.inflight.remove(ev.request_id.inner());
                act.changed = Instant::now();
            }
            Some(ev) = failed.next() => {
                act.inflight.remove(ev.request_id.inner());
                act.changed = Instant::now();
            }
            () = tokio::time::sleep_until(wake) => break,
        }
    }
    let mut html = page.content().await?;
    let truncated = html.len() > MAX_BODY;
    if truncated {
        let mut end = MAX_BODY;
        while !html.is_char_boundary(end) {
            end -= 1;
        }
        html.truncate(end);
    }
    Ok(Rendered { html, truncated })
}

/// Serves the document from the static fetch, lets allowed requests go and
/// fails the rest.
async fn answer(
    page: &Page,
    r: &Renderer,
    doc: &Document<'_>,
    ev: &EventRequestPaused,
    served: &mut bool,
) -> Result<(), CdpError> {
    let id = ev.request_id.clone();
    let url = Url::parse(&ev.request.url).ok();
    let is_doc =
        !*served && ev.resource_type == ResourceType::Document && url.as_ref() == Some(doc.url);
    if is_doc {
        *served = true;
        page.execute(fulfil(id, doc)).await?;
        return Ok(());
    }
    let fail = |reason| FailRequestParams::new(id.clone(), reason);
    let url = match (verdict(r, doc, url.as_ref(), &ev.resource_type), url) {
        (Ok(()), Some(url)) => url,
        _ => {
            return page
                .execute(fail(ErrorReason::BlockedByClient))
                .await
                .map(drop)
        }
    };
    if !r.guard {
        return page
            .execute(ContinueRequestParams::new(id.clone()))
            .await
            .map(drop);
    }
    match r.fetcher.relay(relay_request(ev, &url)).await {
        Ok(resp) => page.execute(relayed(id.clone(), resp)).await.map(drop),
        Err(e) => {
            let reason = match e {
                FetchError::Refused(why) => {
                    r.record_refusal(&url, why);
                    ErrorReason::BlockedByClient
                }
                FetchError::Timeout => ErrorReason::TimedOut,
                _ => ErrorReason::ConnectionFailed,
            };
            page.execute(fail(reason)).await.map(drop)
        }
    }
}

/// The page's request as the crawler's client sends it.
fn relay_request<'a>(ev: &'a EventRequestPaused, url: &'a Url) -> RelayRequest<'a> {
    let headers = ev
        .request
        .headers
        .inner()
        .as_object()
        .map(|h| {
            h.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let body: Vec<u8> = ev
        .request
        .post_data_entries
        .iter()
        .flatten()
        .filter_map(|e| e.bytes.as_ref())
        .filter_map(|b| BASE64.decode(AsRef::<str>::as_ref(b)).ok())
        .flatten()
        .collect();
    RelayRequest {
        method: &ev.request.method,
        url,
        headers,
        body: (!body.is_empty()).then_some(body),
    }
}

fn relayed(id: RequestId, resp: Relayed) -> FulfillRequestParams {
    let mut params = FulfillRequestParams::new(id, i64::from(resp.status));
    params.response_headers = Some(
        resp.headers
            .into_iter()
            .map(|(k, v)| HeaderEntry::new(k, v))
            .collect(),
    );
    params.body = Some(BASE64.encode(resp.body).into());
    params
}

fn fulfil(id: RequestId, doc: &Document<'_>) -> FulfillRequestParams {
    let content_type = doc.content_type.unwrap_or("text/html");
    let mut params = FulfillRequestParams::new(id, 200);
    params.response_headers = Some(vec![HeaderEntry::new("Content-Type", content_type)]);
    params.body = Some(BASE64.encode(doc.body).into());
    params
}

/// Whether the page may make this request: http(s) only, no images, media or
/// fonts unless asked, and robots.txt for the page's own origin (the guard
/// is the relay's).
fn verdict(
    r: &Renderer,
    doc: &Document<'_>,
    url: Option<&Url>,
    kind: &ResourceType,
) -> Result<(), ()> {
    let Some(url) = url.filter(|u| matches!(u.scheme(), "http" | "https")) else {
        return Err(());
    };
    // The browser's own favicon request comes as `Other`.
    let heavy = matches!(
        kind,
        ResourceType::Image | ResourceType::Media | ResourceType::Font
    ) || url.path() == "/favicon.ico";
    if heavy && !r.opts.load_images {
        return Err(());
    }
    match &doc.rules {
        Some(rules) if url.origin() == doc.url.origin() => rules.check(url).map_err(drop),
        _ => Ok(()),
    }
}
