// Reachability measured on the real node stage (kubelet, containerd, Multus, whereabouts): through the tRPC
// subscription the browser uses, through the command line, and with the faults a run must end with a reason.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_LABEL } from "@/lib/probes/manifest";
import { reachFacts } from "@/lib/reach/facts";
import { buildTopology } from "@/lib/topology/build";
import { testKubeConfig } from "@/testing/live-source";
import {
  applyObjects,
  grantNamespaceReader,
  kubeRequest,
  startTestCluster,
  type TestCluster,
} from "@/testing/testbed/cluster";
import { imageRef } from "@/testing/testbed/node/image";
import { ip } from "@/testing/testbed/node/netns";
import { startNodes, type TestNodes } from "@/testing/testbed/node/node";
import { waitForNothingLeft } from "@/testing/testbed/node/probe-leftovers";
import { appRouter } from "../api/root";
import { createInnerContext } from "../api/trpc";
import { ProbeKube } from "../probes/kube";
import { ProbeRun, started } from "../probes/run";
import { readLiveOnce } from "../sources/live/read-once";
import { SourceRegistry } from "../sources/registry";
import { type ReachEvent, runReach } from "./run";

const NS = "reach-test";
let c: TestCluster;
let bed: TestNodes;
const first = () => bed.nodes[0] ?? fail("no node");
const second = () => bed.nodes[1] ?? fail("no second node");
function fail(why: string): never {
  throw new Error(why);
}
let registry: SourceRegistry;

const nad = (name: string, config: Record<string, unknown>) => ({
  apiVersion: "k8s.cni.cncf.io/v1",
  kind: "NetworkAttachmentDefinition",
  metadata: { name, namespace: NS },
  spec: { config: JSON.stringify({ cniVersion: "0.3.1", name, ...config }) },
});

beforeAll(async () => {
  process.env.PLUMBLINE_PROBE_IMAGE = imageRef();
  c = await startTestCluster({ seed: false });
  // Two nodes: ens9 of each on one shared L2 segment, mybr0 made per node by the bridge plugin (an island).
  bed = await startNodes(c);
  await applyObjects(c, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: NS } }]);
  await applyObjects(c, [
    nad("island", { type: "bridge", bridge: "mybr0", ipam: { type: "whereabouts", range: "192.168.55.0/24" } }),
    nad("over-ens9", {
      type: "macvlan",
      master: "ens9",
      mode: "bridge",
      ipam: { type: "whereabouts", range: "192.168.56.0/24" },
    }),
    nad("no-ipam", { type: "bridge", bridge: "noipbr0" }),
  ]);
  await grantNamespaceReader(c, "restricted", NS);
  registry = new SourceRegistry(
    {
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: c.kubeconfigPath,
      PLUMBLINE_CONTEXT: "admin",
      PLUMBLINE_CONTEXTS: ["restricted"],
    },
    100,
  );
}, 900_000);
afterAll(async () => {
  await registry?.closeAll();
  await bed?.stop();
  await c?.stop();
});

const count = async (path: string) =>
  ((await kubeRequest(c, "GET", `${path}?labelSelector=${RUN_LABEL}`)).body as { items: unknown[] }).items.length;
/** Probe pods and owner Jobs of any run in the test's namespace, as the API server has them. */
const leftovers = async () => ({
  pods: await count(`/api/v1/namespaces/${NS}/pods`),
  jobs: await count(`/apis/batch/v1/namespaces/${NS}/jobs`),
});

/** Every event of one check through the router, as the browser's subscription receives them. */
async function check(network: string, context?: string, signal?: AbortSignal): Promise<ReachEvent[]> {
  const caller = appRouter.createCaller(createInnerContext({ sources: registry }), signal ? { signal } : {});
  const stream = await caller.reach.check({ network, ...(context ? { context } : {}) });
  const out: ReachEvent[] = [];
  // On the server, tracked() yields its envelope: [id, data, marker].
  for await (const [, e] of stream as AsyncIterable<[string, ReachEvent]>) out.push(e);
  return out;
}

