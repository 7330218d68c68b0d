#!/usr/bin/env bash
# bench/crawl/extract.sh [QUEUECTL]
# Extraction time per page alone: `queuectl extract --markdown` (main content and Markdown)
# over the 91 pages of the main-content benchmark (../shared/extract-bench beside the
# repository) and over the Python documentation (Debian python3-doc, when installed), each
# corpus in one process so start-up is paid once. Prints pages, wall seconds, ms/page and
# peak RSS per corpus. run.sh runs it last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
QUEUECTL="${1:-$ROOT/target/release/queuectl}"
BENCH="${EXTRACT_BENCH:-$ROOT/../shared/extract-bench}"
PYDOC="$(readlink -f /usr/share/doc/python3-doc/html 2>/dev/null || true)"
[[ -x "$QUEUECTL" ]] || { echo "no queuectl binary at $QUEUECTL (cargo build --release)" >&2; exit 1; }
[[ -d "$BENCH/html" ]] || { echo "no benchmark pages in $BENCH/html" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }
TF="$(mktemp)"; trap 'rm -f "$TF"' EXIT

# measure LABEL PAGE...: one `queuectl extract` over the pages; prints one line.
measure() {
  local label=$1 wall rss
  shift
  /usr/bin/time -o "$TF" -f '%e %M' "$QUEUECTL" extract --markdown "$@" >/dev/null
  read -r wall rss <"$TF"
  awk -v l="$label" -v n="$#" -v w="$wall" -v r="$rss" \
    'BEGIN { printf "extract %s: %d pages in %.2f s, %.1f ms/page, %.1f MB peak RSS\n", l, n, w, 1000 * w / n, r / 1024 }'
}

measure "article benchmark" "$BENCH"/html/*.html.gz
if [[ -f "$PYDOC/library/index.html" ]]; then
  mapfile -t docs < <(find "$PYDOC" -name '*.html' | sort)
  measure python3-doc "${docs[@]}"
fi
