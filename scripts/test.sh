#!/usr/bin/env bash
# The whole test suite: types, unit tests, integration tests against a real kube-apiserver + etcd,
# and Playwright in Debian's Chromium against the demo and the live test bed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/setup.sh

echo "== lint and format (biome), the cast budget, the layering (dependency-cruiser), dead code (knip)" >&2
npx biome check --diagnostic-level=error .
node scripts/lint/cast-budget.mjs
npm run --silent lint:layers
npm run --silent lint:dead
echo "== typecheck" >&2
npx tsc --noEmit -p .
# The build comes first: integration tests start the standalone production server too.
echo "== production build" >&2
npx next build >/dev/null
# A filesystem call Next cannot scope traces the whole project into the standalone server (and so into the image):
# Turbopack only warns. The server runs compiled chunks: a .ts file there is a source it never reads (session 8: the
# tests were traced in, and vitest then ran every test twice).
traced=$(find .next/standalone -name node_modules -prune -o -name '*.ts' -print | head -5 || true)
if [ -n "$traced" ]; then
  echo "the standalone server holds project sources, e.g.:" >&2
  echo "$traced" >&2
  echo "(the build's 'Dynamic filesystem access causes tracing of the whole project' warning names the call)" >&2
  exit 1
fi
# The server's ELK worker loads elkjs from the standalone folder's node_modules (server/elk-thread.ts).
if [ ! -f .next/standalone/node_modules/elkjs/lib/elk.bundled.js ]; then
  echo "the standalone server lacks node_modules/elkjs/lib/elk.bundled.js (next.config.ts outputFileTracingIncludes)" >&2
  exit 1
fi
# The preload that sends the first LISTs before server.js (scripts/start.sh, deploy/Containerfile), what its thread
# splits and trims their items with, and its yaml.
for f in server/sources/live/{early-preload,early-preload-lists,early-preloaded,early-requests,lean}.mjs \
  lib/k8s/{list-splitter,controller-reference}.mjs node_modules/yaml/dist/index.js; do
  [ -f ".next/standalone/$f" ] || { echo "the standalone server lacks $f (next.config.ts outputFileTracingIncludes)" >&2; exit 1; }
done
echo "== unit and integration tests (vitest)" >&2
npx vitest run
echo "== browser tests (playwright)" >&2
npx playwright test
# deploy/Containerfile built from Debian-made base images (minutes the first time, cached by its inputs after).
echo "== the deployment image (testing/testbed/plumbline-image.sh)" >&2
bash testing/testbed/plumbline-image.sh >&2
echo "== the walk-through and the deployed image on a real node (playwright, playwright.node.config.ts)" >&2
npx playwright test -c playwright.node.config.ts
echo "== the fleet view on three API servers (playwright, playwright.fleet.config.ts)" >&2
npx playwright test -c playwright.fleet.config.ts
