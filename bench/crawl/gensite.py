#!/usr/bin/env python3
"""Writes the crawl benchmark's static site: index.html + N pages + robots.txt.

usage: gensite.py DIR [N=2000] [SEED=20261128]

Deterministic for a given N and SEED (Python's seeded `random.Random`). Page i lives at
/sNN/page-IIII.html (100 pages per section) and links to:
  - its "children" 10i+1 .. 10i+10 (a tree, so every page is within depth 4 of the index),
  - the next three pages and the previous one,
  - six pseudo-random pages (seeded),
  - the home page "/", its own "#top" fragment, a fragment variant of a neighbour and one
    external link (https://www.example.org/..., out of scope for every crawler).
Links are a mix of root-relative, document-relative (same section and "../sNN/") forms.
Every page has a <title>, a meta description, a canonical link, a nav, 3-7 sections of
paragraphs, a small inline <style> and <script>, and weighs 5-15 KB.

Also writes DIR/../expected-paths.txt (one URL path per line, sorted) and prints a one-line
JSON summary (pages, bytes, min/max page size, max BFS depth from "/").
"""

import json
import os
import random
import sys
from collections import deque

WORDS = """
queue worker job retry backoff priority customer crawl page robots polite delay host
network latency throughput memory buffer stream parser token header status redirect
cache refresh content hash index section archive report summary metric sample median
server client request response connection socket timeout budget frontier depth link
anchor title description canonical extract visible text paragraph document encoding
charset unicode bytes kilobyte megabyte second minute hour schedule cron interval
deploy release version build test bench profile flame graph allocator thread runtime
async future task spawn block channel mutex lock atomic counter gauge histogram
the a an of to in on for with by from at as is are was were be been being this that
these those it its they them their we our you your he she his her not no yes and or but
if then else when while because although since until after before during over under
between among through across into onto about around near far early late quick slow
simple complex modern legacy reliable robust careful gentle steady rapid quiet loud
garden river mountain valley forest harbour village market library museum station
bridge tower castle island meadow orchard vineyard bakery workshop studio gallery
morning evening winter summer autumn spring weather season journey voyage letter story
history science music painting poetry novel chapter verse chorus melody rhythm harmony
""".split()

SEED_DEFAULT = 20261128


def path_of(i):
    return f"/s{(i - 1) // 100 + 1:02d}/page-{i:04d}.html"


def rel_href(rng, src, dst):
    """An href for page dst as written on page src (both > 0), in one of three forms."""
    p = path_of(dst)
    form = rng.randrange(3)
    if form == 0 or src == 0:
        return p
    same_section = (src - 1) // 100 == (dst - 1) // 100
    if form == 1 and same_section:
        return p.rsplit("/", 1)[1]
    return ".." + p


def sentence(rng, lo=8, hi=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "?", "!"])


def paragraph(rng, links):
    parts = []
    for _ in range(rng.randint(3, 6)):
        s = sentence(rng)
        if links and rng.random() < 0.35:
            href, label = links.pop()
            s += f' See <a href="{href}">{label}</a>.'
        parts.append(s)
    return "<p>" + " ".join(parts) + "</p>"


def page_html(rng, i, n, out_links):
    """Renders page i (0 = index). out_links: list of (href, label)."""
    if i == 0:
        title = "Benchmark site: index"
        h1 = "Benchmark site"
    else:
        topic = " ".join(w.capitalize() for w in (rng.choice(WORDS) for _ in range(3)))
        title = f"Page {i}: {topic}"
        h1 = topic
    desc = sentence(rng, 12, 22).replace('"', "")
    canonical = "/" if i == 0 else path_of(i)
    target = rng.randint(5600, 13500)
    inline = list(out_links[: len(out_links) // 2])
    listed = out_links[len(out_links) // 2 :]
    rng.shuffle(inline)
    head = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{desc}">
<link rel="canonical" href="{canonical}">
<style>body{{font-family:sans-serif;max-width:48em;margin:auto}}nav a{{margin-right:1em}}.lead{{font-size:1.1em}}</style>
</head>
<body id="top">
<header><nav><a href="/">Home</a><a href="#top">Top</a><a href="https://www.example.org/about">About us (external)</a></nav></header>
<main>
<article>
<h1>{h1}</h1>
<p class="lead">{desc}</p>
"""
    body = []
    size = len(head)
    sec = 0
    while size < target or sec < 3:
        sec += 1
        h2 = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()
        chunk = [f"<section>\n<h2>{h2}</h2>"]
        for _ in range(rng.randint(2, 4)):
            chunk.append(paragraph(rng, inline))
        chunk.append("</section>")
        text = "\n".join(chunk) + "\n"
        body.append(text)
        size += len(text.encode())
        if sec >= 7:
            break
    rest = inline + listed
    items = "\n".join(f'<li><a href="{h}">{label}</a></li>' for h, label in rest)
    tail = f"""</article>
<aside>
<h2>Related pages</h2>
<ul>
{items}
</ul>
</aside>
</main>
<footer><p>Generated page {i} of {n}. <a href="/">Back to the index</a>.</p></footer>
<script>document.documentElement.dataset.page = "{i}";</script>
</body>
</html>
"""
    return head + "".join(body) + tail


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else SEED_DEFAULT
    rng = random.Random(seed)

    graph = {}
    graph[0] = list(range(1, min(n, 10) + 1)) + [j for j in range(101, n + 1, 100)]
    for i in range(1, n + 1):
        targets = list(range(10 * i + 1, min(10 * i + 10, n) + 1))
        targets += [j for j in (i + 1, i + 2, i + 3, i - 1) if 1 <= j <= n]
        targets += [rng.randint(1, n) for _ in range(6)]
        seen = set()
        graph[i] = [j for j in targets if j != i and not (j in seen or seen.add(j))]

    os.makedirs(root, exist_ok=True)
    sizes = []
    for i in range(0, n + 1):
        links = []
        for j in graph[i]:
            links.append((rel_href(rng, i, j), f"Page {j}"))
        if i > 0 and i < n:
            links.append((rel_href(rng, i, i + 1) + "#comments", f"Comments on page {i + 1}"))
        html = page_html(rng, i, n, links)
        fname = os.path.join(root, "index.html" if i == 0 else path_of(i).lstrip("/"))
        os.makedirs(os.path.dirname(fname), exist_ok=True)
        data = html.encode()
        with open(fname, "wb") as f:
            f.write(data)
        sizes.append(len(data))
    with open(os.path.join(root, "robots.txt"), "w") as f:
        f.write("User-agent: *\nAllow: /\n")

    depth = {0: 0}
    q = deque([0])
    while q:
        i = q.popleft()
        for j in graph[i]:
            if j not in depth:
                depth[j] = depth[i] + 1
                q.append(j)
    if len(depth) != n + 1:
        sys.exit(f"gensite: only {len(depth)} of {n + 1} pages reachable")
    paths = sorted(["/"] + [path_of(i) for i in range(1, n + 1)])
    parent = os.path.dirname(os.path.abspath(root))
    with open(os.path.join(parent, "expected-paths.txt"), "w") as f:
        f.write("\n".join(paths) + "\n")
    page_sizes = sizes[1:]
    print(json.dumps({
        "pages": n + 1,
        "bytes": sum(sizes),
        "pageBytesMin": min(page_sizes),
        "pageBytesMax": max(page_sizes),
        "pageBytesMedian": sorted(page_sizes)[len(page_sizes) // 2],
        "maxDepth": max(depth.values()),
        "linksPerPage": round(sum(len(graph[i]) for i in graph) / len(graph), 1),
        "seed": seed,
    }))


if __name__ == "__main__":
    main()
