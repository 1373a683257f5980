#!/usr/bin/env bash
# For Playwright, inside the live test bed (KUBECONFIG set by testing/testbed/run.ts): the dashboard reading
# with the kubeconfig on :LIVE_PORT (3101), and the same dashboard reading as each caller (forwarded-token) on :USERS_PORT (3102).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LIVE_PORT="${LIVE_PORT:-3101}" USERS_PORT="${USERS_PORT:-3102}"
PLUMBLINE_SOURCE=kubeconfig PORT=$LIVE_PORT HOSTNAME=127.0.0.1 bash scripts/start.sh &
first=$!
trap 'kill $first 2>/dev/null || true' EXIT
# The second start reuses the assets the first one put in place.
for _ in $(seq 1 100); do curl -fs http://127.0.0.1:$LIVE_PORT/api/healthz >/dev/null && break; sleep 0.2; done
PLUMBLINE_SOURCE=kubeconfig PLUMBLINE_IDENTITY=forwarded-token PLUMBLINE_NAMESPACES=multus-test PORT=$USERS_PORT HOSTNAME=127.0.0.1 bash scripts/start.sh &
second=$!
trap 'kill $first $second 2>/dev/null || true' EXIT
wait -n $first $second
