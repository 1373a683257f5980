#!/usr/bin/env bash
# Builds the node stage's binaries from the Go module proxy and caches them outside the repo, keyed by
# version (like build-kube-apiserver.sh), so only the first run on a machine pays (~10 min cold on 2 cores):
#   kubelet, kube-scheduler, kube-controller-manager, kubectl (wrapper module kube-node/, same pins as kube-apiserver)
#   CNI plugins, Multus (thin plugin), whereabouts.
# Prints KEY=PATH lines (node-env format) on stdout. Builds run with -p 1: the machine is shared.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${PLUMBLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumbline}"
k8s="$(awk '/^require k8s.io\/kubernetes/ {print $3}' "$here/kube-node/go.mod")"
cni_plugins=v1.9.0
multus=v4.2.2
whereabouts=v0.9.2
jobs="${PLUMBLINE_BUILD_JOBS:-1}"
die() { echo "build-node: $*" >&2; exit 1; }
command -v go >/dev/null || die "Go is required (https://go.dev) to build the node stage"
mkdir -p "$cache"
export CGO_ENABLED=0

build_in_module() { # module@version package output extra-ldflags
  local src
  src="$(go mod download -json "$1" | awk -F'"' '/"Dir"/ {print $4}')"
  [ -d "$src" ] || die "could not download $1 from the module proxy"
  (cd "$src" && go build -mod=mod -p "$jobs" -trimpath -ldflags "-s -w $4" -o "$3" "$2") || die "building $1 failed (see above)"
}

k8s_ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$k8s -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(echo "$k8s" | cut -d. -f2)"
# kubectl: the node test applies deploy/ with `kubectl apply -k`, as deploy/README.md tells an admin to.
for cmd in kubelet kube-scheduler kube-controller-manager kubectl; do
  bin="$cache/$cmd-$k8s"
  if [ ! -x "$bin" ]; then
    echo "build-node: building $cmd $k8s (first run on this machine takes minutes)" >&2
    (cd "$here/kube-node" && go build -p "$jobs" -trimpath -ldflags "$k8s_ldflags" -o "$bin.tmp" "k8s.io/kubernetes/cmd/$cmd") ||
      die "building $cmd $k8s failed (see above)"
    mv "$bin.tmp" "$bin"
  fi
  echo "$(echo "$cmd" | tr 'a-z-' 'A-Z_')=$bin"
done

# One directory of CNI binaries: the plugins, multus and whereabouts (the kubelet's cni bin dir points here).
cnidir="$cache/cni-plugins-$cni_plugins-multus-$multus-whereabouts-$whereabouts"
if [ ! -x "$cnidir/whereabouts" ]; then
  tmp="$cnidir.tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  echo "build-node: building CNI plugins $cni_plugins" >&2
  pkgs=()
  for p in main/bridge main/macvlan main/ipvlan main/host-device main/vlan main/loopback ipam/host-local ipam/static meta/tuning; do
    pkgs+=("github.com/containernetworking/plugins/plugins/$p@$cni_plugins")
  done
  GOBIN="$tmp" go install -p "$jobs" -trimpath -ldflags "-s -w" "${pkgs[@]}" || die "building CNI plugins $cni_plugins failed"
  # Multus and whereabouts are built inside their downloaded modules: `go install pkg@version` asks the proxy for the
  # module's version list (for deprecations), which the proxy here refuses, and whereabouts' go.mod has a replace line.
  echo "build-node: building Multus $multus (thin plugin)" >&2
  build_in_module "gopkg.in/k8snetworkplumbingwg/multus-cni.v4@$multus" ./cmd/multus "$tmp/multus" \
    "-X gopkg.in/k8snetworkplumbingwg/multus-cni.v4/pkg/multus.version=$multus"
  echo "build-node: building whereabouts $whereabouts" >&2
  build_in_module "github.com/k8snetworkplumbingwg/whereabouts@$whereabouts" ./cmd "$tmp/whereabouts" \
    "-X github.com/k8snetworkplumbingwg/whereabouts/pkg/version.Version=$whereabouts"
  rm -rf "$cnidir" && mv "$tmp" "$cnidir"
fi
echo "CNI_BIN_DIR=$cnidir"
echo "VERSIONS=kubernetes $k8s, cni-plugins $cni_plugins, multus $multus, whereabouts $whereabouts"
