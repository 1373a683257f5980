import { describe, expect, it } from "vitest";
import { type NadConfig, parseIpam, parseNadConfig } from "./parse-config";

/** Parses a config that must be accepted. */
function parsed(config: unknown): NadConfig {
  const r = parseNadConfig(typeof config === "string" ? config : JSON.stringify(config));
  if (!r.ok) throw new Error(`expected the config to parse, got: ${r.error}`);
  return r.value;
}

function rejected(config: string | undefined): string {
  const r = parseNadConfig(config);
  if (r.ok) throw new Error(`expected the config to be rejected, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("parseNadConfig: single configs", () => {
  it("reads a bridge config with whereabouts IPAM (the walk-through's bridge-main)", () => {
    const c = parsed({
      cniVersion: "0.3.1",
      name: "bridge-main",
      type: "bridge",
      bridge: "mybr0",
      ipam: {
        type: "whereabouts",
        range: "192.168.12.0/24",
        range_start: "192.168.12.10",
        range_end: "192.168.12.200",
        exclude: ["192.168.12.1/32", "192.168.12.254/32"],
      },
    });
    expect(c).toMatchObject({
      cniVersion: "0.3.1",
      name: "bridge-main",
      plugins: ["bridge"],
      cniType: "bridge",
      mainType: "bridge",
      bridge: "mybr0",
      problems: [],
    });
    expect(c.ipam).toEqual({
      type: "whereabouts",
      addresses: [],
      ranges: [
        {
          subnet: "192.168.12.0/24",
          start: "192.168.12.10",
          end: "192.168.12.200",
          gateway: undefined,
          exclude: ["192.168.12.1/32", "192.168.12.254/32"],
        },
      ],
    });
  });

  it("defaults the bridge name to cni0, as the bridge plugin does", () => {
    expect(parsed({ cniVersion: "0.3.1", type: "bridge", ipam: {} }).bridge).toBe("cni0");
    expect(parsed({ type: "bridge", bridge: "" }).bridge).toBe("cni0");
  });

  it("accepts a config without a name (Multus fills in the NAD name)", () => {
    const c = parsed({ cniVersion: "0.3.1", type: "macvlan", master: "ens9" });
    expect(c.name).toBeUndefined();
    expect(c.master).toBe("ens9");
  });

  it('reads `"ipam": {}` as L2 only, and no ipam key as no IPAM', () => {
    expect(parsed({ type: "bridge", bridge: "br1", ipam: {} }).ipam).toEqual({
      type: "none",
      ranges: [],
      addresses: [],
    });
    expect(parsed({ type: "bridge", bridge: "br1" }).ipam).toBeNull();
  });

  it("reads macvlan and ipvlan master and mode", () => {
    expect(parsed({ type: "macvlan", master: "ens9", mode: "private", mtu: 9000 })).toMatchObject({
      mainType: "macvlan",
      master: "ens9",
      mode: "private",
      mtu: 9000,
    });
    expect(parsed({ type: "ipvlan", master: "bond0", mode: "l3" })).toMatchObject({
      mainType: "ipvlan",
      master: "bond0",
      mode: "l3",
    });
  });

  it("macvlan without master is allowed (the plugin uses the default-route interface)", () => {
    const c = parsed({ type: "macvlan" });
    expect(c.master).toBeUndefined();
    expect(c.problems).toEqual([]);
  });

  it("reads the bridge's vlan and rejects 4095 as a problem", () => {
    expect(parsed({ type: "bridge", bridge: "br1", vlan: 100 }).vlan).toBe(100);
    expect(parsed({ type: "bridge", bridge: "br1", vlan: 0 }).vlan).toBe(0);
    expect(parsed({ type: "bridge", bridge: "br1", vlan: 4094 }).vlan).toBe(4094);
    const c = parsed({ type: "bridge", bridge: "br1", vlan: 4095 });
    expect(c.vlan).toBeUndefined();
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toMatch(/vlan.*0 to 4094.*4095/);
    expect(parsed({ type: "bridge", vlan: -1 }).problems).toHaveLength(1);
    expect(parsed({ type: "bridge", vlan: 10.5 }).problems).toHaveLength(1);
    expect(parsed({ type: "bridge", vlan: "ten" }).problems).toHaveLength(1);
  });

  it("reads the vlan plugin and flags a missing master or vlanId, and vlanId 4095", () => {
    expect(parsed({ type: "vlan", master: "ens9", vlanId: 42 })).toMatchObject({
      mainType: "vlan",
      master: "ens9",
      vlan: 42,
      problems: [],
    });
    expect(parsed({ type: "vlan", vlanId: 42 }).problems).toEqual(["vlan needs `master`"]);
    expect(parsed({ type: "vlan", master: "ens9" }).problems).toEqual(["vlan needs `vlanId`"]);
    const bad = parsed({ type: "vlan", master: "ens9", vlanId: 4095 });
    expect(bad.vlan).toBeUndefined();
    expect(bad.problems.some((p) => p.includes("4095"))).toBe(true);
  });

  it("rejects an mtu out of range as a problem", () => {
    const c = parsed({ type: "macvlan", master: "ens9", mtu: 70000 });
    expect(c.mtu).toBeUndefined();
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toMatch(/mtu/);
  });

  it("reads host-device by any of device, hwaddr, pciBusID, kernelpath", () => {
    expect(parsed({ type: "host-device", device: "ens8", ipam: { type: "dhcp" } })).toMatchObject({
      mainType: "host-device",
      device: "ens8",
      problems: [],
      ipam: { type: "dhcp", ranges: [], addresses: [] },
    });
    expect(parsed({ type: "host-device", hwaddr: "00:1a:4a:16:06:76" })).toMatchObject({
      hwaddr: "00:1a:4a:16:06:76",
      problems: [],
    });
    expect(parsed({ type: "host-device", pciBusID: "0000:00:08.0" })).toMatchObject({
      pciBusID: "0000:00:08.0",
      problems: [],
    });
    expect(parsed({ type: "host-device", kernelpath: "/sys/devices/pci0000:00/0000:00:08.0" }).problems).toEqual([]);
  });

  it("flags a host-device config without any device field", () => {
    const c = parsed({ type: "host-device", ipam: { type: "dhcp" } });
    expect(c.mainType).toBe("host-device");
    expect(c.device).toBeUndefined();
    expect(c.problems).toEqual(["host-device needs one of `device`, `hwaddr`, `kernelpath`, `pciBusID`"]);
  });

  it("reads sriov's vlan and deviceID", () => {
    expect(parsed({ type: "sriov", deviceID: "0000:18:02.5", vlan: 200 })).toMatchObject({
      mainType: "sriov",
      device: "0000:18:02.5",
      vlan: 200,
    });
  });

  it("types unknown main plugins as other, keeping the CNI type", () => {
    expect(parsed({ type: "kube-ovn", provider: "x" })).toMatchObject({
      cniType: "kube-ovn",
      mainType: "other",
      problems: [],
    });
  });

  it("reads OVN-Kubernetes' keys (lib/plugins/ovn-overlay.ts), drawn but not a form type", () => {
    expect(parsed({ type: "ovn-k8s-cni-overlay", name: "l2", topology: "layer2" })).toMatchObject({
      cniType: "ovn-k8s-cni-overlay",
      mainType: "ovn-k8s-cni-overlay",
      ovn: { topology: "layer2", role: "secondary", networkName: "l2", subnets: [] },
      problems: [],
    });
  });
});

describe("parseNadConfig: conflists", () => {
  it("takes the type from the first plugin that creates an interface, whatever the order", () => {
    const c = parsed({
      cniVersion: "0.3.1",
      name: "macvlan-main",
      plugins: [
        { type: "tuning", sysctl: { "net.ipv4.conf.net1.arp_notify": "1" } },
        {
          type: "macvlan",
          master: "ens9",
          mode: "bridge",
          mtu: 1500,
          ipam: { type: "static", addresses: [{ address: "10.1.1.5/24" }] },
        },
        { type: "portmap", capabilities: { portMappings: true } },
      ],
    });
    expect(c).toMatchObject({
      name: "macvlan-main",
      plugins: ["tuning", "macvlan", "portmap"],
      cniType: "macvlan",
      mainType: "macvlan",
      master: "ens9",
      mode: "bridge",
      mtu: 1500,
      problems: [],
    });
    expect(c.ipam).toEqual({ type: "static", ranges: [], addresses: ["10.1.1.5/24"] });
  });

  it("reports a chain of only chained plugins as a problem, with no type", () => {
    const c = parsed({ cniVersion: "0.4.0", name: "t", plugins: [{ type: "tuning" }, { type: "bandwidth" }] });
    expect(c.cniType).toBeNull();
    expect(c.mainType).toBeNull();
    expect(c.plugins).toEqual(["tuning", "bandwidth"]);
    expect(c.problems).toEqual(["no plugin in the chain creates an interface (only tuning, bandwidth)"]);
  });

  it("rejects an empty plugin list", () => {
    expect(rejected('{"cniVersion":"0.4.0","name":"x","plugins":[]}')).toBe("`plugins` is empty");
  });

  it("rejects a plugin without a type, naming its position", () => {
    expect(rejected(JSON.stringify({ plugins: [{ type: "bridge" }, { bridge: "br1" }] }))).toBe(
      "plugins[1] has no `type`",
    );
    expect(rejected(JSON.stringify({ plugins: [{ type: "" }] }))).toBe("plugins[0] has no `type`");
    expect(rejected(JSON.stringify({ plugins: ["bridge"] }))).toBe("plugins[0] has no `type`");
  });

  it("rejects plugins that is not a list", () => {
    expect(rejected(JSON.stringify({ plugins: { type: "bridge" } }))).toBe("`plugins` is not a list");
  });
});

describe("parseNadConfig: malformed input never throws", () => {
  it("rejects invalid JSON", () => {
    expect(rejected('{ "type": "bridge", ')).toMatch(/^not valid JSON/);
    expect(rejected("{'type':'bridge'}")).toMatch(/^not valid JSON/);
  });

  it("rejects JSON that is not an object", () => {
    expect(rejected('[{"type":"bridge"}]')).toBe("spec.config is not a JSON object");
    expect(rejected("42")).toBe("spec.config is not a JSON object");
    expect(rejected('"bridge"')).toBe("spec.config is not a JSON object");
    expect(rejected("null")).toBe("spec.config is not a JSON object");
  });

  it("rejects an empty or missing config, saying where Multus looks instead", () => {
    expect(rejected(undefined)).toMatch(/empty/);
    expect(rejected("   ")).toMatch(/config file on each node/);
  });

  it("rejects a config with neither type nor plugins", () => {
    expect(rejected('{"cniVersion":"0.3.1","name":"x","bridge":"br1"}')).toBe(
      "the config has neither `type` nor `plugins`",
    );
  });

  it("keeps a config whose ipam is not an object, with a problem", () => {
    const c = parsed({ type: "bridge", bridge: "br1", ipam: "whereabouts" });
    expect(c.ipam).toBeNull();
    expect(c.problems).toEqual(["ipam: not an object"]);
  });
});

describe("parseIpam", () => {
  it("reads host-local with two range sets, IPv4 and IPv6 (dual stack)", () => {
    const r = parseIpam({
      type: "host-local",
      ranges: [
        [{ subnet: "10.10.0.0/16", rangeStart: "10.10.1.20", rangeEnd: "10.10.3.50", gateway: "10.10.0.254" }],
        [{ subnet: "fd00:10::/64", gateway: "fd00:10::1" }],
      ],
      routes: [{ dst: "0.0.0.0/0" }],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        type: "host-local",
        addresses: [],
        ranges: [
          { subnet: "10.10.0.0/16", start: "10.10.1.20", end: "10.10.3.50", gateway: "10.10.0.254", exclude: [] },
          { subnet: "fd00:10::/64", start: undefined, end: undefined, gateway: "fd00:10::1", exclude: [] },
        ],
      },
    });
  });

  it("reads several ranges in one host-local range set", () => {
    const r = parseIpam({ type: "host-local", ranges: [[{ subnet: "10.1.0.0/24" }, { subnet: "10.2.0.0/24" }]] });
    expect(r.ok && r.value.ranges.map((x) => x.subnet)).toEqual(["10.1.0.0/24", "10.2.0.0/24"]);
  });

  it("reads the old flat host-local form", () => {
    const r = parseIpam({
      type: "host-local",
      subnet: "192.168.1.0/24",
      rangeStart: "192.168.1.100",
      rangeEnd: "192.168.1.200",
      gateway: "192.168.1.1",
    });
    expect(r.ok && r.value.ranges).toEqual([
      { subnet: "192.168.1.0/24", start: "192.168.1.100", end: "192.168.1.200", gateway: "192.168.1.1", exclude: [] },
    ]);
  });

  it("skips host-local ranges without a subnet", () => {
    const r = parseIpam({ type: "host-local", ranges: [[{ rangeStart: "10.0.0.1" }, "x", { subnet: "10.9.0.0/24" }]] });
    expect(r.ok && r.value.ranges.map((x) => x.subnet)).toEqual(["10.9.0.0/24"]);
  });

  it("reads static addresses, v4 and v6, and skips entries without an address", () => {
    const r = parseIpam({
      type: "static",
      addresses: [
        { address: "10.10.0.1/24", gateway: "10.10.0.254" },
        { address: "3ffe:ffff:0:01ff::1/64" },
        { gateway: "x" },
        "y",
      ],
    });
    expect(r.ok && r.value).toEqual({
      type: "static",
      ranges: [],
      addresses: ["10.10.0.1/24", "3ffe:ffff:0:01ff::1/64"],
    });
  });

  it("reads dhcp as a type without ranges", () => {
    expect(parseIpam({ type: "dhcp" })).toEqual({ ok: true, value: { type: "dhcp", ranges: [], addresses: [] } });
  });

  it("reads a whereabouts IPv6 range", () => {
    const r = parseIpam({
      type: "whereabouts",
      range: "fd00:0:0:12::/64",
      range_start: "fd00:0:0:12::10",
      range_end: "fd00:0:0:12::ff",
    });
    expect(r.ok && r.value.ranges).toEqual([
      { subnet: "fd00:0:0:12::/64", start: "fd00:0:0:12::10", end: "fd00:0:0:12::ff", gateway: undefined, exclude: [] },
    ]);
  });

  it('reads the old whereabouts "start-end/prefix" range form', () => {
    const r = parseIpam({ type: "whereabouts", range: "192.168.2.225-192.168.2.230/28", gateway: "192.168.2.1" });
    expect(r.ok && r.value.ranges).toEqual([
      { subnet: "192.168.2.225/28", start: "192.168.2.225", end: "192.168.2.230", gateway: "192.168.2.1", exclude: [] },
    ]);
  });

  it("reads whereabouts ipRanges (dual stack) after the top-level range", () => {
    const r = parseIpam({
      type: "whereabouts",
      range: "192.168.12.0/24",
      ipRanges: [
        { range: "10.20.0.0/24", exclude: ["10.20.0.1/32"] },
        { range: "fd00:20::/120" },
        { exclude: ["x"] },
        7,
      ],
    });
    expect(r.ok && r.value.ranges).toEqual([
      { subnet: "192.168.12.0/24", start: undefined, end: undefined, gateway: undefined, exclude: [] },
      { subnet: "10.20.0.0/24", start: undefined, end: undefined, gateway: undefined, exclude: ["10.20.0.1/32"] },
      { subnet: "fd00:20::/120", start: undefined, end: undefined, gateway: undefined, exclude: [] },
    ]);
  });

  it("reads whereabouts with only ipRanges", () => {
    const r = parseIpam({ type: "whereabouts", ipRanges: [{ range: "10.20.0.0/24" }] });
    expect(r.ok && r.value.ranges.map((x) => x.subnet)).toEqual(["10.20.0.0/24"]);
  });

  it("rejects an ipam that is not an object", () => {
    expect(parseIpam([])).toEqual({ ok: false, error: "not an object" });
    expect(parseIpam(null).ok).toBe(false);
  });
});
