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
# Two 5,000-rule redirect files (a migration's map): the new one moves 50 targets and drops 20.
python3 - "$work" <<'PY'
import sys
old, new = ["RewriteEngine On"], ["RewriteEngine On"]
for k in range(5000):
    n = 10 * k + 6  # the /old-N.html pages of the generated log
    old.append(f"RewriteRule ^old-{n}\\.html$ /new-{n}/ [R=301,L]")
    if k % 100 == 0:
        new.append(f"RewriteRule ^old-{n}\\.html$ /moved-{n}/ [R=302,L]")
    elif k % 250 != 1:
        new.append(f"RewriteRule ^old-{n}\\.html$ /new-{n}/ [R=301,L]")
for name, lines in (("old5000.htaccess", old), ("new5000.htaccess", new)):
    open(f"{sys.argv[1]}/{name}", "w").write("\n".join(lines) + "\n")
PY
mkdir -p "$work/big"
cp "$work/old5000.htaccess" "$work/big/.htaccess"
"$root/bin/htaccess" --version >/dev/null
echo "log: $lines lines, $(du -h "$work/access.log" | cut -f1)"
/usr/bin/env time -f "coverage: %e s wall, %M KB peak" "$root/bin/htaccess" coverage \
  --docroot "$work/site" --access-log "$work/access.log" | head -1
/usr/bin/env time -f "diff: %e s wall, %M KB peak" "$root/bin/htaccess" diff --docroot "$work/site" \
  --old "$corpus/wordpress/.htaccess" --new "$work/new.htaccess" --access-log "$work/access.log" |
  head -1 || true # exit 1 when requests change
/usr/bin/env time -f "diff of two 5,000-rule files: %e s wall, %M KB peak" "$root/bin/htaccess" diff \
  --docroot "$work/big" --old "$work/old5000.htaccess" --new "$work/new5000.htaccess" \
  --access-log "$work/access.log" | head -1 || true
