import { readdirSync } from "node:fs";
import path from "node:path";
import {
  ApiException,
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  VersionApi,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  crdsDir,
  demoDir,
  grantNamespaceReader,
  type KubeObject,
  kubeRequest,
  readYamlObjects,
  startTestCluster,
  type TestCluster,
} from "./cluster";
import { apiServerCounter } from "./metrics";

let c: TestCluster;
// Through @kubernetes/client-node and the generated kubeconfig, the way the app will talk to it.
const client = (context: "admin" | "restricted"): KubeConfig => {
  const kc = new KubeConfig();
  kc.loadFromFile(c.kubeconfigPath);
  kc.setCurrentContext(context);
  return kc;
};
const httpCode = (p: Promise<unknown>): Promise<number> =>
  p.then(
    () => 200,
    (e: unknown) => {
      if (e instanceof ApiException) return e.code;
      throw e;
    },
  );
const NAD = { group: "k8s.cni.cncf.io", version: "v1", plural: "network-attachment-definitions" } as const;
const nadNames = async (): Promise<string[]> => {
  const list = (await client("admin")
    .makeApiClient(CustomObjectsApi)
    .listNamespacedCustomObject({ ...NAD, namespace: "multus-test" })) as { items: KubeObject[] };
  return list.items.map((i) => i.metadata.name).sort();
};

beforeAll(async () => {
  const t0 = Date.now();
  c = await startTestCluster();
  console.log(`test cluster started + CRDs + seeded in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
});
afterAll(async () => {
  await c?.stop();
});

describe("testbed cluster", () => {
  it("runs kube-apiserver v1.37.2", async () => {
    const v = await client("admin").makeApiClient(VersionApi).getCode();
    expect(v.gitVersion).toBe("v1.37.2");
  });

  it("serves a consistent List from its watch cache and answers a watch-list stream, as a current cluster does", async () => {
    // Over Debian's etcd 3.4 (no RequestWatchProgress) kube-apiserver read every consistent List from etcd (a 20k
    // pods List 2-3x slower than from its cache) and refused watch-list: the bed now builds etcd 3.6 (build-etcd.sh)
    const fromCache = () =>
      apiServerCounter(
        c,
        "apiserver_storage_list_total",
        (l) => l.includes('resource="pods"') && l.includes("watchcache"),
      );
    const before = await fromCache();
    expect((await kubeRequest(c, "GET", "/api/v1/pods")).status).toBe(200);
    expect(await fromCache()).toBe(before + 1);
    const stream = await kubeRequest(
      c,
      "GET",
      "/api/v1/namespaces/multus-test/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1",
    );
    expect(stream.text).toContain('"k8s.io/initial-events-end":"true"');
    expect(stream.text).not.toContain('"type":"ERROR"');
  });

  it("has every vendored CRD established", async () => {
    const api = client("admin").makeApiClient(ApiextensionsV1Api);
    const files = readdirSync(crdsDir()).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      for (const crd of readYamlObjects(path.join(crdsDir(), f)) as KubeObject[]) {
        const got = await api.readCustomResourceDefinition({ name: crd.metadata.name });
        expect(got.status?.conditions?.find((x) => x.type === "Established")?.status, crd.metadata.name).toBe("True");
      }
    }
  });

  it("seeds the demo NADs, owned by the real Network uid", async () => {
    expect(await nadNames()).toEqual(["bridge-main", "host-device-main", "macvlan-main"]);
    const custom = client("admin").makeApiClient(CustomObjectsApi);
    const network = (await custom.getClusterCustomObject({
      group: "operator.openshift.io",
      version: "v1",
      plural: "networks",
      name: "cluster",
    })) as KubeObject;
    const bridge = (await custom.getNamespacedCustomObject({
      ...NAD,
      namespace: "multus-test",
      name: "bridge-main",
    })) as KubeObject;
    expect(bridge.metadata.ownerReferences?.[0]?.uid).toBe(network.metadata.uid);
  });

  it("seeds Pod status and Multus annotations as in the snapshot", async () => {
    const want = (readYamlObjects(path.join(demoDir, "04-pods.yaml")) as KubeObject[]).find(
      (p) => p.metadata.name === "pod-a-5bb7694d4-j8g6b",
    );
    const pod = await client("admin")
      .makeApiClient(CoreV1Api)
      .readNamespacedPod({ namespace: "multus-test", name: "pod-a-5bb7694d4-j8g6b" });
    expect(pod.status?.podIP).toBe("10.128.2.20");
    expect(pod.status?.phase).toBe("Running");
    const key = "k8s.v1.cni.cncf.io/network-status";
    expect(pod.metadata?.annotations?.[key]).toBe(
      (want?.metadata.annotations as Record<string, string> | undefined)?.[key],
    );
  });

  it("seeds NodeNetworkState status", async () => {
    const nns = (await client("admin").makeApiClient(CustomObjectsApi).getClusterCustomObject({
      group: "nmstate.io",
      version: "v1beta1",
      plural: "nodenetworkstates",
      name: "worker1.ocp46rt.priv.local",
    })) as KubeObject;
    const ifaces = (nns.status as { currentState: { interfaces: { name: string; type: string }[] } }).currentState
      .interfaces;
    expect(ifaces).toContainEqual(expect.objectContaining({ name: "mybr0", type: "linux-bridge" }));
  });

  it("seeds Node addresses", async () => {
    const nodes = await client("admin").makeApiClient(CoreV1Api).listNode();
    const w1 = nodes.items.find((n) => n.metadata?.name === "worker1.ocp46rt.priv.local");
    expect(w1?.status?.addresses).toContainEqual({ type: "InternalIP", address: "10.0.0.21" });
  });

  it("enforces RBAC for the restricted user", async () => {
    const core = client("restricted").makeApiClient(CoreV1Api);
    expect(await httpCode(core.listNode())).toBe(403);
    expect(await httpCode(core.listNamespacedPod({ namespace: "multus-test" }))).toBe(403);
    await grantNamespaceReader(c, "restricted", "multus-test");
    const pods = await core.listNamespacedPod({ namespace: "multus-test" });
    expect(pods.items.length).toBe(7);
    expect(
      (
        await kubeRequest(c, "GET", "/apis/k8s.cni.cncf.io/v1/namespaces/multus-test/network-attachment-definitions", {
          token: c.restrictedToken,
        })
      ).status,
    ).toBe(200);
    expect(await httpCode(core.listNamespacedPod({ namespace: "kube-system" }))).toBe(403);
    expect(await httpCode(core.listNode())).toBe(403);
  });

  it("keeps data and port across an apiserver restart", async () => {
    const server = c.server;
    await c.stopApiserver();
    expect((await kubeRequest(c, "GET", "/readyz").catch((e: Error) => e)) instanceof Error).toBe(true);
    await c.startApiserver();
    expect(c.server).toBe(server);
    // Ready is not every kind's watch cache initialised: until it is, a consistent List is answered 429 with a
    // Retry-After (the API server reads such Lists from its cache over etcd 3.6), and a client waits it out
    let names: string[] | undefined;
    for (const until = Date.now() + 30_000; !names; await new Promise((r) => setTimeout(r, 250)))
      names = await nadNames().catch((e: unknown) => {
        if (e instanceof ApiException && e.code === 429 && Date.now() < until) return undefined;
        throw e;
      });
    expect(names).toEqual(["bridge-main", "host-device-main", "macvlan-main"]);
  });
});
