import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IP_ADDR_BOND_SRIOV, IP_LINK_BOND_SRIOV, SYSFS_BOND_SRIOV } from "./__fixtures__/public";
import { parseIpJson } from "./ip-json";
import type { NodeLink } from "./link";
import { parseProbeOutput } from "./probe-output";
import { PROBE_MARK } from "./script";
import { parseIpOneline, parseSysfs } from "./sysfs";

const byName = (links: NodeLink[]) => new Map(links.map((l) => [l.name, l]));

describe("ip -d -j link / ip -j addr (iproute2's JSON; public shapes: bond, VLAN, bridge, SR-IOV)", () => {
  const r = parseIpJson(IP_LINK_BOND_SRIOV, IP_ADDR_BOND_SRIOV);
  if (!r.ok) throw new Error(r.error);
  const l = byName(r.value.links);

  it("reads a bond with its mode and ports, its ports' controller, a VLAN on it as a bridge's uplink", () => {
    expect(l.get("bond0")).toMatchObject({
      type: "bond",
      state: "up",
      mtu: 9000,
      bond: { mode: "802.3ad", ports: ["ens1f0", "ens1f1"] },
    });
    expect(l.get("ens1f0")).toMatchObject({ type: "ethernet", controller: "bond0", mac: "B8:59:9F:CA:E2:F8" });
    expect(l.get("bond0.120")).toMatchObject({ type: "vlan", parent: "bond0", vlanId: 120, controller: "br-ex" });
    expect(l.get("br-ex")).toMatchObject({
      type: "linux-bridge",
      addresses: ["10.120.0.21/24", "fe80::ba59:9fff:feca:e2f8/64"],
    });
  });

  it("reads an SR-IOV PF's VFs from vfinfo_list; a VF netdev is a NIC", () => {
    expect(l.get("ens2f0")?.sriov).toEqual({ totalVfs: 2, numVfs: 2 });
    expect(l.get("ens2f0v1")).toMatchObject({ type: "ethernet", addresses: [] });
    expect(l.get("lo")).toMatchObject({ type: "loopback", addresses: ["127.0.0.1/8", "::1/128"] });
  });

  it("refuses what is not JSON or not a list, naming the command; drops entries without a name", () => {
    expect(parseIpJson("ip: invalid option -- 'j'")).toMatchObject({
      ok: false,
      error: expect.stringContaining("ip -d -j link"),
    });
    expect(parseIpJson("{}")).toMatchObject({ ok: false, error: "ip -d -j link: not a JSON list" });
    expect(parseIpJson('[{"ifname":""},{"mtu":1},3,null,{"ifname":"a","flags":"UP","mtu":"x"}]')).toEqual({
      ok: true,
      value: { links: [{ name: "a", type: "unknown", state: "down" }], dropped: 4 },
    });
  });
});

