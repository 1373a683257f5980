// Inputs shaped as the public sources define them (not recorded on hardware here; the test bed has no bond or SR-IOV).
// Captured public output, with its source, is in testing/fixtures/node-links-public/ (a real bond from iproute2's own
// commit; no captured SR-IOV `ip -j` output was found, so the SR-IOV parts here stay built to the formats):
// - `ip -d -j link` JSON: iproute2's printer, ip/ipaddress.c (print_linktype: linkinfo.info_kind / info_data /
//   info_slave_kind; print_vfinfo: vfinfo_list entries with vf, mac, spoofchk, link_state, trust) and
//   ip/iplink_bond.c (info_data.mode as a name, e.g. "802.3ad").
// - sysfs: the kernel's Documentation/networking/bonding.rst ("/sys/class/net/bond0/bonding/mode" reads
//   "802.3ad 4", ".../bonding/slaves" the space-separated ports) and Documentation/PCI/pci-iov-howto.rst with
//   Documentation/ABI/testing/sysfs-bus-pci (device/sriov_totalvfs, device/sriov_numvfs on the PF; a VF's netdev has
//   device/physfn, the PF's PCI device, whose net/ holds the PF's name).

/** A bonded pair (LACP) under a VLAN and a bridge, and an SR-IOV PF with two VFs, one of them bound as a netdev. */
export const IP_LINK_BOND_SRIOV = JSON.stringify([
  {
    ifindex: 1,
    ifname: "lo",
    flags: ["LOOPBACK", "UP", "LOWER_UP"],
    mtu: 65536,
    operstate: "UNKNOWN",
    link_type: "loopback",
    address: "00:00:00:00:00:00",
  },
  {
    ifindex: 2,
    ifname: "ens1f0",
    flags: ["BROADCAST", "MULTICAST", "SLAVE", "UP", "LOWER_UP"],
    mtu: 9000,
    master: "bond0",
    operstate: "UP",
    link_type: "ether",
    address: "b8:59:9f:ca:e2:f8",
    linkinfo: { info_slave_kind: "bond", info_slave_data: { state: "ACTIVE", mii_status: "UP" } },
  },
  {
    ifindex: 3,
    ifname: "ens1f1",
    flags: ["BROADCAST", "MULTICAST", "SLAVE", "UP", "LOWER_UP"],
    mtu: 9000,
    master: "bond0",
    operstate: "UP",
    link_type: "ether",
    address: "b8:59:9f:ca:e2:f8",
    linkinfo: { info_slave_kind: "bond", info_slave_data: { state: "ACTIVE", mii_status: "UP" } },
  },
  {
    ifindex: 4,
    ifname: "bond0",
    flags: ["BROADCAST", "MULTICAST", "MASTER", "UP", "LOWER_UP"],
    mtu: 9000,
    operstate: "UP",
    link_type: "ether",
    address: "b8:59:9f:ca:e2:f8",
    linkinfo: { info_kind: "bond", info_data: { mode: "802.3ad", miimon: 100, xmit_hash_policy: "layer3+4" } },
  },
  {
    ifindex: 5,
    ifname: "bond0.120",
    link: "bond0",
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    mtu: 9000,
    master: "br-ex",
    operstate: "UP",
    link_type: "ether",
    address: "b8:59:9f:ca:e2:f8",
    linkinfo: { info_kind: "vlan", info_data: { protocol: "802.1Q", id: 120 }, info_slave_kind: "bridge" },
  },
  {
    ifindex: 6,
    ifname: "br-ex",
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    mtu: 9000,
    operstate: "UP",
    link_type: "ether",
    address: "b8:59:9f:ca:e2:f8",
    linkinfo: { info_kind: "bridge", info_data: { stp_state: 0 } },
  },
  {
    ifindex: 7,
    ifname: "ens2f0",
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    mtu: 1500,
    operstate: "UP",
    link_type: "ether",
    address: "1c:fd:08:7e:c6:32",
    vfinfo_list: [
      { vf: 0, mac: "00:00:00:00:00:00", spoofchk: true, link_state: "auto", trust: false },
      { vf: 1, mac: "26:0a:1e:55:01:02", vlan_list: [{ vlan: 300 }], spoofchk: true, link_state: "auto", trust: false },
    ],
  },
  {
    ifindex: 8,
    ifname: "ens2f0v1",
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    mtu: 1500,
    operstate: "UP",
    link_type: "ether",
    address: "26:0a:1e:55:01:02",
  },
]);

export const IP_ADDR_BOND_SRIOV = JSON.stringify([
  {
    ifindex: 1,
    ifname: "lo",
    addr_info: [
      { family: "inet", local: "127.0.0.1", prefixlen: 8, scope: "host" },
      { family: "inet6", local: "::1", prefixlen: 128, scope: "host" },
    ],
  },
  {
    ifindex: 6,
    ifname: "br-ex",
    addr_info: [
      { family: "inet", local: "10.120.0.21", prefixlen: 24, scope: "global" },
      { family: "inet6", local: "fe80::ba59:9fff:feca:e2f8", prefixlen: 64, scope: "link" },
    ],
  },
  { ifindex: 8, ifname: "ens2f0v1", addr_info: [] },
]);

/** The same host as the POSIX-shell fallback lists it (script.ts's format), values as sysfs shows them. */
export const SYSFS_BOND_SRIOV = `@iface bond0
ifindex=4
iflink=4
type=1
operstate=up
address=b8:59:9f:ca:e2:f8
mtu=9000
flags=0x1403
devtype=bond
virtual=1
lower=ens1f0
lower=ens1f1
upper=bond0.120
bond_mode=802.3ad 4
bond_slaves=ens1f0 ens1f1
@iface bond0.120
ifindex=5
iflink=4
type=1
operstate=up
address=b8:59:9f:ca:e2:f8
mtu=9000
flags=0x1003
devtype=vlan
virtual=1
master=br-ex
lower=bond0
upper=br-ex
@iface br-ex
ifindex=6
iflink=6
type=1
operstate=up
address=b8:59:9f:ca:e2:f8
mtu=9000
flags=0x1003
devtype=bridge
virtual=1
bridge=1
lower=bond0.120
@iface ens1f0
ifindex=2
iflink=2
type=1
operstate=up
address=b8:59:9f:ca:e2:f8
mtu=9000
flags=0x1803
devtype=
virtual=0
master=bond0
upper=bond0
@iface ens1f1
ifindex=3
iflink=3
type=1
operstate=up
address=b8:59:9f:ca:e2:f8
mtu=9000
flags=0x1803
devtype=
virtual=0
master=bond0
upper=bond0
@iface ens2f0
ifindex=7
iflink=7
type=1
operstate=up
address=1c:fd:08:7e:c6:32
mtu=1500
flags=0x1003
devtype=
virtual=0
sriov_totalvfs=64
sriov_numvfs=2
@iface ens2f0v1
ifindex=8
iflink=8
type=1
operstate=up
address=26:0a:1e:55:01:02
mtu=1500
flags=0x1003
devtype=
virtual=0
physfn=ens2f0
@iface lo
ifindex=1
iflink=1
type=772
operstate=unknown
address=00:00:00:00:00:00
mtu=65536
flags=0x9
devtype=
virtual=1
`;
