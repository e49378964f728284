"""Writes bench/results/<UTC date>[-short].md, the PNG chart beside it and the raw rounds as JSON."""
import json
import os
import platform
import subprocess
import time

from . import chart, stats

ORDER = ["direct", "nginx", "nginx-h2", "gateway-prev", "gateway-auth", "gateway-full", "gateway-traced", "gateway-h2"]


def _cmd(argv):
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        return (r.stdout + r.stderr).strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024
    return dict(cpu=model, cpus=os.cpu_count(), mem_mb=mem, kernel=platform.release(),
                load=" ".join(f"{x:.2f}" for x in os.getloadavg()))


def versions(jar, db, redis):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(jar)))  # the checkout the jar was built in
    commit = _cmd(["git", "-C", repo, "log", "-1", "--format=%h %s"])[:90]
    return dict(java=_cmd(["java", "-version"]).splitlines()[0], nginx=_cmd(["nginx", "-v"]).replace("nginx version: ", ""),
                wrk=_cmd(["wrk", "-v"]).splitlines()[0].split(" [")[0], postgres=db.version() if db else "-",
                redis=redis.version() if redis else "-", commit=commit,
                jar_built=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(jar))) if os.path.exists(jar) else "-")


def fmt(s, digits=0, unit=""):
    if not s:
        return "–"
    med, lo, hi = s
    return f"{med:.{digits}f}{unit} ({lo:.{digits}f}–{hi:.{digits}f})"


def tail_section(data):
    L = ["", "## Where the 1-connection tail goes (--tail)", "",
         "Each proxy alone at one connection, every request logged by h2load (HTTP/1.1), every context switch on both "
         "CPUs by `perf sched record`. wrk's p99 at one connection is the latency beyond which the stalls add up to 1 % "
         "of the run; \"time beyond 1 ms\" is that sum for 1 ms, so p99 ≤ 1 ms needs it under 1 %. Each request slower "
         "than 1 ms is put down to one cause (bench/lib/tail.py), weighted by its time beyond 1 ms.", "",
         "| target | requests | p50 / p99 / p99.9 µs | p99 µs with wrk's correction | time beyond 1 ms, % of run | of it the target's own | causes (% of run, requests) |",
         "|---|---|---|---|---|---|---|"]
    for name, r in data["tail"].items():
        if not r:
            continue
        causes = "; ".join(f"{c['cause']} {c['pct']:.2f} ({c['requests']})" for c in r["causes"][:8])
        L.append(f"| {data['labels'].get(name, name)} | {r['requests']} | {r['p50_us']:.0f} / {r['p99_us']:.0f} / "
                 f"{r['p999_us']:.0f} | {r['wrk_p99_us']:.0f} | {r['beyond_pct']:.2f} | {r['own_pct']:.2f} | {causes} |")
    return L


