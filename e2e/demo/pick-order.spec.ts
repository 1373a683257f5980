import { expect, type Page, test } from "@playwright/test";
import { W1, W2 } from "@/testing/fixtures/demo";

/** The boxes the graph was given (its data-node-count), now. */
const boxes = (page: Page): Promise<string | null> => page.getByTestId("graph-canvas").getAttribute("data-node-count");

/** The boxes the graph had each time the page asked the server for a view (its "view:asked" mark), since last read. */
const boxesWhenAsked = (page: Page): Promise<{ key: string; boxes: string | null }[]> =>
  page.evaluate(() => {
    const w = globalThis as unknown as { askedAt: { key: string; boxes: string | null }[] };
    return w.askedAt.splice(0);
  });

// A pick commits the toolbar and the new query first and asks for its view at once; the picture is drawn in a render
// of its own after that (components/explorer/use-drawn-view.ts). Before, the whole explorer was drawn for the new
// state first (the graph narrowed, the matrix unmounted) and the view asked only after that render's commit. The
// order is React's (a commit's effects run before the next render), not a matter of speed.
test("a pick asks the server for its view before the page draws the new picture", async ({ page }) => {
  await page.addInitScript(() => {
    Object.assign(globalThis, { __plumblineTrace: true, askedAt: [] });
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      if (name === "view:asked") {
        const canvas = document.querySelector('[data-testid="graph-canvas"]');
        const w = globalThis as unknown as { askedAt: { key: string; boxes: string | null }[] };
        w.askedAt.push({ key: String(options?.detail), boxes: canvas?.getAttribute("data-node-count") ?? null });
      }
      return mark(name, options);
    };
  });
  await page.goto("/");
  const graph = page.getByTestId("graph");
  const node = (id: string) => page.locator(`.react-flow__node[data-id="host/${id}"]`);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  await expect(node(W1)).toBeVisible();
  await expect(graph).toHaveAttribute("data-settled", "true");
  const whole = await boxes(page);
  await boxesWhenAsked(page);

  // a host filter: the view of that host alone, asked while the whole cluster is still drawn
  await page.getByLabel("Host filter").selectOption(W2);
  await expect(node(W1)).toHaveCount(0);
  await expect(graph).toHaveAttribute("data-settled", "true");
  const narrowed = await boxes(page);
  expect(narrowed).not.toBe(whole);
  const asked = await boxesWhenAsked(page);
  expect(asked.map((a) => a.key)).toEqual([expect.stringContaining(W2)]);
  expect(asked[0]?.boxes).toBe(whole);

  // undone: the cluster's view asked again while the host's picture is still drawn
  await page.getByLabel("Host filter").selectOption("");
  await expect(node(W1)).toBeVisible();
  await expect(graph).toHaveAttribute("data-settled", "true");
  const again = await boxesWhenAsked(page);
  expect(again.map((a) => a.key)).toEqual([expect.not.stringContaining(W2)]);
  expect(again[0]?.boxes).toBe(narrowed);
});
