import { describe, expect, it } from "vitest";
import { type NadConfig, parseNadConfig } from "../nad/parse-config";
import { RESOURCE_NAME_ANNOTATION } from "../plugins/sriov";
import {
  dnsLabel,
  type NetworkFormInput,
  type NetworkFormValues,
  networkFormSchema,
  rawConfigProblem,
  toCniConfig,
  toNad,
  toOperatorEntry,
} from "./schema";

type MainInput = NetworkFormInput["main"];
type IpamInput = NetworkFormInput["ipam"];

const whereabouts = {
  type: "whereabouts",
  range: "192.168.12.0/24",
  range_start: "192.168.12.10",
  range_end: "192.168.12.200",
  exclude: ["192.168.12.1/32", "192.168.12.254/32"],
} as const;

/** A form input; the main section and IPAM default to the walk-through's bridge-main. */
function input(
  over: Partial<Omit<NetworkFormInput, "main" | "ipam">> & { main?: MainInput; ipam?: IpamInput } = {},
): NetworkFormInput {
  return {
    name: "bridge-main",
    namespace: "multus-test",
    main: { type: "bridge", bridge: "mybr0" },
    ipam: { ...whereabouts, exclude: [...whereabouts.exclude] },
    ...over,
  };
}

function valid(i: unknown): NetworkFormValues {
  const r = networkFormSchema.safeParse(i);
  if (!r.success) throw new Error(`expected the form to be accepted, got ${JSON.stringify(r.error.issues)}`);
  return r.data;
}

interface Issue {
  path: string;
  message: string;
}

function issues(i: unknown): Issue[] {
  const r = networkFormSchema.safeParse(i);
  if (r.success) throw new Error(`expected the form to be rejected, got ${JSON.stringify(r.data)}`);
  return r.error.issues.map((x) => ({ path: x.path.map(String).join("."), message: x.message }));
}

/** The messages at exactly `path` (an array, as zod 4 reports it); fails when the form is accepted. */
function messagesAt(i: unknown, path: (string | number)[]): string[] {
  const r = networkFormSchema.safeParse(i);
  if (r.success) throw new Error(`expected the form to be rejected, got ${JSON.stringify(r.data)}`);
  return r.error.issues.filter((x) => JSON.stringify(x.path) === JSON.stringify(path)).map((x) => x.message);
}

const mainOnly = (main: MainInput): NetworkFormInput => input({ main, ipam: { type: "none" } });

const LABEL_MESSAGE = "lower-case letters, digits and '-', starting and ending with a letter or digit";

describe("networkFormSchema: name and namespace", () => {
  it("accepts the walk-through's bridge-main and defaults the target to a NAD", () => {
    const f = valid(input());
    expect(f.name).toBe("bridge-main");
    expect(f.namespace).toBe("multus-test");
    expect(f.target).toBe("nad");
  });

  it("accepts a 63-character name and rejects a 64-character one", () => {
    valid(input({ name: "a".repeat(63) }));
    expect(issues(input({ name: "a".repeat(64) }))).toEqual([{ path: "name", message: "at most 63 characters" }]);
  });

  it.each(["Bridge-Main", "-bridge", "bridge-", "bridge_main", "bridge.main", "bridge main"])(
    "rejects the name %j",
    (name) => {
      expect(issues(input({ name }))).toEqual([{ path: "name", message: LABEL_MESSAGE }]);
    },
  );

  it("trims the name", () => {
    expect(valid(input({ name: "  bridge-main " })).name).toBe("bridge-main");
  });

  it("rejects an empty name and an empty namespace as required, on their own fields", () => {
    expect(messagesAt(input({ name: "" }), ["name"])[0]).toBe("required");
    const ns = issues(input({ namespace: "" }));
    expect(ns.every((x) => x.path === "namespace")).toBe(true);
    expect(ns[0]?.message).toBe("required");
    expect(messagesAt(input({ namespace: "   " }), ["namespace"])[0]).toBe("required");
  });

  it("rejects a namespace with capitals", () => {
    expect(issues(input({ namespace: "Multus-Test" }))).toEqual([{ path: "namespace", message: LABEL_MESSAGE }]);
  });

  it("dnsLabel accepts single characters and digits", () => {
    expect(dnsLabel.safeParse("a").success).toBe(true);
    expect(dnsLabel.safeParse("0").success).toBe(true);
    expect(dnsLabel.safeParse("net-1").success).toBe(true);
  });

  it("rejects an unknown target and an unknown main type", () => {
    expect(issues({ ...input(), target: "crd" }).map((x) => x.path)).toEqual(["target"]);
    expect(issues(mainOnly({ type: "ovs" } as unknown as MainInput)).map((x) => x.path)).toEqual(["main.type"]);
  });

  it("puts IPAM errors under ipam", () => {
    expect(issues(input({ ipam: { ...whereabouts, exclude: [], range_start: "10.0.0.1" } }))).toEqual([
      { path: "ipam.range_start", message: "start 10.0.0.1 is outside 192.168.12.0/24" },
    ]);
  });
});

