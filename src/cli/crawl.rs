//! The arguments of `queuectl crawl`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgGroup, Args, ValueEnum};

use super::job_options::PriorityArgs;
use super::parse_duration;
use crate::crawl::{self, CrawlOptions};

pub(super) const CRAWL_AFTER_HELP: &str = "\
Scope: the seeds' hosts (http and https of one host are one site; a seed that
redirects to another host brings that host in). --include/--exclude match the
URL path and query; exclude wins; seeds are exempt.

robots.txt is fetched once per origin and obeyed for the product token of the
user agent (`queuectl`): 4xx means everything is allowed; 429, 5xx or a network
error means nothing is fetched from that origin. Crawl-delay is honoured (at
most 60s).

Bounds: every page is parsed up to 10 MiB and 200,000 tags (\"truncated\": true), on
one thread per core at most; links, queued URLs, sitemap files and sitemap entries stop at
the --max-* flags below, and the summary's \"limits\" says which were reached.

Output: one JSON object per page (url, finalUrl, status, title, description,
canonical, lang, author, publishedAt, siteName, image, text, links, depth,
contentHash, error, ...; markdown and chunks when asked for); a summary on
stderr, and with --json a last line {\"summary\": {...}}. `text` is the main
content (--content full: every visible string).

Rendering: --render always loads each HTML page in headless Chromium (one browser
per run, --render-concurrency tabs), waits until the network is quiet for 500 ms or
--render-wait passed, and extracts from the rendered DOM (\"rendered\": true); auto
renders only application shells. The page's own requests obey robots.txt and the
private-network guard; images, media and fonts are not loaded (--render-images).

Exit codes: 0 when every seed was fetched; 4 when a seed failed or robots.txt
refused it; 2 for an invalid URL or flag.

Examples:
  queuectl crawl https://example.com --max-pages 5
  queuectl crawl https://example.com/docs/ --include '^/docs/' -o docs.ndjson
  queuectl crawl https://example.com --cache crawl-cache.json
  queuectl crawl https://app.example.com/help/ --render auto
  queuectl crawl https://example.com/docs/ --markdown --chunk-size 512:64 --chunk-unit tokens
  queuectl crawl https://example.com --enqueue --customer acme --tier premium";

fn max_queued_help() -> String {
    format!(
        "Queue at most N URLs found in links and sitemaps per crawl [default: {} × --max-pages]",
        crawl::QUEUED_PER_PAGE
    )
}

/// Page output formats of `queuectl crawl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CrawlFormat {
    /// One JSON object per page, written as each page is done
    Ndjson,
    /// One JSON document {"pages": [...], "summary": {...}} at the end
    Json,
    /// Title and URL of each page, then its content as Markdown
    Markdown,
}

/// When pages are rendered in headless Chromium.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderArg {
    /// Static HTML only
    Never,
    /// Render pages whose HTML is an application shell (little content, an empty script-mounted root)
    Auto,
    /// Render every HTML page
    Always,
}

/// The rendering flags of `crawl` and `worker` (the scrape handler's default).
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// Run the page's JavaScript in headless Chromium and extract from the rendered DOM ("rendered": true)
    #[arg(long, value_enum, default_value_t = RenderArg::Never, value_name = "WHEN", help_heading = "Rendering")]
    pub render: RenderArg,

    /// Wait at most this long for a rendered page's network to go quiet (500 ms without requests)
    #[arg(long, default_value = humantime::format_duration(crawl::RenderOptions::default().wait).to_string(), value_parser = parse_duration, value_name = "DURATION", help_heading = "Rendering")]
    pub render_wait: Duration,

    /// Pages rendered at once, each in a tab of the one browser
    #[arg(long, default_value_t = crawl::RenderOptions::default().concurrency, value_name = "N", help_heading = "Rendering")]
    pub render_concurrency: usize,

    /// Let rendered pages load images, media and fonts (not loaded by default)
    #[arg(long, help_heading = "Rendering")]
    pub render_images: bool,

    /// The Chromium or Chrome executable [default: chromium, google-chrome, ... on PATH]
    #[arg(long, value_name = "PATH", help_heading = "Rendering")]
    pub browser: Option<PathBuf>,
}

