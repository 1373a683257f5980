import { expect, test } from "@playwright/test";

// The Content-Security-Policy as a backstop: if markup ever got into the page, its scripts would not run.
test("the page hydrates under the nonce policy, and injected inline script does not run", async ({ page }) => {
  await page.goto("/");
  // Hydrated: React drew the graph (in its Web Worker) and answers a click.
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  await page.getByTestId("rf__node-pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1").click();
  await expect(page).toHaveURL(/sel=/);

  // What injected markup would carry: an inline event handler, and an inline script in a srcdoc frame (which
  // inherits the page's policy).
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener("securitypolicyviolation", (e) => seen.push(e.effectiveDirective));
    const host = document.createElement("div");
    host.innerHTML = [
      `<img src="/nonexistent.png" onerror="document.body.dataset.pwned='handler'">`,
      `<iframe srcdoc="<script>parent.document.body.dataset.pwned='srcdoc'</script>"></iframe>`,
    ].join("");
    document.body.append(host);
  });
  await expect
    .poll(() => page.evaluate(() => String(Reflect.get(window, "cspViolations"))))
    .toContain("script-src-attr");
  expect(await page.evaluate(() => document.body.dataset.pwned ?? null)).toBeNull();
});
