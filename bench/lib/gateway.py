"""The gateway under test: a private PostgreSQL database, a benchmark key and the jar itself.

The raw token lives only in this process's memory and in a 0600 wrk script inside the run's temp
dir (removed at the end); it is never printed or logged."""
import hashlib
import os
import secrets
import zlib

from . import procs

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
PG = ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"]


def base62(value, width):
    out = []
    for _ in range(width):
        value, digit = divmod(value, 62)
        out.append(ALPHABET[digit])
    if value:
        raise ValueError("does not fit")
    return "".join(reversed(out))


def new_token(mode="live"):
    """Same rules as key-domain's ApiKeyToken: prefix + 30 CSPRNG base62 + base62 CRC32 of the rest."""
    body = f"pk_{mode}_" + "".join(secrets.choice(ALPHABET) for _ in range(30))
    return body + base62(zlib.crc32(body.encode("ascii")) & 0xFFFFFFFF, 6)


class Database:
    """pl_bench_<random> on the machine's PostgreSQL; dropped by close()."""

    def __init__(self):
        self.name = "pl_bench_" + "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(10))
        self.sql(f"CREATE DATABASE {self.name}")
        self.jdbc_url = f"jdbc:postgresql://127.0.0.1:5432/{self.name}"

    def sql(self, statement, db="postgres"):
        return procs.run(PG + ["-d", db, "-c", statement], timeout=30).strip()

    def version(self):
        return self.sql("SHOW server_version")

    def transactions(self):
        """Committed + rolled-back transactions of the bench database (read from another database,
        so this query is not counted). PostgreSQL publishes these up to ~1 s late."""
        return int(self.sql("SELECT xact_commit + xact_rollback FROM pg_stat_database "
                            f"WHERE datname = '{self.name}'") or 0)

    def insert_key(self, token, team="team_bench"):
        """The benchmark key, read_write, live, no expiry, no IP list."""
        token_hash = hashlib.sha256(token.encode("ascii")).hexdigest()
        key_id = "key_" + "".join(secrets.choice(ALPHABET) for _ in range(20))
        self.sql("INSERT INTO api_key (id, team_id, name, prefix, token_hash, mode, scope, created_by_id,"
                 " created_by_name, created_at) VALUES "
                 f"('{key_id}', '{team}', 'benchmark', '{token[:12]}', '{token_hash}', 'live', 'read_write',"
                 " 'bench', 'bench/run', now())", db=self.name)
        return key_id

    def close(self):
        procs.run(PG + ["-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"],
                  timeout=30, check=False)


def has_table(db, table):
    return db.sql(f"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'", db=db.name) == "1"


def start(name, jar, tmp, cpu, db, redis, upstream_url, rate_limit=True, jvm_opts=(), extra_env=None):
    """Launches the jar pinned to `cpu` with -XX:ActiveProcessorCount=1 and a GC log (wall-clock times too, for
    --tail); returns (proc, url).
    `extra_env`: settings of this variant (e.g. the OTLP exporter of gateway-traced)."""
    port = procs.free_port()
    prefix = f"plbench:{secrets.token_hex(4)}:"
    conf = os.path.join(tmp, name + ".yml")
    with open(conf, "w") as f:
        f.write(f"""gateway:
  routes:
    products: {{ path: /products, live-url: "{upstream_url}", test-url: "{upstream_url}" }}
    documents: {{ path: /documents, live-url: "{upstream_url}", test-url: "{upstream_url}" }}
  rate-limit:
    enabled: {str(rate_limit).lower()}
    requests: 1000000
    window: 1s
    key-prefix: "{prefix}"
""")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MICRONAUT_", "GATEWAY_", "JDBC_", "REDIS_", "OTEL_"))}
    env.update({
        "MICRONAUT_SERVER_PORT": str(port), "MICRONAUT_CONFIG_FILES": conf,
        "JDBC_URL": db.jdbc_url, "JDBC_USER": "postgres", "JDBC_PASSWORD": "postgres",
        "REDIS_URL": redis.url,
        # The same settings in the SPEC's environment form, in case a key is read only from there.
        "GATEWAY_RATE_LIMIT_ENABLED": str(rate_limit).lower(), "GATEWAY_RATE_LIMIT_REQUESTS": "1000000",
        "GATEWAY_RATE_LIMIT_WINDOW": "1s", "GATEWAY_RATE_LIMIT_KEY_PREFIX": prefix,
    })
    env.update(extra_env or {})
    argv = ["java", "-XX:ActiveProcessorCount=1", f"-Xlog:gc:file={os.path.join(tmp, name + '-gc.log')}:uptime,timemillis,level,tags",
            *jvm_opts, "-jar", jar]
    proc = procs.start(name, argv, cpu=cpu, env=env, log_dir=tmp, cwd=tmp)
    proc.bench_prefix = prefix
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(name, proc, url, tmp):
    if not procs.wait_http(url + "/health", 180, proc):
        with open(os.path.join(tmp, name + ".log"), errors="replace") as f:
            tail = f.read()[-3000:]
        raise RuntimeError(f"{name} did not become healthy; the end of its log:\n{tail}")


def heap_after_gc_mb(proc, tmp, name, cpu):
    """Forces a full GC with jcmd (on the load generator's CPU) and reads the heap after it from the
    GC log: the live set, which must not grow over a soak."""
    procs.run(["jcmd", str(proc.pid), "GC.run"], cpu=cpu, timeout=60, check=False)
    procs.time.sleep(0.5)
    last = None
    try:
        with open(os.path.join(tmp, name + "-gc.log")) as f:
            for line in f:
                if ("Diagnostic Command" in line or "System.gc()" in line) and "->" in line:
                    last = line
    except OSError:
        return None
    if not last:
        return None
    after = last.split("->", 1)[1].split("(", 1)[0].strip()
    unit = after[-1]
    value = float(after[:-1])
    return value / 1024 if unit == "K" else value * 1024 if unit == "G" else value
