import { expect, type Page, test } from "@playwright/test";
import { demoObjects } from "../../testing/fixtures/demo";
import { everyEdgeDrawn } from "../edges";
import { snap } from "../screenshot";
import { type SnapshotServer, startObjectsServer } from "../snapshot-server";

// Session 7's landing CI: after the Plumbline pod was killed, the page reconnected to the new one and drew alice's
// pods, their net1 and her bridge, but no edge between them, for good. Here the server is stopped and started again,
// each time serving the demo cluster with or without one more bridge pod, and the page that stayed open must draw
// exactly what a freshly opened page draws.
const NEW_POD = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "pod-late",
    namespace: "multus-test",
    annotations: {
      "k8s.v1.cni.cncf.io/networks": "bridge-main",
      "k8s.v1.cni.cncf.io/network-status": JSON.stringify([
        { name: "ovn-kubernetes", interface: "eth0", ips: ["10.128.2.60"], mac: "0a:58:0a:80:02:3c", default: true },
        { name: "multus-test/bridge-main", interface: "net1", ips: ["192.168.12.60"], mac: "ce:4e:8a:13:5c:60" },
      ]),
    },
  },
  spec: { nodeName: "worker1.ocp46rt.priv.local", containers: [{ name: "app", image: "busybox" }] },
  status: { phase: "Running", podIP: "10.128.2.60", podIPs: [{ ip: "10.128.2.60" }] },
};
const CLUSTERS = { without: demoObjects(), with: [...demoObjects(), NEW_POD] };
const PORT_OFFSET = 9;
const CYCLES = 4;

test.setTimeout(CYCLES * 60_000 + 60_000);
let server: SnapshotServer | undefined;
test.afterAll(async () => server?.stop());

async function serve(which: keyof typeof CLUSTERS): Promise<void> {
  await server?.stop();
  server = await startObjectsServer(CLUSTERS[which], PORT_OFFSET);
}

async function freshPicture(page: Page, which: keyof typeof CLUSTERS): Promise<string[]> {
  await serve(which);
  await page.goto(server?.url ?? "");
  return everyEdgeDrawn(page);
}

test("a page left open while the server restarts draws every edge of the new picture, as a fresh page does", async ({
  browser,
}, testInfo) => {
  const reference = await browser.newPage();
  const expected = { with: await freshPicture(reference, "with"), without: await freshPicture(reference, "without") };
  await reference.close();
  expect(expected.with.length).toBeGreaterThan(expected.without.length);

  const page = await browser.newPage();
  await page.goto(server?.url ?? "");
  expect(await everyEdgeDrawn(page)).toEqual(expected.without);
  // A snapshot file's state ("static"), said again once the stream is back.
  const state = await page.getByTestId("source-status").getAttribute("data-state");
  await page.evaluate(() => Object.assign(window, { plumblineNoReload: true }));
  const late = page.getByTestId("rf__node-pod/multus-test/pod-late");
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const which = cycle % 2 === 1 ? "with" : "without";
    await serve(which);
    await expect(late).toHaveCount(which === "with" ? 1 : 0, { timeout: 60_000 });
    await expect(page.getByTestId("source-status")).toHaveAttribute("data-state", state ?? "", { timeout: 60_000 });
    expect(await everyEdgeDrawn(page), `cycle ${cycle}: the picture after reconnecting`).toEqual(expected[which]);
  }
  expect(await page.evaluate(() => "plumblineNoReload" in window)).toBe(true);
  await snap(page, testInfo, "reconnected");
});
