#!/usr/bin/env python3
"""Renders bench/run-bench.sh's CSV as the markdown tables of bench/README.md (medians, ratios, issue 5 targets).

usage: summarize.py CSV RUN_ID LABEL WARMUP SIZE PART CONCURRENCY ROUNDS
"""
import csv, statistics, sys
path, run_id, label, warmup, size, part, conc, rounds = sys.argv[1:]
rows = list(csv.DictReader(open(path)))
nan = float("nan")
def med(rs, k):
    v = [float(r[k]) for r in rs if r[k] != ""]
    return statistics.median(v) if v else nan
def f(x, fmt):
    return "–" if x != x else format(x, fmt)
main = [r for r in rows if r["round"] != "rss"]
groups = {}
for r in main:
    groups.setdefault((r["direction"], r["peer"]), []).append(r)
print(f"Run {run_id}{' (' + label + ')' if label else ''}: {size} random file, {part} parts, {conc} in flight, "
      f"medians of {rounds} alternating rounds, warm-up {warmup} before the rounds; whole-process figures incl. start-up.\n")
best = {}
for direction in ("up", "down"):
    peers = [(p, rs) for (d, p), rs in groups.items() if d == direction]
    if not peers:
        continue
    others = [(p, rs) for p, rs in peers if not p.startswith("s3pump")]
    if others:
        bm = max(others, key=lambda pr: med(pr[1], "mib_s"))
        bc = min(others, key=lambda pr: med(pr[1], "client_cpu_s_per_gib"))
        br = min(others, key=lambda pr: med(pr[1], "max_rss_mib"))
        best[direction] = (bm, bc, br)
        b_mibs, b_cpu, b_rss = med(bm[1], "mib_s"), med(bc[1], "client_cpu_s_per_gib"), med(br[1], "max_rss_mib")
        print(f"**{'Upload' if direction == 'up' else 'Download'}**: best peer {bm[0]} {b_mibs:.1f} MiB/s; cheapest "
              f"{bc[0]} {b_cpu:.2f} CPU-s/GiB; smallest {br[0]} {b_rss:.0f} MiB (the × columns divide by these)\n")
    else:
        b_mibs = b_cpu = b_rss = nan
    print("| client | sends per part | MiB/s | × best | client CPU-s/GiB (kernel) | × best | peak RSS MiB | × best | server CPU-s/GiB | ceiling MiB/s | % of ceiling |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    peers.sort(key=lambda pr: -med(pr[1], "mib_s"))
    for p, rs in peers:
        m, c, k, rss = med(rs, "mib_s"), med(rs, "client_cpu_s_per_gib"), med(rs, "sys_s"), med(rs, "max_rss_mib")
        gib = float(rs[0]["bytes"]) / 2**30
        s_, ceil = med(rs, "server_cpu_s_per_gib"), med(rs, "ceiling_mib_s")
        print(f"| {p} | {rs[0]['sends']} | {m:.1f} | {f(m / b_mibs, '.2f')} | {c:.2f} ({k / gib:.2f}) | {f(c / b_cpu, '.2f')} | "
              f"{rss:.0f} | {f(rss / b_rss, '.2f')} | {f(s_, '.2f')} | {f(ceil, '.0f')} | {f(100 * m / ceil if ceil == ceil else nan, '.0f')}% |")
    print()

rss_rows = [r for r in rows if r["round"] == "rss"]
if rss_rows:
    print("**Peak RSS against file size** (one upload each, signed SHA-256)\n")
    print("| run | file | MiB/s | client CPU-s/GiB | peak RSS MiB |")
    print("|---|---|---|---|---|")
    for r in rss_rows:
        b = int(r['bytes'])
        print(f"| {r['peer']} | {f'{b / 2**30:.0f} GiB' if b >= 2**30 else f'{b / 2**20:.0f} MiB'} | {float(r['mib_s']):.1f} | {float(r['client_cpu_s_per_gib']):.2f} | {float(r['max_rss_mib']):.0f} |")
    print()

# Issue 5's targets, checked against this run.
def get(direction, peer, key):
    rs = groups.get((direction, peer))
    return med(rs, key) if rs else nan
if "up" in best:
    print("**Issue 5 targets in this run**\n")
    bm, bc, br = best["up"]
    b_up = med(bm[1], "mib_s")
    unsigned = [get("up", p, "client_cpu_s_per_gib") for p in ("tm-crt", "tm-java")]
    verified = [get("up", p, "client_cpu_s_per_gib") for p in ("aws-cli", "boto3")]
    unsigned = min([x for x in unsigned if x == x], default=nan)
    verified = min([x for x in verified if x == x], default=nan)
    checks = []
    measured = [(get("up", p, "mib_s"), p) for p in ("s3pump-none-nomd5", "s3pump-none", "s3pump-sha256", "s3pump-md5", "s3pump-chunked")]
    fast = max([m for m in measured if m[0] == m[0]], default=(nan, "s3pump"))
    checks.append((f"upload ≥ 1.25 × best peer ({1.25 * b_up:.1f} MiB/s)", f"{fast[1]} {fast[0]:.1f}", fast[0] >= 1.25 * b_up))
    ceil = get("up", fast[1], "ceiling_mib_s")
    checks.append((f"upload ≥ 80 % of its ceiling ({f(0.8 * ceil, '.0f')} MiB/s)", f"{fast[0] / ceil * 100:.0f} %" if ceil == ceil else "–", ceil == ceil and fast[0] >= 0.8 * ceil))
    for p, limit, what in (("s3pump-none-nomd5", unsigned / 3, "UNSIGNED-PAYLOAD: ≤ ⅓ of the cheapest UNSIGNED peer"),
                           ("s3pump-sha256", verified / 3, "verified payload (signed SHA-256): ≤ ⅓ of the cheapest verified peer"),
                           ("s3pump-md5", verified / 3, "verified payload (Content-MD5): ≤ ⅓ of the cheapest verified peer"),
                           ("s3pump-chunked", verified / 3, "verified payload (aws-chunked): ≤ ⅓ of the cheapest verified peer"),
                           ("s3pump-none", unsigned / 3, "UNSIGNED-PAYLOAD + local MD5: ≤ ⅓ of the cheapest UNSIGNED peer")):
        c = get("up", p, "client_cpu_s_per_gib")
        checks.append((f"{what} ({f(limit, '.2f')} CPU-s/GiB)", f"{p} {f(c, '.2f')}", c == c and limit == limit and c <= limit))
    rss = get("up", "s3pump-sha256", "max_rss_mib")
    checks.append(("peak RSS ≤ 160 MiB at 8 MiB × 8", f"s3pump-sha256 {f(rss, '.0f')} MiB", rss == rss and rss <= 160))
    big = [r for r in rss_rows if not r["peer"].endswith("-tuned")]
    if big:
        b = float(big[0]["max_rss_mib"])
        nb = int(big[0]['bytes'])
        checks.append((f"peak RSS flat from {size} to {f'{nb / 2**30:.0f} GiB' if nb >= 2**30 else f'{nb / 2**20:.0f} MiB'} (within 10 %)", f"{f(rss, '.0f')} → {b:.0f} MiB", rss == rss and b <= rss * 1.1))
    if "down" in best:
        d_best = med(best["down"][0][1], "mib_s")
        for p, what in (("s3pump", "verified (MD5 of every range)"), ("s3pump-noverify", "size only, like the peers")):
            d = get("down", p, "mib_s")
            if d == d:
                checks.append((f"download ≥ 1.25 × best peer ({1.25 * d_best:.1f} MiB/s), {what}", f"{p} {f(d, '.1f')}", d >= 1.25 * d_best))
    print("| target | s3pump | met |")
    print("|---|---|---|")
    for what, value, ok in checks:
        print(f"| {what} | {value} | {'yes' if ok else '**no**'} |")
    print()
