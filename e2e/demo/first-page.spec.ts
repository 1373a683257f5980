import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";

const POD_A_NET1 = "pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1";
const MYBR0_W1 = "host/worker1.ocp46rt.priv.local/bridge/mybr0";

test("the demo draws pod-a's net1 with 192.168.12.14 attached to mybr0 on worker1", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByTestId("source-status")).toHaveText(/demo/);
  // The layout runs in a Web Worker: on a loaded machine the first one can take longer than an assertion's default wait.
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 30_000 });

  const iface = page.getByTestId(`rf__node-${POD_A_NET1}`);
  await expect(iface).toBeVisible();
  await expect(iface).toContainText("net1");
  await expect(iface).toContainText("192.168.12.14");

  const bridge = page.getByTestId(`rf__node-${MYBR0_W1}`);
  await expect(bridge).toContainText("mybr0");
  await expect(bridge).toContainText("no uplink");

  // The edge from the interface to the bridge, labelled with interface and address.
  const edge = page.getByTestId(`rf__edge-attachment:${POD_A_NET1}->${MYBR0_W1}`);
  await expect(edge).toBeAttached();
  await expect(edge).toContainText("net1 192.168.12.14");

  // The bridge sits inside worker1's box.
  const host = await page.getByTestId("rf__node-host/worker1.ocp46rt.priv.local").boundingBox();
  const br = await bridge.boundingBox();
  expect(host && br).toBeTruthy();
  if (host && br) {
    expect(br.x).toBeGreaterThan(host.x);
    expect(br.y).toBeGreaterThan(host.y);
    expect(br.x + br.width).toBeLessThan(host.x + host.width);
    expect(br.y + br.height).toBeLessThan(host.y + host.height);
  }
  await snap(page, testInfo, "demo-cluster-view");
});

test("the demo's stuck pod is explained in the findings", async ({ page }, testInfo) => {
  await page.goto("/");
  const finding = page.locator('[data-testid="finding"][data-code="network-not-found"]');
  await expect(finding).toContainText("multus-test/sriov-net");
  await expect(finding).toContainText("pod-e-5c7d9f8b6-q4w8z");
  await snap(page, testInfo, "demo-findings");
});

test("healthz answers", async ({ request }) => {
  const res = await request.get("/api/healthz");
  expect(res.ok()).toBe(true);
  expect(await res.json()).toEqual({ status: "ok" });
});