const direct = async (
  network: string,
  o: { image?: string; bounds?: Record<string, number>; signal?: AbortSignal; emit?: (e: ReachEvent) => void },
) => {
  const t = buildTopology(await readLiveOnce(c.kubeconfigPath, "admin"));
  const facts = reachFacts(t, network);
  if ("error" in facts) throw new Error(facts.error);
  return runReach(new ProbeKube(testKubeConfig(c.kubeconfigPath, "admin")), {
    network,
    nodes: facts.nodes,
    net: facts.net,
    sides: facts.sides,
    image: o.image ?? imageRef(),
    ttlSeconds: 120,
    ...(o.bounds ? { bounds: o.bounds } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    emit: o.emit ?? (() => {}),
  });
};

/** The result's cells as "from>to state verdict", sorted. */
const sorted = (xs: string[]) => [...xs].sort();
const summary = (r: { cells: { from: string; to: string; observed: { state: string }; verdict: string }[] }) =>
  r.cells.map((c) => `${c.from}>${c.to} ${c.observed.state} ${c.verdict}`).sort();

describe("reachability on the two-node bed", () => {
  it("mybr0 (an island): same-host pairs reachable and cross-host pairs unreachable, all as expected", async () => {
    const events = await check(`${NS}/island`);
    const done = events.find((e) => e.type === "done");
    if (done?.type !== "done") throw new Error(`no result: ${JSON.stringify(events.slice(-3))}`);
    const r = done.result;
    const [a, b] = [first().name, second().name];
    expect(summary(r)).toEqual(
      sorted([
        `${a}>${a} reachable as-expected`,
        `${a}>${b} unreachable as-expected`,
        `${b}>${a} unreachable as-expected`,
        `${b}>${b} reachable as-expected`,
      ]),
    );
    expect(r.headline).toBe("All 4 tested pairs as expected");
    for (const n of r.nodes)
      expect(n.pods.map((p) => p.address)).toEqual([
        expect.stringMatching(/^192\.168\.55\./),
        expect.stringMatching(/^192\.168\.55\./),
      ]);
    expect(r.findings).toEqual([]);
    // Progress came live, per probe, before the result.
    expect(events.filter((e) => e.type === "probe").length).toBeGreaterThan(4);
    expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
  });

  it("a reconnecting stream (the browser's lastEventId) starts no second run", async () => {
    const caller = appRouter.createCaller(createInnerContext({ sources: registry }));
    const stream = await caller.reach.check({ network: `${NS}/island`, lastEventId: "7" });
    const events: unknown[] = [];
    for await (const [, e] of stream as AsyncIterable<[string, ReachEvent]>) events.push(e);
    expect(events).toEqual([{ type: "failed", message: expect.stringMatching(/^the connection dropped/) }]);
    expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
  });

  it("a user who may read but not run pods sees which rights are missing, and no pod is created", async () => {
    const events = await check(`${NS}/island`, "restricted");
    expect(events).toEqual([
      {
        type: "failed",
        message: `you may not run probe pods in ${NS}`,
        missing: expect.arrayContaining([`needs create on pods in ${NS}`, `needs create on jobs.batch in ${NS}`]),
      },
    ]);
    expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
  });

  it("macvlan over ens9: all reachable; with one node's ens9 down the cross-host pairs are unexpected and check --probe exits 1", async () => {
    const [a, b] = [first().name, second().name];
    const ok = await runCli(["--probe", `${NS}/over-ens9`, "--format", "json"]);
    expect(ok.code, ok.stderr).toBe(0);
    const r = JSON.parse(ok.stdout);
    expect(summary(r)).toEqual(
      sorted([
        `${a}>${a} reachable as-expected`,
        `${a}>${b} reachable as-expected`,
        `${b}>${a} reachable as-expected`,
        `${b}>${b} reachable as-expected`,
      ]),
    );
    ip(second().netns, ["link", "set", "ens9", "down"]);
    try {
      // Once the node's NodeNetworkState says so, the checks start with the observed fact.
      const nnsPath = `/apis/nmstate.io/v1beta1/nodenetworkstates/${b}`;
      for (const deadline = Date.now() + 30_000; ; await new Promise((res) => setTimeout(res, 300))) {
        const body = JSON.stringify((await kubeRequest(c, "GET", nnsPath)).body);
        if (/"name":"ens9"[^}]*"state":"down"/i.test(body)) break;
        if (Date.now() > deadline) throw new Error("NodeNetworkState never reported ens9 down");
      }
      const broken = await runCli(["--probe", `${NS}/over-ens9`]);
      expect(broken.code, broken.stderr).toBe(1);
      expect(broken.stdout).toContain(`Observed: ens9 is down on ${b}`);
      expect(broken.stdout).toMatch(/of 4 tested pairs unexpected/);
      expect(broken.stdout).toMatch(new RegExp(`${a} → ${b}: unexpected: both hang off parent NIC ens9`));
      const json = JSON.parse((await runCli(["--probe", `${NS}/over-ens9`, "--format", "json"])).stdout);
      const cross = json.cells.filter((c: { from: string; to: string }) => c.from !== c.to);
      expect(cross.map((c: { verdict: string }) => c.verdict)).toEqual(["unexpected", "unexpected"]);
      const finding = json.findings.find((f: { code: string }) => f.code === "reach-unexpected-failure");
      expect(finding?.message).toMatch(new RegExp(`between ${a} and ${b} could not reach each other`));
    } finally {
      ip(second().netns, ["link", "set", "ens9", "up"]);
    }
    expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
  }, 240_000);
});

