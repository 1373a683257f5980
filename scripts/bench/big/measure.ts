import { createServer } from "node:net";
import type { Page } from "@playwright/test";

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
export const secs = (ms: number): string => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
export const range = (xs: number[]): string => `min ${secs(Math.min(...xs))}, max ${secs(Math.max(...xs))}`;
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

const DONE = '[data-testid="graph"] [data-layout="done"]';

export const inPage = {
  /** navigation → the graph laid out and drawn */
  async timeToInteractive(page: Page, base: string): Promise<number> {
    const t = performance.now();
    await page.goto(base);
    await page.waitForSelector(DONE, { timeout: 300_000 });
    await page.locator(".react-flow__node").first().waitFor({ timeout: 60_000 });
    return performance.now() - t;
  },
  /** picking a filter value → the narrowed graph laid out again */
  async filterSettled(page: Page, base: string, label: string, value: string): Promise<number> {
    await page.goto(base);
    await page.waitForSelector(DONE, { timeout: 300_000 });
    // Settled = laid out ("done") with a different set of boxes than before the filter.
    const ids = () =>
      [...document.querySelectorAll(".react-flow__node")].map((n) => n.getAttribute("data-id")).join(",");
    const before = await page.evaluate(ids);
    const t = performance.now();
    await page.getByLabel(label).selectOption(value);
    await page.waitForFunction(
      ([prev, sel]) =>
        document.querySelector(sel) !== null &&
        [...document.querySelectorAll(".react-flow__node")].map((n) => n.getAttribute("data-id")).join(",") !== prev,
      [before, DONE] as const,
      { timeout: 120_000, polling: "raf" },
    );
    return performance.now() - t;
  },
};
