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

async function exportJson(page: Page): Promise<Topology> {
  const [file] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.getByRole("group", { name: "Export" }).getByRole("button", { name: "JSON" }).click(),
  ]);
  return topologySchema.parse(JSON.parse(readFileSync(await file.path(), "utf8")));
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
  const fromMatrix = await exportJson(page);
  expect(fromMatrix.elements.filter((e) => e.kind === "pod")).toHaveLength(pods);
  expect(canonical(fromMatrix)).toEqual(canonical(cli));

  // One host's graph: the export is still the whole cluster, not that host.
  await page.getByTestId("matrix-row").first().getByRole("button").first().click();
  await expect(page).toHaveURL(/view=host/);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  const fromHost = await exportJson(page);
  expect(canonical(fromHost)).toEqual(canonical(cli));
});
