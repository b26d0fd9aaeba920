#!/usr/bin/env bash
# The PHP front controller through `htaccess serve --php fpm:...` and through Apache with
# mod_proxy_fcgi, both in front of the same php-fpm pool, measured with wrk in one run. The site
# is testdata/php/app (index.php prints $_SERVER as JSON) under WordPress's .htaccess from
# ../shared/corpus; the URL is a pretty permalink, so each request is rewritten to index.php.
# Usage: bench/php-vs-apache.sh [SHARED_DIR] [DURATION_SECONDS] [CONNECTIONS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "${1:-$root/../shared}" && pwd)
duration=${2:-10}
connections=${3:-16}
command -v wrk > /dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
[ -x /usr/sbin/apache2 ] || { echo "needs apache2 (apt-get install apache2)" >&2; exit 2; }
fpm=$(compgen -G '/usr/sbin/php-fpm*' | sort | tail -1) || true
[ -n "$fpm" ] || { echo "needs php-fpm (apt-get install php-fpm)" >&2; exit 2; }
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

site=$work/site
cp -r "$root/testdata/php/app" "$site"
cp "$shared/corpus/wordpress/.htaccess" "$site/.htaccess"
chmod -R a+rX "$site"

user=""
[ "$(id -u)" = 0 ] && user=$'user = www-data\ngroup = www-data'
fp=$(free_port)
cat > "$work/fpm.conf" << CONF
[global]
pid = $work/fpm.pid
error_log = $work/fpm.log
daemonize = no
[bench]
$user
listen = 127.0.0.1:$fp
pm = static
pm.max_children = 8
CONF
root_flag=()
[ "$(id -u)" = 0 ] && root_flag=(-R)
setsid "$fpm" "${root_flag[@]}" -F -y "$work/fpm.conf" > "$work/fpm.out" 2>&1 &
pids+=($!)

ap=$(free_port)
{
  echo "ServerRoot \"$work\""
  echo "DefaultRuntimeDir \"$work\""
  echo "PidFile \"$work/httpd.pid\""
  echo "Listen 127.0.0.1:$ap"
  for m in mpm_prefork authz_core authz_host mime dir alias rewrite headers env setenvif proxy proxy_fcgi; do
    echo "LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so"
  done
  [ "$(id -u)" = 0 ] && printf 'User www-data\nGroup www-data\n'
  cat << CONF
StartServers 8
MinSpareServers 8
MaxSpareServers 16
MaxRequestWorkers 16
ServerName example.com
TypesConfig /etc/mime.types
ErrorLog "$work/error.log"
LogLevel warn
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<FilesMatch ".+\.ph(?:ar|p|tml)$">
    SetHandler "proxy:fcgi://127.0.0.1:$fp"
</FilesMatch>
DocumentRoot "$site"
<Directory "$site">
    AllowOverride All
    Options FollowSymLinks
    Require all granted
</Directory>
DirectoryIndex index.html index.php
CONF
} > "$work/httpd.conf"
# Its own session: Apache signals its whole process group when it stops.
setsid /usr/sbin/apache2 -f "$work/httpd.conf" -DFOREGROUND > "$work/apache.out" 2>&1 &
pids+=($!)
hp=$(free_port)
"$root/bin/htaccess" serve --php "fpm:127.0.0.1:$fp" --php-connections 8 --docroot "$site" \
  --listen "127.0.0.1:$hp" --access-log /dev/null 2> "$work/serve.err" &
pids+=($!)
wait_port "$fp"
wait_port "$ap"
wait_port "$hp"

path=/2024/11/hello-world/
for port in "$ap" "$hp"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  [ "$code" = 200 ] || { echo "port $port answers $code for $path" >&2; cat "$work"/*.err "$work/error.log" >&2; exit 1; }
done
# Warm-up: the JVM compiles the hot paths during the first seconds of traffic.
measure "http://127.0.0.1:$hp$path" > /dev/null
measure "http://127.0.0.1:$hp$path" > /dev/null
sleep 2 # serve's idle FastCGI connections are closed after 1 s, giving the workers back
measure "http://127.0.0.1:$ap$path" > /dev/null
read -r a_rps a_p99 <<< "$(measure "http://127.0.0.1:$ap$path")"
sleep 2
read -r s_rps s_p99 <<< "$(measure "http://127.0.0.1:$hp$path")"
printf '| scenario | Apache requests/s | serve requests/s | ratio | Apache p99 | serve p99 | ratio |\n'
printf '|---|---:|---:|---:|---:|---:|---:|\n'
awk -v a="$a_rps" -v s="$s_rps" -v ap="$a_p99" -v sp="$s_p99" 'BEGIN {
  printf "| PHP front controller (WordPress rules, php-fpm) | %d | %d | %.2fx | %.1f ms | %.1f ms | %.2fx |\n", a, s, s / a, ap, sp, sp / ap }'
