#!/usr/bin/env bash
# npm run up: install what is missing, start MariaDB + Redis, migrate, seed the demo tenant,
# and serve api + worker in the foreground (Ctrl-C stops both; scripts/services.sh stop ends the databases).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${HERALD_DATA_DIR:-$ROOT/.data}"
mkdir -p "$DATA"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[up] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

scripts/services.sh start

if [ -z "${ADMIN_TOKEN:-}" ]; then
  [ -s "$DATA/admin-token" ] || node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))" >"$DATA/admin-token"
  ADMIN_TOKEN="$(cat "$DATA/admin-token")"
  ADMIN_NOTE="$ADMIN_TOKEN (generated, kept in $DATA/admin-token)"
fi
# The key that seals webhook secrets at rest: generated once, like the admin token. Losing it loses
# the stored secrets (they cannot be opened); keep .data/secrets-key with the database.
if [ -z "${SECRETS_KEY:-}" ]; then
  [ -s "$DATA/secrets-key" ] || (umask 077 && node -e "console.log(require('crypto').randomBytes(32).toString('base64'))" >"$DATA/secrets-key")
  SECRETS_KEY="$(cat "$DATA/secrets-key")"
fi
export ADMIN_TOKEN SECRETS_KEY ALLOW_PRIVATE_TARGETS="${ALLOW_PRIVATE_TARGETS:-true}"

echo "[up] building"
npm run --silent build
node dist/src/database/migrate.js
SEED_OUT="$(node dist/src/seed/seed-demo.js "$DATA/demo-api-key")"
echo "$SEED_OUT" | grep -v '^DEMO_API_KEY=\|^DEMO_LOGIN='
API_KEY="$(echo "$SEED_OUT" | sed -n 's/^DEMO_API_KEY=//p')"
DEMO_LOGIN="$(echo "$SEED_OUT" | sed -n 's/^DEMO_LOGIN=//p')"

PORT="${PORT:-3000}"
export PORT
# V8 grows the heap lazily on a big machine; the cap keeps the worker's memory flat (see bench/README.md).
node --max-old-space-size=256 --max-semi-space-size=32 dist/src/worker.js &
WORKER=$!
node dist/src/main.js &
API=$!
trap 'kill $API $WORKER 2>/dev/null; wait 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
cat <<INFO

  Herald is up.
    Console        http://localhost:$PORT/   (sign in: $DEMO_LOGIN)
    API            http://localhost:$PORT/api   (docs: http://localhost:$PORT/api/docs)
    Health         http://localhost:$PORT/health
    Demo API key   $API_KEY
    Admin token    ${ADMIN_NOTE:-from the ADMIN_TOKEN environment variable}

  Try: curl -H "Authorization: Bearer $API_KEY" localhost:$PORT/api/customers
  Ctrl-C stops api and worker; \`npm run services:stop\` stops MariaDB and Redis.

INFO
wait -n $API $WORKER
