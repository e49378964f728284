"""bench/run's engine: start everything, warm up, run interleaved rounds, soak, report, clean up."""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from . import gateway, load, procs, report, servers

PROXY_CPU, LOAD_CPU = 0, 1

MODES = {  # warm-up s per target, rounds, s per round, connection counts, soak minutes
    "short": dict(warmup=10, rounds=2, seconds=2, connections=[1, 16, 64], soak=0),
    "full": dict(warmup=90, rounds=5, seconds=6, connections=[1, 16, 64], soak=10),
}


DEFAULT_TARGETS = ["direct", "nginx", "nginx-h2", "gateway-auth", "gateway-full", "gateway-traced", "gateway-h2"]
GATEWAYS = {  # name: (label, rate limit on, extra environment)
    "gateway-prev": ("previous build, full pipeline", True, {}),
    "gateway-auth": ("gateway, auth only", False, {}),
    "gateway-full": ("gateway, full pipeline", True, {}),
    # Spans on: every /api/v1 request gets an OpenTelemetry span, batched and exported over OTLP/HTTP to a
    # sink on the upstream nginx (200, dropped): what tracing costs when it is switched on.
    "gateway-traced": ("gateway, full pipeline + OTel spans", True, {}),
}


class Target:
    def __init__(self, name, label, url, proc=None, tool="wrk"):
        self.name, self.label, self.url, self.proc, self.tool = name, label, url, proc, tool
        self.script = self.token = None

    def pids(self):
        return procs.group_pids(self.proc.pid) if self.proc else []


def jvm_opts(target=None):
    """BENCH_JVM_OPTS_<TARGET> for one gateway target (e.g. BENCH_JVM_OPTS_GATEWAY_PREV: the previous JVM options
    on the same jar), else BENCH_JVM_OPTS when set (even empty: the JVM's defaults), else the options the
    project ships with."""
    per_target = "BENCH_JVM_OPTS_" + target.upper().replace("-", "_") if target else None
    if per_target and per_target in os.environ:
        return os.environ[per_target].split()
    if "BENCH_JVM_OPTS" in os.environ:
        return os.environ["BENCH_JVM_OPTS"].split()
    path = os.path.join(os.path.dirname(__file__), "..", "..", "config", "jvm.options")
    with open(path) as f:
        return " ".join(line for line in f.read().splitlines() if not line.startswith("#")).split()


