#!/usr/bin/env bash
# Proves tests do not race: runs them again and again and prints a table (run, passed, failed, seconds).
#
#   scripts/repeat-tests.sh [--runs N] [--hog] [jest args...]
#       N jest runs (default 10) on one build and one private MariaDB + Redis. Without jest args it runs
#       the suites that involve a browser, child processes or time (RACE_PRONE below).
#   scripts/repeat-tests.sh --ci [--runs N] [--hog]
#       N runs of `bash .ci/run` (default 3), each in a fresh clone of HEAD in a temporary folder.
#
# --hog keeps both cores busy (one `node -e 'for(;;);'` per core) for the whole time; they are ended by pid.
# Logs (and each fresh clone's chaos table) go to .data/repeat-<time>/. Exits non-zero if any run failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RACE_PRONE=(test/console.e2e-spec.ts test/console-automation.e2e-spec.ts test/processes.e2e-spec.ts
  test/journeys-processes.e2e-spec.ts test/delivery-claims.e2e-spec.ts test/delivery-engine.e2e-spec.ts
  test/broadcasts.e2e-spec.ts test/outbox-signal.e2e-spec.ts test/circuit-breaker.e2e-spec.ts
  test/retention.e2e-spec.ts test/attempt-recording.e2e-spec.ts test/journeys.e2e-spec.ts
  test/console-errors.e2e-spec.ts test/up.e2e-spec.ts test/readme-tutorial.e2e-spec.ts test/logs.e2e-spec.ts
  test/verify-snippets.e2e-spec.ts test/typed-client.e2e-spec.ts test/quiet-hours-processes.e2e-spec.ts
  test/frequency-caps-processes.e2e-spec.ts test/console-presets.e2e-spec.ts test/console-optouts.e2e-spec.ts
  test/console-quiet-hours.e2e-spec.ts test/console-frequency-caps.e2e-spec.ts test/console-journey-split.e2e-spec.ts)

runs="" hog=0 ci=0 args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --hog) hog=1; shift ;;
    --ci) ci=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -n "$runs" ] || runs=$([ $ci = 1 ] && echo 3 || echo 10)
LOGS="$ROOT/.data/repeat-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$LOGS"

hogs=()
stop_hogs() { for p in "${hogs[@]}"; do kill "$p" 2>/dev/null || true; done; hogs=(); }
trap stop_hogs EXIT
if [ $hog = 1 ]; then
  for _ in $(seq 1 "$(nproc)"); do node -e 'for(;;);' & hogs+=($!); done
  echo "[repeat] CPU hogs running: ${hogs[*]}"
fi

rows=() bad=0
# From jest's own summary line: "Tests:       1 failed, 618 passed, 619 total".
count() { sed -n 's/^Tests:.*[^0-9]\([0-9][0-9]*\) '"$1"'.*/\1/p' "$2" | tail -1; }
record() { # name, log, exit code, seconds
  local passed failed
  passed=$(count passed "$2"); failed=$(count failed "$2")
  passed=${passed:-0}; failed=${failed:-0}
  if [ "$3" != 0 ] && [ "$failed" = 0 ]; then failed="exit $3"; fi
  [ "$3" = 0 ] || bad=1
  rows+=("| $1 | $passed | $failed | $4 |")
  echo "[repeat] $1: passed $passed, failed $failed, $4 s (log: $2)"
}

if [ $ci = 1 ]; then
  for i in $(seq 1 "$runs"); do
    dir="$(mktemp -d)"
    git clone -q "$ROOT" "$dir"
    start=$SECONDS; rc=0
    (cd "$dir" && CI=true bash .ci/run </dev/null) >"$LOGS/ci-$i.log" 2>&1 || rc=$?
    record "fresh-clone .ci/run $i$([ $hog = 1 ] && echo ' (hog)')" "$LOGS/ci-$i.log" "$rc" $((SECONDS - start))
    cp "$dir/test/artifacts/chaos-table.md" "$LOGS/chaos-table-$i.md" 2>/dev/null || true
    rm -rf "$dir"
  done
else
  [ ${#args[@]} -gt 0 ] || args=("${RACE_PRONE[@]}")
  # One build and one set of services for every run (the same steps as npm test).
  source "$ROOT/scripts/test-env.sh"
  trap 'stop_hogs; test_env_cleanup' EXIT
  for i in $(seq 1 "$runs"); do
    start=$SECONDS; rc=0
    npx jest "${args[@]}" >"$LOGS/run-$i.log" 2>&1 || rc=$?
    record "run $i$([ $hog = 1 ] && echo ' (hog)')" "$LOGS/run-$i.log" "$rc" $((SECONDS - start))
  done
fi
stop_hogs

echo
echo "| run | passed | failed | seconds |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
exit $bad
