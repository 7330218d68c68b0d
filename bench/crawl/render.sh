#!/usr/bin/env bash
# bench/crawl/render.sh [RUNS=3]
# Render benchmark for issue 15: queuectl crawl --render always over a 200-page single-page-app
# site (bench/crawl/gen_spa.py: shells whose script fetches the article from a JSON API) next to
# a static crawl of the same site's server-rendered twin, and --render auto over the twin (no
# browser is started: the cost of the shell check). Served by python3's threading http.server
# on a free 127.0.0.1 port (stopped by a trap). Each measurement runs under
# bench/crawl/treemem.py: wall time and the peak memory of queuectl plus every browser process
# (RSS summed, and PSS). Prints a markdown table (also bench/results/crawl/render-summary.md).
#
# Knobs: SKIP_BUILD=1 (use target/release/queuectl), QUEUECTL=path, BENCH_PAGES=200,
# BENCH_CONCURRENCY=8 (requests in flight, also per host), BENCH_RENDER_CONCURRENCY=4 (tabs).
set -euo pipefail

RUNS="${1:-3}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/crawl/render.sh [RUNS]" >&2; exit 2; }
PAGES="${BENCH_PAGES:-200}"
CONC="${BENCH_CONCURRENCY:-8}"
TABS="${BENCH_RENDER_CONCURRENCY:-4}"
CRAWL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$CRAWL_DIR/../.." && pwd)"
RESULTS="$ROOT/bench/results/crawl"
say() { printf '[render-bench] %s\n' "$*" >&2; }
die() { printf '[render-bench] ERROR: %s\n' "$*" >&2; exit 1; }
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

TMP="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v chromium >/dev/null || command -v google-chrome >/dev/null ||
  die "no browser: ./install.sh installs chromium (or apt-get install chromium)"
if [[ -n "${QUEUECTL:-}" ]]; then
  BIN="$QUEUECTL"
else
  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    say "cargo build --release --locked"
    (cd "$ROOT" && cargo build --release --locked >&2)
  fi
  BIN="$ROOT/target/release/queuectl"
fi
[[ -x "$BIN" ]] || die "no queuectl binary at $BIN"

python3 "$CRAWL_DIR/gen_spa.py" "$TMP/site" "$PAGES" >/dev/null
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$TMP/site" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$PORT/robots.txt" >/dev/null 2>&1 && break
  python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/robots.txt')" 2>/dev/null && break
  sleep 0.1
done
BASE="http://127.0.0.1:$PORT"

mkdir -p "$RESULTS"
RAW="$RESULTS/render.jsonl"
: >"$TMP/rows"
measure() { # measure NAME SEED RENDER
  local name=$1 seed=$2 render=$3
  "$ROOT/bench/crawl/treemem.py" "$TMP/mem.json" "$BIN" crawl "$seed" --json --render "$render" \
    --render-concurrency "$TABS" --delay 0 --concurrency "$CONC" --host-concurrency "$CONC" \
    --max-pages "$PAGES" -o "$TMP/pages.ndjson" 2>"$TMP/stderr" || true
  python3 - "$name" "$TMP/mem.json" "$TMP/pages.ndjson" "$PAGES" >>"$TMP/rows" <<'PY'
import json, sys
name, mem, pages, want = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3], int(sys.argv[4])
lines = [json.loads(l) for l in open(pages)]
summary = lines[-1]["summary"]
records = lines[:-1]
full = sum(1 for r in records if r.get("wordCount", 0) >= 200)
rendered = sum(1 for r in records if r.get("rendered"))
row = {"name": name, "pages": len(records), "withArticle": full, "rendered": rendered,
       "wallS": mem["wallS"], "pagesPerSec": round(len(records) / mem["wallS"], 1),
       "peakRssMb": round(mem["peakRssKb"] / 1024, 1), "peakPssMb": round(mem["peakPssKb"] / 1024, 1),
       "peakProcs": mem["peakProcs"], "exit": mem["exit"]}
if len(records) != want or full != want:
    print(f"[render-bench] {name}: {len(records)} pages, {full} with the article (want {want})", file=sys.stderr)
print(json.dumps(row))
PY
  tail -n 1 "$TMP/rows" >>"$RAW"
  say "$(tail -n 1 "$TMP/rows")"
  sleep 1 # the last browser's processes are gone before the next measurement
}

say "warm-up (not counted)"
"$BIN" crawl "$BASE/ssr/page-0.html" --delay 0 --max-pages "$PAGES" -o /dev/null 2>/dev/null

for run in $(seq "$RUNS"); do
  say "run $run of $RUNS"
  measure "static, server-rendered twin" "$BASE/ssr/page-0.html" never
  measure "--render always, SPA" "$BASE/app/page-0.html" always
  measure "--render auto, server-rendered twin" "$BASE/ssr/page-0.html" auto
done

python3 - "$TMP/rows" "$PAGES" "$CONC" "$TABS" <<'PY' | tee "$RESULTS/render-summary.md"
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"{sys.argv[2]} pages, --concurrency {sys.argv[3]}, --render-concurrency {sys.argv[4]}, medians of {len(rows)//3} runs\n")
print("| crawl | pages (with article / rendered) | pages/s | wall s | peak RSS sum MB | peak PSS MB | processes |")
print("|---|---|---|---|---|---|---|")
for name in dict.fromkeys(r["name"] for r in rows):
    rs = [r for r in rows if r["name"] == name]
    med = lambda k: statistics.median(r[k] for r in rs)
    print(f"| {name} | {rs[0]['pages']} ({rs[0]['withArticle']} / {rs[0]['rendered']}) | {med('pagesPerSec')} | "
          f"{med('wallS')} | {med('peakRssMb')} | {med('peakPssMb')} | {max(r['peakProcs'] for r in rs)} |")
PY
