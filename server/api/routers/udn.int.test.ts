import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asKubeObject } from "@/lib/k8s/objects";
import { udnFieldOf } from "@/lib/udn-form/api-field";
import { newUdnForm, type UdnFormInput, udnFormSchema } from "@/lib/udn-form/schema";
import { toUdnObject } from "@/lib/udn-form/to-object";
import { cudnScenarios } from "@/testing/fixtures/udn/examples";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { SourceRegistry } from "../../sources/registry";
import { LiveWriter } from "../../writers/live-writer";
import { isWriteError } from "../../writers/types";
import { appRouter } from "../root";
import { createInnerContext } from "../trpc";

// Creating OVN-Kubernetes user-defined networks through the udn router against the test bed's real kube-apiserver
// with the vendored UDN/CUDN CRDs: the CRD's CEL rules run in the dry run and their reasons land on the form's fields.

let cluster: TestCluster;
let registry: SourceRegistry;
const NS = "multus-test";

beforeAll(async () => {
  cluster = await startTestCluster();
  registry = new SourceRegistry(
    {
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_CONTEXT: "admin",
      PLUMBLINE_CONTEXTS: ["admin", "restricted"],
    },
    100,
  );
});
afterAll(async () => {
  await registry?.closeAll();
  await cluster?.stop();
});

const caller = () => appRouter.createCaller(createInnerContext({ sources: registry }));
const form = (over: Partial<UdnFormInput>, kind: UdnFormInput["kind"] = "UserDefinedNetwork"): UdnFormInput => ({
  ...newUdnForm(kind, NS),
  ...over,
});
const pathOf = (o: { kind: string; metadata: { name: string; namespace?: string } }) =>
  o.kind === "UserDefinedNetwork"
    ? `/apis/k8s.ovn.org/v1/namespaces/${o.metadata.namespace}/userdefinednetworks/${o.metadata.name}`
    : `/apis/k8s.ovn.org/v1/clusteruserdefinednetworks/${o.metadata.name}`;

