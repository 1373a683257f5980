import { type Browser, expect, test } from "@playwright/test";
import { snap } from "../screenshot";
import { testbed } from "../testbed";

// Behind the Route every request carries its user's token (oauth-proxy's X-Forwarded-Access-Token); here each
// browser context sends its user's token the same way.
async function as(browser: Browser, token: string) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-access-token": token },
    viewport: { width: 1440, height: 900 },
  });
  return context.newPage();
}

test("two users in two browsers see two different pictures of one cluster", async ({ browser }, testInfo) => {
  const { tokens } = testbed();
  const admin = await as(browser, tokens.admin);
  const restricted = await as(browser, tokens.restricted);
  await Promise.all([admin.goto("/"), restricted.goto("/")]);

  await expect(admin.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  await expect(restricted.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  // The admin reads NodeNetworkState; the restricted user may not, so its hosts are inferred from pods.
  await expect(admin.getByTestId("rf__node-host/worker1.ocp46rt.priv.local")).toContainText("links observed");
  await expect(restricted.getByTestId("rf__node-host/worker1.ocp46rt.priv.local")).toContainText("links inferred");
  await expect(restricted.locator('[data-testid="finding"][data-code="source-degraded"]').first()).toContainText(
    "forbidden",
  );
  await expect(admin.locator('[data-testid="finding"][data-code="source-degraded"]')).toHaveCount(0);
  // Both see the namespace the restricted user may read.
  for (const page of [admin, restricted]) {
    await expect(page.getByTestId("rf__node-pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1")).toContainText(
      "192.168.12.14",
    );
  }
  await snap(admin, testInfo, "user-admin");
  await snap(restricted, testInfo, "user-restricted");
});

test("without a token the dashboard asks the user to sign in", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in to see your cluster" })).toBeVisible();
});
