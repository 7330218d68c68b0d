//! `--output markdown`: one section per page record.

use crate::crawl::Page;

/// The page's title, URL and status, then its Markdown (or its text when it has none).
pub fn page_markdown(page: &Page) -> String {
    let title = page.title.as_deref().unwrap_or(&page.final_url);
    let status = page.status.map_or("-".to_string(), |s| s.to_string());
    let mut md = format!(
        "# {title}\n\n<{}> · status {status} · depth {}\n\n",
        page.final_url, page.depth
    );
    if let Some(err) = &page.error {
        md.push_str(&format!("Error: {err}\n\n"));
    }
    let body = page.markdown.as_deref().or(page.text.as_deref());
    if let Some(body) = body.filter(|t| !t.is_empty()) {
        md.push_str(body);
        md.push_str("\n\n");
    }
    md.push_str("---\n\n");
    md
}
