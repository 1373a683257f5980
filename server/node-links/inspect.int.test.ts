// "Inspect node links" on the two-node test bed, as the caller (admin here): a node without NodeNetworkState is
// probed (busybox: the POSIX-shell/sysfs path) and the links equal `ip` in its namespace; faults end within their
// bound with the reason on the node - an image that cannot be pulled, a full node, a cancelled run - and a tainted, cordoned node
// is inspected all the same (the probe tolerates every taint, as `oc debug node` does). Nothing is left: no pod in
// the API, no container in either node's containerd.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIpJson } from "@/lib/node-links/ip-json";
import type { NodeLink } from "@/lib/node-links/link";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { NODE_SPECS } from "@/testing/testbed/node/config";
import { imageRef } from "@/testing/testbed/node/image";
import { adminConfig } from "@/testing/testbed/node/kubelet-streams";
import { ip } from "@/testing/testbed/node/netns";
import { startNodes, type TestNode, type TestNodes } from "@/testing/testbed/node/node";
import { waitForNothingLeft } from "@/testing/testbed/node/probe-leftovers";
import { ProbeKube } from "../probes/kube";
import { inspectNodes } from "./inspect";

let c: TestCluster;
let bed: TestNodes;
let one: TestNode;
let two: TestNode;
let kube: ProbeKube;

beforeAll(async () => {
  c = await startTestCluster({ seed: false });
  bed = await startNodes(c, [NODE_SPECS[0], { ...NODE_SPECS[1], nodeNetworkState: false }]);
  [one, two] = bed.nodes as [TestNode, TestNode];
  kube = new ProbeKube(adminConfig(c.kubeconfigPath));
}, 900_000);
afterAll(async () => {
  await bed?.stop();
  await c?.stop();
});

const opts = { namespace: "default", ttlSeconds: 60, by: "admin" };

const count = async (path: string) => ((await kubeRequest(c, "GET", path)).body as { items: unknown[] }).items.length;
/** Pods (any: the probes are the only pods in "default") and probe owner Jobs in the API. */
const inApi = async () => ({
  pods: await count("/api/v1/namespaces/default/pods"),
  jobs: await count("/apis/batch/v1/namespaces/default/jobs?labelSelector=plumbline.io%2Fprobe-run"),
});

/** No probe pod or owner Job in the API, and no probe container in either node's containerd. */
async function nothingLeft(): Promise<void> {
  expect(await waitForNothingLeft([one, two], "default", inApi, 150_000)).toEqual({ pods: 0, jobs: 0, containers: [] });
}

/** A memory quantity as the API gives a node's allocatable ("24423364Ki", "23Gi", bytes), in KiB. */
function kib(q: string): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(q);
  if (!m) throw new Error(`unexpected memory quantity ${q}`);
  const n = Number(m[1]);
  return m[2] === "Gi" ? n * 1024 * 1024 : m[2] === "Mi" ? n * 1024 : m[2] === "Ki" ? n : Math.floor(n / 1024);
}

const facts = ({ name, type, state, mac, mtu, controller, addresses }: NodeLink) =>
  JSON.stringify([name, type, state, mac, mtu, controller ?? null, [...(addresses ?? [])].sort()]);