describe("networkFormSchema: bridge", () => {
  it("accepts a bridge with vlan, mtu and flags, numbers given as text", () => {
    const f = valid(mainOnly({ type: "bridge", bridge: "mybr0", vlan: "100", mtu: "9000", isGateway: true }));
    expect(f.main).toMatchObject({
      type: "bridge",
      bridge: "mybr0",
      vlan: 100,
      mtu: 9000,
      isGateway: true,
      ipMasq: false,
    });
  });

  it("accepts an empty vlan and mtu (not set)", () => {
    const f = valid(mainOnly({ type: "bridge", bridge: "mybr0", vlan: "", mtu: "" }));
    expect(toCniConfig(f)).toStrictEqual({
      cniVersion: "0.3.1",
      name: "bridge-main",
      type: "bridge",
      bridge: "mybr0",
      ipam: {},
    });
  });

  it.each([4095, -1, "4095"])("rejects bridge vlan %j on main.vlan", (vlan) => {
    expect(issues(mainOnly({ type: "bridge", bridge: "mybr0", vlan }))).toEqual([
      { path: "main.vlan", message: "0 to 4094" },
    ]);
  });

  it("rejects a bridge vlan that is not a number with a readable message", () => {
    expect(issues(mainOnly({ type: "bridge", bridge: "mybr0", vlan: "abc" }))).toEqual([
      { path: "main.vlan", message: "a number" },
    ]);
    expect(issues(mainOnly({ type: "bridge", bridge: "mybr0", vlan: 1.5 }))).toEqual([
      { path: "main.vlan", message: "a whole number" },
    ]);
  });

  it("rejects MTU 10 and 70000, and an MTU that is not a number, on main.mtu", () => {
    expect(issues(mainOnly({ type: "bridge", bridge: "mybr0", mtu: 10 }))).toEqual([
      { path: "main.mtu", message: "at least 68" },
    ]);
    expect(issues(mainOnly({ type: "bridge", bridge: "mybr0", mtu: 70000 }))).toEqual([
      { path: "main.mtu", message: "at most 65535" },
    ]);
    expect(issues(mainOnly({ type: "bridge", bridge: "mybr0", mtu: "jumbo" }))).toEqual([
      { path: "main.mtu", message: "a number" },
    ]);
  });

  it("rejects a missing or overlong bridge name", () => {
    expect(messagesAt(mainOnly({ type: "bridge", bridge: "" }), ["main", "bridge"])).toContain("required");
    expect(issues(mainOnly({ type: "bridge", bridge: "a-very-long-bridge" }))).toEqual([
      { path: "main.bridge", message: "a Linux interface name has at most 15 characters" },
    ]);
    expect(issues(mainOnly({ type: "bridge", bridge: "br 0" }))).toEqual([
      { path: "main.bridge", message: "no spaces, '/' or ':'" },
    ]);
  });
});

describe("networkFormSchema: macvlan and ipvlan", () => {
  it("defaults macvlan mode to bridge and ipvlan mode to l2", () => {
    expect(valid(mainOnly({ type: "macvlan", master: "eth1" })).main).toEqual({
      type: "macvlan",
      master: "eth1",
      mode: "bridge",
    });
    expect(valid(mainOnly({ type: "ipvlan", master: "eth1" })).main).toEqual({
      type: "ipvlan",
      master: "eth1",
      mode: "l2",
    });
  });

  it("rejects a missing master and an unknown mode, on their fields", () => {
    expect(messagesAt(mainOnly({ type: "macvlan", master: "" }), ["main", "master"])).toContain("required");
    expect(
      issues(mainOnly({ type: "macvlan", master: "eth1", mode: "l2" } as unknown as MainInput)).map((x) => x.path),
    ).toEqual(["main.mode"]);
    expect(
      issues(mainOnly({ type: "ipvlan", master: "eth1", mode: "bridge" } as unknown as MainInput)).map((x) => x.path),
    ).toEqual(["main.mode"]);
  });

  it("rejects macvlan MTU 10 on main.mtu", () => {
    expect(issues(mainOnly({ type: "macvlan", master: "eth1", mtu: 10 }))).toEqual([
      { path: "main.mtu", message: "at least 68" },
    ]);
  });
});

