import { readFileSync } from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
import { expect, type Page } from "@playwright/test";
import type { KubeResponse } from "../../testing/testbed/cluster";
import { podSchema, testbedInfoSchema } from "../../testing/testbed/node/api-schemas";
import { NODE_NAME } from "../../testing/testbed/node/config";
import { imageRef } from "../../testing/testbed/node/image";
import { list, networkStatus, type Pod, requestOn, until } from "../../testing/testbed/node/truth";

/** The test bed with a node that playwright.node.config.ts started (testing/testbed/run.ts --with-node). */
export function nodeBed(): {
  request: (method: string, path: string, body?: unknown) => Promise<KubeResponse>;
  node: { name: string; netns: string; cgroupRoot: string; versions: string };
} {
  const file = process.env.PLUMBLINE_NODE_TESTBED_INFO;
  if (!file) throw new Error("PLUMBLINE_NODE_TESTBED_INFO is not set: run with -c playwright.node.config.ts");
  const info = testbedInfoSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  if (!info.node) throw new Error(`${file} has no node: the test bed was started without --with-node`);
  const kc = new KubeConfig();
  kc.loadFromFile(info.kubeconfigPath);
  kc.setCurrentContext("admin");
  const caData = Buffer.from(kc.getCurrentCluster()?.caData ?? "", "base64").toString("utf8");
  const request = requestOn({ server: info.server, caData, adminToken: kc.getCurrentUser()?.token ?? "" });
  return { request, node: info.node };
}

export const NS = "multus-test";

/** A Deployment of one sleeping busybox pod, as the walk-through's pod-a/pod-b. */
export function deployment(name: string, replicas = 1, annotations: Record<string, string> = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: NS },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations },
        spec: {
          // The walk-through runs on one node of the two-node bed (the first, with a NodeNetworkState).
          nodeSelector: { "kubernetes.io/hostname": NODE_NAME },
          terminationGracePeriodSeconds: 1,
          containers: [{ name: "main", image: imageRef(), imagePullPolicy: "Never" }],
        },
      },
    },
  };
}

/** POST, or nothing if it exists (each spec file may run alone). */
export async function ensure(
  request: ReturnType<typeof nodeBed>["request"],
  collection: string,
  body: { metadata: { name: string } },
): Promise<void> {
  const r = await request("POST", collection, body);
  if (r.status !== 201 && r.status !== 409) throw new Error(`POST ${collection}: HTTP ${r.status}: ${r.text}`);
}

/**
 * What a retried test starts from: none of what its first attempt made. Its Deployments (and their pods, whose CNI DEL
 * gives back the addresses and NICs) and its networks are deleted, then the Deployments created afresh.
 */
export async function startOver(
  request: ReturnType<typeof nodeBed>["request"],
  made: { deployments: { name: string; replicas?: number }[]; networks: string[] },
): Promise<void> {
  const deploymentPath = (d: string) => `/apis/apps/v1/namespaces/${NS}/deployments/${d}`;
  for (const { name } of made.deployments)
    await request("DELETE", `${deploymentPath(name)}?propagationPolicy=Foreground`);
  await until("the first attempt's Deployments and pods gone", async () => {
    const pods = await list(request, `/api/v1/namespaces/${NS}/pods`, podSchema);
    const left = pods.filter((p) => made.deployments.some(({ name }) => p.metadata.name.startsWith(`${name}-`)));
    const kept = await Promise.all(
      made.deployments.map(async ({ name }) => (await request("GET", deploymentPath(name))).status),
    );
    return left.length === 0 && kept.every((s) => s === 404) ? true : undefined;
  });
  for (const n of made.networks)
    await request("DELETE", `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions/${n}`);
  for (const { name, replicas } of made.deployments)
    await ensure(request, `/apis/apps/v1/namespaces/${NS}/deployments`, deployment(name, replicas));
}

/** The single pod of Deployment `app` once it runs with `network` in its network-status (the rollout done). */
export function rolledOut(request: ReturnType<typeof nodeBed>["request"], app: string, network: string): Promise<Pod> {
  return until(`Deployment ${NS}/${app} rolled out with ${network}`, async () => {
    const pods = await list(request, `/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${app}`, podSchema);
    const [p] = pods;
    const status = p && networkStatus(p);
    return pods.length === 1 && p?.status?.phase === "Running" && status?.includes(`"${network}"`) ? p : undefined;
  });
}

/** Creates a NAD through the dashboard's form (plain NAD target). */
export async function openNewNetwork(page: Page, name: string): Promise<void> {
  await page.goto("/networks/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Namespace", { exact: true }).fill(NS);
  const nad = page.getByRole("radio", { name: "NetworkAttachmentDefinition" });
  if (await nad.isVisible()) await nad.check();
}

export async function attachThroughForm(page: Page, deploymentName: string, network: string): Promise<void> {
  await page.goto(`/networks/attach?ns=${NS}&workload=Deployment/${deploymentName}`);
  await page.getByLabel("Network", { exact: true }).selectOption(network);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(
    page.getByText(
      `Patched Deployment ${NS}/${deploymentName}: its pods take the new networks as the rollout replaces them.`,
    ),
  ).toBeVisible();
}
