// "Inspect node links" on the two-node test bed, as the caller (admin here): a node without NodeNetworkState is
// probed (busybox: the POSIX-shell/sysfs path) and the links equal `ip` in its namespace; faults end within their
// bound with the reason on the node - an image that cannot be pulled, a cancelled run - and a tainted, cordoned node
// is inspected all the same (the probe tolerates every taint, as `oc debug node` does). Nothing is left: no pod in
// the API, no container in either node's containerd.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIpJson } from "@/lib/node-links/ip-json";
import type { NodeLink } from "@/lib/node-links/link";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { NODE_SPECS } from "@/testing/testbed/node/config";
import { imageRef } from "@/testing/testbed/node/image";
import { adminConfig } from "@/testing/testbed/node/kubelet-streams";
import { ip } from "@/testing/testbed/node/netns";
import { startNodes, type TestNode, type TestNodes } from "@/testing/testbed/node/node";
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

/**
 * No probe pod or owner in the API, and no probe container in either node's containerd: the kubelet removes a deleted
 * pod's containers at its next garbage collection (every minute), so that part is given two.
 */
async function nothingLeft(): Promise<void> {
  for (const deadline = Date.now() + 150_000; ; await new Promise((r) => setTimeout(r, 1000))) {
    const pods = await kubeRequest(c, "GET", "/api/v1/namespaces/default/pods");
    const cms = await kubeRequest(
      c,
      "GET",
      "/api/v1/namespaces/default/configmaps?labelSelector=plumbline.io%2Fprobe-run",
    );
    const count = (r: typeof pods) => (r.body as { items: unknown[] }).items.length;
    const containers = [one, two].map((n) =>
      execFileSync(
        "ctr",
        [
          "--address",
          n.containerdSock,
          "-n",
          "k8s.io",
          "containers",
          "ls",
          "-q",
          'labels."io.kubernetes.pod.namespace"==default',
        ],
        { encoding: "utf8" },
      ).trim(),
    );
    if (count(pods) + count(cms) === 0 && containers.every((x) => x === "")) return;
    if (Date.now() > deadline)
      throw new Error(`left: ${count(pods)} pods, ${count(cms)} configmaps, containers ${containers.join(" | ")}`);
  }
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
});
