# Sourced by bin/up and bin/down: the services bin/up runs, and how to tell that a pid is one of ours.
# Each service runs as `java -Dpaperlink.service=<name> -Dpaperlink.home=<repo> ... -jar <jar>`, so a
# pid file is trusted only while that pid's command line still carries both markers (pids get reused).

PL_ROOT="${PL_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
PL_VAR="$PL_ROOT/var"

# name port module: key-admin first (it migrates the shared database), then the stubs, then the gateway.
PL_SERVICES=(
  "key-admin 8090 key-admin"
  "stub-live 8081 upstream-stub"
  "stub-test 8082 upstream-stub"
  "gateway 8080 gateway"
)

pl_jar() { echo "$PL_ROOT/$1/target/$1.jar"; }
pl_pidfile() { echo "$PL_VAR/run/$1.pid"; }

# Prints the pid recorded for a service if that process is alive and is ours; fails otherwise.
pl_our_pid() {
  local name="$1" file pid cmdline
  file="$(pl_pidfile "$name")"
  [ -f "$file" ] || return 1
  pid="$(cat "$file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
  [[ "$cmdline" == *"-Dpaperlink.service=$name "* && "$cmdline" == *"-Dpaperlink.home=$PL_ROOT "* ]] || return 1
  echo "$pid"
}

# True when something accepts connections on 127.0.0.1:<port>.
pl_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The pid listening on a port, when ss can tell (it may be missing, or hide pids from non-root).
pl_port_pid() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1
  fi
}

# Who listens on a port, for error messages (best effort: ss may be missing or need root for pids).
pl_port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\("[^"]*",pid=[0-9]*\).*/\1/p' | head -1
  fi
}

pl_healthy() {
  local port="$1"
  if command -v curl >/dev/null 2>&1; then
    curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/health"
  else
    python3 - "$port" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health", timeout=2)
PY
  fi
}

# Waits until /health answers 200; on timeout or early exit prints the log tail and fails.
pl_wait_healthy() {
  local name="$1" port="$2" timeout="${PL_START_TIMEOUT:-120}" waited=0 pid
  pid="$(cat "$(pl_pidfile "$name")")"
  while [ "$waited" -lt "$timeout" ]; do
    # kill -0, not pl_our_pid: right after the fork the pid may still be `env`, not yet java.
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "✗ $name exited during start-up. Last lines of var/log/$name.log:" >&2
      tail -n 30 "$PL_VAR/log/$name.log" >&2
      return 1
    fi
    if pl_healthy "$port"; then
      # Something answers; make sure it is us and not a program that grabbed the port meanwhile.
      local listener
      listener="$(pl_port_pid "$port")"
      if [ -z "$listener" ] || [ "$listener" = "$pid" ]; then return 0; fi
      if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 10 ]; then
        echo "✗ port $port answers, but from another process ($(pl_port_owner "$port")), not $name." >&2
        tail -n 5 "$PL_VAR/log/$name.log" >&2
        return 1
      fi
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "✗ $name did not become healthy on port $port within ${timeout}s. Last lines of var/log/$name.log:" >&2
  tail -n 30 "$PL_VAR/log/$name.log" >&2
  return 1
}
