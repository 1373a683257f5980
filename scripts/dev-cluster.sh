#!/usr/bin/env bash
# `npm run dev:cluster [-- --with-node] [-- run.ts flags]`: the test bed (seeded) and the dashboard reading it.
# --with-node adds a real node (kubelet, containerd, Multus, whereabouts in a network namespace; root only; the
# first run builds its binaries, ~10 min on 2 cores, then they are cached).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec npx tsx --tsconfig tsconfig.json testing/testbed/run.ts "$@" -- bash scripts/serve.sh
