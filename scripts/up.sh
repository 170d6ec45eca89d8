#!/usr/bin/env bash
# npm run up: install what is missing, start MariaDB + Redis, migrate, start the demo receiver, seed
# the demo tenant, and serve api + worker in the foreground (Ctrl-C stops api, worker and receiver;
# `npm run services:stop` ends the databases).
# Env: PORT (3000); RECEIVER_PORT (PORT+100); METRICS_PORT (PORT+6464, the worker's metrics);
# DB_PORT, REDIS_PORT (scripts/services.sh); HERALD_DATA_DIR (.data); ADMIN_TOKEN, SECRETS_KEY,
# RECEIVER_SECRET (generated once into the data dir when unset); HERALD_SKIP_BUILD=1 uses the dist/
# already built (the tests, which build first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${HERALD_DATA_DIR:-$ROOT/.data}"
mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd)"
export HERALD_DATA_DIR="$DATA"
# Paths in the banner: relative to the repository when inside it.
show() { case "$1" in "$ROOT"/*) echo "${1#"$ROOT"/}" ;; *) echo "$1" ;; esac; }
# A generated secret, kept in the data dir (owner-only) and reused by later runs.
generated() { # file, node expression
  [ -s "$1" ] || (umask 077 && node -e "console.log($2)" >"$1")
  cat "$1"
}

PORT="${PORT:-3000}"
RECEIVER_PORT="${RECEIVER_PORT:-$((PORT + 100))}"
# Follows PORT so a second instance (PORT=3001) does not collide on the worker's metrics port.
METRICS_PORT="${METRICS_PORT:-$((PORT + 6464))}"
[ "$METRICS_PORT" -le 65535 ] || METRICS_PORT=0
# The ports this data dir's services were started with, unless given (scripts/services.sh records them).
DB_PORT="${DB_PORT:-$(sed -n 's/^DB_PORT=//p' "$DATA/services.env" 2>/dev/null || true)}"
REDIS_PORT="${REDIS_PORT:-$(sed -n 's/^REDIS_PORT=//p' "$DATA/services.env" 2>/dev/null || true)}"
export PORT METRICS_PORT DB_PORT="${DB_PORT:-3307}" REDIS_PORT="${REDIS_PORT:-6380}"
# `npm run services:stop` with no arguments stops the services of the repository's data dir `up`
# used last (a temporary one outside the repository, like the tests', is not remembered).
case "$DATA" in "$ROOT"/.data*) echo "$DATA" >"$ROOT/.data-last-up" ;; esac

# A port already taken (another Herald still running) would answer the health check below for us.
for pair in "PORT:$PORT" "RECEIVER_PORT:$RECEIVER_PORT" "METRICS_PORT:$METRICS_PORT"; do
  port="${pair#*:}"
  if [ "$port" != 0 ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "[up] port $port (${pair%%:*}) is in use: stop what listens there, or choose another, e.g. PORT=3001 npm run up" >&2
    exit 1
  fi
done

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[up] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

scripts/services.sh start

if [ -z "${ADMIN_TOKEN:-}" ]; then
  ADMIN_TOKEN="$(generated "$DATA/admin-token" "require('crypto').randomBytes(24).toString('base64url')")"
  ADMIN_NOTE="kept in $(show "$DATA/admin-token")   (ADMIN=\$(cat $(show "$DATA/admin-token")))"
fi
# The key that seals webhook secrets at rest: generated once, like the admin token. Losing it loses
# the stored secrets (they cannot be opened); keep .data/secrets-key with the database.
[ -n "${SECRETS_KEY:-}" ] || SECRETS_KEY="$(generated "$DATA/secrets-key" "require('crypto').randomBytes(32).toString('base64')")"
RECEIVER_SECRET="${RECEIVER_SECRET:-$(generated "$DATA/receiver-secret" "require('crypto').randomBytes(18).toString('base64url')")}"
export ADMIN_TOKEN SECRETS_KEY ALLOW_PRIVATE_TARGETS="${ALLOW_PRIVATE_TARGETS:-true}"

if [ "${HERALD_SKIP_BUILD:-}" = 1 ] && [ -f dist/src/main.js ]; then
  echo "[up] using the existing build (HERALD_SKIP_BUILD=1)"
else
  echo "[up] building"
  npm run --silent build
fi
node dist/src/database/migrate.js

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null' INT TERM EXIT
# The demo receiver first: the seed points the `Demo receiver` webhook at it.
node scripts/demo-receiver.js --port "$RECEIVER_PORT" --secret "$RECEIVER_SECRET" &
RECEIVER=$!
PIDS+=("$RECEIVER")
RECEIVER_URL="http://127.0.0.1:$RECEIVER_PORT/"
for _ in $(seq 1 100); do
  curl -fs "${RECEIVER_URL}_received" >/dev/null 2>&1 && break
  kill -0 "$RECEIVER" 2>/dev/null || { echo "[up] the demo receiver did not start (RECEIVER_PORT=$RECEIVER_PORT taken?)" >&2; exit 1; }
  sleep 0.1
done

SEED_OUT="$(DEMO_RECEIVER_URL="$RECEIVER_URL" DEMO_RECEIVER_SECRET="$RECEIVER_SECRET" node dist/src/seed/seed-demo.js "$DATA/demo-api-key")"
echo "$SEED_OUT" | grep -v '^DEMO_' || true
seeded() { echo "$SEED_OUT" | sed -n "s/^$1=//p"; }
API_KEY="$(seeded DEMO_API_KEY)"
DEMO_LOGIN="$(seeded DEMO_LOGIN)"
DEMO_ROLE_LOGINS="$(seeded DEMO_ROLE_LOGINS)"
WEBHOOK_ID="$(seeded DEMO_WEBHOOK_ID)"

# V8 grows the heap lazily on a big machine; the cap keeps the worker's memory flat (see bench/README.md).
node --max-old-space-size=256 --max-semi-space-size=32 dist/src/worker.js &
WORKER=$!
PIDS+=("$WORKER")
node dist/src/main.js &
API=$!
PIDS+=("$API")

healthy() { curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; }
for _ in $(seq 1 300); do
  healthy && break
  kill -0 "$API" 2>/dev/null || { echo "[up] the api stopped (PORT=$PORT taken?); see the lines above" >&2; exit 1; }
  sleep 0.2
done
healthy || { echo "[up] the api did not answer http://127.0.0.1:$PORT/health within a minute" >&2; exit 1; }
KEY_FILE="$(show "$DATA/demo-api-key")"
STOP_SERVICES="npm run services:stop"
[ "$DATA" = "$ROOT/.data" ] || STOP_SERVICES="npm run services:stop -- --data $(show "$DATA")"
METRICS_NOTE="http://127.0.0.1:$METRICS_PORT/metrics (worker), http://localhost:$PORT/metrics (api)"
[ "$METRICS_PORT" != 0 ] || METRICS_NOTE="http://localhost:$PORT/metrics (api; the worker's are off)"
cat <<INFO

  Herald is up.
    Console        http://localhost:$PORT/   sign in: $DEMO_LOGIN (owner)
                   by role: $DEMO_ROLE_LOGINS
    API            http://localhost:$PORT/api   (docs: http://localhost:$PORT/api/docs)
    Health         http://localhost:$PORT/health
    Metrics        $METRICS_NOTE
    Demo API key   $API_KEY
                   kept in $KEY_FILE   (KEY=\$(cat $KEY_FILE))
    Admin token    ${ADMIN_NOTE:-from the ADMIN_TOKEN environment variable}
    Demo receiver  $RECEIVER_URL   prints every message it gets, checks its signature
                   webhook "Demo receiver" (id $WEBHOOK_ID) sends to ${RECEIVER_URL}dmhub, DM Hub signed
                   with the secret in $(show "$DATA/receiver-secret"); received so far: ${RECEIVER_URL}_received

  Try:  KEY=\$(cat $KEY_FILE)
        curl -H "Authorization: Bearer \$KEY" localhost:$PORT/api/customers
  Stop: Ctrl-C stops api, worker and receiver; \`$STOP_SERVICES\` stops MariaDB and Redis.

INFO
wait -n "${PIDS[@]}"
