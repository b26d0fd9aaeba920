#!/usr/bin/env python3
"""Records whether real Apache accepts each .htaccess of testdata/lint-apache/{rejected,accepted}:
a request below the file answering 500 means Apache refused it. Writes verdicts.tsv (name, status).
Needs apache2 and ../shared/oracle. Usage: tools/record-lint-verdicts.py [SHARED_DIR]"""
import json, os, shutil, subprocess, sys, tempfile
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared")
base = os.path.join(root, "testdata", "lint-apache")
rows = []
for kind in ("rejected", "accepted"):
    for name in sorted(os.listdir(os.path.join(base, kind))):
        with tempfile.TemporaryDirectory() as tmp:
            os.makedirs(os.path.join(tmp, "docroot"))
            shutil.copy(os.path.join(base, kind, name), os.path.join(tmp, "docroot", ".htaccess"))
            open(os.path.join(tmp, "docroot", "x.html"), "w").write("x\n")
            open(os.path.join(tmp, "requests.txt"), "w").write("GET /x.html\n")
            out = subprocess.run([sys.executable, os.path.join(shared, "oracle", "oracle.py"), tmp],
                                 capture_output=True, text=True).stdout
            status = json.loads(out.splitlines()[0])["status"]
            rows.append(f"{kind}/{name}\t{status}")
            print(rows[-1], file=sys.stderr)
open(os.path.join(base, "verdicts.tsv"), "w").write("\n".join(rows) + "\n")
