import { describe, expect, it } from "vitest";
import { attachEntrySchema, mergeNetworksAnnotation } from "./attach";

const entry = (network: string, more: Record<string, string> = {}) => attachEntrySchema.parse({ network, ...more });

describe("mergeNetworksAnnotation: what attach writes into the pod template", () => {
  it("names a network of the pod's own namespace bare, another namespace's as namespace/name", () => {
    const merged = mergeNetworksAnnotation("bridge-main", "multus-test", [
      entry("macvlan-main"),
      entry("multus-test/host-device-main"),
      entry("other/shared-net"),
    ]);
    expect(merged).toEqual({ ok: true, value: "bridge-main,macvlan-main,host-device-main,other/shared-net" });
  });

  it("keeps what is there and adds an entry already there only once", () => {
    expect(mergeNetworksAnnotation("bridge-main", "multus-test", [entry("multus-test/bridge-main")])).toEqual({
      ok: true,
      value: "bridge-main",
    });
  });

  it("writes JSON when an entry carries an address, with the bare name in the pod's namespace", () => {
    const merged = mergeNetworksAnnotation(undefined, "multus-test", [
      entry("macvlan-main", { interface: "net1", ip: "192.168.1.5/24" }),
    ]);
    expect(merged.ok && JSON.parse(merged.value)).toEqual([
      { name: "macvlan-main", namespace: "multus-test", interface: "net1", ips: ["192.168.1.5/24"] },
    ]);
  });
});
