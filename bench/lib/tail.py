"""Where a proxy's 1-connection tail goes (bench/run --tail SECONDS).

wrk corrects its percentiles for coordinated omission, so at one connection its p99 is the latency T beyond
which the stalls add up to 1 % of the run's time. This measures that time directly and names what held the
CPUs during each stall: h2load at one connection logs every request (start, duration), `perf sched record`
logs every context switch on both CPUs in the same clock, and a JVM target's GC log gives its pauses. Each
request slower than 1 ms is put down to one cause, weighted by its time beyond 1 ms:
  - "own: GC pause"            it overlapped one of the target's collections;
  - "own: <thread>"            a thread of the target other than its event loops held a CPU for > 30 % of it
                               (the JIT, the key cache's reload, the access-log writer, ...);
  - "other: <program> (CPU n)" another program or kernel thread did;
  - "both CPUs idle"           neither CPU ran anything for most of it: a wake-up that came late (on a
                               virtual machine, a halted virtual CPU the host did not run at once);
  - "unattributed"             none of those (the request path itself was slow).
"""
import bisect
import collections
import os
import re
import shutil
import subprocess
import time

from . import load

SLOW_S = 0.001
_SWITCH = re.compile(r"\s*\[(\d+)\]\s+([\d.]+):\s+sched:sched_switch:.*?next_comm=(.*?) next_pid=(\d+)")
_GC = re.compile(r"\[(\d+)ms\].*Pause.* ([\d.]+)ms$")


def available():
    return shutil.which("perf") is not None and shutil.which("h2load") is not None


def record(t, seconds, tmp, load_cpu, gc_log=None, hot_tids=()):
    """One target at one connection for `seconds`: the h2load run under `perf sched record`, analysed."""
    data, log_path = os.path.join(tmp, f"tail-{t.name}.perf"), os.path.join(tmp, f"tail-{t.name}.log")
    if os.path.exists(log_path):
        os.unlink(log_path)
    # perf on the load generator's CPU like every tool of the run; its own work shows as a cause ("other: perf")
    perf = subprocess.Popen(["taskset", "-c", str(load_cpu), "perf", "sched", "record", "-k", "monotonic", "-a",
                             "-o", data, "--",
                             "sleep", str(seconds + 2)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    target_tids = {tid: comm for pid in t.pids() for tid, comm in threads(pid).items()}
    load.h2load(t.url, t.token, 1, seconds, load_cpu, log_path, http1=True)
    perf.wait()
    offset = time.time() - time.monotonic()  # h2load logs wall-clock times, perf the monotonic clock
    requests = [(start / 1e6 - offset, us / 1e6) for start, _, us in load.h2load_log(log_path)]
    target_tids.update({tid: comm for pid in t.pids() for tid, comm in threads(pid).items()})
    pauses = gc_pauses(gc_log, offset) if gc_log else []
    out = analyse(requests, switches(data), pauses, target_tids, set(hot_tids), is_jvm=gc_log is not None)
    for path in (data, log_path):
        os.unlink(path)
    return out


def threads(pid):
    out = {}
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                out[int(tid)] = f.read().strip()
    except OSError:
        pass
    return out


def switches(data):
    """{cpu: [(start, end, tid, comm)]}: who ran on each CPU, from the sched_switch events."""
    text = subprocess.run(["perf", "script", "-i", data, "-F", "cpu,time,event,trace"], capture_output=True,
                          text=True, check=False).stdout
    runs, current = collections.defaultdict(list), {}
    for line in text.splitlines():
        m = _SWITCH.match(line)
        if not m:
            continue
        cpu, ts = int(m.group(1)), float(m.group(2))
        if cpu in current:
            start, tid, comm = current[cpu]
            runs[cpu].append((start, ts, tid, comm))
        current[cpu] = (ts, int(m.group(4)), m.group(3))
    return runs


def gc_pauses(path, offset):
    """[(start, end)] in the monotonic clock, from a GC log decorated with timemillis."""
    out = []
    with open(path) as f:
        for line in f:
            m = _GC.search(line)
            if m:
                end = int(m.group(1)) / 1000 - offset
                out.append((end - float(m.group(2)) / 1000, end))
    return out


def analyse(requests, runs, pauses, target_tids, hot_tids, is_jvm):
    if not requests:
        return None
    requests.sort()
    ends = {cpu: [b for _, b, _, _ in segments] for cpu, segments in runs.items()}  # ascending, as the segments
    run_s = requests[-1][0] + requests[-1][1] - requests[0][0]
    causes, counts = collections.Counter(), collections.Counter()
    for start, d in requests:
        if d <= SLOW_S:
            continue
        end, weight = start + d, d - SLOW_S
        if any(a < end and start < b + 0.0005 for a, b in pauses):
            cause = "own: GC pause"
        else:
            held = collections.Counter()
            idle = collections.Counter()
            for cpu, segments in runs.items():
                for a, b, tid, comm in segments[bisect.bisect_left(ends[cpu], start):]:
                    if a > end:
                        break
                    share = min(b, end) - max(a, start)
                    if tid == 0:
                        idle[cpu] += share
                    elif not hot(tid, comm, target_tids, hot_tids, is_jvm):
                        held[(cpu, tid, comm)] += share
            if held and max(held.values()) > 0.3 * d:
                cpu, tid, comm = max(held, key=held.get)
                name = re.sub(r"[-/:]?\d+$", "", comm)
                cause = f"own: {name}" if tid in target_tids else f"other: {name} (CPU {cpu})"
            elif len(idle) == 2 and min(idle.values()) > 0.5 * d:
                cause = "both CPUs idle"
            else:
                cause = "unattributed"
        causes[cause] += weight
        counts[cause] += 1
    durations = sorted(d for _, d in requests)
    us = lambda pct, xs: load.percentile(xs, pct) * 1e6
    beyond = sum(causes.values())
    return dict(requests=len(requests), seconds=run_s, p50_us=us(50, durations), p99_us=us(99, durations),
                p999_us=us(99.9, durations), wrk_p99_us=us(99, corrected(durations, run_s)),
                beyond_pct=100 * beyond / run_s,
                own_pct=100 * sum(v for k, v in causes.items() if k.startswith("own")) / run_s,
                causes=[dict(cause=k, pct=100 * v / run_s, requests=counts[k]) for k, v in causes.most_common()])


def hot(tid, comm, target_tids, hot_tids, is_jvm):
    """The request's own path: the target's event loops (a JVM) or the whole target (nginx), the upstream,
    Redis and the client."""
    if tid in target_tids:
        return not is_jvm or comm.startswith(("default-nioEven", "parent-nioEvent"))
    return tid in hot_tids or comm.startswith("h2load")


def corrected(durations, run_s):
    """The durations with wrk's coordinated-omission correction (stats_correct) applied: every answer slower
    than twice the mean interval also counts those a steady client would have waited for meanwhile."""
    interval = run_s / len(durations)
    out = list(durations)
    for d in durations:
        m = d - interval
        while d >= 2 * interval and m > interval:
            out.append(m)
            m -= interval
    out.sort()
    return out
