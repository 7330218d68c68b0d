//! `queuectl extract`: main content, Markdown structure, metadata and chunks on
//! fixture pages, files and stdin, and the main-content benchmark's score.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::Cmd;

/// The development half's F1 with main content on, as measured (README table).
const BENCH_F1: f64 = 0.969;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/extract")
        .join(name)
}

/// The page record `extract` prints for a fixture.
fn record(name: &str, extra: &[&str]) -> Value {
    let url = format!("https://site.test/section/{name}");
    Cmd::new()
        .args(["extract", "--url", &url, "--markdown"])
        .args(extra)
        .arg_path_plain(&fixture(name))
        .run()
        .ok()
        .json()
}

fn text(v: &Value, field: &str) -> String {
    v[field].as_str().unwrap_or_default().to_string()
}

fn assert_absent(hay: &str, boilerplate: &[&str]) {
    for b in boilerplate {
        assert!(!hay.contains(b), "{b:?} should not be in:\n{hay}");
    }
}

const CHROME: [&str; 5] = [
    "Pricing",
    "Log in",
    "All rights reserved",
    "Accept all cookies",
    "Privacy policy",
];

#[test]
fn docs_page_keeps_code_tables_and_sections_without_navigation() {
    let page = record("docs.html", &[]);
    let md = text(&page, "markdown");
    assert!(md.starts_with("# Configuring the widget"), "{md}");
    assert!(md.contains("\n## Installation\n"), "{md}");
    assert!(
        md.contains("```bash\npip install widget\nwidget --version\n```"),
        "{md}"
    );
    assert!(md.contains("```python\nimport widget\n"), "{md}");
    let cells = md
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        cells.contains("| Option | Default | Meaning |\n| --"),
        "{md}"
    );
    assert!(
        cells.contains("| retries | 3 | Attempts before giving up |"),
        "{md}"
    );
    assert!(md.contains("> Note: values are read once"), "{md}");
    assert!(
        md.contains("[downloads page](https://site.test/downloads/index.html)"),
        "{md}"
    );
    assert!(md.contains("`widget.toml`"), "{md}");
    let body = text(&page, "text");
    for section in ["Installation", "Options", "restart the service"] {
        assert!(body.contains(section), "{section} missing:\n{body}");
    }
    for hay in [&md, &body] {
        assert_absent(hay, &CHROME);
        assert_absent(hay, &["Previous topic", "Show Source", "Table of contents"]);
    }
    assert!(!md.contains('<'), "raw HTML in:\n{md}");
}

#[test]
fn news_article_has_its_metadata_and_no_related_or_comments() {
    let page = record("news.html", &[]);
    assert_eq!(page["lang"], "en-US");
    assert_eq!(page["author"], "Maria Jensen");
    assert_eq!(page["publishedAt"], "2024-05-14T08:30:00+00:00");
    assert_eq!(page["siteName"], "The Daily Example");
    assert_eq!(page["image"], "https://site.test/media/park.jpg");
    assert_eq!(
        page["title"],
        "City opens new riverside park | The Daily Example"
    );
    let md = text(&page, "markdown");
    assert!(md.contains("## A long project"), "{md}");
    assert!(
        md.contains("*change how residents use the waterfront*"),
        "{md}"
    );
    assert!(md.contains("> “We wanted a place"), "{md}");
    assert!(
        md.contains("[full planning report](https://site.test/reports/park-plan.pdf)"),
        "{md}"
    );
    for hay in [&md, &text(&page, "text")] {
        assert_absent(hay, &CHROME);
        assert_absent(
            hay,
            &["Related stories", "Bridge repairs", "Great news for the"],
        );
    }
}

#[test]
fn help_answer_keeps_its_numbered_steps() {
    let page = record("help.html", &[]);
    assert_eq!(page["lang"], "de");
    assert_eq!(page["siteName"], "Example Help Centre");
    let md = text(&page, "markdown");
    assert!(
        md.contains("1. Open the sign-in page and choose **Forgot password**."),
        "{md}"
    );
    assert!(md.contains("3. Open the email we send"), "{md}");
    assert!(md.contains("check your spam folder"), "{md}");
    assert_absent(&md, &CHROME);
    assert_absent(
        &md,
        &[
            "Was this article helpful",
            "Related articles",
            "Search the help centre",
        ],
    );
}

