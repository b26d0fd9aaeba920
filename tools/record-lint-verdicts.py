#!/usr/bin/env python3
"""Asks real Apache whether it accepts each .htaccess of the lint-agreement set, in one run: every
file becomes docroot/dNNNN/.htaccess beside an x.html, and GET /dNNNN/x.html shows Apache's answer.
A file is refused when the error log names it (Apache's complaint is kept as the message); a 500
without that (a rewrite loop, say) is a file Apache accepted.

Inputs: testdata/lint-apache/{rejected,accepted,generated}/*.htaccess, and the recipes of
corpus-mutations.tsv applied to ../shared/corpus. Writes verdicts.tsv (file, status, verdict,
message) and corpus-verdicts.tsv (corpus, line, mutation, replacement, status, verdict, message).
Needs apache2 and ../shared/oracle. Usage: tools/record-lint-verdicts.py [SHARED_DIR]"""
import json, os, re, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared")
base = os.path.join(root, "testdata", "lint-apache")


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "r": "\r", "n": "\n", "\\": "\\"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def mutate(corpus_file, line_no, replacement):
    """The corpus file with line LINE_NO (1-based) replaced, or dropped for <delete>."""
    lines = open(corpus_file, "rb").read().split(b"\n")
    if replacement == "<delete>":
        del lines[line_no - 1]
    else:
        new = unescape(replacement).encode("utf-8")
        if new.endswith(b"\n"):
            new = new[:-1]
        lines[line_no - 1] = new
    return b"\n".join(lines)


entries = []  # (key, bytes)
for kind in ("rejected", "accepted", "generated"):
    folder = os.path.join(base, kind)
    for name in sorted(os.listdir(folder)):
        entries.append((f"{kind}/{name}", open(os.path.join(folder, name), "rb").read()))
recipes = []
for line in open(os.path.join(base, "corpus-mutations.tsv"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    name, no, mutation, replacement = line.rstrip("\n").split("\t")
    recipes.append((name, int(no), mutation, replacement))
    data = mutate(os.path.join(shared, "corpus", name, ".htaccess"), int(no), replacement)
    entries.append((("corpus", len(recipes) - 1), data))

with tempfile.TemporaryDirectory() as tmp:
    case, keep = os.path.join(tmp, "case"), os.path.join(tmp, "keep")
    requests = []
    for i, (_, data) in enumerate(entries):
        d = os.path.join(case, "docroot", "d%04d" % i)
        os.makedirs(d)
        open(os.path.join(d, ".htaccess"), "wb").write(data)
        open(os.path.join(d, "x.html"), "w").write("x\n")
        requests.append("GET /d%04d/x.html" % i)
    open(os.path.join(case, "requests.txt"), "w").write("\n".join(requests) + "\n")
    out = subprocess.run([sys.executable, os.path.join(shared, "oracle", "oracle.py"), "--keep", keep,
                          case], capture_output=True, text=True, check=True).stdout
    statuses = [json.loads(l)["status"] for l in out.splitlines()]
    messages = {}
    for l in open(os.path.join(keep, "error.log"), encoding="utf-8", errors="replace"):
        m = re.search(r"/html/d(\d{4})/\.htaccess: (.*)$", l)
        if m and int(m.group(1)) not in messages:
            messages[int(m.group(1))] = m.group(2).replace("\t", " ")

rows, corpus_rows = [], []
for i, (key, _) in enumerate(entries):
    verdict = "refused" if i in messages else "accepted"
    tail = f"{statuses[i]}\t{verdict}\t{messages.get(i, '')}"
    if isinstance(key, tuple):
        name, no, mutation, replacement = recipes[key[1]]
        corpus_rows.append(f"{name}\t{no}\t{mutation}\t{replacement}\t{tail}")
    else:
        rows.append(f"{key}\t{tail}")
open(os.path.join(base, "verdicts.tsv"), "w").write("\n".join(rows) + "\n")
open(os.path.join(base, "corpus-verdicts.tsv"), "w").write(
    "# corpus\tline\tmutation\treplacement\tstatus\tverdict\tApache's message\n" + "\n".join(corpus_rows) + "\n")
print(f"{len(rows)} files, {len(corpus_rows)} corpus mutations; "
      f"{sum(1 for i in range(len(entries)) if i in messages)} refused", file=sys.stderr)
