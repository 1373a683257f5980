// The node-links parsers on output recorded from the two-node test bed (record-links.ts): the busybox probe's
// POSIX-shell/sysfs listing and iproute2's JSON of the same node at the same moment read as the same links.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { parseIpJson } from "@/lib/node-links/ip-json";
import type { NodeLink } from "@/lib/node-links/link";
import { parseProbeOutput } from "@/lib/node-links/probe-output";
import { probedNodeNetworkState } from "@/lib/node-links/to-nns";
import { buildTopology } from "@/lib/topology/build";

const read = (f: string) => readFileSync(path.join(import.meta.dirname, f), "utf8");
const probe = parseProbeOutput(read("busybox-probe.txt"));
const ipJson = parseIpJson(read("ip-d-j-link.json"), read("ip-j-addr.json"));
if (!probe.ok) throw new Error(probe.error);
if (!ipJson.ok) throw new Error(ipJson.error);
const byName = (links: NodeLink[]) => new Map(links.map((l) => [l.name, l]));

describe("recorded on the test bed's second node", () => {
  it("busybox takes the sysfs path and reads every link ip reads, with the same facts", () => {
    expect(probe.value.method).toBe("sysfs");
    const facts = ({ name, type, state, mac, mtu, controller, addresses, parent }: NodeLink) => ({
      name,
      type,
      state,
      mac,
      mtu,
      controller,
      addresses: [...(addresses ?? [])].sort(),
      parent,
    });
    const sort = (ls: NodeLink[]) => ls.map(facts).sort((a, b) => a.name.localeCompare(b.name));
    expect(sort(probe.value.links)).toEqual(sort(ipJson.value.links));
  });

  it("reads the bed's wiring: ens9 and ens10 lead out of the node, br-up's port is ens10, pods' veths are on mybr0", () => {
    const l = byName(probe.value.links);
    expect(l.get("ens9")).toMatchObject({ type: "veth", peer: { elsewhere: true } });
    expect(l.get("ens10")).toMatchObject({ type: "veth", controller: "br-up", peer: { elsewhere: true } });
    expect(l.get("node0")).toMatchObject({
      type: "veth",
      peer: { name: "node0-peer", elsewhere: false },
      addresses: ["172.31.254.3/24", expect.stringMatching(/^fe80::/)],
    });
    expect([...l.values()].filter((x) => x.controller === "mybr0" && x.name.startsWith("veth"))).toHaveLength(2);
  });

  it("as the host side: br-up is uplinked (ens10), mybr0 an island, ens9 a NIC the macvlan pods hang off", () => {
    const t = buildTopology(
      snapshotFromObjects([
        { apiVersion: "v1", kind: "Node", metadata: { name: "plumbline-node-2" } },
        probedNodeNetworkState({
          node: "plumbline-node-2",
          links: probe.value.links,
          at: "2026-12-06T15:00:00Z",
          by: "admin",
          method: "sysfs",
        }),
      ]),
    );
    expect(t.elements.find((e) => e.id === "host/plumbline-node-2/bridge/br-up")).toMatchObject({
      uplinks: ["ens10"],
      uplinksKnown: true,
    });
    expect(t.elements.find((e) => e.id === "host/plumbline-node-2/bridge/mybr0")).toMatchObject({
      uplinks: [],
      uplinksKnown: true,
    });
  });
});
