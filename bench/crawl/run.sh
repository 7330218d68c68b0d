#!/usr/bin/env bash
# bench/crawl/run.sh [RUNS=5]
# Crawl benchmark for issue 3: queuectl crawl (main content and Markdown on) vs wget --recursive on the same 2,001-page
# static site, served by a PRIVATE nginx on 127.0.0.1 (a free port, its own config and temp
# dir, stopped by a trap). Runs are interleaved and the order alternates. Prints a markdown
# summary (also bench/results/crawl/summary.md); raw JSON lines are appended to
# bench/results/crawl/raw.jsonl (one "meta" line per run, then one line per measurement).
#
# Environment knobs (all optional):
#   SKIP_BUILD=1          use the existing target/release/queuectl
#   QUEUECTL=path         benchmark another queuectl binary (implies no build)
#   BENCH_PAGES=2000      pages besides the index
#   BENCH_SEED=20261128   site generator seed
#   BENCH_QUIET_WAIT=0    before each measurement, wait up to this many seconds for the rest of
#                         the machine to use < BENCH_QUIET_CORES (0.3) cores; 0 = don't wait
#   BENCH_OUT_DIR=DIR     where both tools write their output (default: a fresh directory in
#                         /dev/shm when it is a writable tmpfs with 512 MiB free, else the
#                         temporary directory), so a busy disk is not what is measured
#   KEEP_TMP=1            keep the temporary directories (site, last outputs) for inspection
#   BENCH_PYDOC=1         then crawl the Python documentation (python3-doc, installed when
#                         missing) at concurrency 16 and 1 and with wget (bench/crawl/pydoc.sh);
#                         0 = skip it. PYDOC_RUNS=3 runs of each.
# Last, bench/crawl/extract.sh times extraction alone (ms/page, peak RSS) on the article
# benchmark and the Python documentation (bench/results/crawl/extract-summary.md).
set -euo pipefail

RUNS="${1:-5}"
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/crawl/run.sh [RUNS]   (RUNS a positive integer, default 5)" >&2
  exit 2
fi
PAGES="${BENCH_PAGES:-2000}"
SEED="${BENCH_SEED:-20261128}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-0}"
QUIET_CORES="${BENCH_QUIET_CORES:-0.3}"

CRAWL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$CRAWL_DIR/../.." && pwd)"
RESULTS="$ROOT/bench/results/crawl"
say() { printf '[crawl-bench] %s\n' "$*" >&2; }
die() { printf '\n[crawl-bench] ERROR: %s\n' "$*" >&2; exit 1; }

# Both tools talk to 127.0.0.1 directly, never through a proxy from the environment.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

# ---- tools ----------------------------------------------------------------------------
POLICY_RC=/usr/sbin/policy-rc.d
CREATED_POLICY=""
TMP=""
OUT=""
NGINX_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [[ -n "$CREATED_POLICY" ]]; then rm -f "$POLICY_RC"; fi
  if [[ "${KEEP_TMP:-}" == 1 ]]; then
    say "kept $TMP ${OUT:-}"
  else
    if [[ -n "$OUT" && -d "$OUT" ]]; then rm -rf "$OUT"; fi
    if [[ -n "$TMP" && -d "$TMP" ]]; then rm -rf "$TMP"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

apt_install() {
  # apt_install PACKAGE...: installs without starting any service, `apt-get update` only
  # when the first attempt fails (stale or missing package lists).
  if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
    die "missing $*; install it (Debian: apt-get install $*) or run as root"
  fi
  if [[ ! -e "$POLICY_RC" ]]; then
    # Debian packages start their service on install unless policy-rc.d says no (101).
    printf '#!/bin/sh\nexit 101\n' >"$POLICY_RC" && chmod 755 "$POLICY_RC" && CREATED_POLICY=1
  fi
  say "installing $* (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "$@" >/dev/null; } \
    || die "could not install $*"
  if [[ -n "$CREATED_POLICY" ]]; then rm -f "$POLICY_RC"; CREATED_POLICY=""; fi
}

