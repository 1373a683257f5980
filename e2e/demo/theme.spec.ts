import { expect, type Page, test } from "@playwright/test";
import { decodePng } from "../image";

test.use({ colorScheme: "dark" });

/** Without the page's script chunks React never hydrates: what is on screen is the server's HTML and its CSS. */
const withoutReact = (page: Page) => page.route("**/_next/static/chunks/**", (route) => route.abort());

/** The top-left pixel of a screenshot (the header's background), as a brightness from 0 to 255. */
async function cornerBrightness(page: Page): Promise<number> {
  const { corner } = await decodePng(page, await page.screenshot());
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(corner.slice(i, i + 2), 16));
  return ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3;
}

test("on a dark system the first paint is dark, before React hydrates", async ({ page }) => {
  await withoutReact(page);
  await page.goto("/");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await cornerBrightness(page)).toBeLessThan(80);
});

test("a light choice on a dark system is remembered, and is the first paint too", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);

  await withoutReact(page);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\blight\b/);
  expect(await cornerBrightness(page)).toBeGreaterThan(200);
});
