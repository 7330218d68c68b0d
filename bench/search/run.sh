#!/usr/bin/env bash
# bench/search/run.sh [REPS=3]
# Search benchmark (issue 14 point 2): fills a PRIVATE redis-server with BENCH_N mixed jobs
# through Node BullMQ, then times `queuectl search` (release build) with filters that read
# every job and match none, REPS times. Prints jobs scanned/s and the share of the time Redis
# was busy serving it, with PASS/MISS against the targets (>= 100,000 jobs/s, <= 30 %).
# Raw JSON lines: bench/results/search/raw.jsonl; summary: bench/results/search/summary.md.
#
# Environment knobs (all optional):
#   BENCH_N=200000    jobs in the queue
#   BENCH_SEARCH_ARGS extra queuectl search flags (e.g. '--max-redis-busy 30')
#   SKIP_BUILD=1      use the existing target/release/queuectl
#   QUEUECTL=path     benchmark another queuectl binary (implies no build)
set -euo pipefail

REPS="${1:-3}"
if ! [[ "$REPS" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/search/run.sh [REPS]   (REPS a positive integer, default 3)" >&2
  exit 2
fi

SEARCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$SEARCH_DIR/.." && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="$BENCH_DIR/results/search"
BENCH_TAG="bench search"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
say "N=${BENCH_N:-200000}"
bench_main "$REPS" search/driver.js search/summarize.js
