#!/usr/bin/env bash
# Local MariaDB + Redis in user space (no systemd), data under a data dir (default .data/).
# Usage: scripts/services.sh start|stop|status [--data <dir>]
# The data dir: --data, else HERALD_DATA_DIR, else (stop and status only) the one `npm run up` used
# last (.data-last-up), else .data/. Ports: DB_PORT and REDIS_PORT, else the ones this data dir was
# started with ($DATA/services.env), else 3307 and 6380. Idempotent: a running server is reused.
# stop ends the servers by the pid files in the data dir, so it needs no env repeated.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMAND="${1:-}"
[ $# -gt 0 ] && shift
DATA="${HERALD_DATA_DIR:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="${2:?--data needs a directory}"; shift 2 ;;
    --data=*) DATA="${1#--data=}"; shift ;;
    *) echo "unknown option $1; usage: $0 start|stop|status [--data <dir>]" >&2; exit 2 ;;
  esac
done
if [ -z "$DATA" ] && [ "$COMMAND" != start ] && [ -s "$ROOT/.data-last-up" ] && [ -d "$(cat "$ROOT/.data-last-up")" ]; then
  DATA="$(cat "$ROOT/.data-last-up")"
fi
DATA="${DATA:-$ROOT/.data}"
[ "$COMMAND" = start ] && mkdir -p "$DATA"
[ -d "$DATA" ] && DATA="$(cd "$DATA" && pwd)"
recorded() { sed -n "s/^$1=//p" "$DATA/services.env" 2>/dev/null || true; }
DB_PORT="${DB_PORT:-$(recorded DB_PORT)}"
DB_PORT="${DB_PORT:-3307}"
REDIS_PORT="${REDIS_PORT:-$(recorded REDIS_PORT)}"
REDIS_PORT="${REDIS_PORT:-6380}"
MDB="$DATA/mariadb"
RDS="$DATA/redis"

log() { echo "[services] $*" >&2; }

ensure_packages() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]} with apt-get (once)"
    # apt's and needrestart's chatter (progress bars on the terminal) goes to a log, shown only on failure.
    local aptlog; aptlog="$(mktemp)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq "${missing[@]}"; } >"$aptlog" 2>&1 </dev/null; then
      tail -n 20 "$aptlog" >&2
      log "apt-get could not install ${missing[*]} (log above)"
      exit 1
    fi
    rm -f "$aptlog"
  else
    log "missing ${missing[*]}. Install them with:"
    log "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
}

db_ping() { mariadb-admin --no-defaults --connect-timeout=1 -h127.0.0.1 -P"$DB_PORT" -uroot ping >/dev/null 2>&1; }
redis_ping() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

wait_for() { # name, check-fn, log file
  for _ in $(seq 1 200); do "$2" && return 0; sleep 0.1; done
  log "$1 did not become ready; last log lines:"; tail -n 20 "$3" >&2 || true; exit 1
}

start_db() {
  if db_ping; then log "MariaDB already running on 127.0.0.1:$DB_PORT"; return 0; fi
  mkdir -p "$MDB"
  if [ ! -d "$MDB/data/mysql" ]; then
    log "initialising MariaDB data in $MDB/data"
    mariadb-install-db --no-defaults --datadir="$MDB/data" --user="$(id -un)" \
      --auth-root-authentication-method=normal --skip-test-db >"$MDB/install.log" 2>&1
  fi
  # --user is required when running as root; harmless otherwise. setsid: see start_redis.
  setsid nohup mariadbd --no-defaults --datadir="$MDB/data" --socket="$MDB/mysql.sock" \
    --pid-file="$MDB/mysql.pid" --port="$DB_PORT" --bind-address=127.0.0.1 --user="$(id -un)" \
    --skip-name-resolve --log-error="$MDB/err.log" --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci --max-connections=500 \
    --innodb-buffer-pool-size=512M --innodb-flush-log-at-trx-commit=2 >/dev/null 2>&1 &
  wait_for MariaDB db_ping "$MDB/err.log"
  log "MariaDB ready on 127.0.0.1:$DB_PORT"
}

start_redis() {
  if redis_ping; then log "Redis already running on 127.0.0.1:$REDIS_PORT"; return 0; fi
  mkdir -p "$RDS"
  # In a session of their own: Ctrl-C on `npm run up` signals the terminal's whole process group,
  # and Redis shuts down on SIGINT; the databases outlive up until `npm run services:stop`.
  setsid nohup redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize no --dir "$RDS" --pidfile "$RDS/redis.pid" --logfile "$RDS/redis.log" >/dev/null 2>&1 &
  echo $! >"$RDS/redis.pid"
  wait_for Redis redis_ping "$RDS/redis.log"
  log "Redis ready on 127.0.0.1:$REDIS_PORT"
}

stop_pidfile() { # name, pidfile
  local pid
  pid="$(cat "$2" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    log "$1 stopped"
  else
    log "$1 not running (from $DATA)"
  fi
  rm -f "$2"
}

case "$COMMAND" in
  start) ensure_packages; start_db; start_redis; printf 'DB_PORT=%s\nREDIS_PORT=%s\n' "$DB_PORT" "$REDIS_PORT" >"$DATA/services.env" ;;
  stop) stop_pidfile MariaDB "$MDB/mysql.pid"; stop_pidfile Redis "$RDS/redis.pid" ;;
  status)
    echo "data: $DATA"
    db_ping && echo "mariadb: up on 127.0.0.1:$DB_PORT" || echo "mariadb: down"
    redis_ping && echo "redis: up on 127.0.0.1:$REDIS_PORT" || echo "redis: down" ;;
  *) echo "usage: $0 start|stop|status [--data <dir>]" >&2; exit 2 ;;
esac
