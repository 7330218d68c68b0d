#!/usr/bin/env bash
# bench/serve/run.sh [REPS=1]
# WebSocket fan-out of `queuectl serve`: BENCH_CLIENTS (200) clients subscribed while a Node
# BullMQ Worker processes BENCH_N (10000) jobs with BENCH_STEPS (2) progress updates each.
# Reports delivery latency p50/p99 (client receive time - the event's stream-id time),
# dropped clients, and the server's peak RSS. Uses a PRIVATE redis-server (bench/lib.sh).
# Raw JSON lines: bench/results/serve/raw.jsonl; summary: bench/results/serve/summary.md.
#
# Environment knobs (all optional):
#   BENCH_N=10000  BENCH_CLIENTS=200  BENCH_STEPS=2  BENCH_WORKER_CONCURRENCY=20
#   SKIP_BUILD=1   use the existing target/release binaries
set -euo pipefail

REPS="${1:-1}"
if ! [[ "$REPS" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/serve/run.sh [REPS]   (REPS a positive integer, default 1)" >&2
  exit 2
fi

SERVE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$SERVE_DIR/.." && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="$BENCH_DIR/results/serve"
BENCH_TAG="bench serve"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
[[ "$TARGET_DIR" = /* ]] || TARGET_DIR="$ROOT/$TARGET_DIR"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  say "cargo build --release --locked --example ws_fanout"
  (cd "$ROOT" && cargo build --release --locked --example ws_fanout) || die "building the ws_fanout client failed"
fi
export WS_FANOUT="$TARGET_DIR/release/examples/ws_fanout"
[[ -x "$WS_FANOUT" ]] || die "no client binary at $WS_FANOUT"

say "clients ${BENCH_CLIENTS:-200}, N=${BENCH_N:-10000}, ${BENCH_STEPS:-2} progress updates per job"
bench_main "$REPS" serve/driver.js serve/summarize.js
