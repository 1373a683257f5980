import { describe, expect, it } from "vitest";
import { DEMO_NS, demoTopology, W1 } from "@/testing/fixtures/demo";
import { nad, nns, node } from "@/testing/fixtures/objects";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "../topology/build";
import { reachFacts } from "./facts";

const cluster = (...objects: unknown[]) => buildTopology(snapshotFromObjects(objects));
const net = (name: string, config: Record<string, unknown>) =>
  nad(name, { cniVersion: "0.3.1", name, ...config }, { namespace: "t" });

describe("reachFacts: what the topology tells a check", () => {
  it("a bridge's uplink is known only where the node's links are observed", () => {
    const t = cluster(
      node("a"),
      node("b"),
      node("c"),
      net("br", { type: "bridge", bridge: "br1" }),
      nns("a", [{ name: "br1", type: "linux-bridge", state: "up", bridge: { port: [] } }]),
      nns("b", [
        { name: "ens9", type: "ethernet", state: "up" },
        { name: "br1", type: "linux-bridge", state: "up", bridge: { port: [{ name: "ens9" }] } },
      ]),
    );
    const f = reachFacts(t, "t/br");
    if ("error" in f) throw new Error(f.error);
    expect(f.nodes).toEqual(["a", "b", "c"]);
    expect(f.sides.get("a")).toMatchObject({ observed: true, uplinks: [] });
    expect(f.sides.get("b")).toMatchObject({ observed: true, uplinks: ["ens9"] });
    // No NodeNetworkState for c: nothing is known of its ports, so nothing is assumed.
    expect(f.sides.get("c")).toMatchObject({ observed: false });
  });
  it("a macvlan parent's segment and observed state", () => {
    const t = cluster(
      node("a"),
      net("mv", { type: "macvlan", master: "ens9" }),
      nns("a", [{ name: "ens9", type: "ethernet", state: "down" }]),
    );
    const f = reachFacts(t, "t/mv");
    if ("error" in f) throw new Error(f.error);
    expect(f.net).toMatchObject({ mainType: "macvlan", master: "ens9" });
    expect(f.sides.get("a")).toMatchObject({ device: "ens9", segment: "nic:ens9", state: "down" });
  });
  it("on the demo: the walk-through's networks, and refusals for what does not exist", () => {
    const t = demoTopology();
    const f = reachFacts(t, `${DEMO_NS}/bridge-main`, [W1]);
    if ("error" in f) throw new Error(f.error);
    expect(f.nodes).toEqual([W1]);
    expect(f.net).toMatchObject({ mainType: "bridge", bridge: "mybr0" });
    expect(reachFacts(t, `${DEMO_NS}/nope`)).toEqual({ error: `network ${DEMO_NS}/nope not found` });
    expect(reachFacts(t, `${DEMO_NS}/bridge-main`, ["ghost"])).toEqual({ error: "no such node: ghost" });
  });
});
