#!/usr/bin/env bash
# A 1 GB upload through `htaccess serve` running with a 64 MB heap: [P] to a local upstream that
# hashes what it receives. Prints the upstream's byte count and SHA-1 (with the expected SHA-1),
# the time, and serve's peak resident size.
# Usage: bench/proxy-upload.sh [SIZE_MB]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${1:-1024}
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
truncate -s "${size_mb}M" "$work/body.bin"
cat > "$work/upstream.py" << 'PY'
import hashlib, http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        left = int(self.headers.get("Content-Length", "0")); n = 0; h = hashlib.sha1()
        while left > 0:
            b = self.rfile.read(min(1 << 20, left))
            if not b:
                break
            h.update(b); left -= len(b); n += len(b)
        body = f"{n} {h.hexdigest()}\n".encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY
up=$(free_port)
python3 "$work/upstream.py" "$up" &
pids+=($!)
mkdir "$work/site"
printf 'RewriteEngine On\nRewriteRule ^up$ http://127.0.0.1:%s/sink [P,L]\n' "$up" > "$work/site/.htaccess"
port=$(free_port)
HTACCESS_JAVA_OPTS=-Xmx64m "$root/bin/htaccess" serve --php none --docroot "$work/site" \
  --listen "127.0.0.1:$port" --access-log /dev/null 2> "$work/serve.err" &
pids+=($!)
for _ in $(seq 1 100); do (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break; sleep 0.2; done
serve_pid=$(pgrep -f "listen 127.0.0.1:$port" | head -1)

(while kill -0 "$serve_pid" 2> /dev/null; do
  awk '/VmRSS/ { print $2 }' "/proc/$serve_pid/status"
  sleep 0.5
done > "$work/rss") &
pids+=($!)
start=$(date +%s.%N)
answer=$(curl -s -T "$work/body.bin" -X POST -H 'Content-Type: application/octet-stream' "http://127.0.0.1:$port/up")
end=$(date +%s.%N)
peak=$(sort -n "$work/rss" | tail -1)
echo "upstream received: $answer"
echo "expected:          $((size_mb * 1024 * 1024)) $(head -c "$((size_mb * 1024 * 1024))" /dev/zero | sha1sum | cut -c1-40)"
awk -v s="$start" -v e="$end" -v p="$peak" 'BEGIN { printf "time %.1f s, serve peak RSS %d MB (heap -Xmx64m)\n", e - s, p / 1024 }'
