import { readFileSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { decodePng } from "../image";
import { snap } from "../screenshot";
import { visibleTextSizes } from "../text-size";

const W1 = "host/worker1.ocp46rt.priv.local";
const node = (page: Page, id: string) => page.getByTestId(`rf__node-${id}`);
// The layout runs in a Web Worker; on a loaded machine it can take a while.
const ready = (page: Page) =>
  expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 30_000 });

test.use({ viewport: { width: 1280, height: 720 } });

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return file.path();
}

const intersects = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxes(list: Locator) {
  const out = [];
  for (const l of await list.all()) {
    const b = await l.boundingBox();
    if (b) out.push(b);
  }
  return out;
}

test("the PNG export shows the graph at 1:1 over most of the image, on the theme's background", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await ready(page);
  const png = readFileSync(await download(page, "PNG"));
  const image = await decodePng(page, png);
  testInfo.attach("export.png", { body: png, contentType: "image/png" });
  // 1:1: the host box of worker1 is as wide in the image as it is on screen at zoom 1
  const hostWidth = await node(page, W1).evaluate((el) => (el instanceof HTMLElement ? el.offsetWidth : 0));
  expect(image.width).toBeGreaterThan(hostWidth);
  expect(image.spanX).toBeGreaterThan(0.85);
  expect(image.spanY).toBeGreaterThan(0.85);
  expect(image.content).toBeGreaterThan(0.5);
  expect(image.corner).toBe("#f8fafc");

  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  const dark = await decodePng(page, readFileSync(await download(page, "PNG")));
  expect(dark.corner).toBe("#020617");
  expect(dark.content).toBeGreaterThan(0.5);
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
});

test("the SVG export has the node labels as text at 10 px or more", async ({ page, browser }) => {
  await page.goto("/");
  await ready(page);
  const svg = readFileSync(await download(page, "SVG"), "utf8");
  const viewer = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await viewer.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  const texts = await viewer.locator("body").evaluate((body) => {
    const out: { text: string; px: number }[] = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || el.closest("style")) continue;
      const r = document.createRange();
      r.selectNodeContents(n);
      const h = r.getBoundingClientRect().height;
      if (h === 0) continue;
      const scale =
        el instanceof HTMLElement && el.offsetHeight > 0 ? el.getBoundingClientRect().height / el.offsetHeight : 1;
      out.push({ text, px: Number.parseFloat(getComputedStyle(el).fontSize) * scale });
    }
    return out;
  });
  await viewer.close();
  const mybr0 = texts.find((t) => t.text === "mybr0");
  expect(mybr0?.px ?? 0).toBeGreaterThanOrEqual(10);
  expect(texts.filter((t) => t.text.includes("worker1.ocp46rt.priv.local")).length).toBeGreaterThan(0);
  const small = texts.filter((t) => t.px < 10);
  expect(small, JSON.stringify(small.slice(0, 5))).toEqual([]);
});

test("no toolbar covers a node after fit-to-view or after a search zoom", async ({ page }, testInfo) => {
  await page.goto("/");
  await ready(page);
  const controls = page.locator('[data-testid="graph-toolbar"], .react-flow__panel');
  const nodes = page.locator(".react-flow__node");
  await expect(nodes.first()).toBeVisible();
  const check = async () => {
    const panels = await boxes(controls);
    expect(panels.length).toBeGreaterThan(0);
    for (const n of await boxes(nodes)) for (const p of panels) expect(intersects(n, p)).toBe(false);
  };
  await check();
  await page.getByRole("button", { name: "Fit to view" }).click();
  await check();
  await page.getByLabel("Search pod, IP or MAC").fill("192.168.12.21");
  await page.getByLabel("Search pod, IP or MAC").press("Enter");
  const target = node(page, "pod/multus-test/pod-b-cc754dd7-pq9km/if/net1");
  await expect(target).toHaveClass(/selected/);
  await page.waitForTimeout(600); // the focus animation (400 ms) settles; the check is on where it ends
  const t = await target.boundingBox();
  if (!t) throw new Error("the found interface is not on screen");
  for (const p of await boxes(controls)) expect(intersects(t, p)).toBe(false);
  await snap(page, testInfo, "search-zoom-toolbar");
});

