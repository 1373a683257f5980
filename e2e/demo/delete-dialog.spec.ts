import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";

const NETWORK = "network/multus-test/bridge-main";

test("the delete dialog keeps Tab inside, closes on Escape without deleting, and gives focus back to Delete", async ({
  page,
}, testInfo) => {
  await page.goto(`/?sel=${encodeURIComponent(NETWORK)}`);
  const details = page.getByTestId("details-panel");
  const opener = details.getByRole("button", { name: "Delete", exact: true });
  await opener.click();

  const dialog = page.getByRole("dialog", { name: /Delete multus-test\/bridge-main/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await snap(page, testInfo, "delete-dialog");

  // Forwards and backwards, past either end: focus never leaves the dialog for the page behind it.
  const focusInDialog = () =>
    page.evaluate(() => document.activeElement?.closest("dialog")?.hasAttribute("open") === true);
  for (const key of ["Tab", "Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    expect(await focusInDialog(), `focus inside the dialog after ${key}`).toBe(true);
  }

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  // Escape closed the dialog only: the network is still selected, and still there.
  await expect(details).toBeVisible();
  await expect(page).toHaveURL(/sel=network%2Fmultus-test%2Fbridge-main/);

  // Cancel does the same.
  await opener.click();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  await expect(details).toContainText("bridge-main");
});
