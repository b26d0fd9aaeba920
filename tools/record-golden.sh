#!/usr/bin/env bash
# Re-records the expected answers of the dry-run golden files with real Apache
# (../shared/oracle/oracle.py; needs apache2). Review the diff afterwards.
#   testdata/eval/CASE/expected.jsonl            our own cases
#   testdata/eval-corpus/NAME.expected.jsonl     corpus entries with requests (../shared/corpus)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
oracle=$shared/oracle/oracle.py
for case in "$root"/testdata/eval/*/; do
  echo "recording ${case#"$root"/}" >&2
  python3 "$oracle" "$case" > "$case/expected.jsonl"
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$shared/oracle/corpus2case.py" "$shared/corpus" "$tmp" > /dev/null
mkdir -p "$root/testdata/eval-corpus"
for case in "$tmp"/*/; do
  name=$(basename "$case")
  echo "recording corpus $name" >&2
  python3 "$oracle" "$case" > "$root/testdata/eval-corpus/$name.expected.jsonl"
done
