//! Main content, Markdown, metadata and chunks of one HTML page: pure functions
//! of the page's HTML, its URL and [`ContentOptions`], so the crawl can run them
//! wherever (and as many at once as) it likes.

mod chunk;
mod documentation;
mod main_content;
mod markdown;
mod metadata;
mod visible;

use serde::{Deserialize, Serialize};

pub use chunk::{chunk, Chunk, ChunkError, ChunkSpec, ChunkUnit};
pub use documentation::documentation_body;
pub use main_content::{main_content, too_large_for_extractors, MainContent};
pub use markdown::{
    code_languages, keep_blocks_in, markup_to_markdown, to_markdown, CodeLanguages,
};
pub use metadata::{metadata, Metadata};
pub use visible::{is_block, is_cell, is_hidden, Collapser};

/// Which text a page record's `text` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentMode {
    /// The page's main content: no navigation, headers, footers or sidebars.
    #[default]
    Main,
    /// Every visible string of the page.
    Full,
}

/// What to extract besides the page's fields and links.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContentOptions {
    pub mode: ContentMode,
    /// Add the content as Markdown.
    pub markdown: bool,
    /// Split the Markdown into chunks.
    pub chunks: Option<ChunkSpec>,
}

impl ContentOptions {
    /// Markdown is made when it is asked for or chunks are cut from it.
    pub fn needs_markdown(&self) -> bool {
        self.markdown || self.chunks.is_some()
    }
}
