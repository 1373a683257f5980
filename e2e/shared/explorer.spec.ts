import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { topologySchema } from "../../lib/contract/schema";
import { snap } from "../screenshot";

const W1 = "host/worker1.ocp46rt.priv.local";
const W2 = "host/worker2.ocp46rt.priv.local";
const node = (page: Page, id: string) => page.getByTestId(`rf__node-${id}`);
const edge = (page: Page, source: string, target: string) =>
  page.getByTestId(`rf__edge-attachment:${source}->${target}`);
const ready = (page: Page) => expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");

test("cluster view: the walk-through's bridge and host-device pods, each on its host", async ({ page }, testInfo) => {
  await page.goto("/");
  await ready(page);
  await expect(edge(page, "pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1", `${W1}/bridge/mybr0`)).toContainText(
    "net1 192.168.12.14",
  );
  await expect(edge(page, "pod/multus-test/pod-b-85ffcd4c7c-xpp2z/if/net1", `${W1}/bridge/mybr0`)).toContainText(
    "net1 192.168.12.11",
  );
  await expect(edge(page, "pod/multus-test/pod-a-66b77fb7f6-wbx5f/if/net1", `${W1}/host-device/ens8`)).toContainText(
    "192.168.12.20",
  );
  await expect(edge(page, "pod/multus-test/pod-b-cc754dd7-pq9km/if/net1", `${W2}/host-device/ens8`)).toContainText(
    "192.168.12.21",
  );
  await expect(node(page, `${W1}/host-device/ens8`)).toContainText("moved into pod");
  // eth0 is hidden until asked for.
  await expect(node(page, "pod/multus-test/pod-a-5bb7694d4-j8g6b/if/eth0")).toHaveCount(0);
  await page.getByLabel("show eth0").check();
  await expect(node(page, "pod/multus-test/pod-a-5bb7694d4-j8g6b/if/eth0")).toContainText("10.128.2.20");
  await page.getByLabel("show eth0").uncheck();
  await snap(page, testInfo, "view-cluster");
});

test("network view: bridge-main is an island on worker1, and the view is a link", async ({ page }, testInfo) => {
  await page.goto("/");
  await ready(page);
  await page.getByRole("tab", { name: "Network" }).click();
  await page.getByLabel("Network to show").selectOption("multus-test/bridge-main");
  await expect(page).toHaveURL(/view=network&target=multus-test%2Fbridge-main/);
  await ready(page);
  await expect(node(page, W1)).toBeVisible();
  await expect(node(page, W2)).toHaveCount(0);
  await expect(node(page, `${W1}/bridge/mybr0`)).toContainText("no uplink: island");
  await expect(node(page, "pod/multus-test/pod-a-66b77fb7f6-wbx5f")).toHaveCount(0);
  await expect(page.getByTestId("view-caption")).toContainText("mybr0 has no uplink");
  await expect(page.getByTestId("view-caption")).toContainText("island on worker1.ocp46rt.priv.local");
  await snap(page, testInfo, "view-network-bridge-main");

  // The same URL opened fresh shows the same view.
  await page.reload();
  await ready(page);
  await expect(node(page, W2)).toHaveCount(0);
  await expect(page.getByLabel("Network to show")).toHaveValue("multus-test/bridge-main");
});

test("network view of macvlan-main joins the parents on both hosts as one L2 segment", async ({ page }, testInfo) => {
  await page.goto("/?view=network&target=multus-test/macvlan-main");
  await ready(page);
  await expect(page.getByTestId(`rf__edge-segment:${W1}/macvlan-parent/ens9->${W2}/macvlan-parent/ens9`)).toContainText(
    "same L2 (ens9)",
  );
  await expect(page.getByTestId("view-caption")).toContainText("share the L2 segment of ens9 across hosts");
  await snap(page, testInfo, "view-network-macvlan-main");
});

