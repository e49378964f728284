"""Processes the benchmark starts: pinned with taskset, each in its own session so cleanup can end
the whole group, and read through /proc (CPU ticks, RSS) without any helper tool."""
import os
import signal
import socket
import subprocess
import time
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")
_started = []  # every Popen we made, newest last; stop_all() ends them in reverse order
# The machine is shared with other people's builds: as root, the processes we measure run at a higher
# priority with BENCH_NICE=-10 (as root). Measured here it changed little: cross-CPU wake-ups dominate.
NICE = int(os.environ.get("BENCH_NICE", "0"))


def _pin(argv, cpu):
    if cpu is None:
        return list(argv)
    argv = ["taskset", "-c", str(cpu)] + list(argv)
    return (["nice", "-n", str(NICE)] + argv) if NICE else argv


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(name, argv, cpu=None, env=None, log_dir=None, cwd=None):
    """Starts argv (pinned to `cpu` when given) with stdout+stderr in <log_dir>/<name>.log."""
    argv = _pin(argv, cpu)
    log = open(os.path.join(log_dir, name + ".log"), "ab") if log_dir else subprocess.DEVNULL
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env=env, cwd=cwd, start_new_session=True)
    proc.bench_name = name
    _started.append(proc)
    return proc


def pause(proc):
    """SIGSTOP to the process group: it takes no CPU (nor wakes up) until resume()."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGSTOP)


def resume(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGCONT)


def stop(proc, grace=10.0):
    """TERM to the process group (continued first, should it be paused), KILL after `grace` seconds. Only
    groups we started."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGCONT)
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=5)
    if proc in _started:
        _started.remove(proc)


def stop_all():
    for proc in reversed(list(_started)):
        try:
            stop(proc)
        except Exception:  # cleanup must go on for the others
            pass


def wait_http(url, timeout, proc=None, headers=None):
    """Polls url until it answers (any HTTP status); False when the process died or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2).read()
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.25)
    return False


def get(url, headers=None):
    """(status, headers dict, body bytes) of one GET; errors are answers too."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
    except OSError as e:  # a cold JVM on a busy machine may be slow: report it, do not abort the run
        return 0, {}, f"no answer: {e}".encode()


def get_h2c(url, headers=None):
    """(status, headers dict, body bytes) of one GET over h2c with prior knowledge (curl; the headers go
    through its config on stdin, never on the command line)."""
    config = "".join(f'header = "{k}: {v}"\n' for k, v in (headers or {}).items())
    res = subprocess.run(["curl", "-s", "--http2-prior-knowledge", "--max-time", "30", "-K", "-", "-D", "-", url],
                         input=config.encode(), capture_output=True, timeout=40)
    head, _, body = res.stdout.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if res.returncode != 0 or not lines[0].startswith("HTTP/2"):
        return 0, {}, f"no HTTP/2 answer (curl exit {res.returncode})".encode()
    fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), fields, body


def group_pids(root_pid):
    """root_pid and all its descendants (taskset execs in place, so root is the real process)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                continue
    out, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def cpu_ticks(pids):
    """utime+stime of each pid, summed (clock ticks). Exited pids count as 0."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


def cpu_ns(pids):
    """CPU time in ns of every thread of each pid, from /proc/<pid>/task/*/schedstat: the same time as
    utime+stime but without its 10 ms tick granularity (which swamps a 3 s round at a few hundred req/s).
    Falls back to the ticks where schedstat is missing."""
    total = 0
    for pid in pids:
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
            part = 0
            for t in tasks:
                with open(f"/proc/{pid}/task/{t}/schedstat") as f:
                    part += int(f.read().split()[0])
            total += part
        except OSError:
            total += cpu_ticks([pid]) * 1_000_000_000 // CLK_TCK
    return total


def rss_kb(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def machine_cpu():
    """Per-CPU jiffies from /proc/stat: {'cpu': (busy, steal, total), 'cpu0': ..., ...}."""
    out = {}
    with open("/proc/stat") as f:
        for line in f:
            if not line.startswith("cpu"):
                break
            name, *vals = line.split()
            v = [int(x) for x in vals]
            idle = v[3] + v[4]
            steal = v[7] if len(v) > 7 else 0
            total = sum(v[:8])
            out[name] = (total - idle - steal, steal, total)
    return out


def run(argv, cpu=None, timeout=None, check=True, input_text=None):
    """Runs a short command to completion and returns its stdout (text)."""
    argv = _pin(argv, cpu)
    res = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, input=input_text)
    if check and res.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed ({res.returncode}): {res.stderr.strip()[:500]}")
    return res.stdout
