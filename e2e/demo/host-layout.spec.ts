import { expect, type Page, test } from "@playwright/test";
import { W1 } from "@/testing/fixtures/demo";

/** Each drawn box's place on the canvas (React Flow's transform of it), once the graph is laid out and drawn. */
async function drawnBoxes(page: Page): Promise<Record<string, string>> {
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  const read = () =>
    page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>(".react-flow__node")].map((n) => [
          n.getAttribute("data-id") ?? "",
          n.style.transform,
        ]),
      ),
    );
  // read until two reads agree: React Flow places a box once it has measured it
  let last = "";
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await read());
        const same = now === last && now !== "{}";
        last = now;
        return same;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return JSON.parse(last) as Record<string, string>;
}

/** A promise and the function that settles it. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

test("a host's graph is the same picture whether the server or the page's worker laid it out", async ({ context }) => {
  const url = `/?view=host&target=${encodeURIComponent(W1)}`;

  // The server's layout: nothing posted to the page's layout worker reaches it until the graph is drawn.
  const byServer = await context.newPage();
  await byServer.addInitScript(() => {
    const held: (() => void)[] = [];
    let open = false;
    Object.assign(globalThis, {
      openWorkers: () => {
        open = true;
        for (const post of held.splice(0)) post();
      },
      Worker: class extends Worker {
        // the page's layout client posts a message alone (components/graph/layout-client.ts)
        override postMessage(message: unknown): void {
          if (open) super.postMessage(message);
          else held.push(() => super.postMessage(message));
        }
      },
    });
  });
  await byServer.goto(url);
  const server = await drawnBoxes(byServer);
  await byServer.evaluate(() => {
    const open: unknown = Reflect.get(globalThis, "openWorkers");
    if (typeof open === "function") open();
  });

  // The worker's layout: the server's answer is held until the graph is drawn.
  const byWorker = await context.newPage();
  const answerHeld = gate();
  await byWorker.route("**/api/trpc/**", async (route) => {
    if (route.request().url().includes("layout.host")) await answerHeld.opened;
    await route.continue().catch(() => undefined);
  });
  await byWorker.goto(url);
  const worker = await drawnBoxes(byWorker);
  answerHeld.open();

  // the host, its pods, their interfaces and the host-side points, each at the same place
  expect(Object.keys(server).length).toBeGreaterThan(4);
  expect(server).toEqual(worker);
});
