import { expect, type Page, test } from "@playwright/test";
import { parse } from "yaml";
import { snap } from "../screenshot";
import { testbed } from "../testbed";

// Creating OVN-Kubernetes user-defined networks in the browser against the live test bed (the vendored UDN/CUDN
// CRDs with their CEL rules): a Layer2 UDN, a Layer3 CUDN and a Localnet CUDN. Invalid values are refused at their
// field before any request; what only the API server's CEL rules catch comes back from the dry run onto the field.
// Each created object is read back from the API and must equal the preview.

const NS = "multus-test";
const UDNS = `/apis/k8s.ovn.org/v1/namespaces/${NS}/userdefinednetworks`;
const CUDNS = "/apis/k8s.ovn.org/v1/clusteruserdefinednetworks";
const created: string[] = [];
const NAD = `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions/e2e-l2`;

// One story in order (the owner test uses the Layer2 UDN); a retry runs it again from the start on a clean slate.
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  for (const path of [NAD, `${UDNS}/e2e-l2`, `${CUDNS}/e2e-l3`, `${CUDNS}/e2e-localnet`])
    await testbed().request("DELETE", path);
});
test.afterAll(async () => {
  // The other live specs see the seeded cluster: take back what this one made.
  for (const path of created.reverse()) await testbed().request("DELETE", path);
});

/** Counts the save requests (dry runs included) the page sends. */
function saves(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on("request", (r) => {
    if (r.url().includes("udn.save")) seen.count++;
  });
  return seen;
}

async function previewObject(page: Page): Promise<unknown> {
  const text = (await page.getByRole("figure", { name: "YAML preview" }).textContent()) ?? "";
  return parse(text);
}

/** Create, wait for the answer, read the object back from the API: it must be what the preview showed. */
async function createAndCompare(page: Page, path: string, button: string): Promise<Record<string, unknown>> {
  const preview = await previewObject(page);
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByTestId("form-notice")).toContainText("Created");
  created.push(path);
  const res = await testbed().request("GET", path);
  expect(res.status).toBe(200);
  const stored = res.body as { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: unknown };
  expect({ apiVersion: stored.apiVersion, kind: stored.kind, spec: stored.spec }).toEqual({
    apiVersion: (preview as { apiVersion: string }).apiVersion,
    kind: (preview as { kind: string }).kind,
    spec: (preview as { spec: unknown }).spec,
  });
  expect(stored.metadata).toMatchObject((preview as { metadata: Record<string, unknown> }).metadata);
  return stored as Record<string, unknown>;
}

test("the New network page explains the four kinds and offers the served UDN kinds", async ({ page }, testInfo) => {
  await page.goto("/networks/new");
  const udnCard = page.getByTestId("kind-UserDefinedNetwork");
  await expect(udnCard.getByRole("link")).toBeVisible();
  await expect(page.getByTestId("kind-cno")).toContainText("OpenShift");
  await snap(page, testInfo, "udn-kind-guide");
  await udnCard.getByRole("link").click();
  await expect(page).toHaveURL(/\/networks\/udn\/new\?kind=UserDefinedNetwork/);
  await expect(page.getByRole("heading", { name: "New user-defined network" })).toBeVisible();
});

test("a Layer2 UDN: a bad CIDR refused before the request, a CEL-only one by the dry run, then created as previewed", async ({
  page,
}, testInfo) => {
  const sent = saves(page);
  await page.goto(`/networks/udn/new?kind=UserDefinedNetwork&ns=${NS}`);
  // The seeded bridge-main NAD: OVN-Kubernetes would never render a UDN's NAD over it.
  const name = page.getByLabel("Name", { exact: true });
  await name.fill("bridge-main");
  await expect(name).toHaveAccessibleDescription(/a NAD multus-test\/bridge-main already exists/);
  await name.fill("e2e-l2");
  const subnet = page.getByLabel("Subnet", { exact: true });
  await subnet.fill("10.201.0.0");
  await expect(subnet).toHaveAccessibleDescription(/not a CIDR: "10.201.0.0"/);
  await page.getByRole("button", { name: "Check (dry run)" }).click();
  await expect(subnet).toBeFocused();
  expect(sent.count, "nothing is sent while a field is wrong").toBe(0);
  await subnet.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await snap(page, testInfo, "udn-l2-field-error");

  // Kubernetes' CEL isCIDR() refuses an IPv4-mapped IPv6 prefix that Plumbline's own parser takes: the dry run
  // answers, and the API server's reason lands on the subnet.
  await subnet.fill("::ffff:10.9.0.0/120");
  await expect(subnet).not.toHaveAccessibleDescription(/.+/);
  await page.getByRole("button", { name: "Check (dry run)" }).click();
  await expect(subnet).toHaveAccessibleDescription(/rejected by the API server: .*CIDR is invalid/);
  expect(sent.count).toBe(1);
  await subnet.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await snap(page, testInfo, "udn-l2-cel-error");

  await subnet.fill("10.201.0.0/16");
  await page.getByLabel("MTU", { exact: true }).fill("1400");
  await page.getByRole("button", { name: "Check (dry run)" }).click();
  await expect(page.getByTestId("form-notice")).toContainText("The API server accepts this");
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, testInfo, "udn-form");
  await createAndCompare(page, `${UDNS}/e2e-l2`, "Create UserDefinedNetwork");
});

