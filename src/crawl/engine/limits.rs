//! The crawl's bounds: which were reached, how often, and the one warning the
//! user gets the first time each is.

use std::ops::ControlFlow;

use super::Engine;
use crate::crawl::{Event, LimitHit};

/// A bound with a flag.
#[derive(Debug, Clone, Copy)]
pub(super) enum Limit {
    LinksPerPage,
    Queued,
    Sitemaps,
    SitemapUrls,
}

impl Limit {
    fn flag(self) -> &'static str {
        match self {
            Limit::LinksPerPage => "--max-links-per-page",
            Limit::Queued => "--max-queued",
            Limit::Sitemaps => "--max-sitemaps",
            Limit::SitemapUrls => "--max-sitemap-urls",
        }
    }

    fn effect(self) -> &'static str {
        match self {
            Limit::LinksPerPage => "a page's later links are neither recorded nor followed",
            Limit::Queued => "no more discovered URLs are queued",
            Limit::Sitemaps => "no more sitemap files are fetched",
            Limit::SitemapUrls => "no more sitemap entries are read",
        }
    }
}

impl<F> Engine<'_, F>
where
    F: FnMut(Event<'_>) -> ControlFlow<()>,
{
    /// Counts `hits` cuts against a bound, warning the first time.
    pub(super) fn hit(&mut self, limit: Limit, hits: usize) {
        if hits == 0 {
            return;
        }
        let (max, slot) = match limit {
            Limit::LinksPerPage => (
                self.opts.max_links_per_page,
                &mut self.report.limits.max_links_per_page,
            ),
            Limit::Queued => (self.max_queued, &mut self.report.limits.max_queued),
            Limit::Sitemaps => (self.opts.max_sitemaps, &mut self.report.limits.max_sitemaps),
            Limit::SitemapUrls => (
                self.opts.max_sitemap_urls,
                &mut self.report.limits.max_sitemap_urls,
            ),
        };
        match slot {
            Some(seen) => seen.hits += hits,
            None => {
                *slot = Some(LimitHit { max, hits });
                let msg = format!("{} {max} reached: {}", limit.flag(), limit.effect());
                self.warn(msg);
            }
        }
    }
}
