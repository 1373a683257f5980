import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { parseObjects } from "../../lib/k8s/read-objects";
import { snap } from "../screenshot";
import { type SnapshotServer, startObjectsServer } from "../snapshot-server";
import { visibleText } from "../visible-text";

// The recorded OpenShift Virtualization cluster (testing/fixtures/openshift-virt/cluster.yaml, built from public
// objects, each named there) served as a snapshot file: localnet VMs off br-ex, a layer2 UDN across two workers, a
// CUDN, MultiNetworkPolicies, a live migration, a worker without NodeNetworkState.
const FIXTURE = path.join(process.cwd(), "testing/fixtures/openshift-virt/cluster.yaml");

test.use({ viewport: { width: 1440, height: 900 } });

let server: SnapshotServer;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startObjectsServer(parseObjects(readFileSync(FIXTURE, "utf8"), FIXTURE), 8);
});
test.afterAll(async () => server?.stop());

const node = (page: Page, id: string) => page.getByTestId(`rf__node-${id}`);
async function ready(page: Page) {
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
}

test("every bridge's and switch's name reads whole, or cut in its middle keeping its end with the whole on hover", async ({
  page,
}, testInfo) => {
  // Session 16: the OVN switch "vm-demo.tenant-blue" read "vm-demo.tena…" in the cluster view, and hovering said only
  // "inferred from NADs and pods".
  await page.goto(server.url);
  await ready(page);
  const names = page.locator(".react-flow__node-point .node-title");
  expect(await names.count()).toBeGreaterThanOrEqual(4);
  let cut = 0;
  for (const name of await names.all()) {
    const whole = (await name.textContent()) ?? "";
    const shown = await visibleText(name);
    if (shown === whole) continue;
    cut++;
    await expect(name, `"${whole}" reads "${shown}"`).toHaveAttribute("title", whole);
    const dash = whole.lastIndexOf("-");
    if (dash > 0 && whole.length - dash <= 9) expect(shown.endsWith(whole.slice(dash)), `"${shown}"`).toBe(true);
  }
  // the fixture's switch names are longer than their boxes at this zoom: the check above ran
  expect(cut).toBeGreaterThan(0);
  await snap(page, testInfo, "openshift-virt-point-names");
});

test("a localnet network: VMs' interfaces off br-ex and its NIC, its CUDN and its policies", async ({
  page,
}, testInfo) => {
  const net = "vm-demo/localnet-1924";
  await page.goto(`${server.url}/?view=network&target=${net}&sel=network/${net}`);
  await ready(page);
  for (const host of ["worker-0", "worker-1"]) {
    await expect(node(page, `host/${host}/bridge/br-ex`)).toContainText("OVS bridge");
    await expect(node(page, `host/${host}/bridge/br-ex`)).toContainText("uplink enp1s0");
  }
  await expect(node(page, "host/worker-2/bridge/localnet1 (bridge unknown)")).toContainText("uplink unknown");
  await expect(node(page, "pod/vm-demo/virt-launcher-nfs-x7k2p")).toContainText("VM nfs");
  // the VM's name for its interface first, the pod's hashed name below it
  const nfsIf = node(page, "pod/vm-demo/virt-launcher-nfs-x7k2p/if/poda3f5873eb72");
  await expect(nfsIf).toContainText("vlan-1924");
  await expect(nfsIf).toContainText("pod poda3f5873eb72");
  await expect(
    page.getByTestId(`rf__edge-segment:host/worker-0/bridge/br-ex->host/worker-1/bridge/br-ex`),
  ).toContainText("same L2 (br-ex)");
  await expect(page.getByTestId("view-caption")).toContainText(
    "Leaves each node through br-ex (enp1s0), the OVS bridge its bridge mappings name for localnet1",
  );
  const details = page.getByTestId("details-panel");
  await expect(details).toContainText("rendered by OVN-Kubernetes from ClusterUserDefinedNetwork localnet-1924");
  await expect(details.getByTestId("udn-conditions")).toContainText("NetworkCreated True");
  await expect(details).toContainText("labnet=1924");
  const policies = details.getByTestId("network-policies");
  await expect(policies).toContainText("vm-demo/deny-by-default");
  await expect(policies).toContainText("cuts off all ingress");
  await expect(policies.getByRole("button", { name: "VM nfs vlan-1924" })).toBeVisible();
  // The rendered NAD's config name is OVN's network name (cluster_udn_localnet-1924): no name-mismatch warning.
  await expect(page.getByText("nad-name-mismatch")).toHaveCount(0);
  await snap(page, testInfo, "openshift-virt-localnet");
  // Tall enough that the three workers fit at a zoom where the boxes' details (bridge ports, addresses) show.
  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.getByRole("button", { name: "Fit to view" }).click();
  await expect(node(page, "host/worker-0/bridge/br-ex").getByText("OVS bridge")).toBeVisible();
  await snap(page, testInfo, "localnet-network");
});

test("a layer2 UDN: pods on two workers on one logical switch segment", async ({ page }, testInfo) => {
  const net = "vm-demo/tenant-blue";
  await page.goto(`${server.url}/?view=network&target=${net}&sel=network/${net}`);
  await ready(page);
  const a = "host/worker-0/ovn-switch/vm-demo.tenant-blue";
  const b = "host/worker-1/ovn-switch/vm-demo.tenant-blue";
  await expect(node(page, a)).toContainText("OVN logical switch");
  await expect(page.getByTestId(`rf__edge-segment:${a}->${b}`)).toContainText("same L2 (vm-demo.tenant-blue)");
  await expect(page.getByTestId("view-caption")).toContainText("pods on it share L2 wherever they run");
  const policies = page.getByTestId("details-panel").getByTestId("network-policies");
  await expect(policies).toContainText("pods: app=stuff-doer");
  await expect(policies.getByRole("button", { name: "stuff-doer-b net1" })).toBeVisible();
  await snap(page, testInfo, "openshift-virt-layer2");
});

test("a live-migrating VM: its launcher pod named as the VM, the other pod linked", async ({ page }, testInfo) => {
  const pod = "vm-demo/virt-launcher-ldap-9rq4d";
  await page.goto(`${server.url}/?view=pod&target=${pod}&sel=pod/${pod}`);
  await ready(page);
  await expect(node(page, `pod/${pod}`)).toContainText("VM ldap");
  await expect(node(page, `pod/${pod}`)).toContainText("migration source");
  const details = page.getByTestId("details-panel");
  await expect(details).toContainText("live migration: source pod");
  await expect(details).toContainText("vlan-1924 (VMI)");
  await details.getByRole("button", { name: "vm-demo/virt-launcher-ldap-mz8wt" }).click();
  await expect(page).toHaveURL(/sel=pod%2Fvm-demo%2Fvirt-launcher-ldap-mz8wt/);
  await expect(details).toContainText("live migration: target pod");
  await snap(page, testInfo, "openshift-virt-migration");
});
