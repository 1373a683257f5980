import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, applyRehand, keyedEvent, rehand } from "@/testing/fixtures/store-changes";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { KubeObject } from "../k8s/objects";
import { emptySnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { clusterOverview } from "../overview/cluster-overview";
import type { ColumnWindow } from "../overview/columns";
import { type RowWindow, windowOf } from "../overview/rows";
import { NETWORK_STATUS_ANNOTATION } from "../pod/annotations";
import { buildTopology } from "../topology/build";
import { TopologyStore } from "./store";

/**
 * The cluster view's row window as the store cuts it (overview-memo.ts: hosts kept in each row order, cells by host)
 * against windowOf over a fresh full overview (clusterOverview of the full build), after any sequence of changes;
 * the whole overview asked for now and then between windows, as the fleet page and the benches ask for it, so the
 * memo's window and its whole overview are each followed across revisions the other skipped.
 */

const rows = fc.record({
  order: fc.constantFrom<RowWindow["order"]>("problems", "pods", "name"),
  offset: fc.integer({ min: 0, max: 4 }),
  limit: fc.integer({ min: 1, max: 3 }),
});
const columns = fc.constantFrom<ColumnWindow | undefined>(undefined, { offset: 0, limit: 1 }, { offset: 1, limit: 3 });

describe("the cluster view's row window cut from the store's overview", () => {
  it("equals windowOf a fresh full overview after any sequence of events", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            batch: fc.array(fc.oneof({ weight: 4, arbitrary: keyedEvent }, rehand), { minLength: 1, maxLength: 3 }),
            windows: fc.array(fc.tuple(rows, columns), { maxLength: 3 }),
            whole: fc.boolean(),
          }),
          { maxLength: 25 },
        ),
        (steps) => {
          const store = new TopologyStore();
          let snap = emptySnapshot();
          for (const { batch, windows, whole } of steps) {
            for (const e of batch) snap = "slot" in e ? applyRehand(snap, e) : apply(snap, e.change, e.remove, e.keyed);
            store.sync(snap);
            store.flush();
            const full = clusterOverview(buildTopology(snap));
            for (const [w, c] of windows) {
              compared++;
              expect(store.overview(w, c)).toEqual(windowOf(full, w, c));
            }
            if (whole) expect(store.overview()).toEqual(full);
          }
        },
      ),
      { numRuns: 300, seed: 2613 },
    );
    expect(compared).toBeGreaterThan(1000);
  }, 120_000);

  it("equals windowOf a fresh full overview through pods changed, moved, gone and new on 20 hosts", () => {
    const objects = syntheticCluster({ nodes: 20, pods: 400, nads: 12, seed: 26 });
    const rest = objects.filter((o) => o.kind !== "Pod");
    const first = objects.filter((o) => o.kind === "Pod");
    const nodes = [...new Set(first.map((p) => (p.spec as { nodeName: string }).nodeName))];
    /** a pod at a new address on its second network, on another node, gone, or a copy of it under a new name */
    const step = fc.record({
      pod: fc.nat(),
      what: fc.constantFrom("readdress", "move", "delete", "add"),
      node: fc.nat(),
      window: rows.map((w) => ({ ...w, offset: w.offset * 4, limit: w.limit * 3 })),
      columns,
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        let pods = first;
        const store = new TopologyStore();
        store.sync(snapshotFromObjects([...rest, ...pods]));
        store.flush();
        for (const [i, s] of steps.entries()) {
          const pod = pods[s.pod % pods.length] as KubeObject;
          pods = pods.filter((p) => p !== pod);
          if (s.what !== "delete") pods.push(changed(pod, s.what, nodes[s.node % nodes.length] ?? "", i));
          if (s.what === "add") pods.push(pod);
          const snap = snapshotFromObjects([...rest, ...pods]);
          store.sync(snap);
          store.flush();
          expect(store.overview(s.window, s.columns)).toEqual(
            windowOf(clusterOverview(buildTopology(snap)), s.window, s.columns),
          );
        }
      }),
      { numRuns: 25, seed: 26 },
    );
  }, 120_000);
});

function changed(pod: KubeObject, what: string, node: string, i: number): KubeObject {
  const meta = { ...pod.metadata, resourceVersion: `r${i}` };
  if (what === "add") return { ...pod, metadata: { ...meta, name: `${pod.metadata.name}-x${i}`, uid: `x${i}` } };
  if (what === "move") return { ...pod, metadata: meta, spec: { ...(pod.spec as object), nodeName: node } };
  const status = JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips?: string[] }[];
  if (status[1]) status[1].ips = [`100.127.${i % 250}.9`];
  const annotations = { ...pod.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) };
  return { ...pod, metadata: { ...meta, annotations } };
}
