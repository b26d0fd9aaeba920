#!/usr/bin/env bash
# Times `coverage` and `diff` over a generated access log (Zipf over 50,000 distinct URLs,
# bench/gen-access-log.py) against ../shared/corpus/wordpress, JVM start included.
# Usage: bench/replay.sh [LINES] (default 10,000,000)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpus}
lines=${1:-10000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site"
cp "$corpus/wordpress/.htaccess" "$work/site/.htaccess"
echo '<?php' >"$work/site/index.php"
# The change under review: the old .html pages redirect before WordPress's rules.
{
  printf 'RewriteEngine On\nRewriteRule ^old-(.*)\\.html$ /new-$1 [R=301,L]\n'
  cat "$corpus/wordpress/.htaccess"
} >"$work/new.htaccess"
python3 "$root/bench/gen-access-log.py" --lines "$lines" >"$work/access.log"
"$root/bin/htaccess" --version >/dev/null
echo "log: $lines lines, $(du -h "$work/access.log" | cut -f1)"
/usr/bin/env time -f "coverage: %e s wall, %M KB peak" "$root/bin/htaccess" coverage \
  --docroot "$work/site" --access-log "$work/access.log" | head -1
/usr/bin/env time -f "diff: %e s wall, %M KB peak" "$root/bin/htaccess" diff --docroot "$work/site" \
  --old "$corpus/wordpress/.htaccess" --new "$work/new.htaccess" --access-log "$work/access.log" |
  head -1 || true # exit 1 when requests change
