import { expect, type Page, test } from "@playwright/test";
import { W1, W2 } from "@/testing/fixtures/demo";

/** The page's trace marks (components/trace.ts), with the host views asked of the server, in order. */
const traced = (page: Page) =>
  page.addInitScript(() => {
    Object.assign(globalThis, { __plumblineTrace: true, marks: [] });
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      (globalThis as unknown as { marks: string[] }).marks.push(`${name} ${String(options?.detail ?? "")}`);
      return mark(name, options);
    };
  });
const marks = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as unknown as { marks: string[] }).marks.filter((m) => m.startsWith("ahead:")));

// An answer's first hits have their hosts' views fetched and laid out as soon as it shows, one host at a time
// (components/explorer/use-hits-ahead.ts), whatever the number of hits: "pod-" finds the demo's seven pods, the first
// three on worker1, the fourth on worker2. Before, only an answer of at most three hits had its first hit's host
// fetched, so nothing was fetched here until the pointer rested on a hit.
test("a search's first hits have their hosts' views fetched ahead, before any click, one host at a time", async ({
  page,
}) => {
  await traced(page);
  const asked: string[] = [];
  page.on("request", (r) => {
    const url = decodeURIComponent(r.url());
    if (url.includes("topology.viewSnapshot")) asked.push(url.includes(W2) ? W2 : url.includes(W1) ? W1 : url);
  });
  // on worker1's view: a pod of worker2 picked opens worker2's (in the demo's cluster view every pod is drawn already)
  await page.goto(`/?view=host&target=${W1}`);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  await expect(page.getByTestId("graph")).toHaveAttribute("data-settled", "true");
  const box = page.getByRole("combobox", { name: "Search pod, IP or MAC" });
  await box.fill("pod-");
  const hits = page.getByRole("listbox", { name: "Search results" }).getByRole("option");
  await expect(hits).toHaveCount(7);
  // both hosts laid out ahead with the list open and nothing clicked
  await expect.poll(() => marks(page), { timeout: 30_000 }).toContain(`ahead:laid-out ${W2}`);
  const seen = await marks(page);
  // one at a time: worker1's view held and laid out before worker2's was asked for
  expect(seen.indexOf(`ahead:laid-out ${W1}`)).toBeGreaterThanOrEqual(0);
  expect(seen.indexOf(`ahead:laid-out ${W1}`)).toBeLessThan(seen.indexOf(`ahead:held ${W2}`));
  expect(asked).toEqual([W1, W2]);

  // a hit on worker2 is drawn from the view fetched ahead: its host's graph, the pod selected
  await hits.filter({ hasText: "pod-b-cc754dd7-pq9km" }).click();
  await expect(page).toHaveURL(/sel=/);
  await expect(page.locator(`.react-flow__node[data-id="host/${W1}"]`)).toHaveCount(0);
  await expect(page.locator(`.react-flow__node[data-id="host/${W2}"]`)).toBeVisible();
  await expect(page.getByTestId("graph")).toHaveAttribute("data-settled", "true");
});
