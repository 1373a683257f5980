import { expect, type Page, test } from "@playwright/test";
import { snap } from "../screenshot";
import { visibleTextSizes } from "../text-size";

// Session 14 saw it in the network view: both edges into mybr0 turned at the same x, halfway, and each label sat
// halfway too, so net1 192.168.12.14 was drawn over the other edge's turn. A label must lie where no other edge and
// no box runs. Measured on screen: each other edge's path sampled every 2 px, and every node's box.

const VIEWS = [
  { name: "network", url: "/?view=network&target=multus-test/bridge-main", labels: 2 },
  { name: "network-macvlan", url: "/?view=network&target=multus-test/macvlan-main", labels: 2 },
  { name: "host", url: "/?view=host&target=worker1.ocp46rt.priv.local", labels: 4 },
  { name: "host-2", url: "/?view=host&target=worker2.ocp46rt.priv.local", labels: 2 },
] as const;

interface Overlap {
  label: string;
  over: string;
}

async function labelOverlaps(page: Page): Promise<{ labels: string[]; overlaps: Overlap[] }> {
  return page.evaluate(() => {
    const edges = [...document.querySelectorAll<SVGGElement>(".react-flow__edge")];
    const labels: string[] = [];
    const overlaps: { label: string; over: string }[] = [];
    const pointsOf = (g: SVGGElement) => {
      const path = g.querySelector<SVGPathElement>("path.react-flow__edge-path");
      const m = path?.getScreenCTM();
      if (!path || !m) return [];
      const out: DOMPoint[] = [];
      const len = path.getTotalLength();
      for (let at = 0; at <= len; at += 2) out.push(path.getPointAtLength(at).matrixTransform(m));
      return out;
    };
    for (const g of edges) {
      const wrapper = g.querySelector<SVGGElement>(".react-flow__edge-textwrapper");
      if (!wrapper || getComputedStyle(wrapper).display === "none") continue;
      const text = wrapper.textContent ?? "";
      labels.push(text);
      const r = wrapper.getBoundingClientRect();
      const inside = (x: number, y: number) =>
        x > r.left + 0.5 && x < r.right - 0.5 && y > r.top + 0.5 && y < r.bottom - 0.5;
      for (const other of edges) {
        if (other === g) continue;
        if (pointsOf(other).some((p) => inside(p.x, p.y)))
          overlaps.push({ label: text, over: other.getAttribute("data-testid") ?? "edge" });
      }
      for (const n of document.querySelectorAll(".react-flow__node")) {
        if (n.classList.contains("react-flow__node-host")) continue; // the host's box holds everything
        const b = n.getBoundingClientRect();
        if (b.left < r.right - 0.5 && b.right > r.left + 0.5 && b.top < r.bottom - 0.5 && b.bottom > r.top + 0.5)
          overlaps.push({ label: text, over: n.getAttribute("data-id") ?? "node" });
      }
    }
    return { labels, overlaps };
  });
}

for (const view of VIEWS) {
  test(`${view.name} view at 1440×900: each edge label lies clear of every other edge and box, at least 11 px`, async ({
    page,
  }, testInfo) => {
    await page.goto(view.url);
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
    const labels = page.locator(".react-flow__edge-textwrapper");
    await expect(labels.first()).toBeVisible();
    const { labels: shown, overlaps } = await labelOverlaps(page);
    expect(shown.length, shown.join(" | ")).toBeGreaterThanOrEqual(view.labels);
    expect(overlaps).toEqual([]);
    for (const label of await labels.all()) {
      const sizes = await visibleTextSizes(label);
      expect(sizes.length).toBe(1);
      for (const t of sizes) expect(t.px, t.text).toBeGreaterThanOrEqual(10.99);
    }
    await snap(page, testInfo, `edge-labels-${view.name}`);
  });
}
