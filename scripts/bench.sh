#!/usr/bin/env bash
# npm run bench:<name> -- [args]: runs bench/<name>.ts against a private MariaDB + Redis on free
# ports (like npm test) and the built api/worker processes. Prints its figures; asserts nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NAME="$1"; shift
[ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export HERALD_DATA_DIR="$ROOT/.data/bench-$$"
export DB_PORT="$(free_port)" REDIS_PORT="$(free_port)"
cleanup() { scripts/services.sh stop >/dev/null 2>&1 || true; rm -rf "$HERALD_DATA_DIR"; }
trap cleanup EXIT
scripts/services.sh start 2>/dev/null
# BENCH_NO_BUILD=1 runs what dist/ holds (repeated runs of one build); the console is not needed here.
[ "${BENCH_NO_BUILD:-}" = 1 ] || npm run --silent build
export NODE_ENV=production LOG_LEVEL="${LOG_LEVEL:-warn}" ALLOW_PRIVATE_TARGETS=true ADMIN_TOKEN="bench-admin-token-0123456789" DB_NAME=herald_bench
SECRETS_KEY="$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")"
export SECRETS_KEY
node dist/src/database/migrate.js >/dev/null
TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register "bench/$NAME.ts" "$@"
