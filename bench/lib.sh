# Shared by the bench scripts (sourced, not run): a work directory removed on exit with the
# processes started into `pids`, free loopback ports, waiting for a listener, and one wrk run.
# Expects `root` to be set; `measure` reads `connections` and `duration`.
work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_port() {
  for _ in $(seq 1 150); do
    (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null && return 0
    sleep 0.2
  done
  echo "nothing listens on $1" >&2
  exit 1
}

# One wrk run: "requests/s p99-ms".
measure() {
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" 2> /dev/null | awk '
    /Requests\/sec/ { rps = $2 }
    / 99%/ { v = $2; ms = v + 0; if (v ~ /us$/) ms = ms / 1000; else if (v ~ /[^m]s$/) ms = ms * 1000; p99 = ms }
    END { printf "%.0f %.2f", rps, p99 }'
}

# Apache as Debian runs it (the event MPM with Debian's default worker settings, LogLevel warn)
# on loopback: start_apache DOCUMENT_ROOT PORT. The document root allows every override.
start_apache() {
  local site=$1 ap=$2 mods=/usr/lib/apache2/modules
  cat > "$work/httpd.conf" <<CONF
ServerRoot /etc/apache2
LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule mime_module $mods/mod_mime.so
LoadModule dir_module $mods/mod_dir.so
LoadModule rewrite_module $mods/mod_rewrite.so
LoadModule proxy_module $mods/mod_proxy.so
LoadModule proxy_http_module $mods/mod_proxy_http.so
User www-data
Group www-data
PidFile $work/httpd.pid
ErrorLog $work/apache.err
LogLevel warn
Listen 127.0.0.1:$ap
ServerName example.com
TypesConfig /etc/mime.types
StartServers 2
MinSpareThreads 25
MaxSpareThreads 75
ThreadLimit 64
ThreadsPerChild 25
MaxRequestWorkers 150
MaxConnectionsPerChild 0
DocumentRoot $site
DirectoryIndex index.html index.php
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory $site>
  AllowOverride All
  Options FollowSymLinks
  Require all granted
</Directory>
CONF
  chmod -R a+rX "$work"
  /usr/sbin/apache2 -f "$work/httpd.conf" -DFOREGROUND &
  pids+=($!)
}

"$root/bin/htaccess" --version > /dev/null # build first, outside the timings
