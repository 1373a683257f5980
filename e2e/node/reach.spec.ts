import { copyFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { until } from "../../testing/testbed/node/truth";
import { sayIfThePageStalled } from "../frames";
import { snap } from "../screenshot";
import { ensure, NS, nodeBed } from "./node-bed";

// "Check reachability" in the browser on the real node: the button, live progress, the matrix judged against the
// topology, and Cancel, with the API asked afterwards whether any probe pod or owner is left.
const bed = nodeBed();
const NET = "reach-island";
const url = `/?view=network&target=${NS}/${NET}&sel=network/${NS}/${NET}`;

const leftovers = async () => {
  const count = async (collection: string) => {
    const r = await bed.request("GET", `${collection}?labelSelector=plumbline.io/probe-run`);
    const body = r.body;
    return body && typeof body === "object" && "items" in body && Array.isArray(body.items) ? body.items.length : -1;
  };
  return {
    pods: await count(`/api/v1/namespaces/${NS}/pods`),
    jobs: await count(`/apis/batch/v1/namespaces/${NS}/jobs`),
  };
};

test.afterEach(async ({ page }, testInfo) => sayIfThePageStalled(page, testInfo));

test.beforeAll(async () => {
  await ensure(bed.request, "/api/v1/namespaces", { metadata: { name: NS } });
  const nad = {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: { name: NET },
    spec: {
      config: JSON.stringify({
        cniVersion: "0.3.1",
        name: NET,
        type: "bridge",
        bridge: "reachbr0",
        ipam: { type: "whereabouts", range: "192.168.61.0/24" },
      }),
    },
  };
  await ensure(bed.request, `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`, nad);
});

test("Check reachability: live progress, then the matrix as expected, and no probe left", async ({
  page,
}, testInfo) => {
  await page.goto(url);
  const section = page.getByTestId("reach-section");
  await section.getByRole("button", { name: "Check reachability" }).click();
  await expect(section.getByTestId("reach-progress")).toBeVisible();
  await expect(section.getByTestId("reach-progress")).toContainText(bed.node.name);
  await snap(page, testInfo, "reach-progress");
  // Two nodes, mybr0 an island on each: same-host pairs reachable, cross-host not, every one as predicted.
  await expect(section.getByTestId("reach-headline")).toHaveText("All 4 tested pairs as expected", {
    timeout: 120_000,
  });
  await expect(section.locator("td[data-verdict='as-expected'][data-state='reachable']")).toHaveCount(2);
  await expect(section.locator("td[data-verdict='as-expected'][data-state='unreachable']")).toHaveCount(2);
  // Unreachable as the topology predicts is calm grey, never the alarm's red.
  await expect(section.locator("td[data-tone='calm']")).toHaveCount(2);
  await expect(section.locator("td[data-tone='alarm']")).toHaveCount(0);
  // The network view says it too, beside what the topology predicts, and draws it: the two probed hosts, each
  // with its same-host pair reachable, and one grey dashed line between them (unreachable both ways, as expected).
  await expect(page.getByTestId("view-caption-reach")).toContainText("All 4 tested pairs as expected");
  const map = page.getByTestId("reach-overlay");
  await expect(map.getByTestId("reach-map-host")).toHaveCount(2);
  await expect(map.locator("[data-testid='reach-map-host'][data-tone='ok']")).toHaveCount(2);
  await expect(map.getByTestId("reach-map-line")).toHaveCount(1);
  await expect(map.getByTestId("reach-map-line")).toHaveAttribute("data-tone", "calm");
  await expect(map.getByTestId("reach-map-legend")).toContainText("unreachable, as expected (2)");
  await section.scrollIntoViewIfNeeded();
  await snap(page, testInfo, "reach-result");
  if (process.env.PLUMBLINE_README_SHOTS)
    copyFileSync(testInfo.outputPath("reach-result.png"), `${process.env.PLUMBLINE_README_SHOTS}/reach-result.png`);
  expect(await leftovers()).toEqual({ pods: 0, jobs: 0 });
});

test("Cancel from the browser removes every probe pod", async ({ page }, testInfo) => {
  await page.goto(url);
  const section = page.getByTestId("reach-section");
  await section.getByRole("button", { name: "Check reachability" }).click();
  await until("probe pods created", async () => ((await leftovers()).pods > 0 ? true : undefined), 60_000);
  await section.getByRole("button", { name: "Cancel" }).click();
  await snap(page, testInfo, "reach-cancelled");
  await until(
    "no probe pod or owner left",
    async () => {
      const l = await leftovers();
      return l.pods === 0 && l.jobs === 0 ? true : undefined;
    },
    60_000,
  );
  await expect(section.getByRole("button", { name: "Check reachability" })).toBeVisible();
});
