import { beforeAll, describe, expect, it } from "vitest";
import { readSnapshot } from "@/server/sources/read-snapshot";
import { W1, W2 } from "@/testing/fixtures/demo";
import type { NetworkElement, Topology } from "../contract/schema";
import { buildTopology } from "../topology/build";
import { placementOf } from "./placement";

let demo: Topology;
beforeAll(async () => {
  demo = buildTopology(await readSnapshot("server/demo-cluster"));
});
const net = (name: string): NetworkElement => {
  const n = demo.elements.find((e) => e.kind === "network" && e.name === name);
  if (n?.kind !== "network") throw new Error(`no network ${name}`);
  return n;
};

describe("placementOf", () => {
  it("a macvlan network fits where NodeNetworkState reports its parent NIC", () => {
    expect(placementOf(net("macvlan-main"), demo)).toEqual({
      device: "ens9",
      role: "parent NIC",
      hosts: [
        { name: W1, fit: "present" },
        { name: W2, fit: "present" },
      ],
    });
  });

  it("a parent the hosts do not have is missing everywhere; a bridge is created by its plugin", () => {
    const other = { ...net("macvlan-main"), master: "ens42" };
    expect(placementOf(other, demo).hosts.map((h) => h.fit)).toEqual(["missing", "missing"]);
    const bridge = { ...net("bridge-main"), bridge: "br-new" };
    expect(placementOf(bridge, demo).hosts.map((h) => h.fit)).toEqual(["created-on-first-pod", "created-on-first-pod"]);
  });

  it("without NodeNetworkState a host is unknown, not missing", () => {
    const t: Topology = {
      ...demo,
      elements: demo.elements.map((e) => (e.kind === "host" && e.name === W2 ? { ...e, linksObserved: false } : e)),
    };
    expect(placementOf(net("macvlan-main"), t).hosts).toEqual([
      { name: W1, fit: "present" },
      { name: W2, fit: "unknown" },
    ]);
  });
});
