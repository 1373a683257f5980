import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";
import { type SnapshotServer, startSnapshotServer } from "../snapshot-server";

// Past 8 hosts the cluster view is the matrix. A host opened from it used to unmount it (`removeChild` of its rows,
// 55–95 ms of a pick at 20k pods), and coming back drew it anew at its top. Now it stays in the page, hidden under the
// host's graph (components/explorer/graph-area.tsx): the same element when the cluster view comes back, scrolled where
// it was, and while hidden neither seen, nor read by a screen reader, nor reachable by the keyboard or the pointer.
const SIZE = { nodes: 60, pods: 600, nads: 8, seed: 1 };

test.use({ viewport: { width: 1280, height: 720 } });

let server: SnapshotServer;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startSnapshotServer(SIZE, 10);
});
test.afterAll(async () => server?.stop());

test("a host opened from the matrix hides it, and the cluster view shows the same matrix where it was scrolled", async ({
  page,
}, testInfo) => {
  await page.goto(server.url);
  const matrix = page.getByTestId("overview-matrix");
  await expect(matrix).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("matrix-row-loading")).toHaveCount(0, { timeout: 60_000 });
  const scroller = page.getByTestId("matrix-scroll");
  await scroller.evaluate((el) => {
    el.scrollTop = 400;
    Object.assign(window, { __matrixSeen: el });
  });
  await expect(page.getByTestId("matrix-row-loading")).toHaveCount(0, { timeout: 60_000 });
  const row = page.getByTestId("matrix-row").nth(10);
  const host = (await row.getAttribute("data-host")) ?? "";
  const other = (await page.getByTestId("matrix-row").nth(11).getAttribute("data-host")) ?? "";
  expect(host).not.toBe("");
  expect(other).not.toBe("");
  await row.getByTitle(`Open the host view of ${host}`).click();

  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  await expect(page.getByTestId("graph")).toHaveAttribute("data-settled", "true");
  await expect(matrix).toBeHidden();
  // one picture: the hidden matrix is not in the accessibility tree (its header, another row's host)
  const read = (await page.getByTestId("graph").ariaSnapshot()).toLowerCase();
  expect(read).not.toContain("host · pods");
  expect(read).not.toContain(other.toLowerCase());
  const canvas = page.getByTestId("graph-canvas");
  const box = await canvas.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(300);
  await snap(page, testInfo, "matrix-kept-host");

  await page.getByRole("tab", { name: "Cluster" }).click();
  await expect(matrix).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("graph-canvas")).toHaveCount(0);
  const same = await scroller.evaluate((el) => ({
    same: (window as unknown as { __matrixSeen?: Element }).__matrixSeen === el,
    top: el.scrollTop,
  }));
  expect(same).toEqual({ same: true, top: 400 });
  await expect(page.getByTestId("matrix-row-loading")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator(`[data-testid=matrix-row][data-host="${host}"]`)).toBeVisible();
  await snap(page, testInfo, "matrix-kept-back");
});
