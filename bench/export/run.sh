#!/usr/bin/env bash
# bench/export/run.sh [REPS=3]
# Export/import benchmark (issue 14 point 3): fills a PRIVATE redis-server with BENCH_N
# waiting jobs (Node addBulk, bench/worker/fill.js, not timed), then per rep times
#   1. queuectl export QUEUE -o FILE           (read-only; every job, its logs and progress)
#   2. queuectl import FILE --queue COPY       (BullMQ's add scripts through the port)
#   3. the same import again                   (idempotent: finds every id present, adds nothing)
# each as a whole process (startup, file, connect, exit) under GNU time, and checks the copy
# has BENCH_N waiting jobs. Prints jobs/s per step (median over reps) and peak RSS.
# Raw lines: bench/results/export/raw.jsonl; summary: bench/results/export/summary.md.
#
# Environment knobs (all optional):
#   BENCH_N=100000    jobs
#   SKIP_BUILD=1      use the existing target/release/queuectl
#   QUEUECTL=path     benchmark another queuectl binary (implies no build)
set -euo pipefail

REPS="${1:-3}"
if ! [[ "$REPS" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/export/run.sh [REPS]   (REPS a positive integer, default 3)" >&2
  exit 2
fi

EXPORT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$EXPORT_DIR/.." && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="$BENCH_DIR/results/export"
BENCH_TAG="bench export"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

N="${BENCH_N:-100000}"
bench_setup
mkdir -p "$RESULTS"
if [[ -s "$RESULTS/raw.jsonl" ]]; then mv "$RESULTS/raw.jsonl" "$RESULTS/raw.prev.jsonl"; fi
RUN_ID="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
R=(redis-cli -h 127.0.0.1 -p "$PORT")
URL="redis://127.0.0.1:$PORT"
FILE="$TMP/export.ndjson"

# Runs queuectl with only REDIS_URL from the bench's environment, under GNU time;
# prints "SECONDS MAX_RSS_KIB".
timed() {
  env -i PATH="$PATH" REDIS_URL="$URL" /usr/bin/time -f '%e %M' -o "$TMP/time" \
    "$QUEUECTL" "$@" >"$TMP/out" 2>"$TMP/err" || die "queuectl $* failed: $(cat "$TMP/err")"
  cat "$TMP/time"
}

record() { # STEP REP SECONDS RSS_KIB
  printf '{"run":"%s","step":"%s","rep":%s,"n":%s,"seconds":%s,"rss_kib":%s}\n' \
    "$RUN_ID" "$1" "$2" "$N" "$3" "$4" >>"$RESULTS/raw.jsonl"
  say "rep $2 $1: ${3}s ($(awk -v n="$N" -v s="$3" 'BEGIN{printf "%.0f", n/s}') jobs/s), peak RSS $(( $4 / 1024 )) MiB"
}

export REDIS_PORT="$PORT"
for rep in $(seq "$REPS"); do
  "${R[@]}" flushall >/dev/null
  (cd "$BENCH_DIR" && node worker/fill.js "$N" exp-src >/dev/null) || die "fill failed"
  read -r s rss < <(timed export exp-src -o "$FILE" --quiet)
  record export "$rep" "$s" "$rss"
  read -r s rss < <(timed import "$FILE" --queue exp-copy --quiet)
  record import "$rep" "$s" "$rss"
  got="$("${R[@]}" llen bull:exp-copy:wait)"
  [[ "$got" == "$N" ]] || die "the copy has $got waiting jobs, expected $N"
  read -r s rss < <(timed import "$FILE" --queue exp-copy --quiet)
  record import-again "$rep" "$s" "$rss"
  got="$("${R[@]}" llen bull:exp-copy:wait)"
  [[ "$got" == "$N" ]] || die "the second import changed the copy ($got waiting jobs)"
done

{
  echo "## queuectl export/import, $N jobs, $REPS reps ($RUN_ID)"
  echo
  echo "| step | median s | jobs/s | peak RSS MiB |"
  echo "|---|---|---|---|"
  for step in export import import-again; do
    grep "\"run\":\"$RUN_ID\",\"step\":\"$step\"" "$RESULTS/raw.jsonl" | node -e '
      const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").map(JSON.parse);
      const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1;
        return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
      const sec = med(lines.map((l) => l.seconds)), rss = med(lines.map((l) => l.rss_kib));
      console.log(`| ${process.argv[1]} | ${sec.toFixed(2)} | ${Math.round(lines[0].n / sec)} | ${(rss / 1024).toFixed(0)} |`);
    ' "$step"
  done
  echo
  echo "export file: $(du -h "$FILE" | cut -f1) for $N jobs"
} | tee "$RESULTS/summary.md"
