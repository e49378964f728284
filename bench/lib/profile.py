"""JFR on the full pipeline under load, summarised: where CPU goes (top frames, self and inclusive),
what allocates, and whether anything blocks an event-loop thread."""
import collections
import json
import os
import subprocess

from . import load, procs

APP = ("com.paperlink.",)


def record(target, seconds, tmp, load_cpu, connections=16):
    jfr = os.path.join(tmp, target.name + ".jfr")
    jcmd = ["jcmd", str(target.proc.pid)]
    # CPU by thread first, without JFR: starting a recording makes the JIT recompile for a while.
    before = thread_cpu(target.proc.pid)
    res = load.parse_wrk(load.wrk(target.url, target.script, connections, max(seconds // 2, 5), load_cpu))
    after = thread_cpu(target.proc.pid)
    procs.run(jcmd + ["JFR.start", "name=bench", "settings=profile", f"filename={jfr}"], cpu=load_cpu, timeout=60)
    load.wrk(target.url, target.script, connections, seconds, load_cpu)
    procs.run(jcmd + ["JFR.stop", "name=bench"], cpu=load_cpu, timeout=120)
    return threads_table(before, after, res) + "\n\n" + summarise(jfr)


def thread_cpu(pid):
    """{(tid, thread name): CPU ns} from /proc/<pid>/task/*/{stat,schedstat}."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                out[(tid, stat[stat.index("(") + 1:stat.rindex(")")])] = int(f.read().split()[0])
        except OSError:
            continue
    return out


def threads_table(before, after, res):
    """CPU per request by thread group (pool names without their numbers) during the profiled load."""
    n = max(res["requests"], 1)
    groups = collections.Counter()
    for key, ns in after.items():
        name = key[1].rstrip("0123456789-").strip() or key[1]
        groups[name] += ns - before.get(key, 0)
    total = sum(groups.values())
    lines = [f"Before recording: {res['requests']} requests at {res['rps']:.0f} req/s, {total / 1000 / n:.0f} µs of "
             "gateway CPU per request. CPU by thread (from /proc/<pid>/task/*/schedstat):", "",
             "| thread | CPU µs/request | share |", "|---|---|---|"]
    for name, ns in groups.most_common(10):
        lines.append(f"| `{name}` | {ns / 1000 / n:.1f} | {100.0 * ns / max(total, 1):.0f}% |")
    return "\n".join(lines)


def _events(jfr, kinds):
    out = subprocess.run(["jfr", "print", "--json", "--events", ",".join(kinds), jfr],
                         capture_output=True, text=True, timeout=600).stdout
    return json.loads(out)["recording"]["events"] if out else []


def _frame(f):
    m = f.get("method") or {}
    t = (m.get("type") or {}).get("name", "?").replace("/", ".")
    return f"{t}.{m.get('name', '?')}"


def _frames(ev):
    st = ev["values"].get("stackTrace") or {}
    return [_frame(f) for f in st.get("frames") or []]


def _table(counter, total, n=15, unit="samples"):
    lines = [f"| share | {unit} | frame |", "|---|---|---|"]
    for name, c in counter.most_common(n):
        lines.append(f"| {100.0 * c / max(total, 1):.1f}% | {c} | `{name}` |")
    return lines


def summarise(jfr):
    if not os.path.exists(jfr):
        return "JFR recording missing."
    samples = _events(jfr, ["jdk.ExecutionSample"])
    self_ctr, incl_ctr, app_ctr, pkg_ctr = (collections.Counter() for _ in range(4))
    for ev in samples:
        fr = _frames(ev)
        if not fr:
            continue
        self_ctr[fr[0]] += 1
        for name in set(fr):
            incl_ctr[name] += 1
        app = next((x for x in fr if x.startswith(APP)), None)
        if app:
            app_ctr[app] += 1
        pkg_ctr[".".join(fr[0].split(".")[:3])] += 1
    n = len(samples)
    out = [f"{n} execution samples (JFR `profile` settings, 10 ms interval per thread).", "",
           "Top frames by self time:", ""] + _table(self_ctr, n)
    out += ["", "Top packages by self time:", ""] + _table(pkg_ctr, n, 10)
    out += ["", "Inclusive time of our own code (first `com.paperlink` frame on the stack):", ""] + _table(app_ctr, n, 10)
    framework = collections.Counter({k: v for k, v in incl_ctr.items()
                                     if any(s in k for s in ("Filter", "Logger", "logback", "Pattern", "Regex",
                                                             "MessageDigest", "ObjectMapper", "Jackson", "JdbcOperations",
                                                             "lettuce", "HttpClient", "Hikari"))})
    out += ["", "Inclusive time of notable framework code (filters, logging, regex, digest, JSON, JDBC, Redis):", ""]
    out += _table(framework, n, 15)
    allocs = _events(jfr, ["jdk.ObjectAllocationSample"])
    alloc_ctr, total_w = collections.Counter(), 0
    for ev in allocs:
        w = ev["values"].get("weight", 0) or 0
        cls = (ev["values"].get("objectClass") or {}).get("name", "?").replace("/", ".")
        fr = _frames(ev)
        site = next((x for x in fr if not x.startswith(("java.", "jdk.", "sun."))), fr[0] if fr else "?")
        alloc_ctr[f"{cls} ← {site}"] += w
        total_w += w
    out += ["", f"Allocation by class and first non-JDK frame (JFR's weighted estimate, {total_w / 1e6:.0f} MB):", ""]
    out += _table(collections.Counter({k: v // 1024 for k, v in alloc_ctr.items()}), total_w // 1024, 12, "KB")
    blocking = _events(jfr, ["jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.SocketRead", "jdk.FileWrite"])
    loop = collections.Counter()
    for ev in blocking:
        thread = (ev["values"].get("eventThread") or {}).get("javaName", "")
        if "eventLoop" in thread or "nioEventLoop" in thread:
            fr = _frames(ev)
            loop[f"{ev['type']} ← {next((x for x in fr if x.startswith(APP)), fr[0] if fr else '?')}"] += 1
    out += ["", "Blocking events on event-loop threads (JFR thresholds: park/monitor ≥ 20 ms, I/O ≥ 20 ms):", ""]
    out += _table(loop, max(sum(loop.values()), 1), 10, "events") if loop else ["none recorded."]
    return "\n".join(out)