#[test]
fn product_description_without_recommendations() {
    let page = record("product.html", &[]);
    assert_eq!(page["image"], "https://cdn.example.com/boot.jpg");
    let md = text(&page, "markdown");
    assert!(md.contains("lightweight waterproof boot"), "{md}");
    assert!(md.contains("- Weight: 480 g per boot (size 42)"), "{md}");
    assert_absent(&md, &CHROME);
    assert_absent(&md, &["Customers also bought", "Merino hiking socks"]);
}

#[test]
fn list_page_keeps_its_nested_list() {
    let page = record("list.html", &[]);
    let md = text(&page, "markdown");
    assert!(md.contains("- Update the changelog"), "{md}");
    assert!(
        md.contains("\n  - Check the integration tests against the oldest"),
        "{md}"
    );
    assert!(md.contains("- Publish the artefacts"), "{md}");
    assert_absent(&md, &CHROME);
}

#[test]
fn content_full_keeps_every_visible_string() {
    let page = record("news.html", &["--content", "full"]);
    let body = text(&page, "text");
    for s in [
        "Pricing",
        "Related stories",
        "Great news for the",
        "A long project",
    ] {
        assert!(body.contains(s), "{s} missing:\n{body}");
    }
}

#[test]
fn chunks_stay_within_the_size_and_carry_heading_paths() {
    for (unit, size) in [("chars", "120:20"), ("tokens", "30")] {
        let page = record("docs.html", &["--chunk-size", size, "--chunk-unit", unit]);
        let md: Vec<char> = text(&page, "markdown").chars().collect();
        let chunks = page["chunks"].as_array().expect("chunks");
        assert!(chunks.len() > 3, "{chunks:?}");
        for (i, c) in chunks.iter().enumerate() {
            let body = c["text"].as_str().unwrap();
            assert_eq!(c["index"], i);
            let (start, end) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(md[start..end].iter().collect::<String>(), body);
            if unit == "chars" {
                assert!(body.chars().count() <= 120, "{body}");
            } else {
                // cl100k_base: these short English words are at most one token each.
                assert!(body.split_whitespace().count() <= 30, "{body}");
            }
        }
        let table = chunks
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains("| timeout"))
            .expect("a chunk with the table");
        assert_eq!(
            table["headings"],
            serde_json::json!(["Configuring the widget", "Options"])
        );
    }
}

