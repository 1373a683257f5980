#!/usr/bin/env bash
# Makes sure the test bed's binaries exist: etcd (Debian package etcd-server) and kube-apiserver (built once from
# the Go module proxy, then cached); with --with-node also the node stage's: Debian's containerd, runc and
# busybox-static (and podman, mmdebstrap, nginx for the deployed-image test), and kubelet, kubectl, kube-scheduler, kube-controller-manager, CNI plugins, Multus and whereabouts built
# from the Go module proxy (build-node.sh; ~10 min the first time on 2 cores, then cached).
# Idempotent. Fails loudly: in CI a missing test bed is a failure, never a skip.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "ensure-deps: $*" >&2; exit 1; }

etcd="${PLUMBLINE_ETCD:-etcd}"
if ! command -v "$etcd" >/dev/null 2>&1; then
  [ -z "${PLUMBLINE_ETCD:-}" ] || die "PLUMBLINE_ETCD=$PLUMBLINE_ETCD is not an executable"
  [ "$(id -u)" = 0 ] || die "etcd is missing; install the Debian package etcd-server as root (apt-get install etcd-server) or set PLUMBLINE_ETCD"
  command -v apt-get >/dev/null 2>&1 || die "etcd is missing and apt-get is not available; install etcd 3.4+ and put it on PATH or set PLUMBLINE_ETCD"
  echo "ensure-deps: installing etcd-server" >&2
  apt-get update || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends etcd-server || die "apt-get install etcd-server failed"
  command -v etcd >/dev/null 2>&1 || die "etcd-server was installed but etcd is not on PATH"
  etcd=etcd
fi
# etcd 3.4 refuses to run on arches other than amd64/ppc64le without this (cluster.ts sets it the same way).
case "$(uname -m)" in
  aarch64 | arm64) export ETCD_UNSUPPORTED_ARCH=arm64 ;;
  s390x) export ETCD_UNSUPPORTED_ARCH=s390x ;;
esac
"$etcd" --version >/dev/null || die "$etcd --version failed"

if [ -n "${PLUMBLINE_KUBE_APISERVER:-}" ]; then
  apiserver="$PLUMBLINE_KUBE_APISERVER"
else
  apiserver="$(bash "$here/build-kube-apiserver.sh")" || die "building kube-apiserver failed (see above)"
fi
[ -x "$apiserver" ] || die "kube-apiserver not executable: $apiserver"
"$apiserver" --version >/dev/null || die "$apiserver --version failed"

echo "ensure-deps: etcd $("$etcd" --version | awk 'NR==1 {print $3}') ($(command -v "$etcd")), $("$apiserver" --version) ($apiserver)" >&2

[ "${1:-}" = --with-node ] || exit 0
missing=()
# podman + mmdebstrap build deploy/Containerfile's image (plumbline-image.sh), nginx stands in for the auth proxy.
for pair in containerd:containerd ctr:containerd runc:runc busybox:busybox-static curl:curl nsenter:util-linux \
  podman:podman mmdebstrap:mmdebstrap nginx:nginx; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "the node stage needs ${missing[*]} (Debian packages) and root"
  command -v apt-get >/dev/null 2>&1 || die "the node stage needs ${missing[*]}; apt-get is not available"
  echo "ensure-deps: installing ${missing[*]} for the node stage" >&2
  apt-get update || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" || die "apt-get install ${missing[*]} failed"
fi
bash "$here/build-node.sh" >/dev/null || die "building the node stage failed (see above)"
echo "ensure-deps: node stage ready ($(bash "$here/build-node.sh" | awk -F= '/^VERSIONS=/ {print $2}'))" >&2