test("a Layer3 CUDN: a /24 without a host subnet size refused at that field, then created as previewed", async ({
  page,
}, testInfo) => {
  const sent = saves(page);
  await page.goto(`/networks/udn/new?kind=ClusterUserDefinedNetwork&ns=${NS}`);
  await page.getByLabel("Name", { exact: true }).fill("e2e-l3");
  await page.getByRole("radio", { name: "Layer3" }).check();
  await page.getByLabel("CIDR 1", { exact: true }).fill("10.202.0.0/24");
  await page.getByRole("button", { name: "Create ClusterUserDefinedNetwork" }).click();
  const host = page.getByLabel("Host subnet 1 (prefix)", { exact: true });
  await expect(host).toHaveAccessibleDescription(/required for a \/24/);
  expect(sent.count).toBe(0);
  await host.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await snap(page, testInfo, "cudn-l3-field-error");
  await host.fill("26");
  await expect(host).not.toHaveAccessibleDescription(/.+/);
  await createAndCompare(page, `${CUDNS}/e2e-l3`, "Create ClusterUserDefinedNetwork");
});

test("a Localnet CUDN: no physical network name refused at the field, then created with VLAN and exclusions", async ({
  page,
}, testInfo) => {
  const sent = saves(page);
  await page.goto(`/networks/udn/new?kind=ClusterUserDefinedNetwork&ns=${NS}`);
  await page.getByLabel("Name", { exact: true }).fill("e2e-localnet");
  await page.getByRole("radio", { name: "Localnet" }).check();
  await page.getByLabel("Subnet", { exact: true }).fill("192.168.150.0/24");
  await page.getByRole("button", { name: "+ Exclude" }).click();
  await page.getByLabel("Excluded subnet", { exact: true }).fill("192.168.150.1/32");
  await page.getByLabel("VLAN (access)", { exact: true }).fill("150");
  await page.getByRole("button", { name: "Check (dry run)" }).click();
  const phys = page.getByLabel("Physical network name", { exact: true });
  await expect(phys).toHaveAccessibleDescription(/required: the localnet name of a bridge mapping/);
  expect(sent.count).toBe(0);
  await phys.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await snap(page, testInfo, "cudn-localnet-field-error");
  await phys.fill("physnet1");
  await snap(page, testInfo, "cudn-localnet-form");
  await createAndCompare(page, `${CUDNS}/e2e-localnet`, "Create ClusterUserDefinedNetwork");
});

test("a NAD OVN-Kubernetes rendered from a UDN is edited through its owner", async ({ page }, testInfo) => {
  const owner = (await testbed().request("GET", `${UDNS}/e2e-l2`)).body as { metadata: { uid: string } };
  expect(owner.metadata.uid).toBeTruthy();
  // What OVN-Kubernetes would render (the test bed runs no OVN-Kubernetes): the NAD, owned by its UDN.
  const nad = {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: {
      name: "e2e-l2",
      namespace: NS,
      labels: { "k8s.ovn.org/user-defined-network": "" },
      ownerReferences: [
        {
          apiVersion: "k8s.ovn.org/v1",
          kind: "UserDefinedNetwork",
          name: "e2e-l2",
          uid: owner.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      config: JSON.stringify({
        cniVersion: "1.0.0",
        type: "ovn-k8s-cni-overlay",
        name: `${NS}_e2e-l2`,
        topology: "layer2",
        subnets: "10.201.0.0/16",
        role: "secondary",
        netAttachDefName: `${NS}/e2e-l2`,
      }),
    },
  };
  const res = await testbed().request(
    "POST",
    `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`,
    nad,
  );
  expect(res.status, res.text).toBe(201);
  created.push(NAD);

  // In the explorer, the network's Edit goes straight to its owner (the topology marks it rendered by OVN-Kubernetes).
  await page.goto(`/?sel=${encodeURIComponent(`network/${NS}/e2e-l2`)}`);
  const edit = page.getByRole("group", { name: "Network actions" }).getByRole("link", { name: "Edit" });
  await expect(edit).toHaveAttribute("href", /\/networks\/udn\/view\?kind=UserDefinedNetwork/);

  await page.goto(`/networks/edit?ns=${NS}&name=e2e-l2`);
  const owned = page.getByTestId("udn-owned");
  await expect(owned).toContainText(`rendered by OVN-Kubernetes from UserDefinedNetwork ${NS}/e2e-l2`);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await snap(page, testInfo, "nad-owned-by-udn");
  await owned.getByRole("link", { name: `Open UserDefinedNetwork ${NS}/e2e-l2` }).click();
  await expect(page).toHaveURL(/\/networks\/udn\/view\?/);
  await expect(page.getByLabel("Subnet", { exact: true })).toHaveValue("10.201.0.0/16");
  await expect(page.getByRole("link", { name: "Clone to change it" })).toBeVisible();
  await snap(page, testInfo, "udn-view");
});
