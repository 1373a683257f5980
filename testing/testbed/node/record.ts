// `tsx testing/testbed/node/record.ts <out-dir>`: runs the walk-through's networks on a real node (API-driven) and
// records what the real components wrote - pods' network-status annotations, Events (Multus's AddedInterface, the
// kubelet's failures), whereabouts' IPPools and reservations, the NodeNetworkState - with the versions that wrote
// them. The recorded files are committed and parsed by unit tests (they never need the node).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { applyObjects, type KubeObject, startTestCluster } from "../cluster";
import { NODE_SPECS } from "./config";
import { imageRef } from "./image";
import { startNodes } from "./node";
import { list, requestOn, runningPods, until } from "./truth";

/** Any object, kept whole (the corpus records what was written); only the fields looked at are typed. */
const anyObject = z.looseObject({
  metadata: z.looseObject({}),
  reason: z.string().optional(),
  involvedObject: z.looseObject({ name: z.string().optional() }).optional(),
});
type AnyObject = z.infer<typeof anyObject>;

const NS = "multus-test";
const out = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, "../recorded"));

const nad = (name: string, config: Record<string, unknown>): KubeObject => ({
  apiVersion: "k8s.cni.cncf.io/v1",
  kind: "NetworkAttachmentDefinition",
  metadata: { name, namespace: NS },
  spec: { config: JSON.stringify({ cniVersion: "0.3.1", name, ...config }) },
});
const whereabouts = (range: string, start: string, end: string, exclude?: string[]) => ({
  type: "whereabouts",
  range,
  range_start: start,
  range_end: end,
  ...(exclude ? { exclude } : {}),
});
const pod = (name: string, networks: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name,
    namespace: NS,
    labels: { app: name, recorded: "yes" },
    annotations: { "k8s.v1.cni.cncf.io/networks": networks },
  },
  spec: {
    terminationGracePeriodSeconds: 1,
    containers: [{ name: "main", image: imageRef(), imagePullPolicy: "Never" }],
  },
});

const NADS = [
  nad("bridge-main", {
    type: "bridge",
    bridge: "mybr0",
    ipam: whereabouts("192.168.12.0/24", "192.168.12.10", "192.168.12.200", ["192.168.12.1/32", "192.168.12.254/32"]),
  }),
  nad("host-device-main", { type: "host-device", device: "ens8" }),
  nad("macvlan-main", {
    type: "macvlan",
    master: "ens9",
    mode: "bridge",
    ipam: whereabouts("192.168.13.0/24", "192.168.13.10", "192.168.13.20"),
  }),
  // one address only: the second pod asking for it cannot start (the failure path)
  nad("bridge-exhausted", {
    type: "bridge",
    bridge: "mybr9",
    ipam: whereabouts("192.168.14.0/24", "192.168.14.10", "192.168.14.10"),
  }),
];
const GOOD = {
  "pod-a": "bridge-main",
  "pod-b": "bridge-main",
  "pod-c": "host-device-main",
  "pod-d": "macvlan-main",
  "pod-e": "bridge-main,macvlan-main",
};

const c = await startTestCluster({ seed: false });
try {
  // One node: the corpus records what one node's components write (the pods all land there).
  const bed = await startNodes(c, [NODE_SPECS[0]]);
  const [node] = bed.nodes;
  try {
    if (!node) throw new Error("no node");
    const req = requestOn(c);
    await applyObjects(c, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: NS } }, ...NADS]);
    await applyObjects(
      c,
      Object.entries(GOOD).map(([n, nets]) => pod(n, nets)),
    );
    const good = await runningPods(req, NS, "recorded=yes", Object.keys(GOOD).length);
    await applyObjects(c, [pod("pod-x1", "bridge-exhausted")]);
    await runningPods(req, NS, "app=pod-x1", 1);
    await applyObjects(c, [pod("pod-x2", "bridge-exhausted")]);
    const recorded = await until("the kubelet's FailedCreatePodSandBox for pod-x2", async () => {
      const items = await list(req, `/api/v1/namespaces/${NS}/events`, anyObject);
      const failed = (e: AnyObject): boolean =>
        e.reason === "FailedCreatePodSandBox" && e.involvedObject?.name === "pod-x2";
      return items.some(failed) ? items : undefined;
    });
    const all = (p: string) => list(req, p, anyObject);
    await record(node.versions, {
      pods: await all(`/api/v1/namespaces/${NS}/pods`),
      events: recorded,
      ippools: await all("/apis/whereabouts.cni.cncf.io/v1alpha1/ippools"),
      reservations: await all("/apis/whereabouts.cni.cncf.io/v1alpha1/overlappingrangeipreservations"),
      nodenetworkstates: await all("/apis/nmstate.io/v1beta1/nodenetworkstates"),
      nads: NADS.map((n) => anyObject.parse(n)),
    });
    console.error(`record: ${good.length} pods running, written to ${out}`);
  } finally {
    await bed.stop();
  }
} finally {
  await c.stop();
}

/** Keeps what a reader needs (metadata noise - managedFields, uids, timestamps - stays out of the corpus). */
async function record(versions: string, o: Record<string, AnyObject[]>): Promise<void> {
  mkdirSync(out, { recursive: true });
  const slim = (x: AnyObject): unknown => {
    const { managedFields: _m, resourceVersion: _r, creationTimestamp: _c, generation: _g, ...metadata } = x.metadata;
    const { spec, status, ...rest } = x;
    return { ...rest, metadata, ...(spec === undefined ? {} : { spec }), ...(status === undefined ? {} : { status }) };
  };
  for (const [k, items] of Object.entries(o))
    writeFileSync(path.join(out, `${k}.json`), `${JSON.stringify(items.map(slim), null, 2)}\n`);
  const provenance = {
    source: "Plumbline test bed node stage (testing/testbed/node), recorded by testing/testbed/node/record.ts",
    versions,
    runtime: [
      execFileSync("containerd", ["--version"], { encoding: "utf8" }).trim(),
      execFileSync("runc", ["--version"], { encoding: "utf8" }).split("\n")[0],
    ],
    recordedAt: new Date().toISOString(),
    scenario: {
      nads: NADS.map((n) => n.metadata.name),
      pods: { ...GOOD, "pod-x1": "bridge-exhausted", "pod-x2": "bridge-exhausted (fails: range exhausted)" },
    },
  };
  writeFileSync(path.join(out, "provenance.json"), `${JSON.stringify(provenance, null, 2)}\n`);
}
