#!/usr/bin/env python3
"""Checks one crawl's output against the expected pages and prints one raw JSON record.

usage: record.py queuectl NDJSON_FILE EXPECTED_PATHS key=value...
       record.py wget     WGET_DIR    EXPECTED_PATHS key=value...

key=value pairs are copied into the record (numbers parsed when they look like numbers).
Known keys: time_file (GNU time output "%e %U %S %M"), stderr_file, wall_ns, and anything
else the caller wants to keep (run, order, load1, ...).

queuectl: a page is an NDJSON object with a "url" key; the last line must be
{"summary": {...}}. A page is OK when status is 200 and error is null. "Full extraction"
is counted as pages with a non-empty title, description, text and links.
wget: every regular *.html file under WGET_DIR/<host:port>/ is a page; index.html at the
top is "/".
"""

import json
import os
import sys
from urllib.parse import urlsplit


def number(v):
    for conv in (int, float):
        try:
            return conv(v)
        except ValueError:
            pass
    return v


def check_queuectl(path, rec):
    pages, summary, bad_lines = [], None, 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                bad_lines += 1
                continue
            if isinstance(obj, dict) and "url" in obj:
                pages.append(obj)
            elif isinstance(obj, dict) and "summary" in obj:
                summary = obj["summary"]
    paths = []
    errors = []
    full = 0
    for p in pages:
        paths.append(urlsplit(p.get("finalUrl") or p["url"]).path or "/")
        if p.get("status") != 200 or p.get("error") is not None:
            errors.append({"url": p.get("url"), "status": p.get("status"), "error": p.get("error")})
        if p.get("title") and p.get("description") and p.get("text") and p.get("links"):
            full += 1
    rec["pages"] = len(pages)
    rec["fullExtraction"] = full
    rec["errorPages"] = len(errors)
    rec["errorSamples"] = errors[:5]
    rec["badLines"] = bad_lines
    rec["summaryLine"] = summary is not None
    if summary is not None:
        rec["summary"] = {k: summary.get(k) for k in (
            "fetched", "failed", "blockedByRobots", "outOfScope", "bytes", "durationMs",
            "pagesPerSec", "warnings", "robots", "stopped") if k in summary}
    return paths


def check_wget(root, rec):
    hosts = [d for d in os.listdir(root)] if os.path.isdir(root) else []
    paths = []
    other = 0
    for host in hosts:
        base = os.path.join(root, host)
        for dirpath, _dirs, files in os.walk(base):
            for name in files:
                full = os.path.join(dirpath, name)
                rel = "/" + os.path.relpath(full, base).replace(os.sep, "/")
                if not name.endswith(".html"):
                    other += 1
                    continue
                paths.append("/" if rel == "/index.html" else rel)
    rec["pages"] = len(paths)
    rec["otherFiles"] = other
    rec["errorPages"] = 0
    return paths


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("queuectl", "wget"):
        sys.exit(__doc__)
    tool, target, expected_file = sys.argv[1:4]
    rec = {"tool": tool}
    for kv in sys.argv[4:]:
        k, _, v = kv.partition("=")
        rec[k] = number(v)
    with open(expected_file) as f:
        expected = {line.strip() for line in f if line.strip()}
    paths = check_queuectl(target, rec) if tool == "queuectl" else check_wget(target, rec)
    got = set(paths)
    rec["expected"] = len(expected)
    rec["unique"] = len(got)
    rec["duplicates"] = len(paths) - len(got)
    rec["missing"] = len(expected - got)
    rec["missingSamples"] = sorted(expected - got)[:5]
    rec["extra"] = len(got - expected)
    rec["found"] = len(got & expected)
    rec["complete"] = (got == expected and rec["duplicates"] == 0 and rec["errorPages"] == 0
                       and rec.get("rc", 0) == 0 and rec.get("summaryLine", True))

    tf = rec.pop("time_file", None)
    if tf:
        with open(tf) as f:
            last = [ln for ln in f.read().split("\n") if ln.strip()][-1].split()
        rec["timeWall"] = float(last[0])
        rec["cpuUser"] = float(last[1])
        rec["cpuSys"] = float(last[2])
        rec["maxRssKiB"] = int(last[3])
    ef = rec.pop("stderr_file", None)
    if ef and os.path.exists(ef):
        with open(ef, errors="replace") as f:
            err = f.read()
        lines = [ln for ln in err.splitlines() if ln.strip()]
        if tool == "wget":
            # --no-verbose prints one line per file; keep only the unusual ones.
            lines = [ln for ln in lines if " URL:" not in ln and not ln.startswith(("FINISHED", "Total wall", "Downloaded:"))]
        rec["stderr"] = "\n".join(lines)[-2000:]
    if "wall_ns" in rec:
        rec["wall"] = rec.pop("wall_ns") / 1e9
        rec["pagesPerSec"] = rec["found"] / rec["wall"] if rec["wall"] > 0 else None
    hz = rec.pop("hz", None)
    busy, nginx = rec.pop("busy_ticks", None), rec.pop("nginx_ticks", None)
    if hz and rec.get("wall"):
        tool_cpu = rec.get("cpuUser", 0) + rec.get("cpuSys", 0)
        if nginx is not None:
            rec["nginxCores"] = round(nginx / hz / rec["wall"], 3)
        if busy is not None:
            other = busy / hz - tool_cpu - (nginx or 0) / hz
            rec["otherCores"] = round(max(other, 0.0) / rec["wall"], 3)
    print(json.dumps(rec, sort_keys=True))


if __name__ == "__main__":
    main()
