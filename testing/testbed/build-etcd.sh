#!/usr/bin/env bash
# Builds etcd from the Go module proxy (wrapper module in etcd/ beside this script) and caches the binary outside the
# repo, keyed by version, so only the first run on a machine pays for the build (~5 min on 2 cores). Prints its path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(awk '/^require go.etcd.io\/etcd\/server\/v3/ {print $3}' "$here/etcd/go.mod")"
cache="${PLUMBLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumbline}"
bin="$cache/etcd-$version"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { echo "build-etcd: Go is required (https://go.dev) to build etcd $version" >&2; exit 1; }
  mkdir -p "$cache"
  echo "build-etcd: building etcd $version (first run on this machine takes a few minutes)" >&2
  (cd "$here/etcd" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$bin.tmp" .)
  mv "$bin.tmp" "$bin"
fi
echo "$bin"
