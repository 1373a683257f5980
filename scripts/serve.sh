#!/usr/bin/env bash
# Builds (when needed) and serves the dashboard on http://127.0.0.1:${PORT:-3000} (loopback only unless --listen).
#   scripts/serve.sh --demo                      the embedded demo cluster
#   scripts/serve.sh --snapshot <file|dir>       a kubectl -o json/yaml dump or a must-gather
#   scripts/serve.sh [--kubeconfig F] [--context C]...   a live cluster; each --context is offered in the switcher
#   scripts/serve.sh [--kubeconfig F] --all-contexts      every context of the kubeconfig, side by side in /fleet
#   --listen ADDR --allow-host NAME   listen beyond 127.0.0.1 (a warning, and a key in the printed URL)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NEXT_TELEMETRY_DISABLED=1
source_kind=kubeconfig
while [ $# -gt 0 ]; do
  case "$1" in
    --demo) source_kind=demo ;;
    --snapshot) source_kind=snapshot; export PLUMBLINE_SNAPSHOT="$(realpath "${2:?--snapshot needs a path}")"; shift ;;
    --kubeconfig) export KUBECONFIG="$(realpath "${2:?--kubeconfig needs a file}")"; shift ;;
    --context)
      # The first is where it starts; every one named may be switched to, and no other.
      [ -n "${PLUMBLINE_CONTEXT:-}" ] || export PLUMBLINE_CONTEXT="${2:?--context needs a name}"
      export PLUMBLINE_CONTEXTS="${PLUMBLINE_CONTEXTS:+$PLUMBLINE_CONTEXTS,}${2:?--context needs a name}"; shift ;;
    --all-contexts) export PLUMBLINE_ALL_CONTEXTS=true ;;
    --listen) export PLUMBLINE_LISTEN="${2:?--listen needs an address}"; shift ;;
    --allow-host) export PLUMBLINE_ALLOWED_HOSTS="${PLUMBLINE_ALLOWED_HOSTS:+$PLUMBLINE_ALLOWED_HOSTS,}${2:?--allow-host needs a name}"; shift ;;
    --port) export PORT="${2:?--port needs a number}"; shift ;;
    *) echo "serve: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
export PLUMBLINE_SOURCE="$source_kind"
# Without --listen, start.sh listens on 127.0.0.1 only; the cases below apply only when the user asked for another address.
case "${PLUMBLINE_LISTEN:-}" in
  ''|127.*|localhost|::1) ;;
  0.0.0.0|::|'[::]')
    if [ -z "${PLUMBLINE_ALLOWED_HOSTS:-}" ]; then
      echo "serve: --listen $PLUMBLINE_LISTEN needs --allow-host <name>: the name other machines use for this one (requests for any other name are refused, so nothing could reach it)" >&2
      exit 2
    fi ;;
  *) export PLUMBLINE_ALLOWED_HOSTS="${PLUMBLINE_ALLOWED_HOSTS:+$PLUMBLINE_ALLOWED_HOSTS,}$PLUMBLINE_LISTEN" ;;
esac
bash scripts/setup.sh app
# Rebuild when any source file is newer than the last build.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib server next.config.ts proxy.ts package-lock.json -newer .next/BUILD_ID -print -quit)" ]; then
  # The first build takes a minute or two on a small machine: say so, instead of a silent terminal.
  echo "Building the dashboard (first run or changed sources; a minute or two)…" >&2
  npx next build >/dev/null
  echo "Built." >&2
fi
# The address it really listens on: 127.0.0.1 unless --listen named another.
echo "Plumbline ($PLUMBLINE_SOURCE) on http://${PLUMBLINE_LISTEN:-127.0.0.1}:${PORT:-3000}" >&2
export PORT="${PORT:-3000}"
exec bash scripts/start.sh
