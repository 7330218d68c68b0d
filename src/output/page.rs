//! `--output markdown`: one section per page record.

use super::escape;
use crate::crawl::Page;

/// The page's title, URL and status, then its Markdown (or its text when it has
/// none). The sink escapes control characters; the title and error are escaped
/// as single lines too, so they cannot add Markdown lines.
pub fn page_markdown(page: &Page) -> String {
    let title = escape::line(page.title.as_deref().unwrap_or(&page.final_url));
    let status = page.status.map_or("-".to_string(), |s| s.to_string());
    let mut md = format!(
        "# {title}\n\n<{}> · status {status} · depth {}\n\n",
        page.final_url, page.depth
    );
    if let Some(err) = &page.error {
        md.push_str(&format!("Error: {}\n\n", escape::line(err)));
    }
    let body = page.markdown.as_deref().or(page.text.as_deref());
    if let Some(body) = body.filter(|t| !t.is_empty()) {
        md.push_str(body);
        md.push_str("\n\n");
    }
    md.push_str("---\n\n");
    md
}