describe("networkFormSchema: vlan", () => {
  it("accepts vlanId 0, 4094 and a vlanId typed as text", () => {
    expect(valid(mainOnly({ type: "vlan", master: "eth1", vlanId: 0 })).main).toMatchObject({ vlanId: 0 });
    expect(valid(mainOnly({ type: "vlan", master: "eth1", vlanId: 4094 })).main).toMatchObject({ vlanId: 4094 });
    expect(valid(mainOnly({ type: "vlan", master: "eth1", vlanId: " 100 " })).main).toMatchObject({ vlanId: 100 });
  });

  it.each([4095, -1, "4095", "-1"])("rejects vlanId %j on main.vlanId", (vlanId) => {
    expect(issues(mainOnly({ type: "vlan", master: "eth1", vlanId }))).toEqual([
      { path: "main.vlanId", message: "0 to 4094" },
    ]);
  });

  it("rejects a vlanId that is not a number", () => {
    expect(issues(mainOnly({ type: "vlan", master: "eth1", vlanId: "abc" }))).toEqual([
      { path: "main.vlanId", message: "a number" },
    ]);
    expect(issues(mainOnly({ type: "vlan", master: "eth1", vlanId: "0x10" }))).toEqual([
      { path: "main.vlanId", message: "a number" },
    ]);
    expect(issues(mainOnly({ type: "vlan", master: "eth1", vlanId: 10.5 }))).toEqual([
      { path: "main.vlanId", message: "a whole number" },
    ]);
  });

  it("rejects a vlanId left empty instead of reading it as VLAN 0", () => {
    for (const vlanId of ["", "  ", null, undefined, Number.NaN]) {
      expect(issues(mainOnly({ type: "vlan", master: "eth1", vlanId }))).toEqual([
        { path: "main.vlanId", message: "required" },
      ]);
    }
  });

  it("rejects a vlan without master", () => {
    expect(messagesAt(mainOnly({ type: "vlan", master: "", vlanId: 10 }), ["main", "master"])).toContain("required");
  });
});

describe("networkFormSchema: host-device", () => {
  it("accepts any one of device, hwaddr or pciBusID", () => {
    valid(mainOnly({ type: "host-device", device: "ens8" }));
    valid(mainOnly({ type: "host-device", hwaddr: "00:1a:4a:16:06:76" }));
    valid(mainOnly({ type: "host-device", pciBusID: "0000:18:00.1" }));
  });

  it("rejects none of device/hwaddr/pciBusID, on main.device", () => {
    const expected = [{ path: "main.device", message: "give a device name, a MAC address or a PCI address" }];
    expect(issues(mainOnly({ type: "host-device" }))).toEqual(expected);
    expect(issues(mainOnly({ type: "host-device", device: "  ", hwaddr: "", pciBusID: "" }))).toEqual(expected);
  });

  it.each(["00:1a:4a:16:06", "00-1a-4a-16-06-76", "zz:1a:4a:16:06:76"])(
    "rejects hwaddr %j on main.hwaddr",
    (hwaddr) => {
      expect(issues(mainOnly({ type: "host-device", hwaddr }))).toEqual([
        { path: "main.hwaddr", message: "a MAC address like 00:1a:4a:16:06:76" },
      ]);
    },
  );

  it.each(["18:00.1", "0000:18:00.8", "0000:18:00"])("rejects pciBusID %j on main.pciBusID", (pciBusID) => {
    expect(issues(mainOnly({ type: "host-device", pciBusID }))).toEqual([
      { path: "main.pciBusID", message: "a PCI address like 0000:18:00.1" },
    ]);
  });
});