def variant_env(name):
    """BENCH_ENV_GATEWAY_FULL="K=V K2=V2" (BENCH_ENV_ + the target's name, upper case, _ for -): settings of
    one gateway target for an A/B experiment, e.g. gateway-prev on the same jar with a setting changed."""
    spec = os.environ.get("BENCH_ENV_" + name.upper().replace("-", "_"), "")
    return dict(item.split("=", 1) for item in spec.split() if "=" in item)


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run")
    p.add_argument("--mode", choices=MODES, default="full")
    p.add_argument("--jar", required=True)
    p.add_argument("--out", required=True, help="results directory")
    p.add_argument("--targets", default=",".join(DEFAULT_TARGETS))
    p.add_argument("--profile", type=int, default=0, help="seconds of JFR on the full pipeline (0 = none)")
    p.add_argument("--tail", type=int, default=0, help="seconds of the 1-connection tail attribution per target (0 = none)")
    p.add_argument("--max-steal", type=float, default=5.0, help="discard rounds above this steal %%")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    cfg = dict(MODES[args.mode])
    for key in ("warmup", "rounds", "seconds", "soak"):  # BENCH_ROUNDS=3 etc. for experiments
        if os.environ.get("BENCH_" + key.upper()):
            cfg[key] = int(os.environ["BENCH_" + key.upper()])
    if os.environ.get("BENCH_CONNECTIONS"):
        cfg["connections"] = [int(c) for c in os.environ["BENCH_CONNECTIONS"].split(",")]
    if os.cpu_count() < 2:
        sys.exit("bench/run needs 2 CPUs: the proxy on one, wrk and the upstream on the other")
    wanted = args.targets.split(",")
    tmp = tempfile.mkdtemp(prefix="pl-bench-")
    db = None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    try:
        upstream, upstream_url = servers.start_upstream(tmp, LOAD_CPU)
        targets = [Target("direct", "direct (upstream)", upstream_url + "/products")]
        nginx_h2_url = None
        if "nginx" in wanted or "nginx-h2" in wanted:
            proxy, url, nginx_h2_url = servers.start_nginx_proxy(tmp, PROXY_CPU, upstream_url)
            targets.append(Target("nginx", "nginx proxy_pass", url + "/api/v1/products", proxy))
            targets.append(Target("nginx-h2", "nginx proxy_pass, h2c (h2load)", nginx_h2_url + "/api/v1/products",
                                  proxy, tool="h2load"))
        redis = token = None
        prev_jar = os.environ.get("BENCH_PREV_JAR")  # the previous build, measured in the same run
        if prev_jar and "gateway-prev" not in wanted:
            wanted.append("gateway-prev")
        if "gateway-h2" in wanted and "gateway-full" not in wanted:
            wanted.append("gateway-full")  # gateway-h2 is the full pipeline's process, driven over h2c
        gateways = [n for n in GATEWAYS if n in wanted and (n != "gateway-prev" or prev_jar)]
        if gateways:
            redis = servers.Redis(tmp, LOAD_CPU)
            db = gateway.Database()
            token = gateway.new_token()
            log(f"starting {', '.join(gateways)} (Flyway runs on start)")
            otlp = {"OTEL_EXPORTER_OTLP_ENDPOINT": upstream_url, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
                    "OTEL_SERVICE_NAME": "paperlink-gateway-bench"}
            launched = [(name,) + gateway.start(name, prev_jar if name == "gateway-prev" else args.jar, tmp,
                                                PROXY_CPU, db, redis, upstream_url,
                                                rate_limit=GATEWAYS[name][1],
                                                jvm_opts=jvm_opts(name),
                                                extra_env={**(otlp if name == "gateway-traced" else GATEWAYS[name][2]),
                                                           **variant_env(name)})
                        for name in gateways]
            for name, proc, url in launched:
                gateway.wait_healthy(name, proc, url, tmp)
                targets.append(Target(name, GATEWAYS[name][0], url + "/api/v1/products", proc))
                if name == "gateway-full":
                    targets.append(Target("gateway-h2", "gateway, full pipeline, h2c (h2load)",
                                          url + "/api/v1/products", proc, tool="h2load"))
            if not gateway.has_table(db, "api_key"):
                raise RuntimeError("the gateway started but api_key does not exist (Flyway did not run?)")
            db.insert_key(token)
        targets = [t for t in targets if t.name in wanted]
        if any(t.tool == "h2load" for t in targets) and not shutil.which("h2load"):
            raise RuntimeError("h2load is missing: apt-get install -y nghttp2-client (or leave out the -h2 targets)")
        for t in targets:
            t.script = load.write_script(tmp, t.name, token)
            t.token = token if t.name.startswith("gateway") else None
        checks = {t.name: smoke(t, token) for t in targets}
        for name, c in checks.items():
            log(f"check {name}: HTTP {c['status']} {c['note']}")
        for t in targets:  # the JVM needs its JIT warm; nginx needs only its connections open
            seconds = cfg["warmup"] if t.name.startswith("gateway") else min(cfg["warmup"], 5)
            if t.tool == "h2load":  # the HTTP/2 path of a process warmed up already over HTTP/1.1
                seconds = min(seconds, 15)
                load.h2load(t.url, t.token, 16, seconds, LOAD_CPU, os.path.join(tmp, "h2load-warmup.log"))
            elif t.name.startswith("gateway"):
                # Every connection count the rounds use: one connection takes other paths (the loop waits in
                # epoll between requests) than 16 or 64, and code the JIT compiled under one load pattern is
                # deoptimised and compiled again the first time the other one comes, by a compiler thread
                # sharing the gateway's one CPU: seconds of start-up cost that would land in the first rounds.
                for c in cfg["connections"]:
                    load.wrk(t.url, t.script, c, max(1, seconds // len(cfg["connections"])), LOAD_CPU)
            else:
                load.wrk(t.url, t.script, 16, seconds, LOAD_CPU)
            log(f"warm-up {t.name} {seconds} s")
        db_before = db.transactions() if db else 0
        rounds = run_rounds(targets, cfg, upstream, db, redis)
        if db:  # PostgreSQL publishes a backend's counters up to ~10 s late: wait, then count the phase
            time.sleep(11)
            db_phase = dict(transactions=db.transactions() - db_before,
                            requests=sum(r["requests"] for r in rounds if r["target"].startswith("gateway")),
                            seconds=sum(r["seconds"] for r in rounds) + 11)
        extra = after_rounds(args, cfg, targets, tmp, upstream, db, redis)
        if "gateway-traced" in [t.name for t in targets]:  # spans must really leave: count export failures
            with open(os.path.join(tmp, "gateway-traced.log"), errors="replace") as f:
                failures = sum(1 for line in f if "export" in line.lower() and ("fail" in line.lower() or "error" in line.lower()))
            extra["otlp_export_failures"] = failures
            log(f"gateway-traced: {failures} OTLP export failures in its log")
        data = dict(mode=args.mode, config=cfg, started=started, finished=time.time(), checks=checks,
                    rounds=rounds, max_steal=args.max_steal, machine=report.machine(),
                    versions=report.versions(args.jar, db, redis), labels={t.name: t.label for t in targets},
                    redis_private=bool(redis and redis.private),
                    paused_others=pause_others(),
                    jvm_opts=" ".join(["-XX:ActiveProcessorCount=1"] + jvm_opts()) + "".join(
                        f"; {t.name}: {' '.join(jvm_opts(t.name))}" for t in targets
                        if t.name.startswith("gateway") and jvm_opts(t.name) != jvm_opts()), db_phase=db_phase if db else None, **extra)
        md, png = report.write(args.out, data)
        log(f"wrote {md} and {png}")
    finally:
        procs.stop_all()
        if db is not None:
            db.close()
        shutil.rmtree(tmp, ignore_errors=True)


def smoke(t, token):
    headers = {"Authorization": f"Bearer {token}"} if token and t.name.startswith("gateway") else {}
    if t.tool == "h2load":
        status, headers, body = procs.get_h2c(t.url, headers)
    else:
        status, headers, body = procs.get(t.url, headers)
    rl = {k: v for k, v in headers.items() if k.lower().startswith(("x-ratelimit", "ratelimit"))}
    note = "" if status == 200 else body[:160].decode("utf-8", "replace")
    return dict(status=status, ratelimit_headers=rl, note=note)


def run_rounds(targets, cfg, upstream, db, redis):
    """Interleaved: every round visits every connection count and, within it, every target, in an
    order rotated each round so slow drifts of the machine spread over all targets alike.

    The proxies share one CPU, so during a round the others are paused (SIGSTOP; BENCH_PAUSE_OTHERS=0 keeps
    them running): an idle JVM still compiles, reloads its keys and runs its timers, and that work would land
    in the measured target's tail at one connection. A resumed proxy gets a second to catch up before its round."""
    out = []
    pause = pause_others()
    proxies = proxy_procs(targets)
    try:
        for r in range(cfg["rounds"]):
            for c in cfg["connections"]:
                order = targets[r % len(targets):] + targets[:r % len(targets)]
                for t in order:
                    if pause:
                        alone(t.proc, proxies)
                    out.append(one_round(t, r, c, cfg, upstream, db, redis))
    finally:
        for p in proxies:
            procs.resume(p)
    return out


def proxy_procs(targets):
    """Each proxy process once (gateway-full and gateway-h2 share one)."""
    return list({id(t.proc): t.proc for t in targets if t.proc}.values())


def pause_others():
    """Whether the other proxies are paused during a round (BENCH_PAUSE_OTHERS=0: they keep running)."""
    return os.environ.get("BENCH_PAUSE_OTHERS", "1") != "0"


def alone(proc, proxies):
    """Pauses every proxy but `proc` (None: the direct call, every proxy paused) and resumes `proc`."""
    for p in proxies:
        if p is not proc:
            procs.pause(p)
    if proc is not None and getattr(proc, "paused", True):
        procs.resume(proc)
        time.sleep(1.0)
    for p in proxies:
        p.paused = p is not proc


def one_round(t, r, c, cfg, upstream, db, redis):
    gw = t.name.startswith("gateway")
    res = load.Round(t, c, cfg["seconds"], LOAD_CPU, PROXY_CPU, upstream,
                     db if gw else None, redis if gw else None).run()
    res["round"] = r
    log(f"round {r + 1}/{cfg['rounds']} c={c:<3} {t.name:<13} {res['rps']:>9.0f} req/s "
        f"p50 {res['p50'] or 0:>8.0f} us  p99 {res['p99'] or 0:>8.0f} us  "
        f"steal {res['steal_pct']:.1f}%  other load on cpu{PROXY_CPU} {res['foreign_pct']:.0f}%")
    return res


def after_rounds(args, cfg, targets, tmp, upstream, db, redis):
    extra = {"heap_after_gc_mb": {}, "soak": [], "profile": None}
    by_name = {t.name: t for t in targets}
    for name in GATEWAYS:
        if name in by_name:
            extra["heap_after_gc_mb"][name] = gateway.heap_after_gc_mb(by_name[name].proc, tmp, name, LOAD_CPU)
    if args.tail > 0:
        extra["tail"] = tail_attribution(targets, args.tail, tmp, upstream, redis)
    full = by_name.get("gateway-full")
    if full and cfg["soak"] > 0:
        extra["soak"] = soak(full, cfg["soak"], tmp, upstream, db, redis)
    profiled = by_name.get(os.environ.get("BENCH_PROFILE_TARGET", "gateway-full"))
    if profiled and args.profile > 0:
        from . import profile
        extra["profile"] = profile.record(profiled, args.profile, tmp, LOAD_CPU)
    return extra


def tail_attribution(targets, seconds, tmp, upstream, redis):
    """--tail: each HTTP/1.1 proxy alone at one connection under h2load + perf sched (see tail.py)."""
    from . import tail
    if not tail.available():
        log("--tail needs perf and h2load (apt-get install -y linux-perf nghttp2-client): skipped")
        return None
    proxies = proxy_procs(targets)
    hot = [tid for pid in procs.group_pids(upstream.pid) + (redis.pids() if redis else []) for tid in tail.threads(pid)]
    out = {}
    try:
        for t in targets:
            if t.proc is None or t.tool != "wrk" or t.name == "gateway-traced":
                continue
            alone(t.proc, proxies)
            gc_log = os.path.join(tmp, t.name + "-gc.log") if t.name.startswith("gateway") else None
            try:
                out[t.name] = r = tail.record(t, seconds, tmp, LOAD_CPU, gc_log, hot)
            except (OSError, ValueError, subprocess.SubprocessError) as e:  # the rest of the run's figures stand
                log(f"tail {t.name}: failed ({e})")
                continue
            if r:
                log(f"tail {t.name}: {r['requests']} requests, p99 {r['p99_us']:.0f} us (wrk-corrected "
                    f"{r['wrk_p99_us']:.0f}), time beyond 1 ms {r['beyond_pct']:.2f} % of the run, own {r['own_pct']:.2f} %")
    finally:
        for p in proxies:
            procs.resume(p)
    return out


def soak(t, minutes, tmp, upstream, db, redis):
    """The full pipeline under 16 connections for `minutes` one-minute rounds; RSS and heap after a
    forced full GC after each minute."""
    samples = []
    for m in range(minutes):
        res = load.Round(t, 16, 60, LOAD_CPU, PROXY_CPU, upstream, db, redis).run()
        res["minute"] = m + 1
        res["heap_after_gc_mb"] = gateway.heap_after_gc_mb(t.proc, tmp, t.name, LOAD_CPU)
        samples.append(res)
        log(f"soak minute {m + 1}/{minutes}: {res['rps']:.0f} req/s, RSS {res['rss_mb']:.0f} MB, "
            f"heap after GC {res['heap_after_gc_mb']} MB, non-2xx {res['non2xx']}")
    return samples


if __name__ == "__main__":
    main(sys.argv[1:])
