#!/usr/bin/env bash
# Whole-command throughput of `htaccess test --format jsonl` on request files of N lines
# against the WordPress and Drupal rules of ../shared/corpus (sites built like the oracle's
# corpus2case.py). Two traffic shapes per site:
#   repeated: the corpus entry's realistic requests, repeated to N lines (as a log is)
#   unique:   N distinct URLs (no answer can be reused)
# JVM start included; the peak resident memory is printed beside the rate.
# Usage: bench/test-command.sh [N] [SHARED_DIR]   (N defaults to 1,000,000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-1000000}
shared=${2:-$root/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/bin/htaccess" --version > /dev/null   # build first, outside the timings
for site in wordpress drupal-11; do
  python3 "$shared/oracle/corpus2case.py" "$shared/corpus" "$work" "$site" > /dev/null
  case=$work/$site
  grep -v '^#' "$case/requests.txt" | grep -v '^$' > "$work/base.txt"
  python3 - "$work/base.txt" "$work/repeated.txt" "$work/unique.txt" "$count" <<'PY'
import sys
base = [l.rstrip("\n") for l in open(sys.argv[1])]
count = int(sys.argv[4])
with open(sys.argv[2], "w") as f:
    for i in range(count):
        f.write(base[i % len(base)] + "\n")
with open(sys.argv[3], "w") as f:
    for i in range(count):
        f.write(f"GET /blog/{i // 100}/post-{i}/?page={i % 7}\n" if i % 2 else f"GET /node/{i}\n")
PY
  for shape in repeated unique; do
    start=$(date +%s.%N)
    /usr/bin/env time -o "$work/time" -f "%M" "$root/bin/htaccess" test --docroot "$case/docroot" \
      --requests "$work/$shape.txt" --format jsonl > "$work/out.jsonl"
    end=$(date +%s.%N)
    lines=$(wc -l < "$work/out.jsonl")
    python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'$site $shape: {int(sys.argv[3]):,} requests in {s:.2f} s = {int(sys.argv[3])/s:,.0f} requests/s, {int(sys.argv[4])//1024:,} MB peak')" "$start" "$end" "$lines" "$(tail -1 "$work/time")"
  done
done
