//! `queuectl extract`: the crawl's extraction over HTML files or stdin.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::json;
use url::Url;

use super::Ctx;
use crate::cli::{ChunkUnitArg, ContentArg, ContentArgs, CrawlFormat, ExtractArgs, TokenizerArg};
use crate::crawl::{self, ChunkSpec, ChunkUnit, ContentMode, ContentOptions, Page};
use crate::error::{usage, Exit};
use crate::output::page_markdown;

/// Largest input read, after decompression.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The content flags as crawl options; `--output markdown` implies `--markdown`.
pub fn content_options(args: &ContentArgs, format: CrawlFormat) -> ContentOptions {
    let unit = match (args.chunk_unit, args.tokenizer) {
        (ChunkUnitArg::Chars, _) => ChunkUnit::Chars,
        (ChunkUnitArg::Tokens, TokenizerArg::Cl100kBase) => ChunkUnit::Cl100kBase,
        (ChunkUnitArg::Tokens, TokenizerArg::O200kBase) => ChunkUnit::O200kBase,
    };
    ContentOptions {
        mode: match args.content {
            ContentArg::Main => ContentMode::Main,
            ContentArg::Full => ContentMode::Full,
        },
        markdown: args.markdown || format == CrawlFormat::Markdown,
        // The CLI parser has already checked the spec with ChunkSpec::new.
        chunks: args
            .chunk_size
            .and_then(|(size, overlap)| ChunkSpec::new(size, overlap, unit).ok()),
    }
}

/// One HTML source.
enum Input {
    Stdin,
    File(PathBuf),
}

/// Runs the command.
pub fn run(ctx: &Ctx, args: ExtractArgs) -> anyhow::Result<Exit> {
    let inputs = inputs(&args.files)?;
    let base = match &args.url {
        Some(u) => Some(crawl::parse_seed(u).or_else(|e| usage(e.to_string()))?),
        None => None,
    };
    let opts = content_options(&args.content, args.output);
    let mut sink = ctx.out.sink(args.output_file.as_deref()).with_context(|| {
        let path = args.output_file.as_deref().unwrap_or("-".as_ref());
        format!("opening {}", path.display())
    })?;
    let mut kept = Vec::new();
    for input in &inputs {
        let page = extract_one(input, base.as_ref(), &opts)?;
        match args.output {
            CrawlFormat::Ndjson => sink.json_line(&page)?,
            CrawlFormat::Json => kept.push(page),
            CrawlFormat::Markdown => sink.text(&page_markdown(&page))?,
        }
    }
    if args.output == CrawlFormat::Json {
        sink.json_line(&json!({ "pages": kept }))?;
    }
    sink.finish().context("writing pages")?;
    Ok(Exit::Ok)
}

/// The inputs, checked before anything is read: files exist, are regular and
/// not too large; stdin at most once.
fn inputs(files: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    if files.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return usage("stdin (-) can be read only once");
    }
    files
        .iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                return Ok(Input::Stdin);
            }
            let meta = std::fs::metadata(f).or_else(|e| usage(format!("{}: {e}", f.display())))?;
            if !meta.is_file() {
                return usage(format!("{}: not a regular file", f.display()));
            }
            if meta.len() > MAX_INPUT_BYTES {
                return usage(format!("{}: larger than {}", f.display(), limit()));
            }
            Ok(Input::File(f.clone()))
        })
        .collect()
}

fn limit() -> String {
    format!("{} MiB", MAX_INPUT_BYTES / (1024 * 1024))
}

fn extract_one(input: &Input, base: Option<&Url>, opts: &ContentOptions) -> anyhow::Result<Page> {
    let (body, url) = match input {
        Input::Stdin => (read_bounded(io::stdin().lock(), "stdin")?, stdin_url()),
        Input::File(path) => {
            let name = path.display().to_string();
            let file = File::open(path).with_context(|| format!("reading {name}"))?;
            (read_bounded(file, &name)?, file_url(path))
        }
    };
    let url = base.cloned().unwrap_or(url);
    Ok(crawl::local_page(&body, &url, opts))
}

/// Reads all of `r`, decompressing gzip, failing past the size limit.
fn read_bounded(r: impl Read, name: &str) -> anyhow::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut r = r.take(MAX_INPUT_BYTES + 1);
    r.read_to_end(&mut head)
        .with_context(|| format!("reading {name}"))?;
    let body = if head.starts_with(&GZIP_MAGIC) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(head.as_slice())
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut out)
            .with_context(|| format!("decompressing {name}"))?;
        out
    } else {
        head
    };
    if body.len() as u64 > MAX_INPUT_BYTES {
        anyhow::bail!("{name}: larger than {}", limit());
    }
    Ok(body)
}

fn file_url(path: &Path) -> Url {
    std::fs::canonicalize(path)
        .ok()
        .and_then(|p| Url::from_file_path(p).ok())
        .unwrap_or_else(stdin_url)
}

fn stdin_url() -> Url {
    Url::parse("file:///dev/stdin").expect("static URL")
}
