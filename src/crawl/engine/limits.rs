//! The crawl's bounds: which were reached, how often, and the one event the
//! caller gets the first time each is.

use std::ops::ControlFlow;

use super::Engine;
use crate::crawl::{Event, LimitHit, Limits};

/// A bound the caller sets (`CrawlOptions`) and the crawl may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    LinksPerPage,
    Queued,
    Sitemaps,
    SitemapUrls,
}

impl Limit {
    /// Every bound, in the order reports list them.
    pub const ALL: [Limit; 4] = [
        Limit::LinksPerPage,
        Limit::Queued,
        Limit::Sitemaps,
        Limit::SitemapUrls,
    ];

    /// What reaching the bound means for the crawl.
    pub fn effect(self) -> &'static str {
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
                if (self.on_event)(Event::LimitReached { limit, max }).is_break() {
                    self.stop = true;
                }
            }
        }
    }
}

impl Limits {
    /// How often `limit` was reached, if it was.
    pub fn get(&self, limit: Limit) -> Option<LimitHit> {
        match limit {
            Limit::LinksPerPage => self.max_links_per_page,
            Limit::Queued => self.max_queued,
            Limit::Sitemaps => self.max_sitemaps,
            Limit::SitemapUrls => self.max_sitemap_urls,
        }
    }
}
