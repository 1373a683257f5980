import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";
import { type SnapshotServer, startSnapshotServer } from "../snapshot-server";

// Past 8 hosts the cluster view is the matrix; a row clicked keeps it until the host's view comes
// (components/explorer/use-drawn-view.ts). Here the host's view is held back by the browser, as a slow API server
// would: the click must be answered at once all the same (components/explorer/pick-cue.tsx).
const SIZE = { nodes: 10, pods: 400, nads: 8, seed: 1 };
const HELD_MS = 5_000;

test.use({ viewport: { width: 1280, height: 720 } });

let server: SnapshotServer;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startSnapshotServer(SIZE, 10);
});
test.afterAll(async () => server?.stop());

test("a matrix row clicked says at once what it opens, over no row, and the cue goes when the host's view comes", async ({
  page,
}, testInfo) => {
  await page.goto(server.url);
  const matrix = page.getByTestId("overview-matrix");
  await expect(matrix).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("matrix-row-loading")).toHaveCount(0, { timeout: 60_000 });
  const graph = page.getByTestId("graph");
  await expect(graph).toHaveAttribute("data-settled", "true");
  const cue = page.getByTestId("pick-cue");
  await expect(cue).toHaveCount(0);

  // the third row's host: every request naming it (its view's stream, a fetch ahead) is held back a while
  const row = page.getByTestId("matrix-row").nth(2);
  const host = (await row.getAttribute("data-host")) ?? "";
  expect(host).not.toBe("");
  let held = 0;
  await page.route(
    (url) => url.pathname.startsWith("/api/trpc/") && decodeURIComponent(url.search).includes(`"${host}"`),
    async (route) => {
      held += 1;
      await new Promise((r) => setTimeout(r, HELD_MS));
      await route.continue().catch(() => {});
    },
  );
  await row.getByTitle(`Open the host view of ${host}`).click();

  // answered: the matrix kept is busy and dimmed, and a line says what is being opened
  await expect(cue).toBeVisible({ timeout: HELD_MS - 1_000 });
  await expect(cue).toHaveText(`Opening ${host}…`);
  await expect(matrix).toBeVisible();
  const picture = graph.locator(":scope > [aria-busy]");
  await expect(picture).toHaveAttribute("aria-busy", "true");
  await expect(picture).toHaveCSS("opacity", "0.6");
  expect(held).toBeGreaterThan(0);
  // readable (12 px or more), and over no row of the matrix
  const px = await cue.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(px).toBeGreaterThanOrEqual(12);
  const box = await cue.boundingBox();
  if (!box) throw new Error("the cue has no box");
  const rows = await page
    .getByTestId("matrix-row")
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
  for (const r of rows) expect(box.y + box.height <= r.top + 0.5 || box.y >= r.bottom - 0.5).toBe(true);
  await snap(page, testInfo, "pick-cue-opening");

  // the host's view comes: its graph, and no cue
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  await expect(graph).toHaveAttribute("data-settled", "true");
  await expect(cue).toHaveCount(0);
  await expect(picture).toHaveAttribute("aria-busy", "false");
  await expect(picture).toHaveCSS("opacity", "1");
  await snap(page, testInfo, "pick-cue-gone");
});
