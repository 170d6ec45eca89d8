#!/usr/bin/env bash
# npm test: type-check, then every test (unit + e2e) against a private MariaDB + Redis started on
# free loopback ports under .data/test-<pid>, removed afterwards, so parallel runs never clash.
# Extra arguments go to jest (e.g. npm test -- test/customers).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export HERALD_DATA_DIR="$ROOT/.data/test-$$"
export DB_PORT="$(free_port)" REDIS_PORT="$(free_port)"
cleanup() { scripts/services.sh stop >/dev/null 2>&1 || true; rm -rf "$HERALD_DATA_DIR"; }
trap cleanup EXIT
scripts/services.sh start

# docker-compose validates docker/docker-compose.yml; chromium and a CJK font run the console's browser tests.
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  missing=()
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  for pkg in chromium fonts-wqy-microhei; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[test] installing ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

echo "[test] type-check and build (the process tests run dist/, the browser tests console/dist)"
npx tsc --noEmit -p tsconfig.json
npm run --silent build

export NODE_ENV=test LOG_LEVEL="${LOG_LEVEL:-silent}" ALLOW_PRIVATE_TARGETS=true
npx jest "$@"
