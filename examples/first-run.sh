#!/bin/sh
# first-run.sh - queuectl's main job end to end, on nothing but this machine:
# a private redis-server and a local copy of examples/site/ on free loopback
# ports, a single-page scrape job enqueued, processed by `queuectl worker
# --burst`, then the job's result and the queue counts. Everything it starts is
# stopped on exit; the Redis on 6379 (if any) is never touched.
#
# Usage: sh examples/first-run.sh [QUEUECTL]   (default: queuectl on PATH)
set -eu

queuectl=${1:-queuectl}
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)

say() {
    printf 'first-run: %s\n' "$*" >&2
}

need() {
    command -v "$1" >/dev/null 2>&1 || {
        say "error: $1 not found on PATH ($2)"
        exit 1
    }
}
need redis-server "install it: ./install.sh, or apt-get install redis-server"
need python3 "install it: ./install.sh --dev, or apt-get install python3"
need "$queuectl" "build and install it: ./install.sh"

tmp=$(mktemp -d)
redis_pid=
site_pid=
stop() {
    [ -z "$redis_pid" ] || kill "$redis_pid" 2>/dev/null || true
    [ -z "$site_pid" ] || kill "$site_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free loopback port (bind to 0, read it back, release it).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until something listens on 127.0.0.1:$1.
wait_port() {
    python3 - "$1" <<'PY'
import socket, sys, time
deadline = time.time() + 10
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit("nothing listens on port " + sys.argv[1])
PY
}

redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --dir "$tmp" --logfile "$tmp/redis.log" &
redis_pid=$!
site_port=$(free_port)
python3 -m http.server --bind 127.0.0.1 --directory "$here/site" "$site_port" \
    >"$tmp/site.log" 2>&1 &
site_pid=$!
wait_port "$redis_port"
wait_port "$site_port"
say "private redis-server on 127.0.0.1:$redis_port, examples/site/ on 127.0.0.1:$site_port"

REDIS_URL=redis://127.0.0.1:$redis_port
export REDIS_URL
url="http://127.0.0.1:$site_port/"

say "+ queuectl enqueue single-page '{\"url\": \"$url\"}'"
id=$("$queuectl" enqueue single-page "{\"url\": \"$url\"}")
say "+ queuectl worker --queue scrape-queue --burst --allow-private-networks"
"$queuectl" worker --queue scrape-queue --burst --allow-private-networks
say "+ queuectl job scrape-queue $id"
"$queuectl" job scrape-queue "$id"
say "+ queuectl stats"
"$queuectl" stats

state=$("$queuectl" job scrape-queue "$id" --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["state"])')
if [ "$state" != completed ]; then
    say "error: the scrape job ended $state, not completed"
    exit 1
fi
say "ok: job $id scraped $url and completed"
