#!/usr/bin/env python3
"""Records mod_vhost_alias cases with real Apache: ../shared/oracle/oracle.py with one module more.

    python3 tools/record-vhost-alias.py CASE [--update] [--shared ../shared] [oracle options]

The oracle does not load mod_vhost_alias, and LoadModule cannot go in a case's server.conf (it is
placed inside the <VirtualHost>). This runs the oracle itself, unchanged (same case format, same
configuration, same fields, the same copy of the case bind-mounted at /var/www), with
vhost_alias_module added to the modules it loads. It prints one JSON line per request, as the
oracle does; with --update it writes CASE/expected.jsonl instead. A case whose server.conf Apache
refuses is recorded as CASE/oracle.err (the oracle's message), so a test can check that the
configuration is refused here too.
"""
import argparse
import importlib.util
import os
import subprocess
import sys


def load_oracle(shared):
    path = os.path.join(shared, "oracle", "oracle.py")
    spec = importlib.util.spec_from_file_location("oracle", path)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    if not any(name == "vhost_alias_module" for name, _ in oracle.MODULES):
        oracle.MODULES.append(("vhost_alias_module", "mod_vhost_alias.so"))
    return oracle


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("case")
    ap.add_argument("--update", action="store_true", help="write CASE/expected.jsonl (or oracle.err)")
    ap.add_argument("--shared", default=os.environ.get("SHARED", os.path.join(root, "..", "shared")))
    args, rest = ap.parse_known_args()
    oracle = load_oracle(args.shared)
    if not args.update:
        return oracle.main([args.case] + rest)
    # the oracle writes to the process's own output: run it as a child and keep what it printed
    run = subprocess.run(
        [sys.executable, os.path.abspath(__file__), args.case, "--shared", args.shared] + rest,
        capture_output=True,
        text=True,
    )
    expected = os.path.join(args.case, "expected.jsonl")
    refused = os.path.join(args.case, "oracle.err")
    if run.returncode == 0:
        with open(expected, "w", encoding="utf-8") as f:
            f.write(run.stdout)
        if os.path.exists(refused):
            os.remove(refused)
        return 0
    if "apache failed to start" in run.stderr:
        with open(refused, "w", encoding="utf-8") as f:
            f.write(run.stderr)
        if os.path.exists(expected):
            os.remove(expected)
        return 0
    sys.stderr.write(run.stderr)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
