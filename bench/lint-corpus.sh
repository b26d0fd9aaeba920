#!/usr/bin/env bash
# Times `bin/htaccess lint` over ../shared/corpus, JVM start included: the median, minimum and
# maximum wall time of N runs (default 10). With JAR=other.jar, runs the same command from that jar
# interleaved with the current build (A = bin/htaccess, B = JAR), since this machine's speed
# drifts from hour to hour and only interleaved runs compare two builds fairly.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpus}
runs=${1:-10}
shopt -s nullglob
files=("$corpus"/*/.htaccess)
[ ${#files[@]} -gt 0 ] || { echo "no .htaccess under $corpus" >&2; exit 2; }
"$root/bin/htaccess" --version >/dev/null # builds the jar and its CDS archive first

out=$(mktemp)
trap 'rm -f "$out"' EXIT
flags=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xshare:auto)
if [ -n "${JAR:-}" ] && [ ! -f "$JAR.jsa" ]; then
  printf 'RewriteEngine On\n' | java -XX:ArchiveClassesAtExit="$JAR.jsa" -jar "$JAR" lint - >/dev/null 2>&1 || true
fi
for _ in $(seq "$runs"); do
  /usr/bin/env time -f "A %e" "$root/bin/htaccess" lint "${files[@]}" >/dev/null 2>>"$out" || true
  if [ -n "${JAR:-}" ]; then
    /usr/bin/env time -f "B %e" java "${flags[@]}" -XX:SharedArchiveFile="$JAR.jsa" -jar "$JAR" \
      lint "${files[@]}" >/dev/null 2>>"$out" || true
  fi
done
for k in A B; do
  grep "^$k " "$out" | awk '{print $2}' | sort -n |
    awk -v k="$k" '{a[NR]=$1} END{if (NR) printf "%s: median %.2f s, min %.2f s, max %.2f s (%d runs)\n", k, a[int((NR+1)/2)], a[1], a[NR], NR}'
done
