import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";

// The demo cluster runs no OVN-Kubernetes: New network explains the four kinds but offers no user-defined network,
// and says why, instead of a form whose every write would fail.
test("the demo's New network says why it offers no UserDefinedNetwork", async ({ page }, testInfo) => {
  await page.goto("/networks/new");
  for (const kind of ["UserDefinedNetwork", "ClusterUserDefinedNetwork"]) {
    const card = page.getByTestId(`kind-${kind}`);
    await expect(card).toContainText("does not serve k8s.ovn.org/v1 UserDefinedNetworks");
    await expect(card.getByRole("link")).toHaveCount(0);
  }
  await snap(page, testInfo, "udn-not-served-demo");
  await page.goto("/networks/udn/new?kind=UserDefinedNetwork");
  await expect(page.getByRole("alert").filter({ hasText: "does not serve" })).toContainText(
    "embedded demo cluster does not serve k8s.ovn.org/v1 UserDefinedNetworks",
  );
});