/// Arguments of `queuectl crawl`.
#[derive(Debug, Args)]
// The priority flags are job options: they mean something only with --enqueue.
#[command(group(
    ArgGroup::new("job_priority")
        .args(["priority", "customer", "new_customer", "tier"])
        .multiple(true)
        .requires("enqueue")
))]
pub struct CrawlArgs {
    /// Start URLs (http or https)
    #[arg(value_name = "URL", required = true)]
    pub urls: Vec<String>,

    /// Fetch only the given pages, not the pages they link to
    #[arg(long, help_heading = "Limits")]
    pub single_page: bool,

    /// Fetch at most N pages (never exceeded; redirect hops count once)
    #[arg(long, default_value_t = CrawlOptions::default().max_pages, value_name = "N", help_heading = "Limits")]
    pub max_pages: usize,

    /// Follow links at most N levels from a seed
    #[arg(long, default_value_t = CrawlOptions::default().max_depth, value_name = "N", help_heading = "Limits")]
    pub max_depth: u32,

    /// Only crawl URLs whose path and query match REGEX (repeatable)
    #[arg(long, value_name = "REGEX", help_heading = "Limits")]
    pub include: Vec<String>,

    /// Never crawl URLs whose path and query match REGEX (repeatable)
    #[arg(long, value_name = "REGEX", help_heading = "Limits")]
    pub exclude: Vec<String>,

    /// Also crawl subdomains of the seeds' hosts
    #[arg(long, help_heading = "Limits")]
    pub include_subdomains: bool,

    /// Stop after this long, e.g. 30s, 5m
    #[arg(long, value_parser = parse_duration, value_name = "DURATION", help_heading = "Limits")]
    pub max_duration: Option<Duration>,

    /// Do not queue the pages listed in the sitemaps that robots.txt names
    #[arg(long, help_heading = "Limits")]
    pub no_sitemaps: bool,

    /// Keep at most N links per page; the rest are neither recorded nor followed ("linksTruncated": true)
    #[arg(long, default_value_t = crawl::MAX_LINKS_PER_PAGE, value_name = "N", help_heading = "Limits")]
    pub max_links_per_page: usize,

    #[arg(long, value_name = "N", help = max_queued_help(), help_heading = "Limits")]
    pub max_queued: Option<usize>,

    /// Fetch at most N sitemap files per crawl
    #[arg(long, default_value_t = crawl::MAX_SITEMAPS, value_name = "N", help_heading = "Limits")]
    pub max_sitemaps: usize,

    /// Read at most N sitemap entries per crawl, over all sitemap files
    #[arg(long, default_value_t = crawl::MAX_SITEMAP_URLS, value_name = "N", help_heading = "Limits")]
    pub max_sitemap_urls: usize,

    /// Do not fetch or obey robots.txt (only for sites you may crawl anyway)
    #[arg(long, help_heading = "Politeness")]
    pub ignore_robots: bool,

    /// Refuse every request (seeds, redirect hops, robots.txt, sitemaps) to a loopback,
    /// private, CGNAT, link-local, unique-local, multicast or other non-public address,
    /// checked on the address connected to [default: local sites may be crawled]
    #[arg(long, conflicts_with = "enqueue", help_heading = "Politeness")]
    pub deny_private_networks: bool,

    /// Requests in flight per host
    #[arg(long, default_value_t = CrawlOptions::default().host_concurrency, value_name = "N", help_heading = "Politeness")]
    pub host_concurrency: usize,

    /// Minimum time between request starts to one host (plus up to 50% jitter)
    #[arg(long, default_value = humantime::format_duration(CrawlOptions::default().delay).to_string(), value_parser = parse_duration, value_name = "DURATION", help_heading = "Politeness")]
    pub delay: Duration,

    /// Requests in flight overall
    #[arg(long, default_value_t = CrawlOptions::default().concurrency, value_name = "N", help_heading = "Politeness")]
    pub concurrency: usize,

    /// User-Agent header; its first word is the robots.txt product token
    #[arg(long, default_value_t = crawl::default_user_agent(), value_name = "UA", help_heading = "Politeness")]
    pub user_agent: String,

