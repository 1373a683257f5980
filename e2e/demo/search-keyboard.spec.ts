import { expect, test } from "@playwright/test";

test("search results are reached with the arrow keys, focus staying in the box, and Enter picks the one moved to", async ({
  page,
}) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Search pod, IP or MAC" });
  await box.fill("192.168.12.0/24");
  const list = page.getByRole("listbox", { name: "Search results" });
  const options = list.getByRole("option");
  await expect(options.nth(2)).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");

  await box.press("ArrowDown");
  await box.press("ArrowDown");
  await box.press("ArrowDown");
  await box.press("ArrowUp");
  const second = options.nth(1);
  await expect(second).toHaveAttribute("aria-selected", "true");
  await expect(list.locator('[role="option"][aria-selected="true"]')).toHaveCount(1);
  expect(await box.getAttribute("aria-activedescendant")).toBe(await second.getAttribute("id"));
  await expect(box).toBeFocused();

  const id = await second.getAttribute("data-hit");
  expect(id).toBeTruthy();
  await box.press("Enter");
  await expect(list).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).searchParams.get("sel")).toBe(id);
  await expect(page.getByTestId("details-panel")).toBeVisible();
});
