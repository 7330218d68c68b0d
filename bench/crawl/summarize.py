#!/usr/bin/env python3
"""Markdown summary of a crawl benchmark run, with PASS/MISS against the issue's targets.

usage: summarize.py RAW_JSONL [RUN_ID|last]

RAW_JSONL holds one "meta" record per run (type=meta) and one record per measurement
(written by record.py). Warm-up measurements (warmup=1) are shown apart and never counted.
"""

import json
import statistics
import sys

TARGET_RATIO = 3.0
TARGET_RSS_MB = 40.0


def fmt(x, digits=3):
    if x is None:
        return "n/a"
    if x == 0:
        return "0"
    mag = abs(x)
    if mag >= 1000:
        return f"{x:,.0f}".replace(",", " ")
    if mag >= 100:
        return f"{x:.0f}"
    if mag >= 10:
        return f"{x:.1f}"
    if mag >= 1:
        return f"{x:.2f}"
    return f"{x:.{digits}f}"


def mmm(values, bold=False):
    vals = [v for v in values if v is not None]
    if not vals:
        return "n/a"
    med = fmt(statistics.median(vals))
    if bold:
        med = f"**{med}**"
    if len(vals) == 1:
        return med
    return f"{med} [{fmt(min(vals))}–{fmt(max(vals))}]"


