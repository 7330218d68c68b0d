//! The content flags `crawl` and `extract` share, and the arguments of `queuectl extract`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::CrawlFormat;
use crate::crawl::{ChunkSpec, ChunkUnit};

pub(super) const EXTRACT_AFTER_HELP: &str = "\
Runs the crawl's extraction on HTML already on disk (gzip-compressed files are
decompressed) or on stdin, and prints the same page records as `crawl`. Without
--url a record's url is the file's file:// URL and relative links are dropped.
Each input is at most 64 MiB (decompressed).

Exit codes: 0 on success; 1 when an input cannot be read; 2 for an invalid flag,
URL, or a missing or too large file (nothing is printed then).

Examples:
  queuectl extract page.html --url https://example.com/page --markdown
  curl -s https://example.com/ | queuectl extract --url https://example.com/ --output markdown
  queuectl extract saved/*.html --chunk-size 512:64 --chunk-unit tokens";

/// What `text` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ContentArg {
    /// The main content: no navigation, headers, footers, banners, sidebars or comments
    Main,
    /// Every visible string of the page
    Full,
}

/// How chunk sizes are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChunkUnitArg {
    /// Characters (Unicode scalar values)
    Chars,
    /// Tokens of --tokenizer
    Tokens,
}

/// Token encodings for `--chunk-unit tokens`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenizerArg {
    /// OpenAI cl100k_base (GPT-4, text-embedding-3)
    #[value(name = "cl100k_base")]
    Cl100kBase,
    /// OpenAI o200k_base (GPT-4o)
    #[value(name = "o200k_base")]
    O200kBase,
}

/// Content extraction flags of `crawl` and `extract`.
#[derive(Debug, Args)]
pub struct ContentArgs {
    /// Which text each record's `text` holds
    #[arg(long, value_enum, default_value_t = ContentArg::Main, value_name = "WHAT", help_heading = "Content")]
    pub content: ContentArg,

    /// Add `markdown`: the content as CommonMark/GFM with absolute links
    #[arg(long, help_heading = "Content")]
    pub markdown: bool,

    /// Add `chunks` of the Markdown, at most N units each, neighbours sharing OVERLAP (default 0)
    #[arg(long, value_parser = parse_chunk_size, value_name = "N[:OVERLAP]", help_heading = "Content")]
    pub chunk_size: Option<(usize, usize)>,

    /// Unit of --chunk-size
    #[arg(long, value_enum, default_value_t = ChunkUnitArg::Chars, value_name = "UNIT", requires = "chunk_size", help_heading = "Content")]
    pub chunk_unit: ChunkUnitArg,

    /// Token encoding for --chunk-unit tokens
    #[arg(long, value_enum, default_value_t = TokenizerArg::Cl100kBase, value_name = "NAME", help_heading = "Content")]
    pub tokenizer: TokenizerArg,
}

/// Parses `N[:OVERLAP]` with 0 < N and OVERLAP < N.
fn parse_chunk_size(s: &str) -> Result<(usize, usize), String> {
    let (size, overlap) = s.split_once(':').unwrap_or((s, "0"));
    let number = |v: &str| {
        v.trim()
            .parse::<usize>()
            .map_err(|_| format!("'{s}' is not N or N:OVERLAP with whole numbers"))
    };
    let (size, overlap) = (number(size)?, number(overlap)?);
    // The crawl's own rule (size at least 1, overlap below it); the unit is
    // another flag and does not change the rule.
    ChunkSpec::new(size, overlap, ChunkUnit::Chars).map_err(|e| e.to_string())?;
    Ok((size, overlap))
}

/// Arguments of `queuectl extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// HTML files to read; none or `-` reads stdin
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The URL the HTML came from: the base for links, images and the record's url
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    #[command(flatten)]
    pub content: ContentArgs,

    /// Page output format
    #[arg(long, value_enum, default_value_t = CrawlFormat::Ndjson, value_name = "FORMAT", help_heading = "Output")]
    pub output: CrawlFormat,

    /// Write pages to FILE instead of stdout
    #[arg(short = 'o', long, value_name = "FILE", help_heading = "Output")]
    pub output_file: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_size_forms() {
        assert_eq!(parse_chunk_size("512"), Ok((512, 0)));
        assert_eq!(parse_chunk_size("512:64"), Ok((512, 64)));
        assert!(parse_chunk_size("0").is_err());
        assert!(parse_chunk_size("10:10").is_err());
        assert!(parse_chunk_size("x:1").is_err());
        assert!(parse_chunk_size("-5").is_err());
    }
}
