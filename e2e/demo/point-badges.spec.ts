import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";

test("a point's badge stays inside its box at every zoom (it wrapped and pushed the title over the edge)", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/");
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  const badges = page.locator(".react-flow__node-point .node-badge");
  await expect(badges.first()).toBeVisible();
  for (let zoomOut = 0; zoomOut < 4; zoomOut++) {
    const outside = await badges.evaluateAll((spans) =>
      spans.flatMap((span) => {
        const box = span.closest(".react-flow__node")?.getBoundingClientRect();
        const b = span.getBoundingClientRect();
        const title = span.parentElement?.querySelector(".node-title")?.getBoundingClientRect();
        const inside = (r: DOMRect) =>
          box !== undefined && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.right <= box.right + 0.5;
        return b.height > 0 && (!inside(b) || (title && !inside(title))) ? [span.textContent ?? ""] : [];
      }),
    );
    expect(outside, `zoomed out ${zoomOut} times`).toEqual([]);
    await page.getByRole("button", { name: "Zoom out" }).click();
  }
  await snap(page, testInfo, "point-badges-zoomed-out");
});
