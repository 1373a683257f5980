import { expect, type Page, test } from "@playwright/test";
import { NETWORK_STATUS_ANNOTATION, NETWORKS_ANNOTATION } from "../../lib/pod/annotations";
import { snap } from "../screenshot";
import { testbed } from "../testbed";

// A Deployment as the API server holds it, and its pods as its ReplicaSet leaves them (owned by `web-<hash>`, labelled
// with that pod-template-hash). The test bed runs no controllers, so the test plays the rollout itself: it replaces
// a pod, as the Deployment controller would after the template changed.
const NS = "multus-test";
const WEB = `workload/${NS}/Deployment/web`;
const chip = (page: Page) => page.locator(`[data-testid="workload-chip"][data-workload="${WEB}"]`);

function webPod(name: string, hash: string, networks: string, statuses: { name: string; ip: string }[]) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: NS,
      labels: { app: "web", "pod-template-hash": hash },
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: `web-${hash}`, uid: `uid-${hash}`, controller: true },
      ],
      annotations: {
        [NETWORKS_ANNOTATION]: networks,
        [NETWORK_STATUS_ANNOTATION]: JSON.stringify(
          statuses.map((s, i) => ({ name: s.name, interface: `net${i + 1}`, ips: [s.ip] })),
        ),
      },
    },
    spec: { nodeName: "worker1.ocp46rt.priv.local", containers: [{ name: "app", image: "busybox" }] },
  };
}

const DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: NS },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" }, annotations: { [NETWORKS_ANNOTATION]: "bridge-main" } },
      spec: { containers: [{ name: "app", image: "busybox" }] },
    },
  },
};

const PODS = `/api/v1/namespaces/${NS}/pods`;

test("attach on the live test bed: the Deployment's pods take the new network as the rollout replaces them", async ({
  page,
}, testInfo) => {
  const { request } = testbed();
  const created = [
    await request("POST", `/apis/apps/v1/namespaces/${NS}/deployments`, DEPLOYMENT),
    ...(await Promise.all(
      ["web-5d4f-aaaaa", "web-5d4f-bbbbb"].map((name, i) =>
        request(
          "POST",
          PODS,
          webPod(name, "5d4f", "bridge-main", [{ name: `${NS}/bridge-main`, ip: `192.168.12.${60 + i}` }]),
        ),
      ),
    )),
  ];
  expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
  try {
    await page.goto(`/?sel=${WEB}`);
    await expect(page.getByTestId("source-status")).toHaveAttribute("data-state", "live");
    await expect(chip(page).getByTestId("workload-rollout")).toHaveText("2/2 current");

    // The admin attaches macvlan-main through the form: the live writer patches the Deployment's template.
    await page.goto(`/networks/attach?ns=${NS}&network=macvlan-main&workload=Deployment/web`);
    await expect(page.getByTestId("merged-annotation")).toHaveText("bridge-main,macvlan-main");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("link", { name: "Watch them in the topology" }).click();
    await expect(chip(page).getByTestId("workload-rollout")).toHaveText("0/2 current · 2 pending rollout");
    await expect(chip(page).getByTestId("workload-network")).toHaveText(["bridge-main 2/2", "macvlan-main 0/2"]);
    await snap(page, testInfo, "live-workload-pending");

    // The rollout replaces one pod: a new ReplicaSet's pod with both networks.
    expect((await request("DELETE", `${PODS}/web-5d4f-aaaaa?gracePeriodSeconds=0`)).status).toBe(200);
    const replacement = webPod("web-77aa-ccccc", "77aa", "bridge-main,macvlan-main", [
      { name: `${NS}/bridge-main`, ip: "192.168.12.62" },
      { name: `${NS}/macvlan-main`, ip: "192.168.30.62" },
    ]);
    expect((await request("POST", PODS, replacement)).status).toBe(201);
    await expect(chip(page).getByTestId("workload-rollout")).toHaveText("1/2 current · 1 pending rollout");
    await expect(chip(page).getByTestId("workload-network")).toHaveText(["bridge-main 2/2", "macvlan-main 1/2"]);
    const details = page.getByTestId("details-panel");
    await expect(details.getByTestId("workload-pod")).toHaveText([
      /web-5d4f-bbbbb\s*pending rollout/,
      /web-77aa-ccccc\s*current/,
    ]);
    await snap(page, testInfo, "live-workload-replaced");
  } finally {
    // The other specs see the seeded cluster again.
    await request("DELETE", `/apis/apps/v1/namespaces/${NS}/deployments/web`);
    for (const name of ["web-5d4f-aaaaa", "web-5d4f-bbbbb", "web-77aa-ccccc"])
      await request("DELETE", `${PODS}/${name}?gracePeriodSeconds=0`);
  }
});
