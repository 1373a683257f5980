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

// With every node's size and handles given, React Flow (patched: scripts/patch-packages.mjs) does not read them
// back from the page when the graph mounts. What the user sees must not change: every edge drawn starts and ends on
// the dot of the handle it belongs to (a wrong size or handle place would move the edges off the dots). And the
// page reads no handle's box: before the patch React Flow's resize observer read every one (getHandleBounds).
for (const url of [`/?view=host&target=${W1}`, "/"]) {
  test(`edges end on their handles' dots, and no handle's box is read when the graph is drawn (${url})`, async ({
    page,
  }) => {
    await page.addInitScript(() => {
      const read = Element.prototype.getBoundingClientRect;
      const counts = { handles: 0 };
      Object.assign(window, { __handleReads: counts });
      Element.prototype.getBoundingClientRect = function (this: Element) {
        if (this.classList.contains("react-flow__handle")) counts.handles++;
        return read.call(this);
      };
    });
    await page.goto(url);
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
    await expect(page.locator(".react-flow__edge").first()).toBeVisible();
    // the resize observer's first callbacks come after the frame that laid the nodes out
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.waitForTimeout(500);
    const reads = await page.evaluate(
      () => (window as unknown as { __handleReads: { handles: number } }).__handleReads,
    );
    const ends = await page.evaluate(() => {
      const anchor = (h: Element) => {
        const r = h.getBoundingClientRect();
        const pos = (h as HTMLElement).dataset.handlepos;
        return pos === "right"
          ? { x: r.right, y: r.top + r.height / 2 }
          : pos === "left"
            ? { x: r.left, y: r.top + r.height / 2 }
            : pos === "top"
              ? { x: r.left + r.width / 2, y: r.top }
              : { x: r.left + r.width / 2, y: r.bottom };
      };
      return [...document.querySelectorAll<SVGGElement>(".react-flow__edge")].map((g) => {
        const [, source = "", target = ""] = /^Edge from (.+) to (.+)$/.exec(g.getAttribute("aria-label") ?? "") ?? [];
        const path = g.querySelector<SVGPathElement>("path.react-flow__edge-path");
        const ctm = path?.getScreenCTM();
        const at = (length: number) => {
          if (!path || !ctm) return null;
          const p = path.getPointAtLength(length);
          return new DOMPoint(p.x, p.y).matrixTransform(ctm);
        };
        const handles = (node: string, type: string) =>
          [...document.querySelectorAll(`.react-flow__handle.${type}`)].filter(
            (h) => h.getAttribute("data-nodeid") === node,
          );
        const from = handles(source, "source");
        // a segment (shared L2) edge leaves by segment-out and enters by segment-in; the rest enter on the left
        const segment = from[0]?.getAttribute("data-handleid") === "segment-out";
        const to = handles(target, "target").filter(
          (h) => (h.getAttribute("data-handleid") === "segment-in") === segment,
        );
        return {
          edge: g.getAttribute("data-id"),
          start: at(0),
          end: at(path?.getTotalLength() ?? 0),
          from: from.length === 1 && from[0] ? anchor(from[0]) : null,
          to: to.length === 1 && to[0] ? anchor(to[0]) : null,
        };
      });
    });
    expect(ends.length).toBeGreaterThan(3);
    const near = (a: { x: number; y: number } | null, b: { x: number; y: number } | null) =>
      a !== null && b !== null && Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1;
    for (const e of ends) {
      expect(
        near(e.start, e.from),
        `${e.edge} starts at ${JSON.stringify(e.start)}, its dot ${JSON.stringify(e.from)}`,
      ).toBe(true);
      expect(near(e.end, e.to), `${e.edge} ends at ${JSON.stringify(e.end)}, its dot ${JSON.stringify(e.to)}`).toBe(
        true,
      );
    }
    expect(reads.handles, "handle boxes read by the page while the graph was drawn").toBe(0);
    await page.screenshot({ path: test.info().outputPath("edges.png") });
  });
}
