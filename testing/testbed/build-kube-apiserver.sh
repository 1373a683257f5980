#!/usr/bin/env bash
# Builds kube-apiserver from the Go module proxy (wrapper module beside this script) and caches the
# binary outside the repo, keyed by version, so only the first run on a machine pays for the build.
# Prints the binary's path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(awk '/^require k8s.io\/kubernetes/ {print $3}' "$here/kube-apiserver/go.mod")"
cache="${PLUMBLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumbline}"
bin="$cache/kube-apiserver-$version"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { echo "build-kube-apiserver: Go is required (https://go.dev) to build kube-apiserver $version" >&2; exit 1; }
  mkdir -p "$cache"
  echo "build-kube-apiserver: building kube-apiserver $version (first run on this machine takes several minutes)" >&2
  (cd "$here/kube-apiserver" && CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(echo "$version" | cut -d. -f2)" \
      -o "$bin.tmp" k8s.io/kubernetes/cmd/kube-apiserver)
  mv "$bin.tmp" "$bin"
fi
echo "$bin"