describe("inspectNodes on real nodes", () => {
  it("reads the links of a node with no NodeNetworkState: they equal ip -d -j link / ip -j addr there", {
    timeout: 240_000,
  }, async () => {
    const [r] = await inspectNodes(kube, { ...opts, nodes: [two.name], image: imageRef() });
    if (!r?.ok) throw new Error(`not ok: ${JSON.stringify(r)}`);
    expect(r.probe).toMatchObject({ node: two.name, by: "admin", method: "sysfs" });
    const truth = parseIpJson(ip(two.netns, ["-d", "-j", "link"]), ip(two.netns, ["-j", "addr"]));
    if (!truth.ok) throw new Error(truth.error);
    expect(r.probe.links.map(facts).sort()).toEqual(truth.value.links.map(facts).sort());
    await nothingLeft();
  });

  it("an image that cannot be pulled ends with that reason, within the bound, and leaves nothing", {
    timeout: 240_000,
  }, async () => {
    const started = Date.now();
    const [r] = await inspectNodes(kube, { ...opts, nodes: [two.name], image: "plumbline.local/no-such-image:1" });
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining("the image cannot be pulled") });
    expect(Date.now() - started).toBeLessThan(60_000);
    await nothingLeft();
  });

  it("a tainted, cordoned node is inspected all the same", { timeout: 240_000 }, async () => {
    const patch = {
      spec: { unschedulable: true, taints: [{ key: "plumbline.io/test", value: "x", effect: "NoSchedule" }] },
    };
    const node = `/api/v1/nodes/${one.name}`;
    const r1 = await kubeRequest(c, "PATCH", node, { body: patch, contentType: "application/merge-patch+json" });
    expect(r1.status).toBe(200);
    try {
      const [r] = await inspectNodes(kube, { ...opts, nodes: [one.name], image: imageRef() });
      expect(r).toMatchObject({ ok: true, node: one.name });
    } finally {
      await kubeRequest(c, "PATCH", node, {
        body: { spec: { unschedulable: null, taints: null } },
        contentType: "application/merge-patch+json",
      });
    }
    await nothingLeft();
  });

  it("a full node (its memory all requested) ends within the bound with the scheduler's reason on that node", {
    timeout: 240_000,
  }, async () => {
    const node = (await kubeRequest(c, "GET", `/api/v1/nodes/${two.name}`)).body as {
      status: { allocatable: { memory: string } };
    };
    const filler = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "filler", namespace: "default" },
      spec: {
        nodeName: two.name,
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: "c",
            image: imageRef(),
            imagePullPolicy: "Never",
            // All but 4 MiB of what the node offers: the probe asks for 16 MiB.
            resources: { requests: { memory: `${kib(node.status.allocatable.memory) - 4096}Ki` } },
          },
        ],
      },
    };
    expect((await kubeRequest(c, "POST", "/api/v1/namespaces/default/pods", { body: filler })).status).toBe(201);
    try {
      const started = Date.now();
      const [r] = await inspectNodes(kube, { ...opts, nodes: [two.name], image: imageRef() });
      expect(r).toMatchObject({
        node: two.name,
        ok: false,
        reason: expect.stringMatching(
          /^not done reading links within 30 s: the node has no room for the probe: .*Insufficient memory/,
        ),
      });
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      await kubeRequest(c, "DELETE", "/api/v1/namespaces/default/pods/filler?gracePeriodSeconds=0");
    }
    await nothingLeft();
  });

  it("a cancelled run ends at once with the cancellation and removes its pods", { timeout: 240_000 }, async () => {
    const ac = new AbortController();
    const run = inspectNodes(kube, {
      ...opts,
      nodes: [one.name, two.name],
      image: imageRef(),
      signal: ac.signal,
      onUpdate: () => ac.abort(new Error("cancelled from the browser")),
    });
    await expect(run).rejects.toThrow("cancelled from the browser");
    await nothingLeft();
  });

  it("a server killed mid-run leaves nothing once the TTL has passed: the cluster removes the run itself", {
    timeout: 300_000,
  }, async () => {
    const ttl = 30;
    // The nodeLinks router in a process of its own (its own group, so SIGKILL takes all of it), as the server runs it.
    const child = spawn(
      "npx",
      [
        "tsx",
        "--tsconfig",
        "tsconfig.json",
        "testing/testbed/node/inspect-child.ts",
        c.kubeconfigPath,
        "admin",
        one.name,
        two.name,
      ],
      {
        detached: true,
        env: { ...process.env, PLUMBLINE_PROBE_IMAGE: imageRef(), PLUMBLINE_PROBE_TTL_SECONDS: String(ttl) },
        stdio: "ignore",
      },
    );
    const exited = new Promise((r) => child.on("exit", r));
    const started = Date.now();
    while ((await inApi()).pods === 0) {
      if (Date.now() - started > 90_000) throw new Error("no probe pod appeared");
      await new Promise((r) => setTimeout(r, 200));
    }
    process.kill(-(child.pid ?? 0), "SIGKILL");
    await exited;
    // Killed before it could stop the run: its pods are there, and nothing of Plumbline will sweep them.
    expect((await inApi()).pods).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, ttl * 1000 - (Date.now() - started)));
    await nothingLeft();
  });
});
