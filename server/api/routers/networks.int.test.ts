import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NetworkFormInput, networkFormSchema, toNad, toOperatorEntry } from "@/lib/network-form/schema";
import { NETWORKS_ANNOTATION } from "@/lib/pod/annotations";
import { grantNamespaceReader, kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { SourceRegistry } from "../../sources/registry";
import { appRouter } from "../root";
import { createInnerContext } from "../trpc";

let cluster: TestCluster;
let registry: SourceRegistry;

beforeAll(async () => {
  cluster = await startTestCluster();
  await grantNamespaceReader(cluster, "restricted", "multus-test");
  registry = new SourceRegistry(
    { PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: cluster.kubeconfigPath, PLUMBLINE_CONTEXT: "admin" },
    100,
  );
});

afterAll(async () => {
  await registry?.closeAll();
  await cluster?.stop();
});

const caller = () => appRouter.createCaller(createInnerContext({ sources: registry }));
const NS = "multus-test";
const nadPath = (name: string) => `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions/${name}`;
const readNad = async (name: string) =>
  (await kubeRequest(cluster, "GET", nadPath(name))).body as {
    spec: { config: string };
    metadata: { annotations?: Record<string, string>; resourceVersion: string };
  };

const whereabouts = {
  type: "whereabouts",
  range: "192.168.40.0/24",
  range_start: "192.168.40.10",
  range_end: "192.168.40.99",
  exclude: ["192.168.40.1/32"],
} as const;
const FORMS: NetworkFormInput[] = [
  {
    name: "t-bridge",
    namespace: NS,
    target: "nad",
    main: { type: "bridge", bridge: "br40", vlan: 40, mtu: 9000, isGateway: true },
    ipam: { ...whereabouts, exclude: [...whereabouts.exclude] },
  },
  {
    name: "t-macvlan",
    namespace: NS,
    target: "nad",
    main: { type: "macvlan", master: "ens9", mode: "private" },
    ipam: { type: "dhcp" },
  },
  {
    name: "t-ipvlan",
    namespace: NS,
    target: "nad",
    main: { type: "ipvlan", master: "ens9", mode: "l3" },
    ipam: { type: "static", addresses: [{ address: "10.40.0.5/24", gateway: "10.40.0.1" }] },
  },
  {
    name: "t-hostdev",
    namespace: NS,
    target: "nad",
    main: { type: "host-device", pciBusID: "0000:18:00.1" },
    ipam: { type: "none" },
  },
  {
    name: "t-vlan",
    namespace: NS,
    target: "nad",
    main: { type: "vlan", master: "ens9", vlanId: 140 },
    ipam: {
      type: "host-local",
      ranges: [{ subnet: "10.140.0.0/24", rangeStart: "10.140.0.10", rangeEnd: "10.140.0.50" }],
    },
  },
  {
    name: "t-sriov",
    namespace: NS,
    target: "nad",
    main: { type: "sriov", resourceName: "intel.com/intel_sriov_netdevice", vlan: 12, spoofchk: "on" },
    ipam: { type: "none" },
  },
  {
    name: "t-raw",
    namespace: NS,
    target: "nad",
    main: {
      type: "raw",
      config: JSON.stringify({
        cniVersion: "0.4.0",
        name: "t-raw",
        plugins: [
          { type: "bridge", bridge: "br-raw", ipam: {} },
          { type: "tuning", mtu: 1400 },
        ],
      }),
    },
    ipam: { type: "none" },
  },
];

describe("creating networks against a real kube-apiserver", () => {
  it.each(FORMS.map((f) => [f.main.type, f] as const))(
    "a %s network is created as a NAD exactly as previewed",
    async (_type, input) => {
      const res = await caller().networks.save({ form: networkFormSchema.parse(input), mode: "create" });
      expect(res).toMatchObject({ ok: true, dryRun: false, target: "cluster" });
      const preview = toNad(networkFormSchema.parse(input));
      const stored = await readNad(input.name);
      expect(stored.spec.config).toBe(preview.spec.config);
      expect(stored.metadata.annotations ?? {}).toMatchObject(preview.metadata.annotations ?? {});
    },
  );

  it("adds an operator entry to the cluster Network CR, keeping the entries already there", async () => {
    const form = networkFormSchema.parse({
      name: "t-operator",
      namespace: NS,
      target: "operator",
      main: { type: "macvlan", master: "ens9", mode: "bridge" },
      ipam: { type: "dhcp" },
    });
    expect(await caller().networks.save({ form, mode: "create" })).toMatchObject({ ok: true });
    const network = (await kubeRequest(cluster, "GET", "/apis/operator.openshift.io/v1/networks/cluster")).body as {
      spec: { additionalNetworks: { name: string }[] };
    };
    expect(network.spec.additionalNetworks.map((e) => e.name)).toEqual([
      "bridge-main",
      "host-device-main",
      "t-operator",
    ]);
    expect(network.spec.additionalNetworks[2]).toEqual(toOperatorEntry(form));
    // Creating it again is refused at the name.
    expect(await caller().networks.save({ form, mode: "create" })).toMatchObject({
      ok: false,
      status: 409,
      field: "name",
    });
  });

  it("a dry run catches a taken name and stores nothing", async () => {
    const taken = networkFormSchema.parse({ ...FORMS[0], name: "bridge-main" });
    const res = await caller().networks.save({ form: taken, mode: "create", dryRunOnly: true });
    expect(res).toEqual({
      ok: false,
      status: 409,
      field: "name",
      message: "name taken: network-attachment-definitions multus-test/bridge-main already exists",
    });
    const fresh = networkFormSchema.parse({ ...FORMS[0], name: "t-dry" });
    expect(await caller().networks.save({ form: fresh, mode: "create", dryRunOnly: true })).toEqual({
      ok: true,
      dryRun: true,
      target: "cluster",
    });
    expect((await kubeRequest(cluster, "GET", nadPath("t-dry"))).status).toBe(404);
  });

  it("the restricted user gets a readable 403 naming verb, resource and namespace", async () => {
    const restricted = appRouter.createCaller(createInnerContext({ sources: registry }));
    const res = await restricted.networks.save({
      context: "restricted",
      form: networkFormSchema.parse({ ...FORMS[1], name: "t-forbidden" }),
      mode: "create",
    });
    expect(res).toEqual({
      ok: false,
      status: 403,
      message: "forbidden: create network-attachment-definitions in multus-test",
    });
  });

  it("an edit with a stale resourceVersion reports the conflict instead of overwriting", async () => {
    const opened = await caller().networks.get({ namespace: NS, name: "t-macvlan" });
    expect(opened.form.main).toMatchObject({ type: "macvlan", master: "ens9", mode: "private" });
    // Someone else changes it meanwhile.
    const other = await readNad("t-macvlan");
    await kubeRequest(cluster, "PUT", nadPath("t-macvlan"), {
      body: {
        apiVersion: "k8s.cni.cncf.io/v1",
        kind: "NetworkAttachmentDefinition",
        metadata: { name: "t-macvlan", namespace: NS, resourceVersion: other.metadata.resourceVersion },
        spec: { config: other.spec.config.replace("private", "vepa") },
      },
    });
    const form = networkFormSchema.parse({ ...opened.form, main: { ...opened.form.main, mode: "bridge" } });
    const res = await caller().networks.save({
      form,
      mode: "edit",
      resourceVersion: opened.resourceVersion ?? undefined,
    });
    expect(res).toMatchObject({ ok: false, status: 409 });
    expect(res.ok ? "" : res.message).toContain("changed by someone else since you opened it");
    expect(JSON.parse((await readNad("t-macvlan")).spec.config).mode).toBe("vepa");
    // With the current version the edit goes through.
    const again = await caller().networks.get({ namespace: NS, name: "t-macvlan" });
    expect(
      await caller().networks.save({ form, mode: "edit", resourceVersion: again.resourceVersion ?? undefined }),
    ).toMatchObject({ ok: true });
    expect(JSON.parse((await readNad("t-macvlan")).spec.config).mode).toBe("bridge");
  });

  it("refuses to edit an operator-managed NAD directly", async () => {
    const opened = await caller().networks.get({ namespace: NS, name: "bridge-main" });
    expect(opened.managedByOperator).toBe(true);
    const res = await caller().networks.save({
      form: networkFormSchema.parse({ ...opened.form, target: "nad" }),
      mode: "edit",
    });
    expect(res).toMatchObject({ ok: false, field: "target" });
  });

  it("attaching to a Deployment adds to its pod template annotation and keeps the entries already there", async () => {
    const ref = { kind: "Deployment" as const, namespace: NS, name: "pod-a" };
    const res = await caller().networks.attach({
      form: { ...ref, networks: [{ network: "bridge-main", interface: "net2" }] },
    });
    expect(res).toMatchObject({ ok: true, annotation: "host-device-main,bridge-main@net2" });
    const dep = (await kubeRequest(cluster, "GET", `/apis/apps/v1/namespaces/${NS}/deployments/pod-a`)).body as {
      spec: { template: { metadata: { annotations: Record<string, string> } } };
    };
    expect(dep.spec.template.metadata.annotations[NETWORKS_ANNOTATION]).toBe("host-device-main,bridge-main@net2");
    // A static address needs the JSON form; what was there is kept.
    await caller().networks.attach({
      form: { ...ref, networks: [{ network: "macvlan-main", ip: "192.168.30.50/24" }] },
    });
    const workloads = await caller().networks.workloads({ namespace: NS });
    const podA = workloads.find((w) => w.name === "pod-a");
    expect(JSON.parse(podA?.networks ?? "[]")).toEqual([
      { name: "host-device-main", namespace: NS },
      { name: "bridge-main", namespace: NS, interface: "net2" },
      { name: "macvlan-main", namespace: NS, ips: ["192.168.30.50/24"] },
    ]);
  });

  it("tells the UI which controls to disable, and which permission is missing", async () => {
    const admin = await caller().networks.permissions({ namespace: NS });
    expect(admin?.create).toEqual({ allowed: true, missing: null });
    const restricted = await caller().networks.permissions({ context: "restricted", namespace: NS });
    expect(restricted?.create).toEqual({
      allowed: false,
      missing: "needs create on network-attachment-definitions.k8s.cni.cncf.io in multus-test",
    });
    expect(restricted?.attach.allowed).toBe(false);
  });

  it("deletes a NAD", async () => {
    expect(await caller().networks.remove({ namespace: NS, name: "t-vlan", target: "nad" })).toMatchObject({
      ok: true,
    });
    expect((await kubeRequest(cluster, "GET", nadPath("t-vlan"))).status).toBe(404);
  });
});