test("search 192.168.12.21 focuses pod-b's host-device interface", async ({ page }, testInfo) => {
  await page.goto("/");
  await ready(page);
  await page.getByLabel("Search pod, IP or MAC").fill("192.168.12.21");
  await expect(page.getByRole("listbox", { name: "Search results" })).toContainText("pod-b-cc754dd7-pq9km net1");
  await page.getByLabel("Search pod, IP or MAC").press("Enter");
  const target = node(page, "pod/multus-test/pod-b-cc754dd7-pq9km/if/net1");
  await expect(target).toHaveClass(/selected/);
  await expect(page).toHaveURL(/sel=pod%2Fmultus-test%2Fpod-b-cc754dd7-pq9km%2Fif%2Fnet1/);
  const details = page.getByTestId("details-panel");
  await expect(details).toContainText("multus-test/host-device-main");
  await expect(details).toContainText("ens8 on worker2.ocp46rt.priv.local");
  // Focused: the interface is on screen, near the middle of the canvas.
  const box = await target.boundingBox();
  const canvas = await page.getByTestId("graph-canvas").boundingBox();
  expect(box && canvas).toBeTruthy();
  if (box && canvas) {
    expect(Math.abs(box.x + box.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(canvas.width / 4);
    expect(Math.abs(box.y + box.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(canvas.height / 4);
  }
  await snap(page, testInfo, "search-focus");
});

test("details: a pod shows requested vs attached, a network its config, range use and raw JSON", async ({
  page,
}, testInfo) => {
  await page.goto("/?view=pod&target=multus-test/pod-e-5c7d9f8b6-q4w8z");
  await ready(page);
  await node(page, "pod/multus-test/pod-e-5c7d9f8b6-q4w8z").click({ position: { x: 30, y: 12 } });
  const table = page.getByTestId("requested-vs-attached");
  await expect(table.locator('tr[data-interface="net2"]')).toContainText("multus-test/sriov-net");
  await expect(table.locator('tr[data-interface="net2"]')).toContainText("yes");
  await expect(table.locator('tr[data-interface="net2"]')).toContainText("no");
  await expect(page.getByTestId("details-panel")).toContainText("network-not-found");
  await snap(page, testInfo, "view-pod-details");

  await page.goto("/?sel=network/multus-test/bridge-main");
  await ready(page);
  const details = page.getByTestId("details-panel");
  await expect(details).toContainText("whereabouts");
  await expect(details).toContainText("192.168.12.10 – 192.168.12.200");
  await expect(details).toContainText("2 of 191 addresses in use");
  await expect(details).toContainText("managed by the Cluster Network Operator");
  await expect(details).toContainText('"bridge": "mybr0"');
  await snap(page, testInfo, "details-network");
});

test("host view lists the host's links from NodeNetworkState", async ({ page }, testInfo) => {
  await page.goto("/?view=host&target=worker2.ocp46rt.priv.local&sel=host/worker2.ocp46rt.priv.local");
  await ready(page);
  await expect(node(page, W1)).toHaveCount(0);
  await expect(node(page, `${W2}/macvlan-parent/ens9`)).toBeVisible();
  const details = page.getByTestId("details-panel");
  await expect(details).toContainText("links from NodeNetworkState");
  await expect(details).toContainText("10.0.0.22/24");
  await snap(page, testInfo, "view-host");
});

test("filters narrow the graph and keyboard arrows walk the elements", async ({ page }) => {
  await page.goto("/");
  await ready(page);
  await page.getByLabel("Host filter").selectOption("worker2.ocp46rt.priv.local");
  await expect(node(page, W1)).toHaveCount(0);
  await page.getByLabel("Host filter").selectOption("");
  await expect(node(page, W1)).toBeVisible();
  await page.getByTestId("graph-canvas").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(1);
  await expect(page.getByTestId("details-panel")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
});

test("export downloads a non-empty PNG, an SVG and the topology JSON", async ({ page }) => {
  await page.goto("/");
  await ready(page);
  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "PNG" }).click()]);
  expect(png.suggestedFilename()).toBe("plumbline-cluster.png");
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.length).toBeGreaterThan(10_000);

  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "SVG" }).click()]);
  expect(readFileSync(await svg.path(), "utf8")).toContain("<svg");

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "JSON" }).click()]);
  const topology = topologySchema.parse(JSON.parse(readFileSync(await json.path(), "utf8")));
  expect(topology.elements.some((e) => e.id === `${W1}/bridge/mybr0`)).toBe(true);
});

test("dark mode, and readable at 1280x720", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/");
  await ready(page);
  await snap(page, testInfo, "cluster-1280x720");
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await snap(page, testInfo, "cluster-dark");
});
