"""One measured round: wrk against one target while we read CPU ticks, steal, PostgreSQL and Redis
counters before and after. wrk and the upstream share the load CPU; the proxy has the other."""
import os
import re
import time

from . import procs

_UNITS = {"us": 1.0, "ms": 1000.0, "s": 1_000_000.0}


def write_script(tmp, name, token=None):
    """A wrk Lua script that only sets headers: no per-response callback, so wrk stays cheap."""
    path = os.path.join(tmp, f"wrk-{name}.lua")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write('wrk.headers["Accept"] = "application/json"\n')
        if os.environ.get("BENCH_ACCEPT_ENCODING"):
            f.write(f'wrk.headers["Accept-Encoding"] = "{os.environ["BENCH_ACCEPT_ENCODING"]}"\n')
        if token:
            f.write(f'wrk.headers["Authorization"] = "Bearer {token}"\n')
    return path


def parse_latency(text):
    m = re.match(r"([\d.]+)(us|ms|s)$", text)
    return float(m.group(1)) * _UNITS[m.group(2)] if m else None


def parse_wrk(out):
    """requests, req/s, p50/p75/p90/p99 in us, non-2xx/3xx count and socket errors from wrk --latency."""
    res = {"requests": 0, "rps": 0.0, "non2xx": 0, "socket_errors": 0}
    for pct in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
        res["p" + pct] = parse_latency(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in", out)
    res["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    res["rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    res["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    res["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    return res


def wrk(url, script, connections, seconds, cpu):
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", "-s", script, url]
    return procs.run(argv, cpu=cpu, timeout=seconds + 60)


def h2load(url, token, connections, seconds, cpu, log_path, http1=False):
    """h2load over h2c (prior knowledge), one stream per connection like wrk's one request per connection
    (`http1`: over HTTP/1.1, for a per-request log of what wrk measures). h2load has no header file, so the
    benchmark key is on its command line for the round (a key of the private benchmark database, dropped at
    the end; never printed)."""
    argv = ["h2load", "-t1", f"-c{connections}", "-m1", "-D", str(seconds), "--log-file", log_path,
            *(["--h1"] if http1 else []),
            "-H", "Accept: application/json"]
    if os.environ.get("BENCH_ACCEPT_ENCODING"):
        argv += ["-H", f"Accept-Encoding: {os.environ['BENCH_ACCEPT_ENCODING']}"]
    if token:
        argv += ["-H", f"Authorization: Bearer {token}"]
    return procs.run(argv + [url], cpu=cpu, timeout=seconds + 60)


def parse_h2load(out, log_path):
    """The figures parse_wrk gives, from h2load's summary and its per-request log (status, µs)."""
    res = {"requests": 0, "rps": 0.0, "non2xx": 0, "socket_errors": 0}
    m = re.search(r"finished in [\d.]+\w+, ([\d.]+) req/s", out)
    res["rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"requests: \d+ total, \d+ started, (\d+) done, \d+ succeeded, \d+ failed, (\d+) errored, (\d+) timeout", out)
    if m:
        res["requests"] = int(m.group(1))
        res["socket_errors"] = int(m.group(2)) + int(m.group(3))
    entries = h2load_log(log_path)
    res["non2xx"] = sum(1 for _, status, _ in entries if not status.startswith("2"))
    durations = sorted(us for _, _, us in entries)
    for pct in (50, 75, 90, 99):
        res[f"p{pct}"] = percentile(durations, pct)
    os.unlink(log_path)
    return res


def h2load_log(path):
    """h2load's --log-file: one (start µs since the epoch, status, duration µs) per request."""
    out = []
    with open(path) as f:
        for line in f:
            parts = line.split("\t")
            if len(parts) >= 3:
                out.append((float(parts[0]), parts[1], float(parts[2])))
    return out


def percentile(ordered, pct):
    """The `pct` percentile of an ascending list (None when empty)."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct // 100))] if ordered else None


class Round:
    """Counters around one wrk run. `target` carries url, script, proxy pids and whether it has a DB."""

    def __init__(self, target, connections, seconds, load_cpu, proxy_cpu, upstream, db=None, redis=None):
        self.t, self.c, self.seconds = target, connections, seconds
        self.load_cpu, self.proxy_cpu = load_cpu, proxy_cpu
        self.upstream, self.db, self.redis = upstream, db, redis

    def _snapshot(self):
        proxy, upstream = (self.t.pids() if self.t.proc else []), procs.group_pids(self.upstream.pid)
        s = {"time": time.monotonic(), "machine": procs.machine_cpu(),
             "proxy": procs.cpu_ticks(proxy), "upstream": procs.cpu_ticks(upstream),
             "proxy_ns": procs.cpu_ns(proxy), "upstream_ns": procs.cpu_ns(upstream)}
        if self.redis is not None:
            s["redis_cmds"] = self.redis.commandstats()
            s["redis_cpu"] = procs.cpu_ticks(self.redis.pids())
        if self.db is not None:
            s["db"] = self.db.transactions()
        return s

    def run(self):
        load1 = os.getloadavg()[0]
        before = self._snapshot()
        if getattr(self.t, "tool", "wrk") == "h2load":
            log_path = os.path.join(os.path.dirname(self.t.script), f"h2load-{self.t.name}.log")
            out = h2load(self.t.url, self.t.token, self.c, self.seconds, self.load_cpu, log_path)
            after = self._snapshot()
            r = parse_h2load(out, log_path)
        else:
            out = wrk(self.t.url, self.t.script, self.c, self.seconds, self.load_cpu)
            after = self._snapshot()
            r = parse_wrk(out)
        r.update(target=self.t.name, connections=self.c, load1=load1, seconds=after["time"] - before["time"])
        n = max(r["requests"], 1)
        us = 1_000_000 / procs.CLK_TCK
        # Published: schedstat ns (precise). Kept for comparison: utime+stime ticks from /proc/<pid>/stat.
        r["proxy_ns"] = after["proxy_ns"] - before["proxy_ns"]
        r["upstream_ns"] = after["upstream_ns"] - before["upstream_ns"]
        r["proxy_us"] = r["proxy_ns"] / 1000 / n if self.t.proc else None
        r["upstream_us"] = r["upstream_ns"] / 1000 / n
        r["proxy_us_ticks"] = (after["proxy"] - before["proxy"]) * us / n if self.t.proc else None
        r["upstream_us_ticks"] = (after["upstream"] - before["upstream"]) * us / n
        mb, ma = before["machine"], after["machine"]
        total = ma["cpu"][2] - mb["cpu"][2] or 1
        r["steal_pct"] = 100.0 * (ma["cpu"][1] - mb["cpu"][1]) / total
        # Time the proxy CPU spent on other people's work (builds, tests): noise to report, not discard.
        pc = f"cpu{self.proxy_cpu}"
        cpu_total = ma[pc][2] - mb[pc][2] or 1
        own = (after["proxy"] - before["proxy"]) if self.t.proc else 0
        r["foreign_pct"] = max(0.0, 100.0 * ((ma[pc][0] - mb[pc][0]) - own) / cpu_total)
        if self.redis is not None:
            r["redis_delta"] = {k: v - before["redis_cmds"].get(k, 0) for k, v in after["redis_cmds"].items()
                                if v - before["redis_cmds"].get(k, 0) > 0}
            r["redis_cpu_us"] = (after["redis_cpu"] - before["redis_cpu"]) * us / n
        if self.db is not None:
            r["db_delta"] = after["db"] - before["db"]
        if self.t.proc:
            r["rss_mb"] = procs.rss_kb(self.t.pids()) / 1024
        return r
