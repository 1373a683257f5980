import { expect, type Page } from "@playwright/test";

/**
 * The edges on screen, once the layout is done and React Flow drew every edge the page gave it (the canvas's
 * data-edge-count): an edge whose end React Flow cannot place is otherwise dropped without a word.
 */
export async function everyEdgeDrawn(page: Page): Promise<string[]> {
  const canvas = page.getByTestId("graph-canvas");
  await expect(canvas).toHaveAttribute("data-layout", "done");
  const given = Number(await canvas.getAttribute("data-edge-count"));
  expect(given, "the page has edges to draw").toBeGreaterThan(0);
  const drawn = page.locator('[data-testid^="rf__edge-"]');
  await expect(drawn, "React Flow drew every edge it was given").toHaveCount(given);
  return (await drawn.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid") ?? ""))).sort();
}
