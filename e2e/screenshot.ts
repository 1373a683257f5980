import type { Page, TestInfo } from "@playwright/test";

/** Saves a full-page screenshot as a test artifact, so every run leaves pictures of what it checked. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}