test("after a filter the view fits to what is left", async ({ page }, testInfo) => {
  await page.goto("/");
  await ready(page);
  await page.getByLabel("Network filter").selectOption("multus-test/host-device-main");
  await ready(page);
  const canvas = await page.locator(".react-flow").boundingBox();
  const shown = await boxes(page.locator(".react-flow__node"));
  if (!canvas || shown.length === 0) throw new Error("nothing drawn");
  const left = Math.min(...shown.map((b) => b.x));
  const right = Math.max(...shown.map((b) => b.x + b.width));
  const top = Math.min(...shown.map((b) => b.y));
  const bottom = Math.max(...shown.map((b) => b.y + b.height));
  // fitted: the result fills the canvas in at least one direction, and is inside it
  expect(Math.max((right - left) / canvas.width, (bottom - top) / canvas.height)).toBeGreaterThan(0.6);
  expect(left).toBeGreaterThanOrEqual(canvas.x - 1);
  expect(right).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
  await snap(page, testInfo, "filter-fitted");
});

test("labels in the demo's cluster view are 10 px or more on screen at 1280x720", async ({ page }) => {
  await page.goto("/");
  await ready(page);
  const texts = await visibleTextSizes(page.getByTestId("graph"));
  expect(texts.some((t) => t.text === "mybr0")).toBe(true);
  const small = texts.filter((t) => t.px < 10);
  expect(small, JSON.stringify(small.slice(0, 8))).toEqual([]);
});

test("search by range lists every interface inside it to pick from; a node address finds its host", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await ready(page);
  const box = page.getByLabel("Search pod, IP or MAC");
  await box.fill("192.168.12.0/24");
  const list = page.getByRole("listbox", { name: "Search results" });
  await expect(list.getByRole("option")).not.toHaveCount(0);
  expect(await list.getByRole("option").count()).toBeGreaterThanOrEqual(4);
  await expect(list).toContainText("IP 192.168.12.21 in 192.168.12.0/24");
  await expect(page.getByTestId("search-count")).toContainText("matches: pick one");
  await snap(page, testInfo, "search-range");
  await list.getByRole("option").filter({ hasText: "192.168.12.21" }).click();
  await expect(node(page, "pod/multus-test/pod-b-cc754dd7-pq9km/if/net1")).toHaveClass(/selected/);

  await box.fill("10.0.0.22");
  await expect(list).toContainText("node address 10.0.0.22");
  await box.press("Enter");
  await expect(page).toHaveURL(/sel=host%2Fworker2/);
});

