import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apply,
  applyRehand,
  type Change,
  keyedEvent,
  NAMESPACES,
  NETS,
  rehand,
} from "@/testing/fixtures/store-changes";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { hostId, networkId } from "../contract/ids";
import type { KubeObject } from "../k8s/objects";
import { emptySnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { clusterOverview } from "../overview/cluster-overview";
import { type RowWindow, windowOf } from "../overview/rows";
import { NETWORK_STATUS_ANNOTATION } from "../pod/annotations";
import type { ViewQuery } from "../wire/view-protocol";
import { AssembledView } from "./assembled-view";
import type { Commit } from "./commit";
import { KeptOverview } from "./kept-overview";
import { CELL } from "./overview";
import { servedKept, servedView } from "./served-view";
import { TopologyStore } from "./store";
import { drawView } from "./view";

/**
 * A namespace's or network's matrix kept by parts (kept-overview.ts) against the same overview made whole from the
 * view (windowOf(clusterOverview(drawView))), after any sequence of changes of every kind, followed commit by commit
 * as a view channel follows them: read whole after a commit that changed something shared, else updated.
 */

type Criteria = { namespace?: string; network?: string };

const podEvents = keyedEvent.filter((e) => e.change.kind === "pod" || e.change.kind === "event");

/** The view's parts and overview after `commit`, as ViewChannel.served keeps them. */
function follow(
  store: TopologyStore,
  c: Criteria,
  was: { a: AssembledView; k: KeptOverview } | null,
  commit: Commit | null,
) {
  if (!was || !commit || commit.shared) {
    const a = AssembledView.whole(store, c);
    return { a, k: new KeptOverview(a) };
  }
  was.a.update(store, commit);
  was.k.update();
  return was;
}

const windows: RowWindow[] = [
  { order: "problems", offset: 0, limit: 100 },
  { order: "name", offset: 1, limit: 2 },
  { order: "pods", offset: 0, limit: 1 },
];

describe("a namespace's or network's matrix kept by parts", () => {
  it("equals the overview made whole from the view after any sequence of changes", () => {
    let compared = 0;
    // the comparisons after an update that changed a share (not a whole read)
    let followed = 0;
    fc.assert(
      fc.property(
        // mostly pods and their events (a change that rebuilds shards only: the view followed, not read whole)
        fc.array(
          fc.array(fc.oneof({ weight: 8, arbitrary: podEvents }, keyedEvent, rehand), { minLength: 1, maxLength: 3 }),
          {
            maxLength: 30,
          },
        ),
        fc.constantFrom<Criteria>(
          ...NAMESPACES.map((namespace) => ({ namespace })),
          ...NETS.map((network) => ({ network })),
          { namespace: "a", network: "a/br" },
        ),
        fc.constantFrom(...windows),
        fc.constantFrom(undefined, { offset: 0, limit: 1 }, { offset: 1, limit: 2 }),
        (batches, c, w, columns) => {
          const store = new TopologyStore();
          let snap = emptySnapshot();
          let kept: { a: AssembledView; k: KeptOverview } | null = null;
          for (const batch of batches) {
            for (const e of batch) snap = "slot" in e ? applyRehand(snap, e) : apply(snap, e.change, e.remove, e.keyed);
            store.sync(snap);
            const commit = store.flush();
            if (!commit) continue;
            const updated = kept !== null && !commit.shared;
            kept = follow(store, c, kept, commit);
            const whole = drawView(store, c).topology;
            if (!kept.k.exact) continue;
            compared++;
            if (updated && kept.a.lastChanged.length > 0) followed++;
            expect(kept.k.overview(whole.findings.length, w, columns)).toEqual(
              windowOf(clusterOverview(whole), w, columns),
            );
            const inUse = new Set<string>();
            for (const e of whole.elements) if (e.kind === "interface" && !e.isDefault) inUse.add(e.network);
            expect(kept.k.networksInUse()).toEqual([...inUse].sort());
          }
        },
      ),
      { numRuns: 800, seed: 2611 },
    );
    console.log({ compared, followed });
    expect(compared).toBeGreaterThan(300);
    expect(followed).toBeGreaterThan(100);
  }, 60_000);

  it("serves the page's namespace and network matrices as a fresh read does, through pods changed, moved, gone and new", () => {
    const objects = syntheticCluster({ nodes: 20, pods: 1000, nads: 12, seed: 26 });
    let pods = objects.filter((o) => o.kind === "Pod");
    const rest = objects.filter((o) => o.kind !== "Pod");
    const store = new TopologyStore();
    store.sync(snapshotFromObjects(objects));
    store.flush();
    const pod = pods[300] as KubeObject;
    const status = JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { name: string }[];
    const queries: ViewQuery[] = [
      { namespace: pod.metadata.namespace ?? "", aggregate: true },
      { network: status[1]?.name ?? "", aggregate: true },
      // (20 hosts: within the network graph's bounds, its elements: drawn from the same parts)
      { network: status[1]?.name ?? "", aggregate: "network" },
      { namespace: pod.metadata.namespace ?? "", aggregate: true, rows: { order: "name", offset: 5, limit: 5 } },
      { network: status[1]?.name ?? "", aggregate: true, columns: { offset: 0, limit: 1 }, findings: 2 },
    ];
    const criteria = (q: ViewQuery) => ({ namespace: q.namespace, network: q.network });
    let kept = queries.map((q) => follow(store, criteria(q), null, null));
    const rand = fc.sample(fc.tuple(fc.nat(pods.length - 1), fc.nat(3), fc.nat(19), fc.nat(255)), {
      numRuns: 40,
      seed: 9,
    });
    for (const [i, [at, what, node, ip]] of rand.entries()) {
      const p = pods[at % pods.length] as KubeObject;
      const meta = { ...p.metadata, resourceVersion: `r${i}` };
      const s = JSON.parse(p.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];
      // a second address outside its network's range (a finding), or back in it
      if (s[1]) s[1].ips = [ip % 2 ? `100.127.0.${ip}` : `10.${ip}.0.9`];
      const annotations = { ...p.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: JSON.stringify(s) };
      const moved = { ...(p.spec as object), nodeName: `node-${String(node + 1).padStart(3, "0")}` };
      if (what === 0) pods = pods.map((x) => (x === p ? { ...p, metadata: { ...meta, annotations } } : x));
      else if (what === 1) pods = pods.map((x) => (x === p ? { ...p, metadata: meta, spec: moved } : x));
      else if (what === 2) pods = pods.filter((x) => x !== p);
      else pods = [...pods, { ...p, metadata: { ...meta, name: `${p.metadata.name}-n${i}`, uid: `n${i}` } }];
      store.sync(snapshotFromObjects([...rest, ...pods]));
      const commit = store.flush();
      if (!commit) continue;
      kept = kept.map((k, j) => follow(store, criteria(queries[j] ?? {}), k, commit));
      for (const [j, q] of queries.entries()) {
        const k = kept[j];
        if (!k) continue;
        expect(k.k.exact).toBe(true);
        const mine = servedKept(store, q, k.a, k.k);
        const fresh = servedView(store, q);
        if (q.aggregate === true) expect(mine.overview).not.toBeNull();
        expect(JSON.stringify({ ...mine, shards: [...mine.shards].sort() })).toEqual(
          JSON.stringify({ ...fresh, shards: [...fresh.shards].sort() }),
        );
      }
    }
  }, 120_000);

  it("counts a finding that stays as it was again where an element it names gained a network", () => {
    // br0 without an uplink on n1 and n2, a/br's pods on both: a/br is split into islands, a finding naming br0 on
    // each host. a/mac, a second bridge network on br0, then comes to n1: the finding stays the same object (its hosts
    // did not change), but n1's br0 now carries a/mac too, so the finding counts in n1's a/mac cell.
    const bridge = (key: string): Change => ({
      kind: "nad",
      key,
      type: "bridge",
      device: "br0",
      whereabouts: false,
      dhcp: false,
      operator: false,
      ovnOwner: null,
    });
    const host = (name: string): Change => ({
      kind: "nns",
      name,
      nics: ["ens8"],
      bridges: ["br0"],
      uplink: false,
      broken: false,
      mapping: null,
    });
    const pod = (name: "p1" | "p2" | "p3", node: string, net: string): Change => ({
      kind: "pod",
      ns: "a",
      name,
      rv: "1",
      node,
      phase: "Running",
      requests: [],
      statuses: [{ net, ifname: "net1", ips: [], pci: undefined }],
      owner: null,
      app: null,
      vm: undefined,
    });
    let snap = emptySnapshot();
    for (const c of [host("n1"), host("n2"), bridge("a/br"), bridge("a/mac"), pod("p1", "n1", "a/br")])
      snap = apply(snap, c, false);
    snap = apply(snap, pod("p2", "n2", "a/br"), false);
    const store = new TopologyStore();
    store.sync(snap);
    store.flush();
    const c = { namespace: "a" };
    const w: RowWindow = { order: "name", offset: 0, limit: 10 };
    const kept = follow(store, c, null, null);
    const island = () => store.globalFindings().find((f) => f.code === "bridge-island-split");
    const before = island();
    expect(before).toBeDefined();
    store.sync(apply(snap, pod("p3", "n1", "a/mac"), false));
    const commit = store.flush();
    // followed by parts (not read whole), the finding the same object
    expect(commit?.shared).toBe(false);
    expect(follow(store, c, kept, commit)).toBe(kept);
    expect(island()).toBe(before);
    const whole = drawView(store, c).topology;
    const mine = kept.k.overview(whole.findings.length, w);
    const cell = mine.cells.find(
      (x) => `${x.host}${CELL}${x.network}` === `${hostId("n1")}${CELL}${networkId("a", "mac")}`,
    );
    expect(cell?.problems.warning).toBe(1);
    expect(mine).toEqual(windowOf(clusterOverview(whole), w));
  });
});
