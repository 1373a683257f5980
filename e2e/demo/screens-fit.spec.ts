import { expect, type Page, test } from "@playwright/test";
import { snap } from "../screenshot";
import { visibleTextSizes } from "../text-size";

// What the lead saw at 1280×800 in session 13 (and the same at 1024×768): the workloads strip ran past the window's
// edge with nothing saying so, the "rollout pending" badge sat on its pod's bottom border, and a stuck interface's
// reason was cut to "NetworkAttachmentDefi…". Each check measures the boxes on screen.

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;
const POD_E_NET2 = "pod/multus-test/pod-e-5c7d9f8b6-q4w8z/if/net2";

async function openCluster(page: Page) {
  await page.goto("/");
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test("the workloads strip shows every chip and network inside the window, and the page does not scroll sideways", async ({
      page,
    }, testInfo) => {
      await openCluster(page);
      const strip = page.getByTestId("workloads-bar");
      await expect(strip.getByTestId("workload-chip")).toHaveCount(2);
      const cut = await strip.evaluate((el) => {
        const edge = Math.min(el.getBoundingClientRect().right, window.innerWidth);
        return [...el.querySelectorAll('[data-testid="workload-network"]')]
          .filter((n) => n.getBoundingClientRect().right > edge + 0.5)
          .map((n) => n.textContent);
      });
      expect(cut, "networks past the strip's right edge").toEqual([]);
      expect(await strip.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await snap(page, testInfo, `workloads-strip-${size.width}`);
    });

    test("a pod's rollout badge sits inside the pod, clear of its border and its interfaces, at every zoom", async ({
      page,
    }, testInfo) => {
      await openCluster(page);
      const badges = page.getByTestId("rollout-pending");
      await expect(badges).toHaveCount(2);
      for (let zoomOut = 0; zoomOut < 4; zoomOut++) {
        const bad = await badges.evaluateAll((spans) =>
          spans.flatMap((span) => {
            const node = span.closest(".react-flow__node");
            const pod = node?.getBoundingClientRect();
            const b = span.getBoundingClientRect();
            if (!node || !pod) return ["no pod"];
            // 1 px of border on every side: the badge must not cover it
            const inside =
              b.top >= pod.top + 1 && b.bottom <= pod.bottom - 1 && b.left >= pod.left + 1 && b.right <= pod.right - 1;
            const podId = node.getAttribute("data-id") ?? "";
            const overlaps = [...document.querySelectorAll(".react-flow__node")]
              .filter((n) => (n.getAttribute("data-id") ?? "").startsWith(`${podId}/if/`))
              .some((n) => {
                const r = n.getBoundingClientRect();
                return b.top < r.bottom && b.bottom > r.top && b.left < r.right && b.right > r.left;
              });
            return !inside ? [`${podId}: on or past the border`] : overlaps ? [`${podId}: over an interface`] : [];
          }),
        );
        expect(bad, `zoomed out ${zoomOut} times`).toEqual([]);
        await page.getByRole("button", { name: "Zoom out" }).click();
      }
      await snap(page, testInfo, `rollout-badge-${size.width}`);
    });

    test("a stuck interface names its reason in a word, whole and at least 11 px on screen, with the full reason on hover and in its details", async ({
      page,
    }, testInfo) => {
      await openCluster(page);
      const node = page.getByTestId(`rf__node-${POD_E_NET2}`);
      const cause = node.getByTestId("interface-cause");
      await expect(cause).toHaveText("NAD missing");
      // whole: nothing cut by an ellipsis or hidden under the box's edge
      const clipped = await cause.evaluate(
        (el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight,
      );
      expect(clipped).toBe(false);
      const sizes = (await visibleTextSizes(node)).filter((t) => t.text === "NAD missing");
      expect(sizes).toHaveLength(1);
      // 12 px, and never under the graph's floor of 11 px far out (a float of the zoom may take a hair off)
      expect(sizes[0]?.px).toBeGreaterThanOrEqual(10.99);
      await expect(node.locator("[title]").first()).toHaveAttribute(
        "title",
        /NetworkAttachmentDefinition multus-test\/sriov-net not found/,
      );
      await node.click();
      await expect(page.getByTestId("details-panel").getByTestId("interface-failure")).toContainText(
        "NetworkAttachmentDefinition multus-test/sriov-net not found",
      );
      await snap(page, testInfo, `interface-cause-${size.width}`);
    });

    test("the details of each kind of element and the Problems panel have no text under 11 px", async ({
      page,
    }, testInfo) => {
      const small = async (where: string) =>
        (await visibleTextSizes(page.getByTestId(where))).filter((t) => t.px < 11).map((t) => `${t.text} ${t.px}px`);
      for (const sel of [
        "pod/multus-test/pod-e-5c7d9f8b6-q4w8z",
        POD_E_NET2,
        "host/worker1.ocp46rt.priv.local",
        "network/multus-test/bridge-main",
        "host/worker1.ocp46rt.priv.local/bridge/mybr0",
        "workload/multus-test/Deployment/pod-a",
      ]) {
        await page.goto(`/?sel=${encodeURIComponent(sel)}`);
        await expect(page.getByTestId("details-panel")).toBeVisible();
        await expect(page.getByTestId("details-panel").locator("h3").first()).toBeVisible();
        expect(await small("details-panel"), sel).toEqual([]);
      }
      await snap(page, testInfo, `details-${size.width}`);
      await page.goto("/");
      await expect(page.getByTestId("problems").getByTestId("finding-group").first()).toBeVisible();
      expect(await small("problems"), "Problems panel").toEqual([]);
    });
  });
}