describe("the sysfs listing (POSIX-shell fallback; public layout: kernel bonding.rst, pci-iov-howto.rst)", () => {
  const l = byName(parseSysfs(SYSFS_BOND_SRIOV));

  it("reads what ip reads for the same host: bond, VLAN on it, bridge, NICs, SR-IOV PF and VF", () => {
    expect(l.get("bond0")).toMatchObject({
      type: "bond",
      state: "up",
      bond: { mode: "802.3ad", ports: ["ens1f0", "ens1f1"] },
    });
    expect(l.get("bond0.120")).toMatchObject({ type: "vlan", parent: "bond0", controller: "br-ex" });
    expect(l.get("br-ex")).toMatchObject({ type: "linux-bridge", mtu: 9000 });
    expect(l.get("br-ex")?.parent).toBeUndefined();
    expect(l.get("ens1f0")).toMatchObject({ type: "ethernet", controller: "bond0", mac: "B8:59:9F:CA:E2:F8" });
    expect(l.get("ens2f0")?.sriov).toEqual({ totalVfs: 64, numVfs: 2 });
    expect(l.get("ens2f0v1")).toMatchObject({ type: "ethernet", pf: "ens2f0" });
    expect(l.get("lo")).toMatchObject({ type: "loopback", state: "up" });
  });

  it("agrees with ip's JSON on every link's name, type, state, MAC, MTU and controller", () => {
    const r = parseIpJson(IP_LINK_BOND_SRIOV);
    if (!r.ok) throw new Error(r.error);
    const pick = ({ name, type, state, mac, mtu, controller }: NodeLink) => ({
      name,
      type,
      state,
      mac,
      mtu,
      controller,
    });
    const sort = (a: NodeLink[]) => a.map(pick).sort((x, y) => x.name.localeCompare(y.name));
    expect(sort(parseSysfs(SYSFS_BOND_SRIOV))).toEqual(sort(r.value.links));
  });

  it("tells a veth (its peer here or elsewhere), a macvlan and an ipvlan apart without DEVTYPE", () => {
    const block = (name: string, idx: number, iflink: number, mac: string, extra = "") =>
      `@iface ${name}\nifindex=${idx}\niflink=${iflink}\ntype=1\naddress=${mac}\nflags=0x1003\ndevtype=\nvirtual=1\n${extra}`;
    const links = byName(
      parseSysfs(
        [
          block("nic0", 2, 3, "aa:00:00:00:00:02"),
          block("nic0-peer", 3, 2, "aa:00:00:00:00:03"),
          block("ens9", 4, 17, "aa:00:00:00:00:04"),
          block("mv0", 5, 4, "aa:00:00:00:00:05", "lower=ens9\n"),
          block("ipv0", 6, 4, "aa:00:00:00:00:04", "lower=ens9\n"),
        ].join(""),
      ),
    );
    expect(links.get("nic0")?.peer).toEqual({ name: "nic0-peer", index: 3, elsewhere: false });
    expect(links.get("ens9")).toMatchObject({ type: "veth", peer: { index: 17, elsewhere: true } });
    expect(links.get("mv0")).toMatchObject({ type: "mac-vlan", parent: "ens9" });
    expect(links.get("ipv0")).toMatchObject({ type: "ipvlan", parent: "ens9" });
  });

  it("reads `ip -o addr` lines of iproute2 and busybox, v4 and v6, ignoring the rest", () => {
    const text = [
      "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever",
      "2: eth0@if9    inet 10.88.0.5/16 brd 10.88.255.255 scope global eth0",
      "2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever",
      "garbage",
      "3: x    inet 999/99999",
    ].join("\n");
    expect([...parseIpOneline(text)]).toEqual([
      ["lo", ["127.0.0.1/8"]],
      ["eth0", ["10.88.0.5/16", "fe80::1/64"]],
    ]);
  });
});

describe("the probe's whole output", () => {
  it("says what is wrong with output that is cut, unmarked or neither kind", () => {
    expect(parseProbeOutput("sh: not found")).toMatchObject({ ok: false, error: expect.stringContaining("mark") });
    expect(parseProbeOutput(`${PROBE_MARK}\n@@sysfs\n@iface a\n`)).toMatchObject({
      ok: false,
      error: expect.stringContaining("ends early"),
    });
    expect(parseProbeOutput(`${PROBE_MARK}\n@@end\n`)).toMatchObject({
      ok: false,
      error: expect.stringContaining("neither"),
    });
  });

  it("says addresses are unknown when the image has no ip at all", () => {
    const r = parseProbeOutput(`${PROBE_MARK}\n@@sysfs\n${SYSFS_BOND_SRIOV}@@end\n`);
    expect(r).toMatchObject({
      ok: true,
      value: { method: "sysfs", notes: ["addresses unknown: the image has no ip"] },
    });
    if (r.ok) expect(r.value.links.every((l) => l.addresses === undefined)).toBe(true);
  });

  it("never throws, whatever a node prints (fast-check)", () => {
    const line = fc.oneof(
      fc.constantFrom(
        PROBE_MARK,
        "@@sysfs",
        "@@end",
        "@@ip-link-json",
        "@@ip-addr-json",
        "@@ip-addr-oneline",
        "@iface x",
      ),
      fc.string(),
      fc.json(),
      fc
        .tuple(
          fc.constantFrom(
            "ifindex",
            "iflink",
            "type",
            "flags",
            "mtu",
            "lower",
            "master",
            "bond_slaves",
            "sriov_numvfs",
          ),
          fc.string(),
        )
        .map(([k, v]) => `${k}=${v}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const r = parseProbeOutput(lines.join("\n"));
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });
});
