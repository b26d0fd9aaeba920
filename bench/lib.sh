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

"$root/bin/htaccess" --version > /dev/null # build first, outside the timings
