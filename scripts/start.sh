#!/usr/bin/env bash
# Serves the production build the way the container does: Next's standalone server, with the static assets
# and public/ beside it. PORT and HOSTNAME choose where it listens (default 0.0.0.0:3000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f .next/standalone/server.js ] || { echo "start: no production build; run 'npx next build' first" >&2; exit 1; }
# The standalone folder holds only server code; Next expects the assets next to it. Copied once per build.
if [ "$(cat .next/standalone/.assets-for 2>/dev/null)" != "$(cat .next/BUILD_ID)" ]; then
  rm -rf .next/standalone/.next/static .next/standalone/public .next/standalone/server/demo-cluster
  cp -r .next/static .next/standalone/.next/static
  cp -r public .next/standalone/public
  # Data the server reads at run time (the demo cluster) is looked up from the working directory.
  mkdir -p .next/standalone/server && cp -r server/demo-cluster .next/standalone/server/demo-cluster
  cp .next/BUILD_ID .next/standalone/.assets-for
fi
export NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
cd .next/standalone
exec node server.js