describe("udn router on the test bed", () => {
  it("offers both kinds where the API serves them (discovery), and none in the demo, saying why", async () => {
    expect(await caller().udn.available({})).toEqual({ udn: true, cudn: true, reason: null });
    const demo = appRouter.createCaller(
      createInnerContext({ sources: new SourceRegistry({ PLUMBLINE_SOURCE: "demo" }) }),
    );
    const none = await demo.udn.available({});
    expect(none).toMatchObject({ udn: false, cudn: false });
    expect(none.reason).toMatch(/does not serve k8s.ovn.org\/v1 UserDefinedNetworks/);
  });

  const CREATES: UdnFormInput[] = [
    form({
      name: "l2-primary",
      role: "Primary",
      subnets: ["10.100.0.0/16", "fd00:100::/64"],
      persistentIps: true,
      mtu: "1400",
      joinSubnets: ["100.66.0.0/16"],
    }),
    form(
      {
        name: "l3-cudn",
        topology: "Layer3",
        role: "Secondary",
        layer3Subnets: [{ cidr: "10.150.0.0/16", hostSubnet: "24" }],
        selectorNamespaces: [NS, "default"],
      },
      "ClusterUserDefinedNetwork",
    ),
    form(
      {
        name: "ln-cudn",
        topology: "Localnet",
        physicalNetworkName: "physnet1",
        vlanId: "100",
        subnets: ["192.168.100.0/24"],
        excludeSubnets: ["192.168.100.1/32"],
        mtu: "1500",
        selectorLabels: [{ key: "kubernetes.io/metadata.name", value: NS }],
        selectorNamespaces: [],
      },
      "ClusterUserDefinedNetwork",
    ),
  ];
  it.each(CREATES.map((f) => [f.name, f] as const))(
    "%s: dry run, create, and the stored object is the preview",
    async (_, f) => {
      const parsed = udnFormSchema.parse(f);
      expect(await caller().udn.save({ form: parsed, dryRunOnly: true })).toMatchObject({ ok: true, dryRun: true });
      const preview = toUdnObject(parsed);
      expect((await kubeRequest(cluster, "GET", pathOf(preview))).status, "a dry run stores nothing").toBe(404);
      expect(await caller().udn.save({ form: parsed })).toMatchObject({ ok: true, dryRun: false, target: "cluster" });
      const stored = (await kubeRequest(cluster, "GET", pathOf(preview))).body as typeof preview;
      expect(stored.spec).toEqual(preview.spec);
      expect(stored.metadata).toMatchObject(preview.metadata);
      const again = await caller().udn.save({ form: parsed, dryRunOnly: true });
      expect(again).toMatchObject({ ok: false, status: 409, field: "name" });
    },
  );

  it("a CIDR the form's parser takes but the API server's CEL isCIDR() refuses: its reason on that subnet", async () => {
    // Kubernetes' CEL IP library refuses IPv4-mapped IPv6 addresses; Plumbline's parser reads them as IPv6. Only the
    // dry run catches it, and the reason lands on the field.
    const f = udnFormSchema.parse(form({ name: "mapped", subnets: ["::ffff:10.9.0.0/120"], mtu: "1400" }));
    const got = await caller().udn.save({ form: f, dryRunOnly: true });
    expect(got).toMatchObject({ ok: false, status: 422, field: "subnets.0" });
    expect(got.ok === false && got.message).toMatch(/^rejected by the API server: .*CIDR is invalid/);
  });

  it("a name a NAD already has is refused at the name before anything is written (OVN-Kubernetes would not take it over)", async () => {
    const f = udnFormSchema.parse(form({ name: "bridge-main", subnets: ["10.102.0.0/16"] }));
    const got = await caller().udn.save({ form: f, dryRunOnly: true });
    expect(got).toMatchObject({ ok: false, status: 409, field: "name" });
    expect(got.ok === false && got.message).toMatch(/^a NAD multus-test\/bridge-main already exists/);
  });

  it("a user without create on userdefinednetworks is told verb, resource and namespace", async () => {
    const f = udnFormSchema.parse(form({ name: "nope", subnets: ["10.101.0.0/16"] }));
    const got = await caller().udn.save({ context: "restricted", form: f, dryRunOnly: true });
    expect(got).toMatchObject({
      ok: false,
      status: 403,
      message: `forbidden: create userdefinednetworks.k8s.ovn.org in ${NS}`,
    });
  });

  it("reads a created one back as the form shows it (the owner's page)", async () => {
    const got = await caller().udn.get({ kind: "ClusterUserDefinedNetwork", name: "ln-cudn" });
    expect(got.unshown).toEqual([]);
    expect(got.form).toMatchObject({
      topology: "Localnet",
      physicalNetworkName: "physnet1",
      vlanId: 100,
      excludeSubnets: ["192.168.100.1/32"],
    });
  });
});

/**
 * The upstream expectations are kubectl's text on an older API server: "The <Kind> "<name>" is invalid: …" and
 * `Invalid value: "string": …` (the value's type, where kube-apiserver 1.37 shows the value itself). What must be
 * in the server's message are the parts around those.
 */
const expectedParts = (expected: string): string[] =>
  expected
    .replace(/^The \S+ "[^"]+" is invalid: /, "")
    .split(/Invalid value: (?:"string"|"array"|"object"|\d+): /)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");

describe("ovn-kubernetes' e2e CUDN scenarios against the real API server", () => {
  const writer = () => {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfigPath);
    kc.setCurrentContext("admin");
    return new LiveWriter(kc);
  };
  const scenarios = cudnScenarios();
  it.each(scenarios.map((s) => [s.description, s] as const))("%s", async (_, s) => {
    const obj = asKubeObject(s.object);
    if (typeof obj === "string") throw new Error(`${s.description}: ${obj}`);
    const res = await kubeRequest(cluster, "POST", "/apis/k8s.ovn.org/v1/clusteruserdefinednetworks?dryRun=All", {
      body: obj,
    });
    if (!s.expectedErr) {
      expect(res.status, res.text).toBe(201);
      return;
    }
    expect(res.status).toBe(422);
    const message = (res.body as { message?: string }).message ?? "";
    for (const part of expectedParts(s.expectedErr)) expect(message).toContain(part);
    const err = await writer()
      .createObject(obj, "clusteruserdefinednetworks.k8s.ovn.org", true, udnFieldOf)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isWriteError(err) && err.field, "the server's reason lands on this field").toBe(s.serverField);
  });
});
