#!/usr/bin/env bash
# The property suite at length, for nightly use: `npm run fuzz` (FUZZ_RUNS cases, default 200,000, with a fresh seed
# unless FUZZ_SEED is given). A failure prints its seed and the shrunk counterexample: add it to
# lib/topology/bounded.test.ts as a regular case, then fix.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_RUNS="${FUZZ_RUNS:-200000}"
export FUZZ_SEED="${FUZZ_SEED:-$(( (RANDOM << 15) | RANDOM ))}"
echo "fuzz: ${FUZZ_RUNS} cases, seed ${FUZZ_SEED} (FUZZ_SEED=${FUZZ_SEED} npm run fuzz repeats this run)"
exec npx vitest run --project unit lib/topology/fuzz.test.ts
