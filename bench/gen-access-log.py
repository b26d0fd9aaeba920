#!/usr/bin/env python3
"""Writes a combined-format access log of N lines whose URLs follow a Zipf law over D distinct
paths (a realistic repeat rate: a few pages take most of the traffic), for bench/replay.sh."""
import argparse
import random
import sys

p = argparse.ArgumentParser()
p.add_argument("--lines", type=int, default=1_000_000)
p.add_argument("--distinct", type=int, default=50_000)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()
rnd = random.Random(a.seed)
kinds = ["/", "/wp-content/uploads/{y}/{n}.jpg", "/blog/{y}/post-{n}/", "/?p={n}",
         "/wp-admin/admin-ajax.php", "/category/c{n}/page/{m}/", "/old-{n}.html", "/feed/",
         "/wp-includes/js/jquery.js?ver=3.{m}", "/product/{n}?utm_source=x{m}"]
paths = []
for i in range(a.distinct):
    k = kinds[i % len(kinds)]
    paths.append(k.format(y=2000 + i % 25, n=i, m=i % 7))
# Zipf weights 1/rank, sampled through a cumulative table.
weights = [1.0 / (r + 1) for r in range(a.distinct)]
out = sys.stdout
batch = 10_000
for start in range(0, a.lines, batch):
    picks = rnd.choices(paths, weights=weights, k=min(batch, a.lines - start))
    out.write("".join(
        '203.0.113.%d - - [01/Dec/2026:10:00:00 +0000] "GET %s HTTP/1.1" 200 512 "-" "bench"\n'
        % (i % 250, path) for i, path in enumerate(picks)))