describe("networkFormSchema: sriov", () => {
  it("accepts a device plugin resource with vlan and spoofchk", () => {
    const f = valid(
      mainOnly({
        type: "sriov",
        resourceName: "intel.com/intel_sriov_netdevice",
        vlan: "20",
        spoofchk: "off",
        trust: "",
      }),
    );
    expect(f.main).toMatchObject({
      type: "sriov",
      resourceName: "intel.com/intel_sriov_netdevice",
      vlan: 20,
      spoofchk: "off",
    });
  });

  it("rejects a resourceName without a '/', and an empty one", () => {
    expect(issues(mainOnly({ type: "sriov", resourceName: "intel_sriov_netdevice" }))).toEqual([
      { path: "main.resourceName", message: "a device plugin resource like intel.com/intel_sriov_netdevice" },
    ]);
    expect(messagesAt(mainOnly({ type: "sriov", resourceName: "" }), ["main", "resourceName"])).toContain("required");
  });

  it("rejects sriov vlan 4095 and a spoofchk that is not on/off", () => {
    expect(issues(mainOnly({ type: "sriov", resourceName: "intel.com/x", vlan: 4095 }))).toEqual([
      { path: "main.vlan", message: "0 to 4094" },
    ]);
    expect(
      issues(mainOnly({ type: "sriov", resourceName: "intel.com/x", spoofchk: "yes" } as unknown as MainInput)).map(
        (x) => x.path,
      ),
    ).toEqual(["main.spoofchk"]);
  });
});

const bridgeTuning = JSON.stringify({
  cniVersion: "0.3.1",
  name: "bridge-main",
  plugins: [
    { type: "bridge", bridge: "br1", ipam: { type: "host-local", ranges: [[{ subnet: "10.5.0.0/24" }]] } },
    { type: "tuning", sysctl: { "net.ipv4.conf.IFNAME.arp_notify": "1" } },
  ],
});

describe("networkFormSchema: raw", () => {
  it("accepts a conflist with bridge + tuning", () => {
    valid(mainOnly({ type: "raw", config: bridgeTuning }));
    expect(rawConfigProblem(bridgeTuning)).toBeNull();
  });

  // Issue 10: the raw editor took IPAM that whereabouts refuses at pod start, and a "name" Multus ignores.
  it("refuses raw IPAM that cannot work: a range that is no CIDR, a start after its end", () => {
    const config = (ipam: object) =>
      JSON.stringify({ cniVersion: "0.3.1", name: "bridge-main", type: "bridge", bridge: "br1", ipam });
    const bad = issues(mainOnly({ type: "raw", config: config({ type: "whereabouts", range: "999.1.1.0/24" }) }));
    expect(bad).toEqual([{ path: "main.config", message: "ipam: 999.1.1.0/24 is not a CIDR, e.g. 192.168.12.0/24" }]);
    const reversed = config({
      type: "whereabouts",
      range: "192.168.12.0/24",
      range_start: "192.168.12.200",
      range_end: "192.168.12.10",
    });
    expect(issues(mainOnly({ type: "raw", config: reversed }))).toEqual([
      { path: "main.config", message: "ipam: end 192.168.12.10 comes before start 192.168.12.200" },
    ]);
  });

  it("refuses a raw config whose name is not the network's name, saying which names differ", () => {
    const config = JSON.stringify({ cniVersion: "0.3.1", name: "br-tuned", type: "bridge", bridge: "br1", ipam: {} });
    const found = issues(mainOnly({ type: "raw", config }));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("main.config");
    expect(found[0]?.message).toContain('"br-tuned" but the NAD is bridge-main');
    expect(rawConfigProblem(config)).toBeNull();
  });

  it("accepts a single config of a type the topology does not know", () => {
    valid(mainOnly({ type: "raw", config: JSON.stringify({ cniVersion: "0.4.0", type: "kube-ovn", ipam: {} }) }));
  });

  it("refuses an OVN-Kubernetes config without its topology, as OVN-Kubernetes does", () => {
    const found = issues(
      mainOnly({ type: "raw", config: JSON.stringify({ cniVersion: "0.4.0", type: "ovn-k8s-cni-overlay" }) }),
    );
    expect(found.map((f) => f.message).join()).toMatch(/topology/);
  });

  it("rejects text that is not JSON, on main.config", () => {
    const found = issues(mainOnly({ type: "raw", config: "{ not json" }));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("main.config");
    expect(found[0]?.message).toMatch(/^not valid JSON/);
  });

  it("rejects a JSON array and a JSON string", () => {
    expect(issues(mainOnly({ type: "raw", config: '[{"type":"bridge"}]' }))).toEqual([
      { path: "main.config", message: "a CNI config is a JSON object" },
    ]);
    expect(issues(mainOnly({ type: "raw", config: '"bridge"' }))).toEqual([
      { path: "main.config", message: "a CNI config is a JSON object" },
    ]);
  });

  it("rejects a conflist with only tuning (nothing creates an interface)", () => {
    const config = JSON.stringify({ cniVersion: "0.3.1", plugins: [{ type: "tuning", mtu: 9000 }] });
    const found = issues(mainOnly({ type: "raw", config }));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("main.config");
    expect(found[0]?.message).toMatch(/creates an interface/);
  });

  it("rejects a conflist with empty plugins, and a config with neither type nor plugins", () => {
    expect(issues(mainOnly({ type: "raw", config: '{"cniVersion":"0.3.1","plugins":[]}' }))).toEqual([
      { path: "main.config", message: "`plugins` is empty" },
    ]);
    expect(issues(mainOnly({ type: "raw", config: '{"cniVersion":"0.3.1"}' }))).toEqual([
      { path: "main.config", message: "the config has neither `type` nor `plugins`" },
    ]);
  });

  it("rejects a config whose fields are out of range (vlan without vlanId)", () => {
    const found = issues(
      mainOnly({ type: "raw", config: JSON.stringify({ cniVersion: "0.3.1", type: "vlan", master: "eth0" }) }),
    );
    expect(found).toEqual([{ path: "main.config", message: "vlan needs `vlanId`" }]);
  });

  it("rejects an empty config as required", () => {
    expect(messagesAt(mainOnly({ type: "raw", config: "" }), ["main", "config"])[0]).toBe("required");
  });
});

