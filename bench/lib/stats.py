"""Turns the raw rounds into the figures we publish: medians with their spread, ratios, per-request
counts of PostgreSQL transactions and Redis commands, and which of the performance targets are met."""
import statistics

TARGETS = {"cpu_vs_nginx_full": 3.0, "cpu_vs_nginx_auth": 2.0, "added_p50_us": 150.0, "added_p99_us": 1000.0,
           "db_per_req": 0.0, "redis_rt_per_req": 1.0, "rss_mb": 256.0}
# Commands the gateway's Lua script runs inside Redis: INFO commandstats counts them too, but they
# are not round trips. (Our own INFO/PING calls are the harness's.)
SCRIPT_INNER = {"time", "zremrangebyscore", "zcard", "zadd", "pexpire", "zrange", "zcount", "expire",
                "get", "incr", "incrby", "set"}
HARNESS = {"info", "ping", "scan", "del"}


def kept(rounds, max_steal):
    return [r for r in rounds if r["steal_pct"] <= max_steal]


def spread(values):
    """(median, min, max) of the non-None values, or None."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return statistics.median(vals), min(vals), max(vals)


def ratio(r):
    if r.get("proxy_us") is None or not r.get("upstream_us"):
        return None
    return r["proxy_us"] / r["upstream_us"]


def pooled_ratio(rs):
    """Proxy CPU ÷ upstream CPU summed over all rounds of a cell: steadier than a median of ratios."""
    up = sum(r.get("upstream_ns", 0) for r in rs)
    if not up or any(r.get("proxy_ns") is None or r.get("proxy_us") is None for r in rs):
        return None
    return sum(r["proxy_ns"] for r in rs) / up


def cell(rounds, target, c):
    rs = [r for r in rounds if r["target"] == target and r["connections"] == c]
    if not rs:
        return None
    return dict(n=len(rs), rps=spread([r["rps"] for r in rs]), p50=spread([r["p50"] for r in rs]),
                p99=spread([r["p99"] for r in rs]), proxy_us=spread([r["proxy_us"] for r in rs]),
                upstream_us=spread([r["upstream_us"] for r in rs]), ratio=spread([ratio(r) for r in rs]),
                pooled_ratio=pooled_ratio(rs),
                non2xx=sum(r["non2xx"] for r in rs), errors=sum(r["socket_errors"] for r in rs),
                steal=spread([r["steal_pct"] for r in rs]), foreign=spread([r["foreign_pct"] for r in rs]))


def redis_per_request(rounds):
    """(round trips, all commands incl. those inside scripts, {command: per request}) per request.
    wrk counts only completed requests: up to `connections` more per round were in flight when it
    stopped and had reached Redis, so they are added to the divisor."""
    n = sum(r["requests"] + r["connections"] for r in rounds) or 1
    totals = {}
    for r in rounds:
        for k, v in (r.get("redis_delta") or {}).items():
            if k not in HARNESS:
                totals[k] = totals.get(k, 0) + v
    all_cmds = sum(totals.values())
    inner = sum(v for k, v in totals.items() if k in SCRIPT_INNER)
    return (all_cmds - inner) / n, all_cmds / n, {k: v / n for k, v in sorted(totals.items())}


def slope(points):
    """Least-squares slope of transactions over requests across rounds: the queries each extra
    request causes. Periodic work (key-cache refresh, the last-used flush) lands in the intercept."""
    if len(points) < 3:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    var = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / var if var else None


def per_target(rounds, target):
    rs = [r for r in rounds if r["target"] == target]
    if not rs:
        return None
    n = sum(r["requests"] for r in rs) or 1
    out = dict(requests=n, non2xx=sum(r["non2xx"] for r in rs))
    if any("db_delta" in r for r in rs):
        out["db_total"] = sum(r.get("db_delta", 0) for r in rs)
        out["db_per_req"] = out["db_total"] / n
        out["db_seconds"] = sum(r.get("seconds", 0) for r in rs)
        out["db_slope"] = slope([(r["requests"], r.get("db_delta", 0)) for r in rs])
    if any("redis_delta" in r for r in rs):
        out["redis_rt"], out["redis_all"], out["redis_by_cmd"] = redis_per_request(rs)
        out["redis_cpu_us"] = spread([r.get("redis_cpu_us") for r in rs])
    rss = [r["rss_mb"] for r in rs if r.get("rss_mb")]
    out["rss_max_mb"] = max(rss) if rss else None
    return out


def added_latency(rounds, target, c=1):
    """Median p50/p99 of the target minus those of the direct call, at `c` connections."""
    mine, direct = cell(rounds, target, c), cell(rounds, "direct", c)
    if not mine or not direct or not mine["p50"] or not direct["p50"]:
        return None
    return mine["p50"][0] - direct["p50"][0], mine["p99"][0] - direct["p99"][0]


def verdicts(rounds, connections, soak, heap):
    """[(target text, measured text, met True/False/None)] for the full pipeline."""
    out = []
    top = max(connections)
    full = cell(rounds, "gateway-full", top)
    pt = per_target(rounds, "gateway-full")
    if not full or not pt:
        return out
    valid = pt["non2xx"] == 0
    # The yardstick is nginx measured in the same run: CPU per request of the proxy under test ÷ nginx's.
    for target, limit, label in (("gateway-full", TARGETS["cpu_vs_nginx_full"], "full pipeline"),
                                 ("gateway-auth", TARGETS["cpu_vs_nginx_auth"], "auth only")):
        for c in connections:
            if c < 16:
                continue
            mine, nginx = cell(rounds, target, c), cell(rounds, "nginx", c)
            if not mine or not nginx or not mine["proxy_us"] or not nginx["proxy_us"]:
                continue
            r = mine["proxy_us"][0] / nginx["proxy_us"][0]
            ok = r <= limit and per_target(rounds, target)["non2xx"] == 0
            out.append((f"CPU/request {label} ÷ nginx's ≤ {limit} (at {c} connections)",
                        f"{r:.2f} ({mine['proxy_us'][0]:.1f} ÷ {nginx['proxy_us'][0]:.1f} µs)", ok))
    added = added_latency(rounds, "gateway-full")
    if added:
        # nginx's own added latency in the same run: the floor this machine sets for any proxy at one connection.
        yard = added_latency(rounds, "nginx")
        def beside(i):
            return f" (nginx {yard[i]:.0f} µs)" if yard else ""
        out.append(("added p50 over direct at 1 connection ≤ 150 µs", f"{added[0]:.0f} µs" + beside(0),
                    added[0] <= TARGETS["added_p50_us"] and valid))
        # A negative difference means the direct call's own p99 was hit by the machine's noise.
        out.append(("added p99 over direct at 1 connection ≤ 1 ms",
                    f"{added[1]:.0f} µs" + beside(1) + (" (direct p99 noisier: not measurable)" if added[1] < 0 else ""),
                    None if added[1] < 0 else added[1] <= TARGETS["added_p99_us"] and valid))
    if "db_per_req" in pt:
        # The last-used flush writes about once a minute: "0 per request" means no per-request query.
        sl = pt.get("db_slope")
        out.append(("0 PostgreSQL queries per request (steady state)",
                    f"{pt['db_total']} transactions in {pt['db_seconds']:.0f} s "
                    f"({pt['db_total'] / max(pt['db_seconds'], 1):.2f}/s whatever the load) for {pt['requests']} requests; "
                    f"slope over rounds {'n/a' if sl is None else f'{sl:.5f}'} per request",
                    (sl if sl is not None else pt["db_per_req"]) < 0.001 and valid))
    if "redis_rt" in pt:
        out.append(("≤ 1 Redis round trip per request", f"{pt['redis_rt']:.3f}",
                    pt["redis_rt"] <= TARGETS["redis_rt_per_req"] + 0.01 and valid))
    if pt["rss_max_mb"]:
        out.append((f"RSS ≤ {TARGETS['rss_mb']:.0f} MB under load", f"{pt['rss_max_mb']:.0f} MB", pt["rss_max_mb"] <= TARGETS["rss_mb"]))
    if soak:
        rss = [s["rss_mb"] for s in soak]
        heaps = [s["heap_after_gc_mb"] for s in soak if s.get("heap_after_gc_mb") is not None]
        grow_rss = rss[-1] - rss[len(rss) // 2] if len(rss) > 2 else 0
        grow_heap = heaps[-1] - heaps[len(heaps) // 2] if len(heaps) > 2 else 0
        # Growth is judged over the second half of the soak: the first minutes still fill caches.
        out.append(("no RSS / heap growth over the soak (second half)",
                    f"RSS {rss[0]:.0f}→{rss[-1]:.0f} MB, heap after GC "
                    f"{heaps[0] if heaps else 0:.1f}→{heaps[-1] if heaps else 0:.1f} MB",
                    grow_rss <= 10 and grow_heap <= 2))
    else:
        out.append(("no growth over a 10-minute soak", "not run (short mode)", None))
    if not valid:  # a proxy that answers errors is not doing the work we mean to measure
        out = [(name, f"{value} (invalid: {pt['non2xx']} non-2xx answers)" if met is False else value, met)
               for name, value, met in out]
    return out
