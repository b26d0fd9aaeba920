#!/usr/bin/env bash
# Whole-command throughput of `htaccess test --format jsonl` on 100,000-line request files
# against the WordPress and Drupal rules of ../shared/corpus (sites built like the oracle's
# corpus2case.py). Two traffic shapes per site:
#   repeated: the corpus entry's realistic requests, repeated to 100,000 lines (as a log is)
#   unique:   100,000 distinct URLs (no answer can be reused)
# Usage: bench/test-command.sh [SHARED_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${1:-$root/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/bin/htaccess" --version > /dev/null   # build first, outside the timings
for site in wordpress drupal-11; do
  python3 "$shared/oracle/corpus2case.py" "$shared/corpus" "$work" "$site" > /dev/null
  case=$work/$site
  grep -v '^#' "$case/requests.txt" | grep -v '^$' > "$work/base.txt"
  python3 - "$work/base.txt" "$work/repeated.txt" "$work/unique.txt" <<'PY'
import sys
base = [l.rstrip("\n") for l in open(sys.argv[1])]
with open(sys.argv[2], "w") as f:
    for i in range(100000):
        f.write(base[i % len(base)] + "\n")
with open(sys.argv[3], "w") as f:
    for i in range(100000):
        f.write(f"GET /blog/{i // 100}/post-{i}/?page={i % 7}\n" if i % 2 else f"GET /node/{i}\n")
PY
  for shape in repeated unique; do
    start=$(date +%s.%N)
    "$root/bin/htaccess" test --docroot "$case/docroot" --requests "$work/$shape.txt" --format jsonl > "$work/out.jsonl"
    end=$(date +%s.%N)
    lines=$(wc -l < "$work/out.jsonl")
    python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'$site $shape: {int(sys.argv[3])} requests in {s:.2f} s = {int(sys.argv[3])/s:,.0f} requests/s')" "$start" "$end" "$lines"
  done
done
