import { createServer } from "node:net";
import type { Browser, Page } from "@playwright/test";

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
export const secs = (ms: number): string => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
export const range = (xs: number[]): string => `min ${secs(Math.min(...xs))}, max ${secs(Math.max(...xs))}`;
/**
 * Median with its spread, the way every figure of the table is given; the first run beside it, because a first run
 * (cold caches, a JIT not yet warm) is what a user meets and a median of warm runs hides it.
 */
export const spread = (xs: number[]): string =>
  `${secs(median(xs))} median (${range(xs)}, first ${secs(xs[0] ?? NaN)}, n=${xs.length})`;
export const mib = (b: number): string =>
  b < 1 << 20 ? `${(b / 1024).toFixed(0)} KiB` : `${(b / (1 << 20)).toFixed(1)} MiB`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const a = s.address();
        s.close(() => (a && typeof a === "object" ? resolve(a.port) : reject(new Error("no port"))));
      });
  });
}

/**
 * What the page shows, as one string: the matrix's summary and rows, or the graph's boxes once laid out and its edges
 * drawn ("" while a layout is pending or the edges are not drawn yet, so a settled picture is never confused with one
 * on its way). React Flow draws an edge only once it knows both ends' handles: when it measures them itself, the
 * edges come in a commit after the boxes' (its resize observer's), which a picture of boxes alone left out of every
 * pick's figures. All edges come in one commit, so the first one drawn stands for them. A matrix kept hidden under a
 * host's graph (components/explorer/graph-area.tsx) is not what the page shows.
 */
function fingerprint(): string {
  const canvas = document.querySelector('[data-testid="graph-canvas"]');
  if (canvas && canvas.getAttribute("data-layout") !== "done") return "";
  if (canvas && Number(canvas.getAttribute("data-edge-count")) > 0 && !canvas.querySelector(".react-flow__edge"))
    return "";
  const matrix = document.querySelector('[data-testid="overview-matrix"]');
  if (matrix?.checkVisibility({ visibilityProperty: true })) {
    const rows = matrix.querySelectorAll('[data-testid="matrix-row"]').length;
    return rows > 0 ? `matrix:${rows}:${matrix.textContent?.slice(0, 400)}` : "";
  }
  if (!canvas) return "";
  const ids = [...canvas.querySelectorAll(".react-flow__node")].map((n) => n.getAttribute("data-id"));
  return ids.length > 0 ? `graph:${ids.join(",")}` : "";
}

async function settledOn(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await page.waitForFunction(fingerprint, undefined, { timeout: 300_000, polling: "raf" });
  return page.evaluate(fingerprint);
}

/** Waits until the page shows a settled picture other than `before`. */
async function changedFrom(page: Page, before: string): Promise<void> {
  await page.waitForFunction(
    ([fp, prev]) => {
      const now = new Function(`return (${fp})()`)() as string;
      return now !== "" && now !== prev;
    },
    [fingerprint.toString(), before] as const,
    { timeout: 120_000, polling: "raf" },
  );
}

export const inPage = {
  /** the cluster view opened in `page` and drawn (warms the server's channel and the page's caches) */
  async open(page: Page, base: string): Promise<void> {
    await settledOn(page, base);
  },
  /**
   * A new tab opening the cluster view → drawn (the overview matrix with its rows, or the graph laid out). Each run is
   * a fresh browser context: no cached scripts, no open connection, as an admin opening the dashboard meets it.
   */
  async timeToInteractive(browser: Browser, base: string): Promise<number> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      const t = performance.now();
      await settledOn(page, base);
      return performance.now() - t;
    } finally {
      await context.close();
    }
  },
  /**
   * picking a filter's `nth` value in the cluster view → the narrowed picture settled. `dwellMs`: how long the page
   * stays drawn before the pick (0: at once, the page's caches and its layout worker as young as they get; an admin
   * reads the matrix a few seconds first).
   */
  async filterSettled(page: Page, base: string, label: string, nth: number, dwellMs = 0): Promise<number> {
    const before = await settledOn(page, base);
    if (dwellMs > 0) await page.waitForTimeout(dwellMs);
    // Found before the clock starts: a label query walks the whole page, which is the tool's time, not the app's.
    const select = await page.locator(`select[aria-label="${label}"]`).elementHandle();
    const value = await select?.evaluate((s, i) => (s instanceof HTMLSelectElement ? s.options[i]?.value : ""), nth);
    const t = performance.now();
    await select?.selectOption(value ?? "");
    await changedFrom(page, before);
    return performance.now() - t;
  },
  /**
   * A matrix row's host opened by a click → its host view settled. `restMs`: how long the pointer rests on the row
   * before the click (a hand moving to a row and clicking it rests a few hundred ms; 0: the pointer jumps there and
   * clicks at once). The clock starts at the click. `nth`: the row, counted from the top of those drawn. `dwellMs`:
   * how long the page stays drawn before the pointer moves (as filterSettled).
   */
  async openHostSettled(page: Page, base: string, nth: number, restMs: number, dwellMs = 0): Promise<number> {
    const before = await settledOn(page, base);
    if (dwellMs > 0) await page.waitForTimeout(dwellMs);
    const row = page.locator('[data-testid="matrix-row"]').nth(nth).locator("button").first();
    await row.scrollIntoViewIfNeeded();
    if (restMs > 0) {
      await row.hover();
      await page.waitForTimeout(restMs);
    }
    const t = performance.now();
    await row.click();
    await changedFrom(page, before);
    return performance.now() - t;
  },
  /** typing a query in the cluster view, then its first hit → the hit's view settled with the hit selected */
  async searchSettled(page: Page, base: string, query: string): Promise<number> {
    const before = await settledOn(page, base);
    const box = await page.locator('input[aria-label="Search pod, IP or MAC"]').elementHandle();
    const t = performance.now();
    await box?.fill(query);
    try {
      await page.locator('[role="listbox"] [role="option"]').first().click();
      // The hit is selected (its details open; in a folded pod box it has no box of its own) in its host's view.
      await page.waitForURL(/[?&]sel=/, { timeout: 60_000 });
      await changedFrom(page, before);
    } catch (e) {
      await page.screenshot({ path: `/tmp/big-cluster-search-failed-${process.pid}.png` });
      throw e;
    }
    return performance.now() - t;
  },
};
