#!/usr/bin/env python3
"""Records what real Apache answers to raw HTTP requests the oracle cannot send.

    python3 tools/record-raw.py CASE [--shared ../shared]

CASE is an oracle case (docroot/, optional server.conf) with raw-requests.txt: one request a
line, written as a Python bytes literal without the quotes (\\r, \\n, \\t, \\xNN; '#' lines and
blank lines are ignored). Apache is started exactly as ../shared/oracle/oracle.py starts it
(same configuration, same copy of the case), each request is sent on its own connection, and
CASE/raw-expected.jsonl gets one object a request: the request as written, the status, the
Content-Type, Location and Allow headers (null when absent), and for a 401 the
WWW-Authenticate header and the body. The project's tests replay the
same bytes against `serve` and compare (ServeRawRequestsTest).
"""
import argparse
import codecs
import json
import os
import shutil
import socket
import sys
import tempfile


def read_requests(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            raw, _ = codecs.escape_decode(line.encode("utf-8"))
            out.append((line, raw))
    return out


def exchange(port, raw, timeout=10.0):
    """Sends RAW on a fresh connection and returns everything read until the server closes."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(raw)
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks)
    finally:
        s.close()


def parse_response(data):
    """The status and the recorded headers of the first response in DATA (and, for a 401, the
    WWW-Authenticate challenge and the body)."""
    head, _, body = data.partition(b"\r\n\r\n")
    head = head.decode("latin-1")
    lines = head.split("\r\n")
    status = None
    parts = lines[0].split(" ", 2) if lines and lines[0] else []
    if len(parts) >= 2 and parts[1].isdigit():
        status = int(parts[1])
    headers = {}
    for h in lines[1:]:
        name, sep, value = h.partition(":")
        if sep:
            headers.setdefault(name.strip().lower(), value.strip())
    answer = {
        "status": status,
        "content_type": headers.get("content-type"),
        "location": headers.get("location"),
        "allow": headers.get("allow"),
    }
    if status == 401:
        answer["www_authenticate"] = headers.get("www-authenticate")
        answer["body"] = body.decode("latin-1")
    return answer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("case")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(args.shared, "oracle"))
    import oracle  # noqa: E402

    case = args.case.rstrip("/")
    requests = read_requests(os.path.join(case, "raw-requests.txt"))
    server_conf = None
    if os.path.exists(os.path.join(case, "server.conf")):
        with open(os.path.join(case, "server.conf"), encoding="utf-8") as f:
            server_conf = f.read()
    tmp = os.path.realpath(tempfile.mkdtemp(prefix="record-raw-"))
    os.chmod(tmp, 0o755)
    apache = None
    try:
        site, docroot, bind, run_dir = oracle.prepare_site(case, tmp, True, sys.stderr)
        apache, port = oracle.start_apache(
            oracle.APACHE_BIN, run_dir, site, docroot, bind, None, server_conf)
        with open(os.path.join(case, "raw-expected.jsonl"), "w", encoding="utf-8") as out:
            for text, raw in requests:
                answer = parse_response(exchange(port, raw))
                answer = {"request": text, **answer}
                out.write(json.dumps(answer) + "\n")
                print("%s -> %s" % (text[:70], answer["status"]))
    finally:
        if apache is not None:
            apache.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
