import { expect, test } from "@playwright/test";
import { nodeHandles } from "@/components/graph/node-handles";
import { W1 } from "@/testing/fixtures/demo";

// The graph's nodes carry their handles' places (components/graph/node-handles.ts), so React Flow draws them without
// measuring. Those places must be where the page draws each <Handle>: an edge ends at the place given, not at the dot.
// Read here from the page, every handle of every node of a host's view and of the cluster's.
for (const url of [`/?view=host&target=${W1}`, "/"]) {
  test(`every handle drawn is where the nodes say it is (${url})`, async ({ page }) => {
    await page.goto(url);
    const canvas = page.getByTestId("graph-canvas");
    await expect(canvas).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
    await expect(page.locator(".react-flow__node-point").first()).toBeVisible();
    const drawn = await page.evaluate(() => {
      const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
      const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
      return [...document.querySelectorAll<HTMLElement>(".react-flow__node")].map((n) => {
        const box = n.getBoundingClientRect();
        const type = [...n.classList].find((c) => c.startsWith("react-flow__node-"))?.slice(17) ?? "";
        const handles = [...n.querySelectorAll<HTMLElement>(".react-flow__handle")]
          .filter((h) => h.closest(".react-flow__node") === n)
          .map((h) => {
            const r = h.getBoundingClientRect();
            return {
              id: h.dataset.handleid ?? null,
              type: h.classList.contains("source") ? "source" : "target",
              position: h.dataset.handlepos ?? "",
              x: (r.left - box.left) / zoom,
              y: (r.top - box.top) / zoom,
              width: r.width / zoom,
              height: r.height / zoom,
            };
          });
        return { id: n.dataset.id ?? "", type, width: box.width / zoom, height: box.height / zoom, handles };
      });
    });
    expect(drawn.filter((n) => n.handles.length > 0).length).toBeGreaterThan(3);
    const near = (a: number, b: number) => Math.abs(a - b) < 0.6;
    for (const node of drawn) {
      const given = nodeHandles(node.type, node.width, node.height);
      expect(
        given.map((h) => [h.id, h.type, h.position]),
        `${node.id}'s handles`,
      ).toEqual(node.handles.map((h) => [h.id, h.type, h.position]));
      for (const [i, h] of node.handles.entries()) {
        const g = given[i];
        const at = `${node.id}'s handle ${h.id ?? h.type}: given ${JSON.stringify(g)}, drawn ${JSON.stringify(h)}`;
        expect(near(g?.x ?? Number.NaN, h.x) && near(g?.y ?? Number.NaN, h.y), at).toBe(true);
        expect(near(g?.width ?? Number.NaN, h.width) && near(g?.height ?? Number.NaN, h.height), at).toBe(true);
      }
    }
  });
}