/** Fails on any "", undefined, null or [] anywhere in a written config. */
function expectNoEmpties(v: unknown, where = "$"): void {
  expect(v, where).not.toBe("");
  expect(v, where).not.toBeUndefined();
  expect(v, where).not.toBeNull();
  if (Array.isArray(v)) {
    expect(v.length, `${where} is an empty list`).toBeGreaterThan(0);
    for (const [i, x] of v.entries()) expectNoEmpties(x, `${where}[${i}]`);
  } else if (typeof v === "object" && v !== null) {
    for (const [k, x] of Object.entries(v)) expectNoEmpties(x, `${where}.${k}`);
  }
}

function roundTrip(f: NetworkFormValues): NadConfig {
  const r = parseNadConfig(JSON.stringify(toCniConfig(f)));
  if (!r.ok) throw new Error(r.error);
  expect(r.value.problems).toEqual([]);
  return r.value;
}

describe("toCniConfig", () => {
  it("writes the walk-through's bridge-main exactly", () => {
    const f = valid(
      input({
        main: { type: "bridge", bridge: "mybr0", vlan: "", mtu: "" },
        ipam: { ...whereabouts, exclude: [...whereabouts.exclude], gateway: "" },
      }),
    );
    expect(toCniConfig(f)).toStrictEqual({
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
  });

  it("writes bridge vlan 0, mtu and only the flags that are on", () => {
    const f = valid(
      input({
        main: { type: "bridge", bridge: "mybr0", vlan: 0, mtu: 1400, ipMasq: true, hairpinMode: false },
        ipam: { type: "none" },
      }),
    );
    expect(toCniConfig(f)).toStrictEqual({
      cniVersion: "0.3.1",
      name: "bridge-main",
      type: "bridge",
      bridge: "mybr0",
      vlan: 0,
      mtu: 1400,
      ipMasq: true,
      ipam: {},
    });
  });

  it("writes macvlan with dhcp", () => {
    const f = valid(
      input({
        name: "macvlan-main",
        main: { type: "macvlan", master: "ens9", mode: "vepa", mtu: "" },
        ipam: { type: "dhcp" },
      }),
    );
    expect(toCniConfig(f)).toStrictEqual({
      cniVersion: "0.3.1",
      name: "macvlan-main",
      type: "macvlan",
      master: "ens9",
      mode: "vepa",
      ipam: { type: "dhcp" },
    });
  });

  it("writes ipvlan with host-local", () => {
    const f = valid(
      input({
        name: "ipvlan-a",
        main: { type: "ipvlan", master: "ens9", mode: "l3", mtu: 1500 },
        ipam: { type: "host-local", ranges: [{ subnet: "10.9.0.0/24", rangeStart: "", rangeEnd: "", gateway: "" }] },
      }),
    );
    expect(toCniConfig(f)).toStrictEqual({
      cniVersion: "0.3.1",
      name: "ipvlan-a",
      type: "ipvlan",
      master: "ens9",
      mode: "l3",
      mtu: 1500,
      ipam: { type: "host-local", ranges: [[{ subnet: "10.9.0.0/24" }]] },
    });
  });

  it("writes host-device with only the identifier given (the walk-through's host-device-main)", () => {
    const f = valid(
      input({
        name: "host-device-main",
        main: { type: "host-device", device: "ens8", hwaddr: "", pciBusID: "" },
        ipam: { type: "dhcp" },
      }),
    );
    expect(toCniConfig(f)).toStrictEqual({
      cniVersion: "0.3.1",
      name: "host-device-main",
      type: "host-device",
      device: "ens8",
      ipam: { type: "dhcp" },
    });
    const byPci = valid(
      input({ main: { type: "host-device", device: "", pciBusID: "0000:18:00.1" }, ipam: { type: "none" } }),
    );
    expect(toCniConfig(byPci)).toStrictEqual({
      cniVersion: "0.3.1",
      name: "bridge-main",
      type: "host-device",
      pciBusID: "0000:18:00.1",
      ipam: {},
    });
  });

  it("writes vlan with vlanId as a number and static IPAM", () => {
    const f = valid(
      input({
        name: "vlan-100",
        main: { type: "vlan", master: "ens9", vlanId: "100", mtu: "" },
        ipam: { type: "static", addresses: [{ address: "10.100.0.5/24", gateway: "10.100.0.1" }] },
      }),
    );
    expect(toCniConfig(f)).toStrictEqual({
      cniVersion: "0.3.1",
      name: "vlan-100",
      type: "vlan",
      master: "ens9",
      vlanId: 100,
      ipam: { type: "static", addresses: [{ address: "10.100.0.5/24", gateway: "10.100.0.1" }] },
    });
  });

  it("writes sriov without resourceName (that goes on the NAD) and without empty fields", () => {
    const f = valid(
      input({
        name: "sriov-a",
        main: { type: "sriov", resourceName: "intel.com/intel_sriov_netdevice", vlan: "", spoofchk: "on", trust: "" },
        ipam: { type: "none" },
      }),
    );
    expect(toCniConfig(f)).toStrictEqual({
      cniVersion: "0.3.1",
      name: "sriov-a",
      type: "sriov",
      spoofchk: "on",
      ipam: {},
    });
  });

  it("writes a raw config as given", () => {
    const f = valid(mainOnly({ type: "raw", config: bridgeTuning }));
    expect(toCniConfig(f)).toStrictEqual(JSON.parse(bridgeTuning));
  });

  it("writes IPAM none as ipam: {} for every main type", () => {
    for (const main of [
      { type: "bridge", bridge: "br0" },
      { type: "macvlan", master: "eth1" },
      { type: "ipvlan", master: "eth1" },
      { type: "host-device", device: "ens8" },
      { type: "vlan", master: "eth1", vlanId: 5 },
      { type: "sriov", resourceName: "intel.com/x" },
    ] as MainInput[]) {
      expect(toCniConfig(valid(mainOnly(main))).ipam, main.type).toStrictEqual({});
    }
  });

  it("writes no empty strings, undefined, null or empty lists from a form full of blanks", () => {
    const blanks: MainInput[] = [
      { type: "bridge", bridge: "br0", vlan: "", mtu: "" },
      { type: "macvlan", master: "eth1", mtu: "" },
      { type: "ipvlan", master: "eth1", mtu: "" },
      { type: "host-device", device: "ens8", hwaddr: "", pciBusID: "" },
      { type: "vlan", master: "eth1", vlanId: 5, mtu: "" },
      { type: "sriov", resourceName: "intel.com/x", vlan: "", spoofchk: "", trust: "" },
    ];
    const ipams: IpamInput[] = [
      { type: "dhcp" },
      {
        type: "whereabouts",
        range: "10.10.0.0/16",
        range_start: "",
        range_end: "",
        exclude: [],
        gateway: "",
        routes: [],
      },
      {
        type: "host-local",
        ranges: [{ subnet: "10.1.0.0/24", rangeStart: "", rangeEnd: "", gateway: "" }],
        routes: [],
      },
      { type: "static", addresses: [{ address: "10.1.0.5/24", gateway: "" }], routes: [], dns: { nameservers: [] } },
    ];
    for (const main of blanks) {
      for (const ipam of ipams) {
        const out = toCniConfig(valid(input({ main, ipam })));
        const { ipam: written, ...rest } = out;
        expectNoEmpties(rest);
        expectNoEmpties(written);
      }
    }
  });
});

describe("toCniConfig → parseNadConfig round trip", () => {
  it("bridge + whereabouts keeps the bridge and the range", () => {
    const c = roundTrip(valid(input({ main: { type: "bridge", bridge: "mybr0", vlan: 12 } })));
    expect(c).toMatchObject({ name: "bridge-main", mainType: "bridge", bridge: "mybr0", vlan: 12 });
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

  it("macvlan + host-local keeps master, mode and ranges", () => {
    const c = roundTrip(
      valid(
        input({
          main: { type: "macvlan", master: "ens9", mode: "private", mtu: 1500 },
          ipam: {
            type: "host-local",
            ranges: [{ subnet: "10.1.0.0/24", rangeStart: "10.1.0.10", rangeEnd: "10.1.0.20", gateway: "10.1.0.1" }],
          },
        }),
      ),
    );
    expect(c).toMatchObject({ mainType: "macvlan", master: "ens9", mode: "private", mtu: 1500 });
    expect(c.ipam?.ranges).toEqual([
      { subnet: "10.1.0.0/24", start: "10.1.0.10", end: "10.1.0.20", gateway: "10.1.0.1", exclude: [] },
    ]);
  });

  it("ipvlan keeps master and mode", () => {
    expect(
      roundTrip(valid(input({ main: { type: "ipvlan", master: "ens9", mode: "l3s" }, ipam: { type: "dhcp" } }))),
    ).toMatchObject({
      mainType: "ipvlan",
      master: "ens9",
      mode: "l3s",
      ipam: { type: "dhcp" },
    });
  });

  it("host-device keeps the device, hwaddr or PCI address", () => {
    expect(
      roundTrip(valid(input({ main: { type: "host-device", device: "ens8" }, ipam: { type: "dhcp" } }))),
    ).toMatchObject({ mainType: "host-device", device: "ens8" });
    expect(
      roundTrip(valid(input({ main: { type: "host-device", hwaddr: "00:1a:4a:16:06:76" }, ipam: { type: "none" } }))),
    ).toMatchObject({
      mainType: "host-device",
      hwaddr: "00:1a:4a:16:06:76",
      ipam: { type: "none" },
    });
    expect(
      roundTrip(valid(input({ main: { type: "host-device", pciBusID: "0000:18:00.1" }, ipam: { type: "none" } }))),
    ).toMatchObject({ pciBusID: "0000:18:00.1" });
  });

  it("vlan keeps master and vlanId; static keeps its addresses", () => {
    const c = roundTrip(
      valid(
        input({
          main: { type: "vlan", master: "ens9", vlanId: 100 },
          ipam: { type: "static", addresses: [{ address: "10.100.0.5/24" }] },
        }),
      ),
    );
    expect(c).toMatchObject({ mainType: "vlan", master: "ens9", vlan: 100 });
    expect(c.ipam).toEqual({ type: "static", ranges: [], addresses: ["10.100.0.5/24"] });
  });

  it("sriov keeps its vlan", () => {
    expect(
      roundTrip(
        valid(input({ main: { type: "sriov", resourceName: "intel.com/x", vlan: 7 }, ipam: { type: "none" } })),
      ),
    ).toMatchObject({ mainType: "sriov", vlan: 7 });
  });

  it("raw bridge + tuning keeps the chain", () => {
    expect(roundTrip(valid(mainOnly({ type: "raw", config: bridgeTuning })))).toMatchObject({
      plugins: ["bridge", "tuning"],
      mainType: "bridge",
      bridge: "br1",
    });
  });
});

describe("toNad", () => {
  it("writes a NAD whose spec.config parses back to toCniConfig's output", () => {
    const f = valid(input());
    const nad = toNad(f);
    expect(nad).toMatchObject({
      apiVersion: "k8s.cni.cncf.io/v1",
      kind: "NetworkAttachmentDefinition",
      metadata: { name: "bridge-main", namespace: "multus-test" },
    });
    expect(nad.metadata.annotations).toBeUndefined();
    expect(JSON.parse(nad.spec.config)).toStrictEqual(toCniConfig(f));
    const parsed = parseNadConfig(nad.spec.config);
    expect(parsed.ok && parsed.value.mainType).toBe("bridge");
  });

  it("adds the resourceName annotation for sriov", () => {
    const nad = toNad(
      valid(
        input({
          name: "sriov-a",
          main: { type: "sriov", resourceName: "intel.com/intel_sriov_netdevice" },
          ipam: { type: "none" },
        }),
      ),
    );
    expect(nad.metadata.annotations).toEqual({ [RESOURCE_NAME_ANNOTATION]: "intel.com/intel_sriov_netdevice" });
    expect(RESOURCE_NAME_ANNOTATION).toBe("k8s.v1.cni.cncf.io/resourceName");
    const parsed = parseNadConfig(nad.spec.config);
    expect(parsed.ok && parsed.value).toMatchObject({ mainType: "sriov", problems: [] });
  });
});

describe("toOperatorEntry", () => {
  it("macvlan + dhcp is a SimpleMacvlan with mode Bridge and DHCP", () => {
    const f = valid(
      input({
        name: "macvlan-a",
        target: "operator",
        main: { type: "macvlan", master: "ens9" },
        ipam: { type: "dhcp" },
      }),
    );
    expect(toOperatorEntry(f)).toStrictEqual({
      name: "macvlan-a",
      namespace: "multus-test",
      type: "SimpleMacvlan",
      simpleMacvlanConfig: { master: "ens9", mode: "Bridge", ipamConfig: { type: "DHCP" } },
    });
  });

  it("maps every macvlan mode to the operator's spelling and keeps the MTU", () => {
    const modes = { bridge: "Bridge", private: "Private", vepa: "VEPA", passthru: "Passthru" } as const;
    for (const [mode, op] of Object.entries(modes)) {
      const f = valid(
        input({
          main: { type: "macvlan", master: "ens9", mode: mode as keyof typeof modes, mtu: 9000 },
          ipam: { type: "dhcp" },
        }),
      );
      expect(toOperatorEntry(f).simpleMacvlanConfig).toMatchObject({ mode: op, mtu: 9000 });
    }
  });

  it("macvlan + static is a SimpleMacvlan Static with the addresses and routes", () => {
    const f = valid(
      input({
        name: "macvlan-s",
        main: { type: "macvlan", master: "ens9", mode: "bridge" },
        ipam: {
          type: "static",
          addresses: [
            { address: "192.168.12.30/24", gateway: "192.168.12.1" },
            { address: "192.168.12.31/24", gateway: "" },
          ],
          routes: [{ dst: "10.0.0.0/8", gw: "192.168.12.1" }],
        },
      }),
    );
    expect(toOperatorEntry(f)).toStrictEqual({
      name: "macvlan-s",
      namespace: "multus-test",
      type: "SimpleMacvlan",
      simpleMacvlanConfig: {
        master: "ens9",
        mode: "Bridge",
        ipamConfig: {
          type: "Static",
          staticIPAMConfig: {
            addresses: [{ address: "192.168.12.30/24", gateway: "192.168.12.1" }, { address: "192.168.12.31/24" }],
            routes: [{ destination: "10.0.0.0/8", gateway: "192.168.12.1" }],
          },
        },
      },
    });
  });

  it("bridge is a Raw entry whose rawCNIConfig parses to toCniConfig's output", () => {
    const f = valid(input({ target: "operator" }));
    const entry = toOperatorEntry(f);
    expect(entry).toMatchObject({ name: "bridge-main", namespace: "multus-test", type: "Raw" });
    expect(typeof entry.rawCNIConfig).toBe("string");
    expect(JSON.parse(entry.rawCNIConfig as string)).toStrictEqual(toCniConfig(f));
  });

  it("macvlan + whereabouts (which SimpleMacvlan cannot express) is Raw", () => {
    const f = valid(input({ main: { type: "macvlan", master: "ens9" } }));
    const entry = toOperatorEntry(f);
    expect(entry.type).toBe("Raw");
    expect(entry.simpleMacvlanConfig).toBeUndefined();
    expect(JSON.parse(entry.rawCNIConfig as string)).toStrictEqual(toCniConfig(f));
    expect(JSON.parse(entry.rawCNIConfig as string)).toMatchObject({
      type: "macvlan",
      master: "ens9",
      ipam: { type: "whereabouts" },
    });
  });

  it("macvlan + static with DNS, and macvlan + none, are Raw", () => {
    const withDns = valid(
      input({
        main: { type: "macvlan", master: "ens9" },
        ipam: { type: "static", addresses: [{ address: "10.0.0.5/24" }], dns: { nameservers: ["10.0.0.53"] } },
      }),
    );
    expect(toOperatorEntry(withDns).type).toBe("Raw");
    const none = valid(input({ main: { type: "macvlan", master: "ens9" }, ipam: { type: "none" } }));
    expect(toOperatorEntry(none).type).toBe("Raw");
  });

  it("a raw config is passed through as rawCNIConfig", () => {
    const entry = toOperatorEntry(valid(mainOnly({ type: "raw", config: bridgeTuning })));
    expect(entry.type).toBe("Raw");
    expect(JSON.parse(entry.rawCNIConfig as string)).toStrictEqual(JSON.parse(bridgeTuning));
  });
});