def mb(kib):
    return None if kib is None else kib / 1024.0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    records = []
    with open(sys.argv[1]) as f:
        for line in f:
            if line.strip():
                records.append(json.loads(line))
    metas = [r for r in records if r.get("type") == "meta"]
    if not metas:
        sys.exit("summarize: no meta record in the file")
    want = sys.argv[2] if len(sys.argv) > 2 else "last"
    meta = metas[-1] if want == "last" else next(m for m in metas if m["runId"] == want)
    run_id = meta["runId"]
    ms = [r for r in records if r.get("runId") == run_id and r.get("type") != "meta"]
    timed = [r for r in ms if not r.get("warmup")]
    q = sorted((r for r in timed if r["tool"] == "queuectl"), key=lambda r: r["run"])
    w = sorted((r for r in timed if r["tool"] == "wget"), key=lambda r: r["run"])
    runs = sorted({r["run"] for r in timed})
    site = meta.get("site", {})
    out = []
    p = out.append
    p(f"### Crawl benchmark, run `{run_id}`")
    p("")
    p("| | |")
    p("|---|---|")
    p(f"| date | {meta.get('date')} |")
    p(f"| machine | {meta.get('nproc')} CPUs (`nproc`), `lscpu` model \"{meta.get('cpuModel')}\", "
      f"{meta.get('memGiB')} GiB, Linux {meta.get('kernel')} |")
    p(f"| site | {site.get('pages')} pages (index + {site.get('pages', 1) - 1}), "
      f"{fmt(site.get('bytes', 0) / 1048576)} MiB of HTML, pages {fmt(site.get('pageBytesMin', 0) / 1024)}–"
      f"{fmt(site.get('pageBytesMax', 0) / 1024)} KiB (median {fmt(site.get('pageBytesMedian', 0) / 1024)}), "
      f"{site.get('linksPerPage')} distinct page links per page, max depth {site.get('maxDepth')} from the index, seed {site.get('seed')} |")
    p(f"| server | {meta.get('nginx')}, own process on 127.0.0.1, `worker_processes {meta.get('nginxWorkers')}`, access_log off |")
    p(f"| queuectl | {meta.get('queuectl')} |")
    p(f"| wget | {meta.get('wget')} |")
    p(f"| outputs | both tools write to {meta.get('outputDir')} |")
    p(f"| runs | {len(runs)} timed runs after 1 warm-up of each tool; interleaved, order alternating; median [min–max] |")
    p("")
    p("| tool | complete runs | pages per run | wall s | pages/s | peak RSS MB | CPU s (user+sys) | nginx cores | other busy cores |")
    p("|---|---|---|---|---|---|---|---|---|")
    for name, rs in (("queuectl crawl", q), ("wget --recursive", w)):
        if not rs:
            continue
        pages = sorted({r["found"] for r in rs})
        pages_txt = ", ".join(str(x) for x in pages)
        p(f"| {name} | {sum(1 for r in rs if r['complete'])} of {len(rs)} | {pages_txt} | "
          f"{mmm([r['wall'] for r in rs])} | {mmm([r['pagesPerSec'] for r in rs], bold=True)} | "
          f"{mmm([mb(r.get('maxRssKiB')) for r in rs], bold=True)} | "
          f"{mmm([r.get('cpuUser', 0) + r.get('cpuSys', 0) for r in rs])} | "
          f"{mmm([r.get('nginxCores') for r in rs])} | {mmm([r.get('otherCores') for r in rs])} |")
    p("")

    ratios = []
    by_run_w = {r["run"]: r for r in w}
    for r in q:
        o = by_run_w.get(r["run"])
        if o and o["pagesPerSec"]:
            ratios.append(r["pagesPerSec"] / o["pagesPerSec"])
    complete = sum(1 for r in q if r["complete"])
    rss = [mb(r.get("maxRssKiB")) for r in q if r.get("maxRssKiB")]
    p("| check | value | target | result |")
    p("|---|---|---|---|")
    ok = complete == len(q) and len(q) > 0
    p(f"| every queuectl run crawls every page (all {site.get('pages')} expected URLs once, HTTP 200, no error, summary line) "
      f"| {complete} of {len(q)} runs | all runs | **{'PASS' if ok else 'MISS'}** |")
    full = [r.get("fullExtraction") for r in q]
    p(f"| … with full extraction (title, description, text, links non-empty) | {', '.join(sorted({str(x) for x in full}))} pages per run | all pages | "
      f"**{'PASS' if full and all(x == site.get('pages') for x in full) else 'MISS'}** |")
    if ratios:
        med = statistics.median(ratios)
        n_ok = sum(1 for x in ratios if x >= TARGET_RATIO)
        p(f"| queuectl pages/s ÷ wget pages/s, within each run | {mmm(ratios)} | ≥ {fmt(TARGET_RATIO)} (median) | "
          f"**{'PASS' if med >= TARGET_RATIO else 'MISS'}** ({n_ok} of {len(ratios)} runs ≥ {fmt(TARGET_RATIO)}) |")
    if rss:
        worst = max(rss)
        p(f"| queuectl peak RSS (GNU time %M), worst run | {fmt(worst)} MB (median {fmt(statistics.median(rss))}) | ≤ {fmt(TARGET_RSS_MB)} MB | "
          f"**{'PASS' if worst <= TARGET_RSS_MB else 'MISS'}** |")
    wc = sum(1 for r in w if r["complete"])
    p(f"| (reference) wget runs that fetched every page | {wc} of {len(w)} | | |")
    p("")
    inner = [r.get("summary", {}).get("pagesPerSec") for r in q]
    p(f"queuectl's own `pagesPerSec` (crawl loop only, without process start and exit): {mmm(inner)}. "
      f"MB here are MiB (GNU time reports KiB). \"nginx cores\" is the CPU nginx used during the "
      f"measurement ÷ wall; \"other busy cores\" is the machine's busy CPU minus the tool and nginx, ÷ wall.")
    p("")
    p("Per run (pages/s; ratio):")
    p("")
    p("| run | order | queuectl pages/s | wget pages/s | ratio | queuectl RSS MB | load1 before |")
    p("|---|---|---|---|---|---|---|")
    by_run_q = {r["run"]: r for r in q}
    for n in runs:
        a, b = by_run_q.get(n), by_run_w.get(n)
        ratio = a["pagesPerSec"] / b["pagesPerSec"] if a and b and b["pagesPerSec"] else None
        order = (a or b).get("order", "")
        p(f"| {n} | {order} | {fmt(a['pagesPerSec']) if a else 'n/a'}"
          f"{'' if not a or a['complete'] else ' (INCOMPLETE: ' + str(a['found']) + ')'} | "
          f"{fmt(b['pagesPerSec']) if b else 'n/a'}{'' if not b or b['complete'] else ' (INCOMPLETE: ' + str(b['found']) + ')'} | "
          f"{fmt(ratio)} | {fmt(mb(a.get('maxRssKiB'))) if a else 'n/a'} | {a.get('load1') if a else ''} |")
    bad = [r for r in q if not r["complete"]]
    if bad:
        p("")
        p("Incomplete queuectl runs:")
        for r in bad:
            p(f"- run {r['run']}: {r['found']} of {r['expected']} pages, {r['errorPages']} error pages, "
              f"{r['duplicates']} duplicates, rc {r.get('rc')}, missing e.g. {r['missingSamples']}, "
              f"errors e.g. {r.get('errorSamples')}, stderr: {r.get('stderr', '')[:300]!r}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
