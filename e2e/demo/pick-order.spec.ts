import { expect, type Page, test } from "@playwright/test";
import { W1, W2 } from "@/testing/fixtures/demo";

/** The page's trace marks (components/trace.ts) from here on, with the graph's boxes at each view asked. */
const traced = (page: Page) =>
  page.addInitScript(() => {
    Object.assign(globalThis, { __plumblineTrace: true, askedAt: [], marks: [] });
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      const w = globalThis as unknown as { askedAt: { key: string; boxes: string | null }[]; marks: string[] };
      w.marks.push(`${name} ${String(options?.detail ?? "")}`);
      if (name === "view:asked") {
        const canvas = document.querySelector('[data-testid="graph-canvas"]');
        w.askedAt.push({ key: String(options?.detail), boxes: canvas?.getAttribute("data-node-count") ?? null });
      }
      return mark(name, options);
    };
  });

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
  await traced(page);
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

// A view the page already holds (a search's hit fetched ahead, components/explorer/use-host-prefetch.ts) has nothing
// to ask before it is drawn: the pick's first commit, the one that asks for its subscription, draws its graph, laid
// out ahead too. Drawn one render late like a view not held, the old host's picture stayed under the new URL and
// toolbar for that render (frames, at load): the regression session 10's deferral brought (use-drawn-view.ts).
test("a search hit fetched ahead is drawn in the pick's first commit, with the layout made ahead", async ({ page }) => {
  await traced(page);
  await page.goto(`/?view=host&target=${W1}`);
  const graph = page.getByTestId("graph");
  const canvas = page.getByTestId("graph-canvas");
  await expect(canvas).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  await expect(graph).toHaveAttribute("data-settled", "true");
  const first = await boxes(page);
  await boxesWhenAsked(page);

  // a pod on the other host: its host's view is fetched and laid out while the hit is on screen
  const box = page.getByRole("combobox", { name: "Search pod, IP or MAC" });
  await box.fill("pod-d-7f9c8d6b5-x7k2p");
  const hit = page.getByRole("listbox", { name: "Search results" }).getByRole("option").first();
  await expect(hit).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { marks: string[] }).marks), { timeout: 30_000 })
    .toContain(`ahead:laid-out ${W2}`);
  await hit.click();
  await expect(page.locator(`.react-flow__node[data-id="host/${W1}"]`)).toHaveCount(0);
  await expect(page.locator(`.react-flow__node[data-id="host/${W2}"]`)).toBeVisible();
  await expect(graph).toHaveAttribute("data-settled", "true");
  const settled = await boxes(page);
  expect(settled).not.toBe(first);
  const asked = await boxesWhenAsked(page);
  expect(asked[0]?.key).toContain(W2);
  // the first commit after the click already drew the other host's graph, every box of it
  expect(asked[0]?.boxes).toBe(settled);
});
