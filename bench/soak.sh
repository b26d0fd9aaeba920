#!/usr/bin/env bash
# The soak mix at 256 connections, Apache (event MPM, Debian's defaults) and `htaccess serve`
# (the launcher's default memory settings) in turn on one document root: a 1 MB file, a 4 KB
# page and a 5,000-rule .htaccess, with wrk -t2 -c256 (30 + 15 + 15 s by default). Prints each
# server's requests/s and p99 per part, and serve's resident memory after the load and at its
# peak.
# Usage: bench/soak.sh [SECONDS_FOR_THE_LARGE_FILE] [SECONDS_FOR_EACH_OTHER_PART]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
large_seconds=${1:-30}
other_seconds=${2:-15}
connections=256
command -v wrk > /dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
[ -x /usr/sbin/apache2 ] || { echo "needs apache2 (apt-get install apache2)" >&2; exit 2; }
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

site=$work/site
mkdir -p "$site/big"
head -c 1048576 /dev/urandom > "$site/large.bin"
head -c 4096 /dev/zero | tr '\0' 's' > "$site/page.html"
{
  echo "RewriteEngine On"
  for i in $(seq 0 4999); do echo "RewriteRule ^old-page-$i\$ /new/page-$i [R=301,L]"; done
} > "$site/big/.htaccess"
echo k > "$site/big/keep.html"

ap=$(free_port)
start_apache "$site" "$ap"
hp=$(free_port)
"$root/bin/htaccess" serve --php none --docroot "$site" --listen "127.0.0.1:$hp" --access-log /dev/null 2> "$work/serve.err" &
serve_pid=$!
pids+=("$serve_pid")
wait_port "$ap"
wait_port "$hp"

# The JVM's process: the launcher execs java, so the pid is the JVM's.
rss() { awk -v k="$1" '$1 == k":" { printf "%d MB", $2 / 1024 }' "/proc/$serve_pid/status"; }

printf '%-16s %8s %12s %10s %12s %10s %7s\n' part seconds "apache rps" "apache p99" "serve rps" "serve p99" ratio
for part in "1 MB file|/large.bin|$large_seconds" "4 KB page|/page.html|$other_seconds" \
  "5,000 rules|/big/keep.html|$other_seconds"; do
  IFS='|' read -r name path duration <<< "$part"
  read -r a_rps a_p99 <<< "$(measure "http://127.0.0.1:$ap$path")"
  read -r h_rps h_p99 <<< "$(measure "http://127.0.0.1:$hp$path")"
  awk -v n="$name" -v d="$duration" -v ar="$a_rps" -v hr="$h_rps" -v al="$a_p99" -v hl="$h_p99" 'BEGIN {
    printf "%-16s %8d %12d %8.2fms %12d %8.2fms %6.2fx\n", n, d, ar, al, hr, hl, hr / ar }'
done
echo "serve resident after the load: $(rss VmRSS), peak $(rss VmHWM) (wrk -t2 -c$connections)"
