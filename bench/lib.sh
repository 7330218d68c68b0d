# bench/lib.sh — sourced by bench/run.sh and bench/worker/run.sh (not run on its own).
# Checks the tools, builds queuectl, installs the pinned Node reference, starts a PRIVATE
# redis-server on a free port (never 6379, stopped by a trap), then runs a driver and its
# summary. The caller sets BENCH_DIR, ROOT, RESULTS and BENCH_TAG, then calls bench_main.
# shellcheck shell=bash

: "${BENCH_TAG:?set BENCH_TAG before sourcing bench/lib.sh}"

say() { printf '[%s] %s\n' "$BENCH_TAG" "$*" >&2; }
die() { printf '\n[%s] ERROR: %s\n' "$BENCH_TAG" "$*" >&2; exit 1; }

# Stops the private Redis and removes its directory (the EXIT trap).
cleanup() {
  local rc=$?
  if [[ -n "$REDIS_PID" ]] && kill -0 "$REDIS_PID" 2>/dev/null; then
    redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
    for _ in $(seq 50); do kill -0 "$REDIS_PID" 2>/dev/null || break; sleep 0.1; done
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}

# bench_main REPS DRIVER SUMMARIZE: DRIVER and SUMMARIZE are paths relative to bench/.
bench_main() {
  local reps="$1" driver="$2" summarize="$3"
  bench_setup
  mkdir -p "$RESULTS"
  if [[ -s "$RESULTS/raw.jsonl" ]]; then mv "$RESULTS/raw.jsonl" "$RESULTS/raw.prev.jsonl"; fi
  BENCH_RUN_ID="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  export REDIS_PORT="$PORT" BENCH_TMP="$TMP" BENCH_RUN_ID
  unset REDIS_HOST
  say "$reps interleaved reps; raw results -> $RESULTS/raw.jsonl"
  (cd "$BENCH_DIR" && node "$driver" "$reps" "$RESULTS/raw.jsonl") \
    || die "bench run failed (see above); partial results in $RESULTS/raw.jsonl"
  (cd "$BENCH_DIR" && node "$summarize" "$RESULTS/raw.jsonl") | tee "$RESULTS/summary.md"
  say "summary also written to $RESULTS/summary.md"
}

bench_setup() {
  # ---- tools ----------------------------------------------------------------------------
  for t in redis-server redis-cli node npm cargo; do
    command -v "$t" >/dev/null || die "$t not found (Debian: apt-get install -y redis-server redis-tools nodejs npm; cargo from rustup)"
  done
  if [[ ! -x /usr/bin/time ]]; then
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
      say "GNU time missing; installing Debian package 'time'"
      (apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }) \
        || die "could not install GNU time (apt-get install time)"
    else
      die "GNU time (/usr/bin/time) is required: apt-get install time"
    fi
  fi

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
      (cd "$ROOT" && cargo build --release --locked) || die "cargo build --release --locked failed"
    fi
  fi
  [[ -x "$QUEUECTL" ]] || die "no queuectl binary at $QUEUECTL"
  export QUEUECTL

  # ---- Node reference -------------------------------------------------------------------
  if [[ ! -d "$BENCH_DIR/node_modules/bullmq" || ! -d "$BENCH_DIR/node_modules/ioredis" ]]; then
    say "npm ci (bench/node_modules missing)"
    (cd "$BENCH_DIR" && npm ci --no-audit --no-fund) || die "npm ci failed"
  fi

  # ---- private Redis --------------------------------------------------------------------
  TMP="$(mktemp -d "${TMPDIR:-/tmp}/queuectl-${BENCH_TAG// /-}.XXXXXX")"
  REDIS_PID=""
  PORT=""
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # a free port from the kernel's ephemeral range (never 6379)
  PORT="$(node -e '
    const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
  [[ "$PORT" =~ ^[0-9]+$ && "$PORT" != 6379 ]] || die "could not pick a free port (got '$PORT')"

  redis-server --bind 127.0.0.1 --port "$PORT" --save '' --appendonly no \
    --dir "$TMP" --logfile "$TMP/redis.log" --daemonize no >/dev/null 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 100); do
    [[ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" == PONG ]] && break
    kill -0 "$REDIS_PID" 2>/dev/null || die "redis-server exited: $(tail -5 "$TMP/redis.log" 2>/dev/null)"
    sleep 0.1
  done
  [[ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" == PONG ]] || die "private redis-server on port $PORT did not answer"
  say "private redis-server $(redis-server --version | grep -o 'v=[^ ]*') on 127.0.0.1:$PORT (pid $REDIS_PID, dir $TMP)"
}
