import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { type Topology, topologySchema } from "../../lib/contract/schema";
import { topologyCommand } from "../../scripts/topology-cli";
import { type SnapshotServer, startSnapshotServer } from "../snapshot-server";

// A cluster past the overview's thresholds: the page holds hosts, networks and the overview's counts, not one pod.
const SIZE = { nodes: 12, pods: 480, nads: 8, seed: 7 };

test.use({ viewport: { width: 1280, height: 720 } });
test.setTimeout(180_000);

let server: SnapshotServer;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startSnapshotServer(SIZE, 7);
});
test.afterAll(async () => server?.stop());

/** The file the JSON button saves, as saved, and its suggested name. */
async function savedFile(page: Page): Promise<{ text: string; name: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.getByRole("group", { name: "Export" }).getByRole("button", { name: "JSON" }).click(),
  ]);
  return { text: readFileSync(await file.path(), "utf8"), name: file.suggestedFilename() };
}

async function exportJson(page: Page): Promise<Topology> {
  return topologySchema.parse(JSON.parse((await savedFile(page)).text));
}

/** What the JSON button saved before the export was streamed: the tRPC query's topology, pretty-printed. */
async function savedBefore(page: Page): Promise<string> {
  const res = await page.request.get(`${server.url}/api/trpc/topology.get?input=${encodeURIComponent("{}")}`);
  const payload = (await res.json()) as { result: { data: { topology: unknown } } };
  return `${JSON.stringify(payload.result.data.topology, null, 2)}\n`;
}

/** The same data whatever order the findings were gathered in (the incremental store keeps them per part). */
const canonical = (t: Topology) => ({
  elements: t.elements,
  links: t.links,
  findings: t.findings.map((f) => JSON.stringify(f)).sort(),
});

test("the JSON export is the whole topology the topology command prints, not the view the page holds", async ({
  page,
}) => {
  const cli = topologySchema.parse(JSON.parse(await topologyCommand(["--snapshot", server.file, "--format", "json"])));
  const pods = cli.elements.filter((e) => e.kind === "pod").length;
  expect(pods).toBe(SIZE.pods);

  // The cluster view at this size is the matrix, drawn from the overview: no pod is in the page.
  await page.goto(server.url);
  await expect(page.getByTestId("overview-matrix")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("overview-matrix")).toContainText(`${SIZE.pods} pods`);
  await expect(page.getByTestId("graph-canvas")).toHaveCount(0);
  const saved = await savedFile(page);
  expect(saved.name).toBe("plumbline-cluster.json");
  // streamed from /api/export/topology: byte for byte the file the button saved from the tRPC query before
  expect(saved.text).toBe(await savedBefore(page));
  const fromMatrix = topologySchema.parse(JSON.parse(saved.text));
  expect(fromMatrix.elements.filter((e) => e.kind === "pod")).toHaveLength(pods);
  expect(canonical(fromMatrix)).toEqual(canonical(cli));

  // One host's graph: the export is still the whole cluster, not that host.
  await page.getByTestId("matrix-row").first().getByRole("button").first().click();
  await expect(page).toHaveURL(/view=host/);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  const fromHost = await exportJson(page);
  expect(canonical(fromHost)).toEqual(canonical(cli));
});

test("a download cut short is not saved: the button says the export failed, and why", async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId("overview-matrix")).toBeVisible({ timeout: 120_000 });
  // the server's answer, its end cut off as a connection lost after the headers (or a proxy hiding the cut) leaves it
  await page.route("**/api/export/topology?**", async (route) => {
    const res = await route.fetch();
    const body = await res.body();
    await route.fulfill({ response: res, body: body.subarray(0, body.length - 2) });
  });
  let downloads = 0;
  page.on("download", () => downloads++);
  const button = page.getByRole("group", { name: "Export" }).getByRole("button", { name: "JSON" });
  await button.click();
  const alert = page.getByRole("alert").filter({ hasText: "JSON export failed" });
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute("title", /stopped after [\d,]+ bytes, before the file's end; nothing saved/);
  await expect(button).toHaveAttribute("title", /^Export failed: /);
  // the reason is on screen, at a readable size, not only in a tooltip
  await expect(alert).toContainText(/stopped after [\d,]+ bytes, before the file's end; nothing saved/);
  const px = await alert.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(px).toBeGreaterThanOrEqual(12);
  const box = await alert.boundingBox();
  const view = page.viewportSize();
  expect(
    box && view && box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height,
  ).toBe(true);
  await page.screenshot({ path: test.info().outputPath("export-failed.png") });
  expect(downloads).toBe(0);

  // dismissed, it goes; the next failure says it again
  await alert.getByRole("button", { name: "Dismiss" }).click();
  await expect(alert).toHaveCount(0);
  await button.click();
  await expect(alert).toBeVisible();

  // whole again: saved, and the failure no longer said
  await page.unroute("**/api/export/topology?**");
  const again = await savedFile(page);
  expect(again.text).toBe(await savedBefore(page));
  await expect(alert).toHaveCount(0);
});
