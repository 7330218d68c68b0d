# bench/crawl/pydoc.sh: sourced by bench/crawl/run.sh after its generated-site runs.
# Crawl memory and speed on the Python documentation (Debian python3-doc: ~530 pages,
# pages up to 2.5 MB), served by run.sh's private nginx under /pydoc/. queuectl (main
# content and Markdown on) runs at --concurrency 1 and 16, wget once, each PYDOC_RUNS (3)
# times; prints medians, pages/s against wget, and PASS/MISS for issue 12's targets (at
# concurrency 16: at least 2x wget's pages/s, peak RSS <= 80 MB).
# Uses run.sh's QUEUECTL, PORT, OUT, RESULTS, RUN_ID, PYDOC_ROOT, say, die.

PYDOC_RUNS="${PYDOC_RUNS:-3}"
PYDOC_TARGET_MB=80
PYDOC_TARGET_RATIO=2
PYDOC_RAW="$RESULTS/pydoc.jsonl"
PYDOC_URL="http://127.0.0.1:$PORT/pydoc/index.html"

# pydoc_measure TOOL CONCURRENCY RUN: one crawl under GNU time; appends one JSON line.
pydoc_measure() {
  local tool=$1 conc=$2 run=$3 rc=0 tf="$OUT/pydoc.time" target
  if [[ "$tool" == queuectl ]]; then
    target="$OUT/pydoc.ndjson"
    /usr/bin/time -o "$tf" -f '%e %U %S %M' "$QUEUECTL" crawl "$PYDOC_URL" --include '^/pydoc/' \
      --delay 0 --host-concurrency "$conc" --concurrency "$conc" --max-pages 5000 --max-depth 50 \
      --no-sitemaps --json --markdown >"$target" 2>"$OUT/pydoc.stderr" || rc=$?
  else
    target="$OUT/pydoc-wget"
    rm -rf "$target"
    /usr/bin/time -o "$tf" -f '%e %U %S %M' wget --no-config --recursive --level=inf --no-parent \
      --no-verbose -e robots=on --directory-prefix="$target" "$PYDOC_URL" 2>"$OUT/pydoc.stderr" || rc=$?
  fi
  python3 - "$tool" "$conc" "$run" "$rc" "$tf" "$target" "$RUN_ID" >>"$PYDOC_RAW" <<'PY'
import json, os, sys
tool, conc, run, rc, tf, target, run_id = sys.argv[1:8]
wall, user, sys_, rss = open(tf).read().split()[-4:]
if tool == "queuectl":
    pages = 0
    for line in open(target, encoding="utf-8"):
        p = json.loads(line)
        if "url" in p and p.get("status") == 200 and p.get("contentType", "").startswith("text/html"):
            pages += 1
else:
    pages = sum(f.endswith(".html") for _, _, fs in os.walk(target) for f in fs)
print(json.dumps({"runId": run_id, "tool": tool, "concurrency": int(conc), "run": int(run),
                  "rc": int(rc), "pages": pages, "wall": float(wall), "cpu": float(user) + float(sys_),
                  "maxRssMB": int(rss) / 1024, "pagesPerSec": pages / max(float(wall), 0.001)}))
PY
  tail -n 1 "$PYDOC_RAW" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("[crawl-bench]   pydoc %-8s c%-2s run %s: %d pages, %.2f s, %.0f pages/s, %.1f MB peak RSS, rc %s" % (r["tool"], r["concurrency"], r["run"], r["pages"], r["wall"], r["pagesPerSec"], r["maxRssMB"], r["rc"]))' >&2
}

PYDOC="$PYDOC_ROOT"
[[ -f "$PYDOC/library/index.html" ]] || die "no Python documentation found (apt-get install python3-doc)"
say "python3-doc corpus: $PYDOC ($(find "$PYDOC" -name '*.html' | wc -l) HTML files), $PYDOC_RUNS runs"
for ((r = 1; r <= PYDOC_RUNS; r++)); do
  pydoc_measure queuectl 16 "$r"
  pydoc_measure wget 1 "$r"
  pydoc_measure queuectl 1 "$r"
done

python3 - "$PYDOC_RAW" "$RUN_ID" "$PYDOC_TARGET_MB" "$PYDOC_TARGET_RATIO" <<'PY' | tee "$RESULTS/pydoc-summary.md"
import json, statistics, sys
raw, run_id, target, target_ratio = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
recs = [json.loads(l) for l in open(raw) if json.loads(l).get("runId") == run_id]
def med(tool, conc, key):
    vals = [r[key] for r in recs if r["tool"] == tool and r["concurrency"] == conc]
    return statistics.median(vals), min(vals), max(vals)
print(f"\n### python3-doc corpus (run {run_id}, medians [min-max])\n")
print("| tool | concurrency | pages | wall s | pages/s | peak RSS MB |")
print("|---|---|---|---|---|---|")
rows = [("queuectl", 16), ("queuectl", 1), ("wget", 1)]
for tool, conc in rows:
    cells = [med(tool, conc, k) for k in ("pages", "wall", "pagesPerSec", "maxRssMB")]
    print(f"| {tool} | {conc} | " + " | ".join(f"{m:.0f}" if k == 0 else f"{m:.2f} [{lo:.2f}-{hi:.2f}]" for k, (m, lo, hi) in enumerate(cells)) + " |")
wget_pps = med("wget", 1, "pagesPerSec")[0]
for conc in (16, 1):
    ratio = med('queuectl', conc, 'pagesPerSec')[0] / wget_pps
    verdict = ("PASS" if ratio >= target_ratio else "MISS") if conc == 16 else ""
    print(f"\nqueuectl c{conc} / wget pages/s: **{ratio:.2f}x**" + (f", target >= {target_ratio:.0f}x: **{verdict}**" if verdict else ""))
rss16 = med("queuectl", 16, "maxRssMB")[2]
verdict = "PASS" if rss16 <= target else "MISS"
print(f"\npeak RSS at concurrency 16 (worst run): {rss16:.1f} MB, target <= {target:.0f} MB: **{verdict}**")
PY
