import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";

// The demo is no cluster: Check reachability is there, off, and says why on hover and on keyboard focus.
test("Check reachability is off in the demo, with the reason", async ({ page }, testInfo) => {
  await page.goto(
    `/?view=network&target=multus-test/bridge-main&sel=${encodeURIComponent("network/multus-test/bridge-main")}`,
  );
  const section = page.getByTestId("reach-section");
  const button = section.getByRole("button", { name: "Check reachability" });
  await expect(button).toHaveAttribute("aria-disabled", "true");
  await button.focus();
  await expect(section.getByRole("tooltip")).toBeVisible();
  await expect(button).toHaveAccessibleDescription(
    "Probe pods need a live cluster (this is the embedded demo cluster)",
  );
  await button.click({ force: true });
  await expect(section.getByTestId("reach-progress")).toHaveCount(0);
  await section.scrollIntoViewIfNeeded();
  await snap(page, testInfo, "reach-off-demo");
});
