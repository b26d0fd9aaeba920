#!/usr/bin/env bash
# `htaccess serve` and Apache side by side on the same document root, measured with wrk in one
# run: a static file, the WordPress front controller (../shared/corpus/wordpress), a 5,000-rule
# .htaccess, and [P] to a local upstream (one `htaccess serve` of a static directory, used by
# both). Apache runs as Debian runs it: the event MPM with Debian's default worker settings
# (StartServers 2, 25 threads a child, MaxRequestWorkers 150), the modules these sites need and
# LogLevel warn, as ../shared/bench/run.sh starts it; both listen on loopback, so wrk, the server
# and the upstream share this machine's cores.
# Usage: bench/serve-vs-apache.sh [SHARED_DIR] [DURATION_SECONDS] [CONNECTIONS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "${1:-$root/../shared}" && pwd)
duration=${2:-10}
connections=${3:-16}
command -v wrk > /dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
[ -x /usr/sbin/apache2 ] || { echo "needs apache2 (apt-get install apache2)" >&2; exit 2; }
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

# The upstream for [P]: a static directory served by a separate process.
mkdir -p "$work/upstream/api"
head -c 2048 /dev/zero | tr '\0' 'u' > "$work/upstream/api/data.json"
up=$(free_port)
"$root/bin/htaccess" serve --docroot "$work/upstream" --listen "127.0.0.1:$up" --access-log /dev/null 2> /dev/null &
pids+=($!)

# The site: html/ is the document root.
site=$work/site/html
mkdir -p "$site/wp" "$site/big" "$site/proxy"
head -c 4096 /dev/zero | tr '\0' 's' > "$site/static.html"
cp "$shared/corpus/wordpress/.htaccess" "$site/wp/.htaccess"
sed -i 's#RewriteBase /#RewriteBase /wp/#; s#RewriteRule \. /index.php#RewriteRule . /wp/index.php#' "$site/wp/.htaccess"
printf '<?php // front controller (served as a file: no PHP in this benchmark)\n' > "$site/wp/index.php"
python3 - "$site/big/.htaccess" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("RewriteEngine On\n")
    for i in range(5000):
        f.write(f"RewriteCond %{{QUERY_STRING}} ^id={i}$\nRewriteRule ^legacy/page{i}\\.html$ /static.html [L]\n")
    f.write("RewriteRule ^landing$ /static.html [L]\n")
PY
printf 'RewriteEngine On\nRewriteRule ^(.*)$ http://127.0.0.1:%s/api/$1 [P,L]\n' "$up" > "$site/proxy/.htaccess"
ap=$(free_port)
start_apache "$site" "$ap"
hp=$(free_port)
"$root/bin/htaccess" serve --php none --docroot "$site" --listen "127.0.0.1:$hp" --access-log /dev/null 2> "$work/serve.err" &
pids+=($!)
wait_port "$up"
wait_port "$ap"
wait_port "$hp"

check() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' "$1")
  [ "$code" = 200 ] || { echo "$1 answers $code, not 200" >&2; exit 1; }
}
printf '%-26s %12s %12s %8s %10s %10s %8s\n' scenario "apache rps" "serve rps" ratio "apache p99" "serve p99" ratio
for scenario in "static file|/static.html" "wordpress front controller|/wp/2024/05/hello-world/" \
  "5,000-rule .htaccess|/big/landing" "[P] to local upstream|/proxy/data.json"; do
  name=${scenario%%|*}
  path=${scenario#*|}
  check "http://127.0.0.1:$ap$path"
  check "http://127.0.0.1:$hp$path"
  # Warm both up; the JVM needs about 20 s of traffic to reach steady state.
  measure "http://127.0.0.1:$ap$path" > /dev/null
  measure "http://127.0.0.1:$hp$path" > /dev/null
  measure "http://127.0.0.1:$hp$path" > /dev/null
  measure "http://127.0.0.1:$hp$path" > /dev/null
  read -r a_rps a_p99 <<< "$(measure "http://127.0.0.1:$ap$path")"
  read -r h_rps h_p99 <<< "$(measure "http://127.0.0.1:$hp$path")"
  awk -v n="$name" -v ar="$a_rps" -v hr="$h_rps" -v al="$a_p99" -v hl="$h_p99" 'BEGIN {
    printf "%-26s %12d %12d %7.2fx %8.2fms %8.2fms %7.2fx\n", n, ar, hr, hr / ar, al, hl, hl / al }'
done
echo "(rps ratio = serve/apache, higher is better; p99 ratio = serve/apache, lower is better;" \
  "wrk -t2 -c$connections -d${duration}s)"
