import type { Page, TestInfo } from "@playwright/test";

const within = <T>(ms: number, p: Promise<T>, late: T): Promise<T> =>
  Promise.race([p.catch(() => late), new Promise<T>((r) => setTimeout(() => r(late), ms))]);

/**
 * Says, on a failed test, whether its page was still alive. Chromium's renderer has been seen to stop producing
 * frames for good — the DOM still answers, requestAnimationFrame never fires — and then every click waits forever on
 * Playwright's stability check (microsoft/playwright#23886, and dknauss/Sudo#353 measured it: 0 frames a second,
 * a fresh page paints again). That is the browser, not the app; a page whose scripts do not answer at all is the app.
 */
export async function sayIfThePageStalled(page: Page, testInfo: TestInfo): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus || page.isClosed()) return;
  const answers = await within(
    3_000,
    page.evaluate(() => true),
    false,
  );
  const paints =
    answers &&
    (await within(
      3_000,
      page.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => r(true)))),
      false,
    ));
  const description = !answers
    ? "the page's scripts did not answer within 3 s: its main thread is blocked (the app)"
    : paints
      ? "the page was alive and painting"
      : "the page's scripts answer but it painted no frame within 3 s: Chromium stopped producing frames (the browser)";
  testInfo.annotations.push({ type: "page at the failure", description });
  console.error(`[${testInfo.title}] ${description}`);
}
