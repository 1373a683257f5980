import { expect, test } from "@playwright/test";
import { W1 } from "@/testing/fixtures/demo";
import { snap } from "../screenshot";

// React Flow's own edge label (EdgeText) reads each label's box back from the page with getBBox, which forces the
// page's layout of the whole new graph in the middle of a pick (~115 ms at 20k pods). Our labels
// (components/graph/edge-label.tsx) size their background from the text's width in its font instead. The page must
// read no SVG box while a graph is drawn, and each label's background must still hold its text as before.

const VIEWS = [
  { name: "host", url: `/?view=host&target=${W1}` },
  // the dashed "same L2 (ens9)" line between the two hosts' macvlan parents has a label too
  { name: "network", url: "/?view=network&target=multus-test/macvlan-main" },
  // a pod's view: its interfaces' lines to their host's links (the cluster view fits far out, where labels are off)
  { name: "pod", url: "/?view=pod&target=multus-test/pod-a-66b77fb7f6-wbx5f" },
] as const;

for (const view of VIEWS) {
  test(`${view.name} view: no label's box is read from the page, and each label's background holds its text`, async ({
    page,
  }, testInfo) => {
    await page.addInitScript(() => {
      const read = SVGGraphicsElement.prototype.getBBox;
      const counts = { boxes: 0 };
      Object.assign(window, { __boxReads: counts });
      SVGGraphicsElement.prototype.getBBox = function (this: SVGGraphicsElement, options?: SVGBoundingBoxOptions) {
        counts.boxes++;
        return read.call(this, options);
      };
    });
    await page.goto(view.url);
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
    const labels = page.locator(".react-flow__edge-textwrapper");
    await expect(labels.first()).toBeVisible();
    // React Flow's EdgeText read its box in an effect after the commit that drew it
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.waitForTimeout(500);
    const reads = await page.evaluate(() => (window as unknown as { __boxReads: { boxes: number } }).__boxReads.boxes);
    expect(reads, "SVG boxes read while the graph was drawn").toBe(0);

    // Read now, by the test: the text's own box against the background drawn for it (4 px a side, 2 above and below).
    const fits = await labels.evaluateAll((gs) =>
      gs.map((g) => {
        const text = g.querySelector<SVGTextElement>("text");
        const bg = g.querySelector<SVGRectElement>("rect");
        if (!text || !bg) return { label: g.textContent ?? "", missing: true };
        const t = text.getBBox();
        const b = bg.getBBox();
        return {
          label: text.textContent ?? "",
          missing: false,
          left: t.x - b.x,
          right: b.x + b.width - (t.x + t.width),
          top: t.y - b.y,
          bottom: b.y + b.height - (t.y + t.height),
        };
      }),
    );
    expect(fits.length).toBeGreaterThan(0);
    if (view.name === "network") expect(fits.map((f) => f.label)).toContain("same L2 (ens9)");
    for (const f of fits) {
      const at = JSON.stringify(f);
      expect(f.missing, at).toBe(false);
      // the width comes from the text in its font: the padding each side, within a pixel
      expect(Math.abs((f.left ?? 0) - 4), at).toBeLessThanOrEqual(1);
      expect(Math.abs((f.right ?? 0) - 4), at).toBeLessThanOrEqual(1);
      expect(f.top ?? -1, at).toBeGreaterThanOrEqual(0);
      expect(f.bottom ?? -1, at).toBeGreaterThanOrEqual(0);
    }
    await snap(page, testInfo, `edge-label-${view.name}`);
  });
}
