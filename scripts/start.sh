#!/usr/bin/env bash
# Serves the production build the way the container does: Next's standalone server, with the static assets
# and public/ beside it. PORT chooses the port (3000) and PLUMBLINE_LISTEN the address: 127.0.0.1 unless told
# otherwise, since a kubeconfig server acts with the operator's credentials for whoever reaches it. HOSTNAME is
# ignored here (containers set it to their own name); the container image runs server.js itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f .next/standalone/server.js ] || { echo "start: no production build; run 'npx next build' first" >&2; exit 1; }
# The standalone folder holds only server code; Next expects the assets next to it. Copied again whenever what is
# copied changed, keyed by the build's id and a checksum of every file's name and bytes: the id alone kept serving a
# public/ or demo cluster edited since, or a .next whose assets changed under the same id. (`next build` itself
# empties .next and draws a new id, so a rebuild is copied either way.)
assets_key="$(cat .next/BUILD_ID) $(find .next/static public server/demo-cluster -type f -exec cksum {} + | LC_ALL=C sort | cksum)"
if [ "$(cat .next/standalone/.assets-for 2>/dev/null)" != "$assets_key" ]; then
  rm -rf .next/standalone/.next/static .next/standalone/public .next/standalone/server/demo-cluster
  cp -r .next/static .next/standalone/.next/static
  cp -r public .next/standalone/public
  # Data the server reads at run time (the demo cluster) is looked up from the working directory.
  mkdir -p .next/standalone/server && cp -r server/demo-cluster .next/standalone/server/demo-cluster
  printf '%s' "$assets_key" >.next/standalone/.assets-for
fi
export NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
export HOSTNAME="${PLUMBLINE_LISTEN:-127.0.0.1}"
case "$HOSTNAME" in
  127.*|localhost|::1|'[::1]') loopback=1 ;;
  *) loopback=0 ;;
esac
port="${PORT:-3000}"
if [ "$loopback" = 0 ]; then
  case "$HOSTNAME" in
    0.0.0.0|::|'[::]')
      # A kubeconfig server answers only the names it was given: listening everywhere without one reaches nobody.
      if [ "${PLUMBLINE_IDENTITY:-kubeconfig}" = kubeconfig ] && [ -z "${PLUMBLINE_ALLOWED_HOSTS:-}" ]; then
        echo "start: PLUMBLINE_LISTEN=$HOSTNAME needs PLUMBLINE_ALLOWED_HOSTS=<name> (serve: --allow-host <name>): the name other machines use for this one" >&2
        exit 2
      fi ;;
  esac
  echo "start: WARNING: listening on $HOSTNAME:$port, reachable from other machines" >&2
  if [ "${PLUMBLINE_IDENTITY:-kubeconfig}" = kubeconfig ] && [ "${PLUMBLINE_SOURCE:-demo}" = kubeconfig ] && [ -z "${PLUMBLINE_LAUNCH_SECRET:-}" ]; then
    # Whoever reaches this port acts with the kubeconfig's credentials: only holders of this launch's key may.
    PLUMBLINE_LAUNCH_SECRET="$(node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("hex"))')"
    export PLUMBLINE_LAUNCH_SECRET
    allowed="${PLUMBLINE_ALLOWED_HOSTS:-}"
    host_for_url="${allowed%%,*}"
    echo "start: open http://${host_for_url:-$HOSTNAME}:$port/?key=$PLUMBLINE_LAUNCH_SECRET (the key becomes a cookie)" >&2
  fi
fi
cd .next/standalone
# PLUMBLINE_NODE_ARGS: flags for node itself (a benchmark's --cpu-prof, which NODE_OPTIONS refuses), word-split on purpose.
# The preload sends the first LISTs before Next is required (server/sources/live/early-preload.mjs), as the image does.
# shellcheck disable=SC2086
exec node ${PLUMBLINE_NODE_ARGS:-} --import ./server/sources/live/early-preload.mjs server.js