def write(out_dir, data):
    os.makedirs(out_dir, exist_ok=True)
    stem = time.strftime("%Y-%m-%d", time.gmtime(data["started"])) + ("-short" if data["mode"] == "short" else "")
    md_path, png_path = os.path.join(out_dir, stem + ".md"), os.path.join(out_dir, stem + ".png")
    with open(os.path.join(out_dir, stem + ".json"), "w") as f:
        json.dump(data, f, indent=1, default=str)
    all_rounds = data["rounds"]
    rounds = stats.kept(all_rounds, data["max_steal"])
    dropped = len(all_rounds) - len(rounds)
    if not rounds:  # everything had steal: publish them anyway, marked
        rounds = all_rounds
    targets = [t for t in ORDER if t in data["labels"]]
    conns = data["config"]["connections"]
    chart.write(png_path, rounds, targets, data["labels"], conns)
    L = []
    cfg, m, v = data["config"], data["machine"], data["versions"]
    L += [f"# Benchmark {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(data['started']))} ({data['mode']} mode)", "",
          f"![ratio and latency]({os.path.basename(png_path)})", "",
          f"- Machine: {m['cpus']} × {m['cpu']}, {m['mem_mb']} MB, Linux {m['kernel']}; load average at the end {m['load']}.",
          f"- Versions: {v['java']}; nginx {v['nginx']}; {v['wrk']}; PostgreSQL {v['postgres']}; Redis {v['redis']}; "
          f"gateway.jar built {v['jar_built']} from `{v['commit']}`.",
          f"- Layout: proxy under test pinned to CPU 0 (JVM flags `{data.get('jvm_opts', '')}`, otherwise the JVM's defaults); wrk (1 thread; h2load for the h2c targets, 1 thread, 1 stream per connection), the upstream "
          f"and Redis{' (private instance)' if data.get('redis_private') else ''} on CPU 1. Upstream: nginx `return 200` "
          f"with a 42-byte JSON body (the cheapest upstream we can run). nginx proxy: 1 worker, HTTP/1.1 keep-alive pool.",
          f"- Plan: {cfg['warmup']} s warm-up per target, {cfg['rounds']} interleaved rounds × {len(conns)} connection counts "
          f"× {len(targets)} targets, {cfg['seconds']} s each; figures are median (min–max) over rounds. "
          + ("The other proxies are paused (SIGSTOP) during a round, so the one measured has CPU 0 to itself. "
             if data.get("paused_others") else "The other proxies keep running during a round. ")
          + f"Run took {(data['finished'] - data['started']) / 60:.1f} min."
          + (" With a warm-up this short the JIT is still compiling during the rounds, so the gateway's "
             "figures are pessimistic (often 2× the full mode's CPU per request): a quick check that "
             "everything works, not figures to publish." if cfg['warmup'] < 60 else ""),
          f"- Steal: {dropped} of {len(all_rounds)} rounds discarded for steal > {data['max_steal']}%. "
          "\"Other load\" is the share of CPU 0 used by other processes during a round (this machine is shared): "
          "absolute numbers are noisy, ratios measured side by side are what we publish.", ""]
    L += ["## Checks before load", "", "| target | HTTP | rate-limit headers | note |", "|---|---|---|---|"]
    for t in targets:
        c = data["checks"][t]
        L.append(f"| {t} | {c['status']} | {', '.join(c['ratelimit_headers']) or '–'} | {c['note'][:100].replace('|', '/')} |")
    if "otlp_export_failures" in data:
        L += ["", f"gateway-traced exported its spans over OTLP/HTTP to a sink on the upstream nginx; export failures "
              f"in its log: {data['otlp_export_failures']}."]
    L += ["", "## Throughput, latency and CPU per request", "",
          "| target | conns | req/s | p50 µs | p99 µs | proxy CPU µs/req | upstream CPU µs/req | proxy ÷ upstream CPU | non-2xx | other load CPU0 % |",
          "|---|---|---|---|---|---|---|---|---|---|"]
    for c in conns:
        for t in targets:
            x = stats.cell(rounds, t, c)
            if x:
                L.append(f"| {data['labels'][t]} | {c} | {fmt(x['rps'])} | {fmt(x['p50'])} | {fmt(x['p99'])} | "
                         f"{fmt(x['proxy_us'], 1)} | {fmt(x['upstream_us'], 1)} | {fmt(x['ratio'], 2)} | "
                         f"{x['non2xx'] + x['errors']} | {fmt(x['foreign'])} |")
    L += ["", "## Added latency over a direct call (1 connection, medians)", "", "| target | added p50 µs | added p99 µs |", "|---|---|---|"]
    for t in targets[1:]:
        a = stats.added_latency(rounds, t)
        if a:
            L.append(f"| {data['labels'][t]} | {a[0]:.0f} | {a[1]:.0f} |")
    L += ["", "## Per request: PostgreSQL, Redis, memory", "",
          "| target | requests | PostgreSQL transactions/req | Redis round trips/req | Redis commands/req (incl. inside Lua) | Redis CPU µs/req | max RSS MB | heap after full GC MB |",
          "|---|---|---|---|---|---|---|---|"]
    for t in targets[1:]:
        p = stats.per_target(rounds, t)
        if p:
            L.append(f"| {data['labels'][t]} | {p['requests']} | {p.get('db_per_req', 0):.5f} ({p.get('db_total', '–')} in "
                     f"{p.get('db_seconds', 0):.0f} s) | "
                     f"{p['redis_rt']:.3f} | {p['redis_all']:.3f} | {fmt(p['redis_cpu_us'], 1)} | "
                     f"{p['rss_max_mb'] or 0:.0f} | {data['heap_after_gc_mb'].get(t) or '–'} |"
                     if 'redis_rt' in p else f"| {data['labels'][t]} | {p['requests']} | – | – | – | – | {p['rss_max_mb'] or 0:.0f} | – |")
            if p.get("redis_by_cmd"):
                L.append(f"|   ↳ Redis by command | | | {', '.join(f'{k} {n:.3f}' for k, n in p['redis_by_cmd'].items())} | | | | |")
    ph = data.get("db_phase")
    if ph:
        L += ["", f"Whole measured phase (both gateways, + 11 s for PostgreSQL's statistics delay): {ph['transactions']} "
              f"transactions in {ph['seconds']:.0f} s for {ph['requests']} gateway requests = "
              f"{ph['transactions'] / max(ph['requests'], 1):.5f} per request, {ph['transactions'] / ph['seconds']:.2f} per second."]
    L += ["", "PostgreSQL transactions come from `pg_stat_database` (xact_commit + xact_rollback) of the private "
          "benchmark database, Redis commands from `INFO commandstats`; commands run inside the rate limiter's Lua "
          "script are counted by Redis but are not round trips.", ""]
    if data["soak"]:
        L += ["## Soak (full pipeline, 16 connections)", "", "| minute | req/s | p99 µs | RSS MB | heap after full GC MB | non-2xx |",
              "|---|---|---|---|---|---|"]
        for s in data["soak"]:
            L.append(f"| {s['minute']} | {s['rps']:.0f} | {s['p99'] or 0:.0f} | {s['rss_mb']:.0f} | {s['heap_after_gc_mb']} | {s['non2xx']} |")
        L.append("")
    L += ["## Targets (full pipeline unless named)", "", "| target | measured | met |", "|---|---|---|"]
    for name, value, met in stats.verdicts(rounds, conns, data["soak"], data["heap_after_gc_mb"]):
        L.append(f"| {name} | {value} | {'yes' if met else 'not measured' if met is None else '**no**'} |")
    if data.get("tail"):
        L += tail_section(data)
    if data.get("profile"):
        L += ["", "## Profile (JFR, full pipeline under 16 connections)", "", data["profile"]]
    with open(md_path, "w") as f:
        f.write("\n".join(L) + "\n")
    return md_path, png_path
