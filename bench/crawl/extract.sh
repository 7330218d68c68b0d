#!/usr/bin/env bash
# bench/crawl/extract.sh [QUEUECTL]
# Extraction time per page alone: `queuectl extract --markdown` over the 91 pages of the
# main-content benchmark (../shared/extract-bench beside the repository), in one process so
# start-up is paid once. Prints pages, wall seconds, ms/page and peak RSS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
QUEUECTL="${1:-$ROOT/target/release/queuectl}"
BENCH="${EXTRACT_BENCH:-$ROOT/../shared/extract-bench}"
[[ -x "$QUEUECTL" ]] || { echo "no queuectl binary at $QUEUECTL (cargo build --release)" >&2; exit 1; }
[[ -d "$BENCH/html" ]] || { echo "no benchmark pages in $BENCH/html" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }
TF="$(mktemp)"; trap 'rm -f "$TF"' EXIT
pages=("$BENCH"/html/*.html.gz)
/usr/bin/time -o "$TF" -f '%e %M' "$QUEUECTL" extract --markdown "${pages[@]}" >/dev/null
read -r wall rss <"$TF"
awk -v n="${#pages[@]}" -v w="$wall" -v r="$rss" \
  'BEGIN { printf "extract: %d pages in %.2f s, %.1f ms/page, %.1f MB peak RSS\n", n, w, 1000 * w / n, r / 1024 }'