describe("a server killed mid-run", () => {
  it("leaves no probe pod, owner Job or container once the TTL has passed: the cluster removes the run itself", {
    timeout: 300_000,
  }, async () => {
    const ttl = 30;
    const killed = spawnCli(["--probe", `${NS}/island`], { PLUMBLINE_PROBE_TTL_SECONDS: String(ttl) }, true);
    const started = Date.now();
    for (;;) {
      if ((await leftovers()).pods > 0) break;
      if (Date.now() - started > 60_000) throw new Error("no probe pod appeared");
      await new Promise((r) => setTimeout(r, 200));
    }
    // SIGKILL: no handler runs, nothing is cleaned up by the process, and no sweep runs after it.
    process.kill(-(killed.pid ?? 0), "SIGKILL");
    await killed.done;
    expect((await leftovers()).pods).toBeGreaterThan(0);
    // Left-over probe pods are Plumbline's own machinery: the dashboard never draws them.
    const caller = appRouter.createCaller(createInnerContext({ sources: registry }));
    const pods = (await caller.topology.get({})).topology.elements.filter((e) => e.kind === "pod");
    expect(pods.filter((p) => p.name.startsWith("plumbline-probe-"))).toEqual([]);
    // The owner Job fails at its deadline (the TTL), the TTL-after-finished controller deletes it, the garbage
    // collector its pods, the kubelets their containers (at their next container GC, within a minute or so).
    await new Promise((r) => setTimeout(r, ttl * 1000 - (Date.now() - started)));
    const left = await waitForNothingLeft(bed.nodes, NS, leftovers, 150_000);
    expect(left).toEqual({ pods: 0, jobs: 0, containers: [] });
  });
});