#[test]
fn stdin_and_gzip_files_give_the_same_record() {
    let html = std::fs::read(fixture("help.html")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("help.html.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut enc, &html).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let url = "https://site.test/section/help.html";
    let from_stdin = Cmd::new()
        .args(["extract", "-", "--url", url])
        .stdin(html)
        .run()
        .ok()
        .json();
    let from_gz = Cmd::new()
        .args(["extract", "--url", url])
        .arg_path_plain(&gz)
        .run()
        .ok()
        .json();
    assert_eq!(from_stdin, from_gz);
    assert!(text(&from_stdin, "text").starts_with("If you have forgotten your password"));
}

#[test]
fn markdown_output_renders_each_page() {
    let out = Cmd::new()
        .args(["extract", "--output", "markdown"])
        .arg_path_plain(&fixture("news.html"))
        .arg_path_plain(&fixture("list.html"))
        .run()
        .ok()
        .stdout;
    assert_eq!(out.matches("\n---\n").count(), 2, "{out}");
    assert!(out.contains("## A long project"), "{out}");
    assert!(out.contains("# Release checklist"), "{out}");
}

#[test]
fn bad_inputs_fail_before_printing() {
    let missing = Cmd::new()
        .args(["extract", "/nonexistent/page.html"])
        .run()
        .fails_with(2);
    assert!(missing.stdout.is_empty());
    let two_stdin = Cmd::new().args(["extract", "-", "-"]).run().fails_with(2);
    assert!(two_stdin.stderr.contains("stdin"));
    Cmd::new()
        .args(["extract", "--url", "ftp://x/"])
        .run()
        .fails_with(2);
    let overlap = Cmd::new().args(["extract", "--chunk-size", "10:10"]).run();
    assert_eq!(overlap.code, 2);
    assert!(
        overlap
            .stderr
            .contains("must be smaller than the chunk size"),
        "{}",
        overlap.stderr
    );
}

#[test]
fn python_docs_page_keeps_its_whole_body_and_no_sphinx_chrome() {
    let page = Path::new("/usr/share/doc/python3-doc/html/library/json.html");
    assert!(
        page.is_file(),
        "{} is missing; install it with `apt-get install python3-doc`",
        page.display()
    );
    let rec = Cmd::new()
        .args([
            "extract",
            "--markdown",
            "--url",
            "https://docs.python.org/3/library/json.html",
        ])
        .arg_path_plain(page)
        .run()
        .ok()
        .json();
    let (body, md) = (text(&rec, "text"), text(&rec, "markdown"));
    for section in [
        "Basic Usage",
        "Encoders and Decoders",
        "Standard Compliance and Interoperability",
        "Implementation Limitations",
        "Command Line Interface",
        ">>> import json",
    ] {
        assert!(
            body.contains(section) && md.contains(section),
            "{section} missing"
        );
    }
    for hay in [&body, &md] {
        assert_absent(
            hay,
            &["Previous topic", "Navigation", "Show Source", "© Copyright"],
        );
    }
    assert!(
        md.contains(
            "```python3\n>>> import json\n>>> json.dumps(['foo', {'bar': ('baz', None, 1.0, 2)}])"
        ),
        "{md}"
    );
}

#[test]
fn read_the_docs_page_keeps_its_main_element_without_permalinks_or_chrome() {
    // The Read the Docs theme's layout (Sphinx and MkDocs): breadcrumbs, a
    // sidebar and a footer around the one [role=main] element.
    let html = r##"<html><body><nav class="wy-nav-side">Search docs Installation Usage</nav>
        <div class="rst-content"><div role="navigation" aria-label="breadcrumbs">Docs » Usage
        Edit on GitHub</div><div role="main" class="document"><div itemprop="articleBody">
        <h1>Usage<a class="headerlink" href="#usage" title="Permalink">¶</a></h1>
        <p>Run <code>tool --fast</code> on each file.</p>
        <h2>Options<a class="headerlink" href="#options">¶</a></h2>
        <table><tr><th>flag</th><th>meaning</th></tr><tr><td>--fast</td><td>skip checks</td></tr></table>
        <div class="highlight-shell"><div class="highlight"><pre><span></span>tool --fast a.txt</pre></div></div>
        </div></div><footer>Previous Next © Copyright 2026, Example. Built with Sphinx</footer>
        </div></body></html>"##;
    let rec = Cmd::new()
        .args([
            "extract",
            "--markdown",
            "--url",
            "https://docs.example.test/usage.html",
            "-",
        ])
        .stdin(html)
        .run()
        .ok()
        .json();
    let (body, md) = (text(&rec, "text"), text(&rec, "markdown"));
    assert_eq!(
        body,
        "Usage\nRun tool --fast on each file.\nOptions\nflag meaning\n--fast skip checks\ntool --fast a.txt"
    );
    assert!(
        md.starts_with("# Usage\n\nRun `tool --fast` on each file.\n\n## Options\n"),
        "{md}"
    );
    assert!(md.contains("| --fast | skip checks |"), "{md}");
    assert!(md.ends_with("```shell\ntool --fast a.txt\n```"), "{md}");
    for hay in [&body, &md] {
        assert_absent(
            hay,
            &[
                "¶",
                "Search docs",
                "Edit on GitHub",
                "Previous",
                "© Copyright",
            ],
        );
    }
}

/// The benchmark beside the repository, as CI has it (`<repo>/../shared`).
fn bench_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/extract-bench");
    assert!(
        dir.join("score.py").is_file(),
        "the main-content benchmark is missing: expected {} (ground-truth.json, html/, score.py) beside the repository",
        dir.display()
    );
    dir
}

#[test]
fn main_content_benchmark_scores_at_least_the_reported_f1() {
    let bench = bench_dir();
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(bench.join("ground-truth.json")).unwrap())
            .unwrap();
    let mut pred = serde_json::Map::new();
    for (id, item) in truth.as_object().unwrap() {
        let page = Cmd::new()
            .args(["extract", "--url", item["url"].as_str().unwrap()])
            .arg_path_plain(&bench.join(format!("html/{id}.html.gz")))
            .run()
            .ok()
            .json();
        pred.insert(
            id.clone(),
            serde_json::json!({ "articleBody": page["text"] }),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let pred_path = dir.path().join("pred.json");
    std::fs::write(&pred_path, Value::Object(pred).to_string()).unwrap();
    let python = crate::support::which("python3")
        .expect("python3 is needed to score the benchmark (Debian: apt-get install python3)");
    let out = std::process::Command::new(python)
        .arg(bench.join("score.py"))
        .arg(bench.join("ground-truth.json"))
        .arg(&pred_path)
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&out.stdout).to_string();
    let f1: f64 = line
        .split("F1=")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "score.py printed no F1: {line} {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    assert!(
        f1 >= BENCH_F1 - 0.005,
        "F1 {f1} fell below {BENCH_F1} - 0.005: {line}"
    );
}
