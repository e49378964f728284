"""The systems under test: the trivial upstream, the nginx proxy and a private Redis.

The upstream is nginx answering a fixed `return 200` JSON body: the cheapest upstream we can run
(about 10 us of CPU per request), so the ratios measure the proxies and not the backend. Both nginx
instances have a private prefix and configuration under the run's temp dir and one worker each."""
import os
import shutil

from . import procs

UPSTREAM_BODY = '{"items":[],"page":0,"size":20,"total":0}'


def upstream_body():
    """The upstream's JSON: the tiny default, or a product list of about BENCH_BODY_BYTES bytes (to
    measure response compression: BENCH_BODY_BYTES=2048 BENCH_ACCEPT_ENCODING=gzip)."""
    size = int(os.environ.get("BENCH_BODY_BYTES", "0") or 0)
    if size <= len(UPSTREAM_BODY):
        return UPSTREAM_BODY
    items = []
    while len('{"items":[' + ",".join(items) + '],"page":1,"size":20,"total":99}') < size - 90:
        n = len(items)
        items.append('{"id":"prod_%06d","name":"Recycled paper A4, 500 sheets","sku":"PAP-A4-%03d","price":"6.90"}' % (n, n))
    return '{"items":[' + ",".join(items) + '],"page":1,"size":20,"total":99}'

_COMMON = """daemon off;
master_process on;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
{body}
}}
"""

_UPSTREAM = """  server {{
    listen 127.0.0.1:{port} backlog=4096;
    # The OTLP/HTTP sink of the traced gateway (gateway-traced): spans are accepted and dropped.
    location = /v1/traces {{
      default_type application/x-protobuf;
      return 200 '';
    }}
    location / {{
      default_type application/json;
      return 200 '{payload}';
    }}
  }}"""

# Keep-alive to the upstream (HTTP/1.1, pooled connections) as a production nginx would be set up;
# /api/v1/products -> /products, the same rewrite the gateway does.
_PROXY = """  upstream backend {{
    server 127.0.0.1:{upstream_port};
    keepalive 128;
  }}
  server {{
    listen 127.0.0.1:{port} backlog=4096;
    # h2c with prior knowledge for the HTTP/2 yardstick (nginx-h2, driven by h2load)
    listen 127.0.0.1:{h2_port} http2 backlog=4096;
    http2_max_requests 10000000;
    location /api/v1/ {{
      proxy_pass http://backend/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }}
  }}"""


def _nginx(name, tmp, cpu, body):
    d = os.path.join(tmp, name)
    os.makedirs(d, exist_ok=True)
    conf = os.path.join(d, "nginx.conf")
    with open(conf, "w") as f:
        f.write(_COMMON.format(dir=d, body=body))
    # Workers drop to `nobody` when started as root: they need only the listening socket.
    return procs.start(name, ["nginx", "-p", d, "-c", conf, "-e", os.path.join(d, "error.log")],
                       cpu=cpu, log_dir=tmp)


def start_upstream(tmp, cpu):
    port = procs.free_port()
    proc = _nginx("upstream", tmp, cpu, _UPSTREAM.format(port=port, payload=upstream_body()))
    url = f"http://127.0.0.1:{port}"
    if not procs.wait_http(url + "/products", 20, proc):
        raise RuntimeError("the upstream nginx did not start; see upstream.log / upstream/error.log")
    return proc, url


def start_nginx_proxy(tmp, cpu, upstream_url):
    """nginx proxying to the upstream: (proc, HTTP/1.1 url, h2c url)."""
    port, h2_port = procs.free_port(), procs.free_port()
    upstream_port = upstream_url.rsplit(":", 1)[1]
    proc = _nginx("nginx-proxy", tmp, cpu, _PROXY.format(port=port, h2_port=h2_port, upstream_port=upstream_port))
    url = f"http://127.0.0.1:{port}"
    if not procs.wait_http(url + "/api/v1/products", 20, proc):
        raise RuntimeError("the nginx proxy did not start; see nginx-proxy.log")
    return proc, url, f"http://127.0.0.1:{h2_port}"


class Redis:
    """A private redis-server on a free loopback port, so INFO commandstats counts only the gateway's
    commands (the machine's shared Redis serves everyone's tests). Falls back to the shared one."""

    def __init__(self, tmp, cpu):
        self.proc = None
        if shutil.which("redis-server") and not os.environ.get("BENCH_REDIS_URL"):
            self.port = procs.free_port()
            self.proc = procs.start("redis", ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                              "--save", "", "--appendonly", "no", "--dir", tmp], cpu=cpu, log_dir=tmp)
            self.private = True
        else:
            url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")
            self.port = int(url.rsplit(":", 1)[1].split("/")[0])
            self.private = False
        for _ in range(80):
            if self._cli("ping", check=False).strip() == "PONG":
                break
            procs.time.sleep(0.25)
        else:
            raise RuntimeError("Redis did not answer PING")
        self.url = f"redis://127.0.0.1:{self.port}"

    def _cli(self, *args, check=True):
        return procs.run(["redis-cli", "-h", "127.0.0.1", "-p", str(self.port)] + list(args), check=check, timeout=10)

    def version(self):
        for line in self._cli("info", "server").splitlines():
            if line.startswith("redis_version:"):
                return line.split(":", 1)[1].strip()
        return "?"

    def commandstats(self):
        """{command: calls} from INFO commandstats."""
        out = {}
        for line in self._cli("info", "commandstats").splitlines():
            if line.startswith("cmdstat_"):
                name, rest = line[len("cmdstat_"):].split(":", 1)
                out[name] = int(rest.split("calls=", 1)[1].split(",", 1)[0])
        return out

    def pids(self):
        return procs.group_pids(self.proc.pid) if self.proc else []

    def delete_prefix(self, prefix):
        """Removes the benchmark's keys from a shared Redis (a private one simply stops)."""
        if self.private:
            return
        keys = self._cli("--scan", "--pattern", prefix + "*").split()
        for i in range(0, len(keys), 500):
            self._cli("del", *keys[i:i + 500], check=False)