    /// Give up connecting to a web server after this long
    #[arg(long, default_value = humantime::format_duration(CrawlOptions::default().connect_timeout).to_string(), value_parser = parse_duration, value_name = "DURATION", help_heading = "Politeness")]
    pub http_connect_timeout: Duration,

    /// Give up on one request after this long
    #[arg(long, default_value = humantime::format_duration(CrawlOptions::default().request_timeout).to_string(), value_parser = parse_duration, value_name = "DURATION", help_heading = "Politeness")]
    pub request_timeout: Duration,

    #[command(flatten)]
    pub content: super::ContentArgs,

    #[command(flatten)]
    pub render: RenderArgs,

    /// Page output format
    #[arg(long, value_enum, default_value_t = CrawlFormat::Ndjson, value_name = "FORMAT", help_heading = "Crawl output")]
    pub output: CrawlFormat,

    /// Write pages to FILE instead of stdout
    #[arg(short = 'o', long, value_name = "FILE", help_heading = "Crawl output")]
    pub output_file: Option<PathBuf>,

    /// Refresh cache: ETag, Last-Modified and content hash per URL; unchanged pages say so
    #[arg(long, value_name = "PATH", help_heading = "Crawl output")]
    pub cache: Option<PathBuf>,

    /// Ignore the cache's validators and fetch everything again (a refresh job's forceRefresh)
    #[arg(long, help_heading = "Crawl output")]
    pub force_refresh: bool,

    /// Do not crawl here: add a scrape job to scrape-queue for a worker (needs Redis)
    #[arg(long, help_heading = "Enqueue")]
    pub enqueue: bool,

    /// Enqueue a refresh job instead of a crawl
    #[arg(long, requires = "enqueue", help_heading = "Enqueue")]
    pub refresh: bool,

    #[command(flatten, next_help_heading = "Enqueue")]
    pub priority: PriorityArgs,

    /// A second job for the same host inside this window is not added
    #[arg(long, default_value = "1h", value_parser = parse_duration, value_name = "DURATION", help_heading = "Enqueue")]
    pub dedup_window: Duration,

    #[command(flatten)]
    pub wait: super::WaitArgs,
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, FromArgMatches};

    use super::*;
    use crate::cli::{Cli, Command};

    fn parse(flags: &[&str]) -> Result<CrawlArgs, String> {
        let argv = ["queuectl", "crawl", "https://example.com/"];
        let m = Cli::command()
            .mut_args(|a| a.env(None::<&str>))
            .try_get_matches_from(argv.iter().chain(flags))
            .map_err(|e| e.to_string())?;
        match Cli::from_arg_matches(&m)
            .map_err(|e| e.to_string())?
            .command
        {
            Command::Crawl(args) => Ok(*args),
            _ => Err("not crawl".into()),
        }
    }

    #[test]
    fn priority_flags_pick_the_priority_and_need_enqueue() {
        let args = parse(&["--enqueue", "--customer", "c1", "--tier", "premium"]).unwrap();
        assert_eq!(args.priority.value(), Some(2));
        let args = parse(&["--enqueue", "--priority", "bulk", "--customer", "c1"]).unwrap();
        assert_eq!(args.priority.value(), Some(5));
        for flags in [
            &["--priority", "high"][..],
            &["--customer", "c1"],
            &["--customer", "c1", "--new-customer"],
        ] {
            let e = parse(flags).unwrap_err();
            assert!(e.contains("--enqueue"), "{flags:?}: {e}");
        }
    }

    #[test]
    fn the_flag_defaults_are_the_crawl_defaults() {
        let args = parse(&[]).unwrap();
        let d = CrawlOptions::default();
        assert_eq!(
            (args.max_pages, args.max_depth, args.max_links_per_page),
            (d.max_pages, d.max_depth, d.max_links_per_page)
        );
        assert_eq!(
            (args.max_sitemaps, args.max_sitemap_urls, args.max_queued),
            (d.max_sitemaps, d.max_sitemap_urls, d.max_queued)
        );
        assert_eq!(
            (args.host_concurrency, args.concurrency, args.delay),
            (d.host_concurrency, d.concurrency, d.delay)
        );
        assert_eq!(
            (args.http_connect_timeout, args.request_timeout),
            (d.connect_timeout, d.request_timeout)
        );
        assert_eq!(args.user_agent, d.user_agent);
    }
}
