# Sourced by scripts/test.sh and scripts/repeat-tests.sh: dependencies, a private MariaDB + Redis on
# free loopback ports under .data/test-<pid> (stopped and removed on exit), chromium and a CJK font,
# the type-check and the build (the process tests run dist/, the browser tests console/dist), and
# the environment every test run shares.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export HERALD_DATA_DIR="$ROOT/.data/test-$$"
export DB_PORT="$(free_port)" REDIS_PORT="$(free_port)"
test_env_cleanup() { scripts/services.sh stop >/dev/null 2>&1 || true; rm -rf "$HERALD_DATA_DIR"; }
trap test_env_cleanup EXIT
scripts/services.sh start

# docker-compose validates docker/docker-compose.yml; chromium and a CJK font run the console's browser tests;
# python3, php-cli, golang-go and a JDK run docs/verify's signature snippets (≈ 50 s and ≈ 750 MB when all are missing).
# curl, jq and openssl run the README's tutorial (test/readme-tutorial.e2e-spec.ts).
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  missing=()
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  for pkg in chromium fonts-wqy-microhei curl jq openssl python3 php-cli golang-go default-jdk-headless; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[test] installing ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

echo "[test] the API contract: generated files up to date, the document lints clean"
npm run --silent api:check
npx redocly lint docs/openapi.json --format=summary 2>&1 | grep -v '[║╔╚]'
echo "[test] guardrails: ESLint (module boundaries included), Prettier, the architecture's limits"
npm run --silent lint
npm run --silent format:check
npx ts-node --transpile-only scripts/architecture.ts --check
echo "[test] type-check and build (the process tests run dist/, the browser tests console/dist)"
npx tsc --noEmit -p tsconfig.json
npm run --silent build

export NODE_ENV=test LOG_LEVEL="${LOG_LEVEL:-silent}" ALLOW_PRIVATE_TARGETS=true
