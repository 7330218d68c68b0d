#!/usr/bin/env bash
# bench/worker/run.sh [REPS=3]
# Worker benchmark (issue 4): `queuectl worker` (built-in `echo` handler) against a Node BullMQ
# Worker (no-op processor) on the same PRIVATE redis-server, at concurrency 1, 10 and 50,
# interleaved, REPS times. Each run drains a pre-filled queue of BENCH_N jobs. Prints a
# markdown summary with PASS/MISS against the issue's targets.
# Raw JSON lines: bench/results/worker/raw.jsonl; summary: bench/results/worker/summary.md.
#
# Environment knobs (all optional):
#   BENCH_N=100000            jobs per run
#   BENCH_CONCURRENCY="1 10 50"
#   BENCH_WORKER_ARGS=""      extra queuectl worker flags
#   BENCH_METRICS_OFF=1       also run `queuectl worker --no-metrics` (a third side, interleaved)
#                             and check metrics on ÷ off jobs/s >= 0.97 (issue 14)
#   BENCH_QUIET_WAIT=0        before each measurement wait up to this many seconds for the rest
#                             of the machine to use < BENCH_QUIET_CORES (0.3) cores; 0 = don't
#   SKIP_BUILD=1              use the existing target/release/queuectl
#   QUEUECTL=path             benchmark another queuectl binary (implies no build)
set -euo pipefail

REPS="${1:-3}"
if ! [[ "$REPS" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/worker/run.sh [REPS]   (REPS a positive integer, default 3)" >&2
  exit 2
fi

WORKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$WORKER_DIR/.." && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="$BENCH_DIR/results/worker"
BENCH_TAG="bench worker"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
say "concurrency ${BENCH_CONCURRENCY:-1 10 50}, N=${BENCH_N:-100000}"
bench_main "$REPS" worker/driver.js worker/summarize.js