test("a new network keeps the others' colours, is drawn with its definition and hosts, and is gone after delete", async ({
  page,
}, testInfo) => {
  const colourOf = (name: string) =>
    page.getByRole("region", { name: "Legend" }).locator(`[data-network="${name}"]`).getAttribute("data-colour");
  await page.goto("/");
  await ready(page);
  const before = {
    macvlan: await colourOf("multus-test/macvlan-main"),
    bridge: await colourOf("multus-test/bridge-main"),
  };
  expect(before.macvlan).toMatch(/^#/);

  await page.goto("/networks/new");
  await page.getByLabel("Name", { exact: true }).fill("empty-net");
  await page.getByLabel("Namespace", { exact: true }).fill("multus-test");
  await page.getByRole("radio", { name: "NetworkAttachmentDefinition" }).check();
  await page.getByRole("radio", { name: "macvlan", exact: true }).check();
  await page.getByLabel("Master interface", { exact: true }).fill("ens9");
  await page.getByLabel("IPAM", { exact: true }).selectOption("whereabouts");
  await page.getByLabel("Range", { exact: true }).fill("192.168.90.0/24");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page).toHaveURL(/sel=network%2Fmultus-test%2Fempty-net/);
  await page.getByRole("button", { name: "Close details" }).click();
  expect(await colourOf("multus-test/macvlan-main")).toBe(before.macvlan);
  expect(await colourOf("multus-test/bridge-main")).toBe(before.bridge);

  // Its own view: the definition, "no pods use it yet", and the hosts that have ens9.
  await page.goto("/?view=network&target=multus-test/empty-net");
  const card = page.getByTestId("empty-network");
  await expect(card).toContainText("No pods use it yet");
  await expect(card).toContainText("macvlan");
  await expect(card).toContainText("192.168.90.0/24");
  await expect(card.locator('[data-fit="present"]')).toHaveCount(2);
  await expect(card).toContainText("worker1.ocp46rt.priv.local");
  await snap(page, testInfo, "network-without-pods");

  // Deleted from its own view: not offered any more, and no "Nothing matches".
  await card.getByRole("button", { name: "multus-test/empty-net" }).click();
  await page.getByRole("button", { name: "Delete" }).first().click();
  await page.getByRole("button", { name: "Delete network" }).click();
  await expect(page.getByLabel("Network to show").locator("option", { hasText: "multus-test/empty-net" })).toHaveCount(
    0,
  );
  await expect(page.getByText("Nothing matches")).toHaveCount(0);
  await expect(page.getByTestId("removed-network")).toContainText("multus-test/empty-net");
  await expect(page.getByLabel("Network filter").locator("option", { hasText: "empty-net" })).toHaveCount(0);
});

test("details and findings are both on screen; Escape clears the selection wherever focus is", async ({ page }) => {
  await page.goto("/?sel=pod/multus-test/pod-e-5c7d9f8b6-q4w8z");
  await ready(page);
  await expect(page.getByTestId("details-panel")).toBeVisible();
  await expect(page.getByRole("region", { name: "Problems" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Problems" }).getByTestId("finding").first()).toBeInViewport();
  // the table's headers stand apart
  const textBox = (name: string) =>
    page.getByRole("columnheader", { name }).evaluate((th) => {
      const r = document.createRange();
      r.selectNodeContents(th);
      const b = r.getBoundingClientRect();
      return { left: b.left, right: b.right };
    });
  const requested = await textBox("requested");
  const attached = await textBox("attached");
  // the words themselves, not their cells, stand at least 8 px apart
  expect(attached.left - requested.right).toBeGreaterThanOrEqual(8);
  // focus in a filter, not on the graph: Escape still clears
  await page.getByLabel("Namespace filter").focus();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("details-panel")).toHaveCount(0);
  await expect(page).not.toHaveURL(/sel=/);
});

test("arrow keys walk one host's elements before the next host's", async ({ page }) => {
  await page.goto("/");
  await ready(page);
  await page.getByTestId("graph-canvas").focus();
  const hosts: string[] = [];
  for (let i = 0; i < 16; i += 1) {
    await page.keyboard.press("ArrowDown");
    const sel = page.locator(".react-flow__node.selected");
    await expect(sel).toHaveCount(1);
    // the host box that holds the selected element
    const host = await sel.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
      for (const h of document.querySelectorAll(".react-flow__node-host")) {
        const r = h.getBoundingClientRect();
        if (cx >= r.left && cx <= r.right && cy >= r.top && cy <= r.bottom) return h.getAttribute("data-id") ?? "";
      }
      return "";
    });
    if (hosts.at(-1) !== host) hosts.push(host);
  }
  // worker1's elements, then worker2's (and, after wrapping around, worker1's again): never back and forth
  expect(hosts.slice(0, 2)).toEqual([W1, "host/worker2.ocp46rt.priv.local"]);
  expect(hosts.length).toBeLessThanOrEqual(3);
});
