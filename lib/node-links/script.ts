// What a probe pod runs on a node to report its links: `ip -d -j link` and `ip -j addr` when the image's iproute2
// speaks JSON, else a listing of /sys/class/net written with nothing but POSIX shell builtins (read, cd -P, pwd,
// printf), plus `ip -o addr` when some `ip` (busybox's) is there for the addresses. Sections are marked so the parser
// (probe-output.ts) knows which it got. Either way it lists every SR-IOV PF's VF links (device/virtfnN → the VF's PCI
// address) with `ls -l`, as admins read them by hand. Read-only: it writes nothing, anywhere.
export const PROBE_MARK = "@@plumbline-node-links v1";

export const NODE_LINKS_SCRIPT = `
echo '${PROBE_MARK}'
if ip -d -j link show >/dev/null 2>&1 && ip -j addr show >/dev/null 2>&1; then
  echo '@@ip-link-json'; ip -d -j link show
  echo '@@ip-addr-json'; ip -j addr show
  echo '@@sriov-virtfn'; ls -l /sys/class/net/*/device/virtfn* 2>/dev/null
  echo '@@end'; exit 0
fi
val() { v=; [ -r "$1" ] && read -r v < "$1" 2>/dev/null; printf '%s' "$v"; }
base() { t=$(cd -P "$1" 2>/dev/null && pwd) && printf '%s' "\${t##*/}"; }
echo '@@sysfs'
for d in /sys/class/net/*; do
  [ -e "$d" ] || continue
  n=\${d##*/}
  printf '@iface %s\\n' "$n"
  for f in ifindex iflink type operstate address mtu flags speed; do printf '%s=%s\\n' "$f" "$(val "$d/$f")"; done
  devtype=
  if [ -r "$d/uevent" ]; then
    while IFS='=' read -r k v; do [ "$k" = DEVTYPE ] && devtype=$v; done < "$d/uevent"
  fi
  printf 'devtype=%s\\n' "$devtype"
  p=$(cd -P "$d" 2>/dev/null && pwd); case $p in */virtual/*) echo virtual=1;; *) echo virtual=0;; esac
  [ -e "$d/master" ] && printf 'master=%s\\n' "$(base "$d/master")"
  [ -d "$d/bridge" ] && echo bridge=1
  [ -e "$d/tun_flags" ] && echo tun=1
  for l in "$d"/lower_*; do [ -e "$l" ] && printf 'lower=%s\\n' "\${l##*/lower_}"; done
  for l in "$d"/upper_*; do [ -e "$l" ] && printf 'upper=%s\\n' "\${l##*/upper_}"; done
  if [ -d "$d/bonding" ]; then
    printf 'bond_mode=%s\\n' "$(val "$d/bonding/mode")"; printf 'bond_slaves=%s\\n' "$(val "$d/bonding/slaves")"
  fi
  [ -r "$d/device/sriov_totalvfs" ] && printf 'sriov_totalvfs=%s\\nsriov_numvfs=%s\\n' "$(val "$d/device/sriov_totalvfs")" "$(val "$d/device/sriov_numvfs")"
  if [ -d "$d/device/physfn/net" ]; then for pf in "$d"/device/physfn/net/*; do [ -e "$pf" ] && printf 'physfn=%s\\n' "\${pf##*/}"; done; fi
done
if command -v ip >/dev/null 2>&1; then echo '@@ip-addr-oneline'; ip -o addr show; fi
echo '@@sriov-virtfn'; ls -l /sys/class/net/*/device/virtfn* 2>/dev/null
echo '@@end'
`;
