#!/usr/bin/env bash
# bench/run.sh [REPS=3]
# Builds queuectl (release), installs the Node reference (bullmq 6.7.0 + ioredis 6.0.0) if
# needed, starts a PRIVATE redis-server on a free port, runs the cases interleaved REPS times,
# stops that Redis, and prints a markdown summary. Raw JSON lines: bench/results/raw.jsonl.
#
# Environment knobs (all optional):
#   BENCH_N=100000         jobs per enqueue run
#   BENCH_STATS_ITER=20    spawns per side per rep for the stats case
#   BENCH_QUIET_WAIT=0     before each measurement wait up to this many seconds for the rest of
#                          the machine to use < BENCH_QUIET_CORES (0.3) cores; 0 = don't wait
#   SKIP_BUILD=1           use the existing target/release/queuectl
#   QUEUECTL=path          benchmark another queuectl binary (implies no build)
set -euo pipefail

REPS="${1:-3}"
if ! [[ "$REPS" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/run.sh [REPS]   (REPS a positive integer, default 3)" >&2
  exit 2
fi

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="$BENCH_DIR/results"
BENCH_TAG="bench"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
bench_main "$REPS" driver.js summarize.js