NGINX_BIN="$(command -v nginx || true)"
[[ -z "$NGINX_BIN" && -x /usr/sbin/nginx ]] && NGINX_BIN=/usr/sbin/nginx
missing=()
[[ -n "$NGINX_BIN" ]] || missing+=(nginx)
command -v wget >/dev/null || missing+=(wget)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  apt_install "${missing[@]}"
  NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
fi
[[ -x "$NGINX_BIN" ]] || die "nginx not found after installing it"
# Never touch a system nginx: ours is started below with its own prefix, config and pid.

# ---- build queuectl -------------------------------------------------------------------
if [[ -n "${QUEUECTL:-}" ]]; then
  QUEUECTL="$(cd "$(dirname "$QUEUECTL")" && pwd)/$(basename "$QUEUECTL")"
  say "using QUEUECTL=$QUEUECTL (no build)"
else
  TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
  [[ "$TARGET_DIR" = /* ]] || TARGET_DIR="$ROOT/$TARGET_DIR"
  QUEUECTL="$TARGET_DIR/release/queuectl"
  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    say "cargo build --release --locked"
    (cd "$ROOT" && cargo build --release --locked) \
      || die "cargo build --release --locked failed (retry, or SKIP_BUILD=1 to use the existing binary)"
  fi
fi
[[ -x "$QUEUECTL" ]] || die "no queuectl binary at $QUEUECTL"

# ---- site -----------------------------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/queuectl-crawl-bench.XXXXXX")"
chmod 755 "$TMP" # nginx workers run as nobody when we are root
if [[ -n "${BENCH_OUT_DIR:-}" ]]; then
  mkdir -p "$BENCH_OUT_DIR"
  OUT="$(mktemp -d "$BENCH_OUT_DIR/queuectl-crawl-out.XXXXXX")"
elif [[ -d /dev/shm && -w /dev/shm && "$(stat -f -c %T /dev/shm 2>/dev/null)" == tmpfs ]] \
  && (($(df -Pk /dev/shm | awk 'NR==2{print $4}') > 524288)); then
  OUT="$(mktemp -d /dev/shm/queuectl-crawl-out.XXXXXX)"
else
  OUT="$TMP/out"
  mkdir -p "$OUT"
fi
OUT_FS="$(stat -f -c %T "$OUT" 2>/dev/null || echo unknown)"
SITE="$TMP/site"
say "generating the site ($PAGES pages + index, seed $SEED) in $SITE"
SITE_JSON="$(python3 "$CRAWL_DIR/gensite.py" "$SITE" "$PAGES" "$SEED")"
EXPECTED="$TMP/expected-paths.txt"
say "site: $SITE_JSON"
TOKEN="queuectl-crawl-bench-$$-$RANDOM$RANDOM"
printf '%s\n' "$TOKEN" >"$SITE/bench-token.txt" # not linked from any page
chmod -R a+rX "$SITE" # readable by nginx workers (nobody) whatever the umask

# The Python documentation corpus (bench/crawl/pydoc.sh), served under /pydoc/.
PYDOC_ROOT="" PYDOC_LOCATION=""
if [[ "${BENCH_PYDOC:-1}" == 1 ]]; then
  PYDOC_ROOT="$(readlink -f /usr/share/doc/python3-doc/html 2>/dev/null || true)"
  if [[ ! -f "$PYDOC_ROOT/library/index.html" ]]; then
    apt_install python3-doc
    PYDOC_ROOT="$(readlink -f /usr/share/doc/python3-doc/html)"
  fi
  PYDOC_LOCATION="location /pydoc/ { alias $PYDOC_ROOT/; }"
fi

# ---- private nginx --------------------------------------------------------------------
NGX="$TMP/nginx"
mkdir -p "$NGX/logs" "$NGX/tmp"
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
write_conf() {
  cat >"$NGX/nginx.conf" <<EOF
# Private nginx for bench/crawl/run.sh (temporary).
worker_processes auto;
daemon off;
master_process on;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 100000;
  open_file_cache max=5000 inactive=120s;
  types { text/html html; text/plain txt; }
  default_type application/octet-stream;
  charset utf-8;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  server {
    listen 127.0.0.1:$1;
    server_name localhost;
    root $SITE;
    index index.html;
    $PYDOC_LOCATION
  }
}
EOF
}
PORT=""
for attempt in 1 2 3 4 5; do
  PORT="$(free_port)"
  write_conf "$PORT"
  "$NGINX_BIN" -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log" >"$NGX/logs/stdout.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 50); do
    if [[ "$(wget -q --no-config -O - "http://127.0.0.1:$PORT/bench-token.txt" 2>/dev/null || true)" == "$TOKEN" ]]; then
      break 2
    fi
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
  done
  say "nginx did not come up on port $PORT (attempt $attempt): $(tail -n 2 "$NGX/logs/error.log" 2>/dev/null | tr '\n' ' ')"
  kill "$NGINX_PID" 2>/dev/null || true
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
done
[[ -n "$NGINX_PID" ]] || die "could not start nginx"
URL="http://127.0.0.1:$PORT/"
NGINX_WORKERS="$(pgrep -c -P "$NGINX_PID" || true)"
say "nginx pid $NGINX_PID ($NGINX_WORKERS workers) serving $URL"

# ---- measurement helpers --------------------------------------------------------------
HZ="$(getconf CLK_TCK)"
busy_ticks() { # machine-wide non-idle jiffies
  awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat
}
nginx_ticks() { # utime+stime of our nginx master and its workers
  local pids total=0 p t
  pids="$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"
  for p in $pids; do
    t="$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)"
    total=$((total + t))
  done
  echo "$total"
}
wait_quiet() {
  [[ "$QUIET_WAIT" == 0 ]] && return 0
  local deadline=$((SECONDS + QUIET_WAIT)) a b cores
  while :; do
    a="$(busy_ticks)"; sleep 1; b="$(busy_ticks)"
    cores="$(awk -v d=$((b - a)) -v hz="$HZ" 'BEGIN{printf "%.2f", d/hz}')"
    if awk -v c="$cores" -v m="$QUIET_CORES" 'BEGIN{exit !(c < m)}'; then return 0; fi
    if ((SECONDS >= deadline)); then
      say "machine still busy ($cores cores) after ${QUIET_WAIT}s; measuring anyway"
      return 0
    fi
  done
}

RUN_ID="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
mkdir -p "$RESULTS"
RAW="$RESULTS/raw.jsonl" # appended to; every record carries its run's runId

# measure TOOL RUN ORDER WARMUP
measure() {
  local tool=$1 run=$2 order=$3 warmup=$4 rc=0 t0 t1 b0 b1 n0 n1 load target
  local tf="$OUT/$tool.time" ef="$OUT/$tool.stderr"
  wait_quiet
  load="$(cut -d' ' -f1 /proc/loadavg)"
  if [[ "$tool" == queuectl ]]; then
    target="$OUT/queuectl.ndjson"
    rm -f "$target"
    b0="$(busy_ticks)"; n0="$(nginx_ticks)"; t0="$(date +%s%N)"
    /usr/bin/time -o "$tf" -f '%e %U %S %M' "$QUEUECTL" crawl "$URL" \
      --delay 0 --host-concurrency 16 --concurrency 16 --max-pages 5000 --max-depth 50 --json --markdown \
      >"$target" 2>"$ef" || rc=$?
    t1="$(date +%s%N)"; n1="$(nginx_ticks)"; b1="$(busy_ticks)"
  else
    target="$OUT/wget"
    rm -rf "$target"
    b0="$(busy_ticks)"; n0="$(nginx_ticks)"; t0="$(date +%s%N)"
    /usr/bin/time -o "$tf" -f '%e %U %S %M' wget --no-config --recursive --level=inf --no-parent \
      --no-verbose -e robots=on --directory-prefix="$target" "$URL" 2>"$ef" || rc=$?
    t1="$(date +%s%N)"; n1="$(nginx_ticks)"; b1="$(busy_ticks)"
  fi
  python3 "$CRAWL_DIR/record.py" "$tool" "$target" "$EXPECTED" \
    runId="$RUN_ID" run="$run" order="$order" warmup="$warmup" rc="$rc" load1="$load" \
    wall_ns=$((t1 - t0)) time_file="$tf" stderr_file="$ef" hz="$HZ" \
    busy_ticks=$((b1 - b0)) nginx_ticks=$((n1 - n0)) >>"$RAW"
  tail -n 1 "$RAW" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("[crawl-bench]   %-8s run %s: %d/%d pages, %.3f s, %.0f pages/s, %.1f MB peak RSS%s" % (r["tool"], "warm-up" if r["warmup"] else r["run"], r["found"], r["expected"], r["wall"], r["pagesPerSec"], r.get("maxRssKiB", 0)/1024, "" if r["complete"] else "  INCOMPLETE (rc %s, %s error pages, %s missing)" % (r["rc"], r["errorPages"], r["missing"])))' >&2
}

# ---- meta -----------------------------------------------------------------------------
QV="$("$QUEUECTL" --version 2>/dev/null | head -n 1)"
GIT_REV="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then GIT_REV="$GIT_REV + uncommitted changes"; fi
python3 - "$RUN_ID" "$SITE_JSON" "$QV (release build of $GIT_REV, $(date -u -r "$QUEUECTL" +%H:%MZ))" \
  "$("$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //')" "$(wget --version | head -n 1)" \
  "$NGINX_WORKERS" "$RUNS" "$OUT ($OUT_FS)" >>"$RAW" <<'EOF'
import json, os, platform, subprocess, sys
run_id, site, qv, ngx, wv, workers, runs, out = sys.argv[1:9]
model = ""
try:
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
mem = 0
with open("/proc/meminfo") as f:
    for line in f:
        if line.startswith("MemTotal:"):
            mem = int(line.split()[1]) / 1048576
print(json.dumps({
    "type": "meta", "runId": run_id, "date": run_id[:10], "nproc": os.cpu_count(),
    "cpuModel": model, "memGiB": round(mem, 1), "kernel": platform.release(),
    "site": json.loads(site), "queuectl": qv, "nginx": ngx, "wget": wv,
    "nginxWorkers": f"auto = {workers}", "runs": int(runs), "outputDir": out,
}))
EOF

# ---- runs -----------------------------------------------------------------------------
say "warm-up (not counted)"
measure queuectl 0 1 1
measure wget 0 2 1
for ((r = 1; r <= RUNS; r++)); do
  say "run $r of $RUNS"
  if ((r % 2)); then
    measure queuectl "$r" 1 0
    measure wget "$r" 2 0
  else
    measure wget "$r" 1 0
    measure queuectl "$r" 2 0
  fi
done

python3 "$CRAWL_DIR/summarize.py" "$RAW" "$RUN_ID" | tee "$RESULTS/summary.md"
say "raw results: $RAW; summary: $RESULTS/summary.md"

if [[ "${BENCH_PYDOC:-1}" == 1 ]]; then
  # shellcheck source=bench/crawl/pydoc.sh
  source "$CRAWL_DIR/pydoc.sh"
  say "python3-doc results: $PYDOC_RAW; summary: $RESULTS/pydoc-summary.md"
fi

say "extraction alone, per page (bench/crawl/extract.sh)"
printf '\n### Extraction alone (run %s)\n\n' "$RUN_ID" | tee "$RESULTS/extract-summary.md"
"$CRAWL_DIR/extract.sh" "$QUEUECTL" | sed 's/^/- /' | tee -a "$RESULTS/extract-summary.md"