describe("faults end within their bound with a reason, and leave nothing", () => {
  it("an image that cannot be pulled", async () => {
    const r = await direct(`${NS}/island`, { image: "plumbline.local/absent:1", bounds: { start: 30_000 } });
    expect(r?.nodes[0]?.problem).toMatch(/the image cannot be pulled/);
    expect(r?.nodes[1]?.problem).toMatch(/the image cannot be pulled/);
    expect(r?.headline).toBe("Nothing could be tested; 4 not tested");
    expect(r?.findings.map((f) => f.code)).toEqual(["reach-not-tested", "reach-not-tested"]);
    expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
  });

  it("a network whose pods get no address", async () => {
    const r = await direct(`${NS}/no-ipam`, {});
    expect(r?.nodes[0]?.problem).toBe("net1 is attached without an address: the network's IPAM gave none");
    expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
  });

  it("a node with no room for the probes (its CPU taken)", async () => {
    const n = (await kubeRequest(c, "GET", `/api/v1/nodes/${first().name}`)).body as {
      status: { allocatable: { cpu: string } };
    };
    const milli = (q: string) => (q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000);
    await applyObjects(c, [
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "filler", namespace: NS },
        spec: {
          nodeName: first().name,
          terminationGracePeriodSeconds: 1,
          containers: [
            {
              name: "c",
              image: imageRef(),
              imagePullPolicy: "Never",
              resources: { requests: { cpu: `${milli(n.status.allocatable.cpu) - 5}m` } },
            },
          ],
        },
      },
    ]);
    try {
      const t0 = Date.now();
      const r = await direct(`${NS}/island`, { bounds: { start: 8_000 } });
      expect(r?.nodes[0]?.problem).toMatch(
        /not scheduled and started within 8 s: the node has no room for the probe: .*Insufficient cpu/,
      );
      expect(Date.now() - t0).toBeLessThan(60_000);
    } finally {
      await kubeRequest(c, "DELETE", `/api/v1/namespaces/${NS}/pods/filler?gracePeriodSeconds=0`);
    }
    expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
  });

  it("a tainted node and a cordoned one, for probes that tolerate no taint: each says which, within the bound", async () => {
    const kube = new ProbeKube(testKubeConfig(c.kubeconfigPath, "admin"));
    const nodePath = (n: string) => `/api/v1/nodes/${n}`;
    const patch = (n: string, spec: unknown) =>
      kubeRequest(c, "PATCH", nodePath(n), { body: { spec }, contentType: "application/merge-patch+json" });
    await patch(first().name, { taints: [{ key: "dedicated", value: "infra", effect: "NoSchedule" }] });
    await patch(second().name, { unschedulable: true });
    try {
      const pod = (key: string, node: string) => ({
        key,
        node,
        image: imageRef(),
        command: ["sh", "-c", "true"],
        tolerations: "none" as const,
      });
      const run = await ProbeRun.start(kube, {
        namespace: NS,
        purpose: "test",
        ttlSeconds: 60,
        pods: [pod("t", first().name), pod("u", second().name)],
      });
      try {
        const out = await run.waitEach(["t", "u"], started, { boundMs: 6_000, what: "scheduled and started" });
        expect(out.get("t")).toMatchObject({
          ok: false,
          reason: expect.stringMatching(
            /not scheduled and started within 6 s: the node has a taint the probe does not tolerate: .*untolerated taint/,
          ),
        });
        expect(out.get("u")).toMatchObject({
          ok: false,
          reason: expect.stringMatching(/not scheduled and started within 6 s: the node is cordoned/),
        });
      } finally {
        await run.stop({ wait: true });
      }
    } finally {
      await patch(first().name, { taints: null });
      await patch(second().name, { unschedulable: null });
    }
    expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
  });

  it("a run cancelled while its probes start", async () => {
    const ac = new AbortController();
    const run = direct(`${NS}/island`, {
      signal: ac.signal,
      emit: (e) => {
        if (e.type === "probe") ac.abort(new Error("cancelled by the user"));
      },
    });
    await expect(run).rejects.toThrow("cancelled by the user");
    expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
  });
});

function runCli(args: string[], env: Record<string, string> = {}) {
  return spawnCli(args, env).done;
}

/** `npm run check` as a user runs it (its own process group when `detached`, so a test can SIGKILL all of it). */
function spawnCli(args: string[], env: Record<string, string>, detached = false) {
  const argv = [
    "tsx",
    "--tsconfig",
    "tsconfig.json",
    "scripts/check.ts",
    ...args,
    "--kubeconfig",
    c.kubeconfigPath,
    "--context",
    "admin",
  ];
  const p = spawn("npx", argv, { env: { ...process.env, PLUMBLINE_PROBE_IMAGE: imageRef(), ...env }, detached });
  let stdout = "";
  let stderr = "";
  p.stdout.on("data", (d) => {
    stdout += d;
  });
  p.stderr.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    p.on("exit", (code) => resolve({ code, stdout, stderr })),
  );
  return { pid: p.pid, done };
}
