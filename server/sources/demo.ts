import path from "node:path";
import type { KubeObject } from "@/lib/k8s/objects";
import { readSnapshot } from "./read-snapshot";
import { StaticSource } from "./static-source";

/** The demo snapshot checked into the repo; the test bed seeds the live API server from the same files. */
export const DEMO_DIR = path.join(process.cwd(), "server", "demo-cluster");

export async function createDemoSource(): Promise<StaticSource> {
  const snap = await readSnapshot(DEMO_DIR);
  // Files carry no resourceVersion; the demo gives every object one, so edits detect conflicts from the start.
  const stamp = (o: KubeObject): KubeObject => ({ ...o, metadata: { resourceVersion: "1", ...o.metadata } });
  const stamped = {
    ...snap,
    nads: snap.nads.map(stamp),
    pods: snap.pods.map(stamp),
    nodes: snap.nodes.map(stamp),
    nodeNetworkStates: snap.nodeNetworkStates.map(stamp),
    ipPools: snap.ipPools.map(stamp),
    workloads: snap.workloads.map(stamp),
    operatorNetwork: snap.operatorNetwork ? stamp(snap.operatorNetwork) : null,
  };
  return new StaticSource({ kind: "demo", label: "embedded demo cluster", writes: "memory" }, stamped);
}

export async function createSnapshotSource(target: string): Promise<StaticSource> {
  return new StaticSource(
    { kind: "snapshot", label: `snapshot ${path.basename(target)}`, writes: "none" },
    await readSnapshot(target),
  );
}
