#!/usr/bin/env bash
# bench/restarts/run.sh [REPS=3]
# Issue 13 point 4: how many jobs a worker runs twice when Redis restarts under it. A PRIVATE
# redis-server (append-only file, fsync always; a free port, never 6379) gets 2,000 `sleep`
# jobs (2 ms, kept on completion); a worker at concurrency 10 (lock 2 s, stall check 1 s)
# drains them while Redis is restarted five times (SIGTERM, 300 ms down), once every 250
# completions. Then every job must be completed once in Redis, and the handler runs of each
# job are counted: queuectl's `started` events, the Node worker's printed ids. queuectl and
# Node BullMQ (bench/node_modules, pinned) alternate, REPS times each.
#   QUEUECTL=path   the queuectl binary (default: target/release/queuectl, built if missing)
set -euo pipefail
REPS="${1:-3}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
say() { printf '[restarts] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
for t in redis-server redis-cli node npm python3; do
  command -v "$t" >/dev/null || die "$t not found (Debian: apt-get install -y redis-server redis-tools nodejs npm python3)"
done
QUEUECTL="${QUEUECTL:-$ROOT/target/release/queuectl}"
[[ -x "$QUEUECTL" ]] || (cd "$ROOT" && cargo build --release --locked) || die "cargo build failed"
[[ -d "$ROOT/bench/node_modules/bullmq" ]] || (cd "$ROOT/bench" && npm ci --silent) || die "npm ci in bench/ failed"

TMP="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
[[ "$PORT" != 6379 ]] || die "got port 6379"
export REDIS_PORT="$PORT"
REDIS_PID="" WORKER_PID=""
start_redis() {
  redis-server --bind 127.0.0.1 --port "$PORT" --dir "$TMP" --save '' --appendonly yes \
    --appendfsync always --daemonize no >>"$TMP/redis.log" 2>&1 &
  REDIS_PID=$!
  until [[ "$(redis-cli -p "$PORT" ping 2>/dev/null)" == PONG ]]; do sleep 0.05; done
}
stop_redis() { kill -TERM "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
cleanup() { [[ -n "$WORKER_PID" ]] && kill "$WORKER_PID" 2>/dev/null; stop_redis; rm -rf "$TMP"; }
trap cleanup EXIT
completed() { redis-cli -p "$PORT" zcard "bull:$1:completed" 2>/dev/null | grep -E '^[0-9]+$' || echo 0; }

# run_side SIDE REP: prints "SIDE REP twice=N completed=M".
run_side() {
  local side=$1 rep=$2 q="restarts-$1-$2" out="$TMP/$1-$2.out"
  python3 -c 'import json; [print(json.dumps({"name":"sleep","data":{"ms":2},"opts":{"removeOnComplete":False}})) for _ in range(2000)]' |
    REDIS_URL="redis://127.0.0.1:$PORT" "$QUEUECTL" enqueue --file - --queue "$q" >/dev/null
  if [[ $side == queuectl ]]; then
    REDIS_URL="redis://127.0.0.1:$PORT" "$QUEUECTL" worker --json --queue "$q" --concurrency "$q=10" \
      --lock-duration 2s --stalled-interval 1s >"$out" 2>/dev/null &
  else
    (cd "$HERE" && node node-worker.js "$q" 10 >"$out" 2>/dev/null) &
  fi
  WORKER_PID=$!
  for round in 1 2 3 4 5; do
    until (($(completed "$q") >= round * 250)); do sleep 0.02; done
    stop_redis; sleep 0.3; start_redis
  done
  local waited=0
  until (($(completed "$q") >= 2000)); do sleep 0.1; waited=$((waited + 1)); ((waited < 900)) || die "$side: stuck at $(completed "$q")"; done
  kill "$WORKER_PID" 2>/dev/null; wait "$WORKER_PID" 2>/dev/null || true; WORKER_PID=""
  python3 - "$side" "$rep" "$out" "$(completed "$q")" <<'PY'
import collections, json, sys
side, rep, out, done = sys.argv[1:5]
ids = [json.loads(l)["jobId"] for l in open(out) if '"event":"started"' in l] if side == "queuectl" \
    else [l.strip() for l in open(out) if l.strip()]
runs = collections.Counter(ids)
print(f"{side} rep {rep}: {sum(1 for n in runs.values() if n > 1)} of {len(runs)} jobs run more than once, {done} completed")
PY
}

start_redis
for ((r = 1; r <= REPS; r++)); do
  run_side queuectl "$r"
  run_side node "$r"
done
