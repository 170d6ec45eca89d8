#!/usr/bin/env bash
# npm test: type-check, then every test (unit + e2e) against a private MariaDB + Redis started on
# free loopback ports under .data/test-<pid>, removed afterwards, so parallel runs never clash.
# Extra arguments go to jest (e.g. npm test -- test/customers).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test-env.sh"
npx jest "$@"
