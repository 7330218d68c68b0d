//! Embedding-ready chunks: the Markdown split on its structure (sections, then
//! paragraphs, then sentences) by `text-splitter`, never longer than the size,
//! each with the path of headings it sits under.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use text_splitter::{Characters, ChunkConfig, ChunkSizer, MarkdownSplitter};

/// How chunk length is counted; in a scrape job's data (`chunkUnit`) it is
/// `chars`, `tokens` (cl100k_base, also accepted by that name) or `o200k_base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChunkUnit {
    /// Unicode scalar values.
    #[serde(rename = "chars")]
    Chars,
    /// Tokens of OpenAI's cl100k_base encoding (GPT-4, text-embedding-3).
    #[serde(rename = "tokens", alias = "cl100k_base")]
    Cl100kBase,
    /// Tokens of OpenAI's o200k_base encoding (GPT-4o).
    #[serde(rename = "o200k_base")]
    O200kBase,
}

/// Chunk size, overlap between neighbours, and the unit both are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkSpec {
    pub size: usize,
    pub overlap: usize,
    pub unit: ChunkUnit,
}

/// Why a chunk spec cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ChunkError(String);

impl ChunkSpec {
    /// A spec whose overlap is smaller than its size, which is not zero.
    pub fn new(size: usize, overlap: usize, unit: ChunkUnit) -> Result<Self, ChunkError> {
        if size == 0 {
            return Err(ChunkError("the chunk size must be at least 1".into()));
        }
        if overlap >= size {
            return Err(ChunkError(format!(
                "the overlap ({overlap}) must be smaller than the chunk size ({size})"
            )));
        }
        Ok(ChunkSpec {
            size,
            overlap,
            unit,
        })
    }
}

/// One piece of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chunk {
    pub index: usize,
    pub text: String,
    /// The headings the chunk sits under, outermost first (its own leading heading included).
    pub headings: Vec<String>,
    /// Character offsets of the chunk in the Markdown, end exclusive.
    pub start: usize,
    pub end: usize,
}

/// Splits `markdown` into chunks of at most `spec.size` units.
pub fn chunk(markdown: &str, spec: &ChunkSpec) -> Vec<Chunk> {
    match spec.unit {
        ChunkUnit::Chars => split(markdown, spec, Characters),
        ChunkUnit::Cl100kBase => split(markdown, spec, tiktoken_rs::cl100k_base_singleton()),
        ChunkUnit::O200kBase => split(markdown, spec, tiktoken_rs::o200k_base_singleton()),
    }
}

fn split<S: ChunkSizer>(markdown: &str, spec: &ChunkSpec, sizer: S) -> Vec<Chunk> {
    let config = ChunkConfig::new(spec.size)
        .with_overlap(spec.overlap)
        .expect("ChunkSpec::new keeps the overlap below the size")
        .with_sizer(sizer);
    let headings = headings(markdown);
    MarkdownSplitter::new(config)
        .chunk_char_indices(markdown)
        .enumerate()
        .map(|(index, c)| Chunk {
            index,
            text: c.chunk.to_string(),
            headings: path_at(&headings, c.byte_offset),
            start: c.char_offset,
            end: c.char_offset + c.chunk.chars().count(),
        })
        .collect()
}

/// A heading: where it starts (byte offset), its level and its text.
struct Heading {
    at: usize,
    level: usize,
    text: String,
}

fn headings(markdown: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut open: Option<Heading> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Some(Heading {
                    at: range.start,
                    level: level as usize,
                    text: String::new(),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = open.as_mut() {
                    h.text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

/// The heading path in force at byte `at`.
fn path_at(headings: &[Heading], at: usize) -> Vec<String> {
    let mut path: Vec<&Heading> = Vec::new();
    for h in headings.iter().take_while(|h| h.at <= at) {
        while path.last().is_some_and(|p| p.level >= h.level) {
            path.pop();
        }
        path.push(h);
    }
    path.iter().map(|h| h.text.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# Guide\n\nIntro text here.\n\n## Install\n\nRun the installer. Then restart.\n\n### Linux\n\nUse apt.\n\n## Usage\n\nCall it.\n";

    #[test]
    fn chunks_stay_within_size_and_carry_heading_paths() {
        let spec = ChunkSpec::new(25, 0, ChunkUnit::Chars).unwrap();
        let chunks = chunk(DOC, &spec);
        assert!(chunks.iter().all(|c| c.text.chars().count() <= 25));
        for c in &chunks {
            let slice: String = DOC.chars().skip(c.start).take(c.end - c.start).collect();
            assert_eq!(slice, c.text);
        }
        let linux = chunks.iter().find(|c| c.text.contains("apt")).unwrap();
        assert_eq!(linux.headings, ["Guide", "Install", "Linux"]);
        let usage = chunks.iter().find(|c| c.text.contains("Call it")).unwrap();
        assert_eq!(usage.headings, ["Guide", "Usage"]);
        assert_eq!(chunks[0].headings, ["Guide"]);
    }

    #[test]
    fn token_chunks_count_cl100k_tokens() {
        let spec = ChunkSpec::new(8, 2, ChunkUnit::Cl100kBase).unwrap();
        let bpe = tiktoken_rs::cl100k_base_singleton();
        let chunks = chunk(DOC, &spec);
        assert!(chunks.len() > 3);
        assert!(chunks
            .iter()
            .all(|c| bpe.encode_ordinary(&c.text).len() <= 8));
    }

    #[test]
    fn overlap_must_be_below_size() {
        assert!(ChunkSpec::new(10, 10, ChunkUnit::Chars).is_err());
        assert!(ChunkSpec::new(0, 0, ChunkUnit::Chars).is_err());
    }
}
