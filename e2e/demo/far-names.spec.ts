import { expect, type Page, test } from "@playwright/test";
import { snap } from "../screenshot";
import { visibleTextSizes } from "../text-size";
import { visibleText } from "../visible-text";

// Session 14 left this at 1024×768: the cluster graph fits at zoom ~0.55, names are drawn large to stay readable, and
// a pod's name was cut at its end ("pod-a-66b77fb7f…"), losing the suffix that tells a ReplicaSet's pods apart, while
// the island badge read "no uplink: isl…"; session 15 left an interface's network cut there ("host-devic…"). Each check
// reads what is drawn on screen, at the zoom the view fits to.

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
] as const;

async function openCluster(page: Page) {
  await page.goto("/");
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  await expect(page.locator(".react-flow__node-pod").first()).toBeVisible();
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test("every pod's name shows its start and its whole random suffix on screen, at least 11 px, all told apart", async ({
      page,
    }, testInfo) => {
      await openCluster(page);
      const pods = page.locator(".react-flow__node-pod");
      const ids = await pods.evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? ""));
      expect(ids.length).toBeGreaterThanOrEqual(7);
      const seen = new Map<string, string>();
      for (const id of ids) {
        const name = id.split("/").at(-1) ?? "";
        const title = page.getByTestId(`rf__node-${id}`).locator(".node-title").first();
        await expect(title).toHaveText(name);
        const shown = await visibleText(title);
        const suffix = name.slice(name.lastIndexOf("-"));
        expect(shown.endsWith(suffix), `${name} reads "${shown}" on screen`).toBe(true);
        // and the start: the Deployment's name, "pod-a-"
        expect(shown.length >= 6 + suffix.length && name.startsWith(shown.slice(0, 6)), `${name}: "${shown}"`).toBe(
          true,
        );
        expect(seen.get(shown), `${name} reads as ${seen.get(shown)}`).toBeUndefined();
        seen.set(shown, name);
        for (const t of await visibleTextSizes(title))
          expect(t.px, `${name}: "${t.text}"`).toBeGreaterThanOrEqual(10.99);
      }
      await snap(page, testInfo, `pod-names-${size.width}`);
    });

    test("every interface's network name is whole on screen, inside its box and at least 11 px", async ({
      page,
    }, testInfo) => {
      await openCluster(page);
      const ifaces = page.locator(".react-flow__node-interface");
      expect(await ifaces.count()).toBeGreaterThanOrEqual(8);
      for (const iface of await ifaces.all()) {
        // the row's second title: the network's name ("host-device-main"), after the interface's ("net1")
        const net = iface.locator(".node-title").nth(1);
        const whole = (await net.textContent()) ?? "";
        const shown = await visibleText(net);
        expect(shown, `"${whole}" reads "${shown}"`).toBe(whole);
        const inside = await net.evaluate((el) => {
          const box = el.closest(".react-flow__node")?.getBoundingClientRect();
          const r = el.getBoundingClientRect();
          return !!box && r.top >= box.top && r.bottom <= box.bottom && r.left >= box.left && r.right <= box.right;
        });
        expect(inside, `"${whole}" past its interface's box`).toBe(true);
        for (const t of await visibleTextSizes(net))
          expect(t.px, `${whole}: "${t.text}"`).toBeGreaterThanOrEqual(10.99);
      }
      await snap(page, testInfo, `interface-networks-${size.width}`);
    });

    test("no text in the graph is under 11 px on screen at the zoom the view fits to", async ({ page }) => {
      await openCluster(page);
      const small = (await visibleTextSizes(page.getByTestId("graph-canvas")))
        .filter((t) => t.px < 10.99)
        .map((t) => `${t.text} ${t.px.toFixed(2)}px`);
      expect(small).toEqual([]);
    });

    test("the bridges' and host devices' badges are whole on screen and at least 11 px, the long form on hover", async ({
      page,
    }, testInfo) => {
      await openCluster(page);
      const badges = page.locator(".react-flow__node-point .node-badge");
      await expect(badges).toHaveCount(3); // mybr0's island, ens8 moved into pod on both hosts
      for (const badge of await badges.all()) {
        const whole = await badge.textContent();
        const shown = await visibleText(badge);
        const cut = await badge.evaluate((el) => el.scrollWidth > el.clientWidth);
        expect(cut, `"${shown}" of "${whole}" cut`).toBe(false);
        expect(shown.length).toBeGreaterThanOrEqual(6);
        for (const t of await visibleTextSizes(badge)) expect(t.px, t.text).toBeGreaterThanOrEqual(10.99);
      }
      const island = page.getByTestId("rf__node-host/worker1.ocp46rt.priv.local/bridge/mybr0").locator(".node-badge");
      await expect(island).toHaveAttribute("title", "no uplink: island");
      await snap(page, testInfo, `point-badges-${size.width}`);
    });
  });
}
