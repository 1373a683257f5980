import { expect, test } from "@playwright/test";

// The Content-Security-Policy as a backstop: if markup ever got into the page, its scripts would not run.
test("the page hydrates under the nonce policy, and injected inline script does not run", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/");
  // Hydrated: React drew the graph and answers a click.
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  await page.getByTestId("rf__node-pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1").click();
  await expect(page).toHaveURL(/sel=/);
  expect(violations).toEqual([]);

  // What an injection would add: an inline script and an inline event handler.
  await page.evaluate(() => {
    const host = document.createElement("div");
    host.innerHTML = `<img src="/nonexistent.png" onerror="document.body.dataset.pwned='handler'">`;
    document.body.append(host);
    const script = document.createElement("script");
    script.textContent = "document.body.dataset.pwned = 'script'";
    document.body.append(script);
  });
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => document.body.dataset.pwned ?? null)).toBeNull();
});
