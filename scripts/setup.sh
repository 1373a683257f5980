#!/usr/bin/env bash
# Installs what a clean machine lacks, idempotently: npm packages, Debian's Chromium (Playwright cannot
# download its own browser here), etcd and a kube-apiserver built from the Go module proxy (the test bed), and the
# node stage (containerd, runc, busybox-static; kubelet, scheduler, controller-manager, CNI plugins, Multus, whereabouts).
# Anything that cannot be had is a failure, never a silent skip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
what="${1:-all}"   # all | app

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund
fi
# npm ci applies patches/ (postinstall); again here for a node_modules installed before a patch came (idempotent)
node scripts/patch-packages.mjs
[ "$what" = app ] && exit 0

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's chromium for Playwright" >&2
  apt_install chromium || { echo "setup: could not install chromium (apt-get install chromium)" >&2; exit 1; }
fi
bash testing/testbed/ensure-deps.sh --with-node >/dev/null
