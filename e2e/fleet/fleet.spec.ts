import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";

// The fleet view on three API servers (playwright.fleet.config.ts): east and west hold the demo cluster and a
// macvlan-conf each from two public Multus documents (drift); lab is read by a user restricted to namespace lab.

interface FleetInfo {
  kubeconfigPath: string;
  clusters: Record<string, { server: string; apiserverPid?: number }>;
}
const info = (): FleetInfo => JSON.parse(readFileSync(process.env.PLUMBLINE_FLEET_TESTBED_INFO ?? "", "utf8"));

test.describe.configure({ mode: "serial" });

test("the fleet overview: three clusters live, drift between east and west, unknown on lab", async ({
  page,
}, testInfo) => {
  await page.goto("/fleet");
  const card = (ctx: string) => page.locator(`[data-testid=fleet-cluster][data-context=${ctx}]`);
  for (const ctx of ["east", "west", "lab"])
    await expect(card(ctx).getByTestId("cluster-state")).toHaveAttribute("data-state", "live");
  await expect(card("lab")).toContainText("reads namespace lab only");

  const conf = page.locator('[data-testid=fleet-row][data-network="default/macvlan-conf"]');
  await expect(conf).toHaveAttribute("data-drift", "true");
  await expect(conf).toContainText("drift · 2 configs");
  await expect(page.getByTestId("drift-differences").first()).toContainText(
    'plugins[0].ipam.type: "host-local" on east; "static" on west',
  );
  const cells = conf.getByTestId("fleet-cell");
  await expect(cells.nth(0)).toHaveAttribute("data-kind", "present");
  await expect(cells.nth(1)).toHaveAttribute("data-kind", "present");
  await expect(cells.nth(2)).toHaveAttribute("data-kind", "unknown");
  await expect(cells.nth(2)).toHaveText("unknown");

  const storage = page
    .locator('[data-testid=fleet-row][data-network="multus-test/storage-net"]')
    .getByTestId("fleet-cell");
  await expect(storage.nth(1)).toHaveText("missing (a workload asks for it)");
  await expect(storage.nth(2)).toHaveText("unknown");
  await expect(page.getByTestId("fleet-findings").locator("[data-code=fleet-network-drift]")).toContainText(
    "network default/macvlan-conf has 2 different configs on east, west",
  );
  await snap(page, testInfo, "fleet-overview");
  await page.screenshot({ path: testInfo.outputPath("fleet-overview-full.png"), fullPage: true });
  await page.getByLabel("Toggle dark mode").click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: testInfo.outputPath("fleet-overview-dark.png"), fullPage: true });
});

test("fleet search: an address found on lab, opened in lab's own explorer", async ({ page }, testInfo) => {
  await page.goto("/fleet");
  await page.getByLabel("Search every cluster").fill("10.77.0.42");
  const hit = page.getByTestId("fleet-hit");
  await expect(hit).toHaveCount(1);
  await expect(hit).toHaveAttribute("data-cluster", "lab");
  await expect(hit).toContainText("10.77.0.42");
  await snap(page, testInfo, "fleet-search");
  await hit.click();
  await expect(page).toHaveURL(/[?&]context=lab(&|$)/);
  await expect(page.getByTestId("source-status")).toHaveAttribute("data-state", "live");
  await expect(page.locator("body")).toContainText("traffic-gen");
  // lab's own explorer, the hit selected on its host's graph, and its errors name the context
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(1);
  await expect(page.locator("body")).toContainText("list nodes on context lab: nodes is forbidden");
  await snap(page, testInfo, "fleet-search-opened");
  // and back: the explorer of a server with several contexts links to the fleet
  await page.getByRole("link", { name: "Fleet" }).click();
  await expect(page).toHaveURL(/\/fleet$/);
});

test("west's API server killed: west unreachable, east and lab stay live", async ({ page }, testInfo) => {
  await page.goto("/fleet");
  const card = (ctx: string) => page.locator(`[data-testid=fleet-cluster][data-context=${ctx}]`);
  await expect(card("west").getByTestId("cluster-state")).toHaveAttribute("data-state", "live");
  const pid = info().clusters.west?.apiserverPid;
  expect(pid).toBeGreaterThan(0);
  process.kill(pid ?? 0, "SIGKILL");
  await expect(card("west").getByTestId("cluster-state")).toHaveAttribute("data-state", "unreachable");
  await expect(card("west").getByTestId("cluster-reason")).toContainText("ECONNREFUSED");
  for (const ctx of ["east", "lab"])
    await expect(card(ctx).getByTestId("cluster-state")).toHaveAttribute("data-state", "live");
  // what west lacked is unknown now, never "missing"
  const storage = page
    .locator('[data-testid=fleet-row][data-network="multus-test/storage-net"]')
    .getByTestId("fleet-cell");
  await expect(storage.nth(1)).toHaveText("unknown");
  await snap(page, testInfo, "fleet-west-unreachable");
});
