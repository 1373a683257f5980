import { describe, expect, it } from "vitest";
import { nad, node, pod } from "@/testing/fixtures/objects";
import { networkReach } from "../graph/reach";
import { snapshotFromObjects } from "../k8s/snapshot";
import { parseNadConfig } from "../nad/parse-config";
import { formFromConfig } from "../network-form/from-config";
import { networkFormSchema, toCniConfig } from "../network-form/schema";
import { buildTopology } from "../topology/build";

// The example of "Configuration for a TAP additional network", OpenShift Container Platform 4.15 networking docs
// (docs.redhat.com, nw-multus-tap-object_configuring-additional-network), with the comma its listing drops.
const DOCS_EXAMPLE = {
  name: "mynet",
  cniVersion: "0.3.1",
  type: "tap",
  mac: "00:11:22:33:44:55",
  mtu: 1500,
  selinuxcontext: "system_u:system_r:container_t:s0",
  multiQueue: true,
  owner: 0,
  group: 0,
  bridge: "br1",
};

describe("the tap plugin", () => {
  it("parses the documented example as a tap network with nothing wrong", () => {
    const parsed = parseNadConfig(JSON.stringify(DOCS_EXAMPLE));
    expect(parsed.ok && parsed.value.mainType).toBe("tap");
    expect(parsed.ok && parsed.value.problems).toEqual([]);
  });

  it("draws a pod's tap interface with no host side, says why reach cannot be told, and finds a bad owner", () => {
    const objects = [
      node("w1"),
      nad("mynet", { ...DOCS_EXAMPLE, owner: -1, ipam: { type: "static" } }),
      pod("vm-1", {
        node: "w1",
        networks: "mynet",
        status: [{ name: "demo/mynet", interface: "net1", mac: "00:11:22:33:44:55", ips: [] }],
      }),
    ];
    const t = buildTopology(snapshotFromObjects(objects));
    const net = t.elements.find((e) => e.kind === "network");
    expect(net?.kind === "network" && net.mainType).toBe("tap");
    const iface = t.elements.find((e) => e.kind === "interface" && e.network === "demo/mynet");
    expect(iface?.kind === "interface" && iface.attached).toBe(true);
    expect(t.links.filter((l) => l.kind === "attachment")).toEqual([]);
    expect(net?.kind === "network" && networkReach(net, t)).toMatch(/cannot be told/);
    expect(t.findings.filter((f) => f.code === "nad-invalid-config").map((f) => f.message)).toEqual([
      "NAD demo/mynet: `owner` must be a whole number from 0 to 4294967295, got -1",
    ]);
  });

  it("opens the documented config in the structured form and writes it back key for key", () => {
    const form = formFromConfig("mynet", "demo", JSON.stringify(DOCS_EXAMPLE));
    expect(form.main.type).toBe("tap");
    const values = networkFormSchema.parse(form);
    const { ipam: _ipam, ...written } = toCniConfig(values);
    expect(written).toEqual(DOCS_EXAMPLE);
  });

  it("refuses a bad MAC and owner at their fields", () => {
    const form = formFromConfig("mynet", "demo", JSON.stringify({ ...DOCS_EXAMPLE, mac: "nope", owner: "root" }));
    const result = networkFormSchema.safeParse(form);
    const paths = result.success ? [] : result.error.issues.map((i) => i.path.join("."));
    expect(paths.sort()).toEqual(["main.mac", "main.owner"]);
  });
});
