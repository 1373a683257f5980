import { expect, type Page, test } from "@playwright/test";
import { snap } from "../screenshot";

// The walk-through's Deployments as the demo holds them: templates on host-device-main, and each Deployment's
// bridge-phase pod still running with bridge-main (a pod keeps the annotation it was created with).
const DEPLOY_A = "workload/multus-test/Deployment/pod-a";
const chip = (page: Page, name: string) =>
  page.locator(`[data-testid="workload-chip"][data-workload="workload/multus-test/Deployment/${name}"]`);

test.use({ viewport: { width: 1280, height: 720 } });

test("attaching a network to a Deployment shows at once: the template against its pods, pending the rollout; and it can be taken out again", async ({
  page,
}, testInfo) => {
  // Before: pod-a's template asks for host-device-main; one of its two pods runs with it, the other waits.
  await page.goto("/?view=network&target=multus-test/macvlan-main");
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 30_000 });
  await expect(chip(page, "pod-a")).toHaveCount(0);

  await page.goto("/networks/attach?ns=multus-test&network=macvlan-main&workload=Deployment/pod-a");
  await expect(page.getByTestId("current-annotation")).toContainText("host-device-main");
  await expect(page.getByTestId("merged-annotation")).toHaveText("host-device-main,macvlan-main");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("link", { name: "Watch them in the topology" }).click();

  // The workload is on screen with what the admin did: macvlan-main in the template, on none of its pods yet.
  const a = chip(page, "pod-a");
  await expect(a.getByTestId("workload-rollout")).toHaveText("0/2 current · 2 pending rollout");
  await expect(a.getByTestId("workload-network")).toHaveText([
    "host-device-main 1/2",
    "macvlan-main 0/2",
    "bridge-main 1/2",
  ]);
  const details = page.getByTestId("details-panel");
  await expect(details.getByTestId("workload-line")).toHaveText(
    "0 of 2 pods run with the template's networks; 2 pending rollout",
  );
  await expect(details.locator('tr[data-network="multus-test/macvlan-main"]')).toContainText("yes0 of 2");
  await expect(details.locator('tr[data-network="multus-test/bridge-main"]')).toContainText("removed1 of 2");
  // In the graph, both of pod-a's pods are marked as waiting for the rollout.
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 30_000 });
  for (const p of ["pod-a-5bb7694d4-j8g6b", "pod-a-66b77fb7f6-wbx5f"])
    await expect(page.getByTestId(`rf__node-pod/multus-test/${p}`).getByTestId("rollout-pending")).toBeVisible();
  await snap(page, testInfo, "workload-after-attach");

  // The network view of macvlan-main names the workload whose pods are still to take it.
  await page.goto(`/?view=network&target=multus-test/macvlan-main&sel=${DEPLOY_A}`);
  await expect(chip(page, "pod-a")).toBeVisible();
  await expect(chip(page, "pod-a")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 30_000 });
  await snap(page, testInfo, "workload-network-view");

  // A pod of the workload says it waits for the rollout, and leads to its workload.
  await page.goto("/?view=pod&target=multus-test/pod-a-66b77fb7f6-wbx5f&sel=pod/multus-test/pod-a-66b77fb7f6-wbx5f");
  const owner = page.getByTestId("pod-workload");
  await expect(owner).toContainText("Deployment pod-a");
  await expect(owner).toContainText("pending rollout");
  await expect(owner).toContainText("its template now asks for host-device-main, macvlan-main");
  await snap(page, testInfo, "workload-pod-details");

  // Taken out again from the workload's details: "Change networks…" lists what the template asks for.
  await owner.getByRole("button", { name: "Deployment pod-a" }).click();
  await page.getByTestId("details-panel").getByRole("link", { name: "Change networks…" }).click();
  const list = page.getByRole("list", { name: "Networks in the pod template" });
  await expect(list.getByRole("listitem")).toHaveText([/multus-test\/host-device-main/, /multus-test\/macvlan-main/]);
  await list.getByRole("checkbox", { name: "Remove multus-test/macvlan-main" }).check();
  await expect(page.getByTestId("merged-annotation")).toHaveText("host-device-main");
  await snap(page, testInfo, "workload-remove-form");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("link", { name: "Watch them in the topology" }).click();
  await expect(chip(page, "pod-a").getByTestId("workload-rollout")).toHaveText("1/2 current · 1 pending rollout");
  await expect(chip(page, "pod-a").getByTestId("workload-network")).toHaveText([
    "host-device-main 1/2",
    "bridge-main 1/2",
  ]);
  // The host-device pod runs with the template again; only the bridge-phase pod still waits.
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 30_000 });
  const node = (p: string) => page.getByTestId(`rf__node-pod/multus-test/${p}`).getByTestId("rollout-pending");
  await expect(node("pod-a-66b77fb7f6-wbx5f")).toHaveCount(0);
  await expect(node("pod-a-5bb7694d4-j8g6b")).toBeVisible();
  await snap(page, testInfo, "workload-after-remove");
});
