#!/usr/bin/env bash
# A differential run: random .htaccess trees and requests (gen.py), answered by real Apache
# (../shared/oracle) and by `bin/htaccess test`; prints each seed whose answers differ.
#   .ci/difffuzz/run.sh START COUNT [WORKDIR]
# Each seed's case stays in WORKDIR (default /tmp/difffuzz) to reproduce; a disagreement is
# recorded as a case under testdata/eval once its cause is fixed. About 2 s a seed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
oracle=$root/../shared/oracle
start=$1
count=$2
work=${3:-/tmp/difffuzz}
mkdir -p "$work"
# The engine under test is a copy of the jar, so that a rebuild during the run changes nothing.
proj=$work/project
rm -rf "$proj" && mkdir -p "$proj/target"
"$root/bin/htaccess" --version >/dev/null
cp -r "$root/bin" "$proj/" && cp "$root/target/htaccess.jar" "$proj/target/"
for ((s = start; s < start + count; s++)); do
  c=$work/c$s
  rm -rf "$c"
  python3 "$root/.ci/difffuzz/gen.py" "$c" "$s"
  if ! python3 "$oracle/oracle.py" "$c" >"$c/expected.jsonl" 2>"$c/oracle.err"; then
    if ! grep -q "failed to start" "$c/oracle.err"; then
      echo "seed $s: the oracle failed: $(head -c 200 "$c/oracle.err" | tr '\n' ' ')"
    fi
  fi
  out=$(python3 "$oracle/conformance.py" -v --project "$proj" "$c" 2>&1 || true)
  if ! echo "$out" | grep -q 'conformance: \([0-9]*\)/\1 core, \1/\1 extended, \([0-9]*\)/\2 config'; then
    echo "seed $s: $(echo "$out" | tail -1)"
    echo "$out" | grep -v '^conformance' | head -5 | cut -c1-300
  fi
done
