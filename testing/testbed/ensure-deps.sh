#!/usr/bin/env bash
# Makes sure the test bed's binaries exist: etcd and kube-apiserver (each built once from the Go module proxy, then
# cached; etcd 3.6, not Debian's 3.4, which kube-apiserver 1.37 reads consistent Lists around its cache with); with --with-node also the node stage's: Debian's containerd, runc and
# busybox-static (and podman, mmdebstrap, nginx for the deployed-image test), and kubelet, kubectl, kube-scheduler, kube-controller-manager, CNI plugins, Multus and whereabouts built
# from the Go module proxy (build-node.sh; ~10 min the first time on 2 cores, then cached).
# Idempotent. Fails loudly: in CI a missing test bed is a failure, never a skip.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "ensure-deps: $*" >&2; exit 1; }

if [ -n "${PLUMBLINE_ETCD:-}" ]; then
  etcd="$PLUMBLINE_ETCD"
else
  etcd="$(bash "$here/build-etcd.sh")" || die "building etcd failed (see above)"
fi
[ -x "$etcd" ] || die "etcd not executable: $etcd"
# etcd refuses to run on arches other than amd64/ppc64le without this (cluster.ts sets it the same way).
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

echo "ensure-deps: etcd $("$etcd" --version | awk 'NR==1 {print $3}') ($etcd), $("$apiserver" --version) ($apiserver)" >&2

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
