#!/usr/bin/env python3
"""Writes the render benchmark's site: N single-page-app pages and their server-rendered twins.

usage: gen_spa.py DIR [N=200]

/app/page-I.html is a React-style shell: an empty <div id="root"> and an inline script that
fetches /api/page-I.json and mounts the article (title, 4 paragraphs, links). /ssr/page-I.html
is the same article rendered on the server. Page I links to pages 2I+1 and 2I+2 (a binary tree,
so a crawl can fetch many at once and every page is within depth 8 of page 0) and to I+1.
Deterministic; robots.txt allows everything.
"""

import json
import os
import sys

WORDS = ("queue worker job retry backoff priority customer crawl page robots polite delay host "
         "network latency throughput memory buffer stream parser token header status redirect "
         "cache refresh content hash index section archive report summary metric sample").split()


def paragraph(i, k):
    words = [WORDS[(i * 7 + k * 13 + j * 3) % len(WORDS)] for j in range(60)]
    return " ".join(words).capitalize() + "."


def links(i, n, prefix):
    targets = [t for t in (2 * i + 1, 2 * i + 2, i + 1) if t < n]
    return "".join(f'<a href="/{prefix}/page-{t}.html">page {t}</a> ' for t in targets)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    for d in ("app", "ssr", "api"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    with open(os.path.join(out, "robots.txt"), "w") as f:
        f.write("User-agent: *\nAllow: /\n")
    for i in range(n):
        title = f"Article {i}"
        body = "".join(f"<p>{paragraph(i, k)}</p>" for k in range(4))
        with open(os.path.join(out, "api", f"page-{i}.json"), "w") as f:
            json.dump({"title": title, "html": body + links(i, n, "app")}, f)
        with open(os.path.join(out, "app", f"page-{i}.html"), "w") as f:
            f.write(f"""<!doctype html><html><head><title>{title}</title></head><body>
<div id="root"></div>
<script>
fetch('/api/page-{i}.json').then(r => r.json()).then(d => {{
  document.getElementById('root').innerHTML = '<main><article><h1>' + d.title + '</h1>' + d.html + '</article></main>';
}});
</script></body></html>""")
        with open(os.path.join(out, "ssr", f"page-{i}.html"), "w") as f:
            f.write(f"""<!doctype html><html><head><title>{title}</title></head><body>
<div id="root"><main><article><h1>{title}</h1>{body}{links(i, n, "ssr")}</article></main></div>
</body></html>""")
    print(json.dumps({"pages": n, "dir": out}))


if __name__ == "__main__":
    main()
