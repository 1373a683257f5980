import { expect, type Page, test } from "@playwright/test";
import { networkColours } from "../../lib/graph/palette";
import { snapshotFromObjects } from "../../lib/k8s/snapshot";
import { filterTopology } from "../../lib/match/filter";
import { clusterOverview } from "../../lib/overview/cluster-overview";
import { DEFAULT_COLUMNS } from "../../lib/overview/columns";
import { orderHosts } from "../../lib/overview/rows";
import { hostsAndPods, pastNetworkGraph } from "../../lib/overview/thresholds";
import { buildTopology } from "../../lib/topology/build";
import { CATALOG_HOSTS, FINDINGS_PAGE } from "../../lib/wire/view-protocol";
import { withFaults } from "../../testing/fixtures/faults";
import { syntheticCluster } from "../../testing/fixtures/synthetic-cluster";
import { snap } from "../screenshot";
import { type SnapshotServer, startSnapshotServer } from "../snapshot-server";
import { visibleTextSizes } from "../text-size";

// Generated clusters at three sizes, each served from a snapshot file like `npm run serve -- --snapshot`.
const SIZES = [
  { hosts: 10, pods: 400, nads: 8 },
  { hosts: 50, pods: 2000, nads: 20 },
  // The README's cluster: the server sends the cluster view as the overview aggregate (topology.view), not 20,000
  // pods, so the browser's share no longer grows with the pods.
  { hosts: 500, pods: 20_000, nads: 150 },
  // OpenShift's most hosts and networks: the server sends the rows and columns in sight and a summary, and more as the
  // matrix scrolls.
  { hosts: 2000, pods: 20_000, nads: 500 },
] as const;

test.use({ viewport: { width: 1280, height: 720 } });

// The server reads and builds a 20,000-pod cluster before the first picture; on a loaded 2-core machine that takes a
// while (speed is measured by scripts/bench, not here).
test.setTimeout(300_000);

const optionsOf = (size: (typeof SIZES)[number]) => ({ nodes: size.hosts, pods: size.pods, nads: size.nads, seed: 1 });

/** The store's rows, as the server orders them (hosts with problems first): the names the matrix must show. */
function storeRows(size: (typeof SIZES)[number]): string[] {
  const topology = buildTopology(snapshotFromObjects(withFaults(syntheticCluster(optionsOf(size)))));
  return orderHosts(clusterOverview(topology).hosts, "problems").map((h) => h.name);
}

/** The store's columns in order (namespace/name), and the colour each must keep: its own among all the networks. */
function storeNetworks(size: (typeof SIZES)[number]) {
  const topology = buildTopology(snapshotFromObjects(withFaults(syntheticCluster(optionsOf(size)))));
  const names = clusterOverview(topology).networks.map((n) => `${n.namespace}/${n.name}`);
  const nads = topology.elements.flatMap((e) => (e.kind === "network" ? [`${e.namespace}/${e.name}`] : []));
  return { names, colours: networkColours(nads) };
}

/** The column headers drawn, by their column number: the network's name and colour, or null for one still loading. */
async function drawnColumns(page: Page) {
  const columns = await page
    .locator("[data-testid=matrix-network], [data-testid=matrix-network-loading]")
    .evaluateAll((els) =>
      els.map((e) => {
        const d = (e as HTMLElement).dataset;
        return [Number(d.column), d.network ?? null, d.colour ?? null] as const;
      }),
    );
  return new Map(columns.map(([column, network, colour]) => [column, { network, colour }]));
}

/** Every distinct finding of the generated cluster, by severity: what the problems panel must count. */
function storeFindings(size: (typeof SIZES)[number]) {
  const topology = buildTopology(snapshotFromObjects(withFaults(syntheticCluster(optionsOf(size)))));
  const distinct = [...new Map(topology.findings.map((f) => [JSON.stringify(f), f])).values()];
  const of = (s: string) => distinct.filter((f) => f.severity === s).length;
  return { all: distinct.length, error: of("error"), warning: of("warning"), info: of("info") };
}

/** A network's hosts and pods in the generated cluster: whether its view is drawn as the matrix. */
function networkSize(size: (typeof SIZES)[number], network: string) {
  const topology = buildTopology(snapshotFromObjects(withFaults(syntheticCluster(optionsOf(size)))));
  return hostsAndPods(filterTopology(topology, { network }));
}

/** The rows drawn, by their row number: a host's name, or null for a row still loading. */
async function drawnRows(page: Page): Promise<Map<number, string | null>> {
  const rows = await page
    .locator("[data-testid=matrix-row], [data-testid=matrix-row-loading]")
    .evaluateAll((els) => els.map((e) => [Number((e as HTMLElement).dataset.row), (e as HTMLElement).dataset.host]));
  return new Map(rows.map(([row, host]) => [Number(row), typeof host === "string" ? host : null]));
}

async function readAll(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId("overview-matrix")).toBeVisible({ timeout: 240_000 });
}

for (const size of SIZES) {
  test.describe(`a ${size.hosts}-host cluster`, () => {
    let server: SnapshotServer;
    test.beforeAll(async () => {
      test.setTimeout(300_000);
      server = await startSnapshotServer(optionsOf(size), 5);
    });
    test.afterAll(async () => server?.stop());

    test("the overview reads at first sight, the panel's lists stay apart, and cells open their host", async ({
      page,
    }, testInfo) => {
      await readAll(page, server.url);
      const matrix = page.getByTestId("overview-matrix");
      await expect(matrix).toContainText(`${size.hosts.toLocaleString("en")} hosts`);
      await expect(matrix).toContainText(`${size.pods.toLocaleString("en")} pods`);
      await snap(page, testInfo, `overview-${size.hosts}-hosts`);

      // Every text on screen, in the matrix and in the right-hand panel, is 10 px or more.
      const texts = [
        ...(await visibleTextSizes(page.getByTestId("graph"))),
        ...(await visibleTextSizes(page.getByRole("complementary"))),
      ];
      expect(texts.length).toBeGreaterThan(20);
      const small = texts.filter((t) => t.px < 10);
      expect(small, `texts under 10 px: ${JSON.stringify(small.slice(0, 5))}`).toEqual([]);
      // the generated faults show: hosts with errors first, each with its red badge
      await expect(page.getByTestId("matrix-row").first().getByTestId("problem-badge").first()).toBeVisible();

      // The findings and the networks list do not overlap, and both stay inside the panel.
      const findings = await page.getByRole("region", { name: "Problems" }).boundingBox();
      const legend = await page.getByRole("region", { name: "Legend" }).boundingBox();
      const aside = await page.getByRole("complementary").boundingBox();
      if (!findings || !legend || !aside) throw new Error("the panel's sections are not on screen");
      expect(findings.y + findings.height).toBeLessThanOrEqual(legend.y + 0.5);
      expect(legend.y + legend.height).toBeLessThanOrEqual(aside.y + aside.height + 0.5);
      expect(findings.height).toBeGreaterThan(100);

      // Every host is reachable: rows are drawn as they scroll into sight.
      const scroller = page.getByTestId("matrix-scroll");
      // (the rows there come from the server as they scroll into sight: a wait, on a loaded machine a long one)
      await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(page.getByTestId("matrix-row").last()).toBeVisible({ timeout: 60_000 });
      await scroller.evaluate((el) => el.scrollTo(0, 0));
      // The top's rows drawn, not the bottom's still there until the scroll is drawn: a cell read from one of those was
      // not the cell clicked a moment later (the matrix had then moved: a flaky "Host to show" on a loaded machine).
      await expect(page.locator("[data-testid=matrix-row], [data-testid=matrix-row-loading]").first()).toHaveAttribute(
        "data-row",
        "0",
      );
      await expect(page.getByTestId("matrix-row-loading")).toHaveCount(0, { timeout: 60_000 });

      // A cell opens that host's view filtered to that network; a column header opens the network.
      const cell = page.getByTestId("matrix-cell").first();
      const title = (await cell.getAttribute("title")) ?? "";
      const [host = "", network = ""] = title.split(":")[0]?.split(" · ") ?? [];
      await cell.click();
      await expect(page).toHaveURL(/view=host/);
      await expect(page.getByLabel("Host to show")).toHaveValue(host);
      await expect(page.getByLabel("Network filter")).toHaveValue(network);
      await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
      await page.goBack();
      const header = page.getByTestId("matrix-network").first();
      const net = ((await header.getAttribute("title")) ?? "").split(" ")[0] ?? "";
      await header.click();
      await expect(page).toHaveURL(/view=network/);
      const inNet = networkSize(size, net);
      const caption = page.getByTestId("view-caption");
      if (pastNetworkGraph(inNet)) {
        // Past the network graph's bounds: the matrix of its hosts, the rows in sight sent by the server.
        const matrix = page.getByTestId("overview-matrix");
        await expect(matrix).toContainText(`${inNet.hosts.toLocaleString("en")} hosts`, { timeout: 240_000 });
        await expect(page.getByTestId("matrix-row").first()).toBeVisible({ timeout: 60_000 });
        await expect(page.getByTestId("matrix-row-loading")).toHaveCount(0, { timeout: 60_000 });
        await expect(caption).toContainText("Too many hosts to read as a graph");
        await expect(page.getByTestId("graph-canvas")).toHaveCount(0);
      } else {
        // The network's view: its pods' graph (laid out in the page's worker: on a loaded machine a long wait).
        await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 240_000 });
      }
      // The caption is a few lines at most: a long list of hosts says "and N more", every name on demand.
      await expect(caption).toBeVisible();
      expect((await caption.boundingBox())?.height ?? 0).toBeLessThan(100);
      await snap(page, testInfo, `network-${size.hosts}-hosts`);
      const more = caption.getByTestId("view-caption-more");
      if ((await more.count()) > 0) {
        await expect(caption).toContainText(/ and \d+ more/);
        await more.click();
        await expect(caption.getByTestId("view-caption-all")).not.toContainText(/ and \d+ more/);
        await snap(page, testInfo, `network-${size.hosts}-hosts-caption-all`);
      }
      // A namespace: the matrix of its pods' hosts, the rows in sight sent by the server, none left loading.
      await page.goto(`${server.url}/?ns=team-1`);
      await expect(page.getByTestId("overview-matrix")).toBeVisible({ timeout: 240_000 });
      await expect(page.getByTestId("matrix-row").first()).toBeVisible({ timeout: 60_000 });
      await expect(page.getByTestId("matrix-row-loading")).toHaveCount(0, { timeout: 60_000 });
      await snap(page, testInfo, `namespace-${size.hosts}-hosts`);
    });

    test("the problems panel holds the worst findings, counts every one, and loads more when asked", async ({
      page,
    }, testInfo) => {
      const counts = storeFindings(size);
      await readAll(page, server.url);
      const panel = page.getByRole("region", { name: "Problems" });
      // every finding is counted by severity, though the server sends only the worst of them
      await expect(panel.getByRole("button", { name: `All ${counts.all}` })).toBeVisible({ timeout: 60_000 });
      await expect(panel.getByRole("button", { name: `Errors ${counts.error}` })).toBeVisible();
      await expect(panel.getByRole("button", { name: `Warnings ${counts.warning}` })).toBeVisible();
      await expect(panel.getByRole("button", { name: `Info ${counts.info}` })).toBeVisible();
      const first = Math.min(FINDINGS_PAGE, counts.all);
      await expect(panel.getByTestId("finding")).toHaveCount(first);
      const more = panel.getByTestId("findings-more");
      if (counts.all <= FINDINGS_PAGE) {
        await expect(more).toHaveCount(0);
        return;
      }
      // what is left out is said, never a silently shorter list; the worst come first
      await expect(more).toContainText(`${first} of ${counts.all.toLocaleString("en")} shown, worst first`);
      if (counts.error >= first)
        await expect(panel.locator("[data-testid=finding]:not([data-severity=error])")).toHaveCount(0);
      await snap(page, testInfo, `problems-${size.hosts}-hosts`);
      await more.getByRole("button", { name: "Show more" }).click();
      const next = Math.min(4 * FINDINGS_PAGE, counts.all);
      await expect(panel.getByTestId("finding")).toHaveCount(next, { timeout: 60_000 });
      if (next === counts.all) await expect(more).toHaveCount(0);
      else await expect(more).toContainText(`${next} of ${counts.all.toLocaleString("en")} shown, worst first`);
    });

    test("scrolled sideways, the columns are the store's networks in order, each in its own colour; columns on their way say loading", async ({
      page,
    }, testInfo) => {
      const { names, colours } = storeNetworks(size);
      await readAll(page, server.url);
      // The host list is bounded too: past CATALOG_HOSTS it says how many it leaves out (found by search).
      const leftOut = page.getByLabel("Host filter").locator("option[disabled]");
      if (size.hosts > CATALOG_HOSTS)
        await expect(leftOut).toHaveText(
          `… ${(size.hosts - CATALOG_HOSTS).toLocaleString("en")} more hosts: search for them`,
        );
      else await expect(leftOut).toHaveCount(0);
      const note = page.getByTestId("matrix-columns-note");
      const check = async (at: number) => {
        await expect(page.locator(`[data-testid=matrix-network][data-column="${at}"]`)).toBeVisible({
          timeout: 60_000,
        });
        await expect(page.getByTestId("matrix-network-loading")).toHaveCount(0, { timeout: 60_000 });
        await expect(page.getByTestId("matrix-cell-loading")).toHaveCount(0, { timeout: 60_000 });
        const drawn = await drawnColumns(page);
        expect(drawn.size).toBeGreaterThanOrEqual(Math.min(10, names.length - at));
        for (const [column, { network, colour }] of drawn) {
          expect(network, `column ${column}`).toBe(names[column]);
          expect(colour, `${network}'s colour`).toBe(colours.get(network ?? "") ?? null);
        }
      };
      await check(0);
      // The scrollbar is as wide as every column, before any but the first have come.
      const scroller = page.getByTestId("matrix-scroll");
      expect(await scroller.evaluate((el) => el.scrollWidth)).toBeGreaterThan(names.length * 44);
      const held = DEFAULT_COLUMNS.limit;
      if (names.length <= held) {
        // every network sent: nothing left out to say
        await expect(note).toHaveCount(0);
        return;
      }
      // what the window leaves out is said, never a silently narrower matrix
      await expect(note).toContainText(`Networks 1–${held} of ${names.length} loaded · ${names.length - held} more`);
      // The next columns' answer held back: what scrolls into sight says it is loading, then shows the store's columns.
      let release = () => {};
      const wait = new Promise<void>((r) => {
        release = r;
      });
      await page.route(/topology\.view/, async (route) => {
        await wait;
        await route.continue();
      });
      const at = Math.floor(names.length * 0.6);
      await scroller.evaluate((el, x) => el.scrollTo(x, 0), at * 44);
      await expect(page.getByTestId("matrix-network-loading").first()).toBeVisible();
      await snap(page, testInfo, `overview-${size.hosts}-hosts-columns-loading`);
      release();
      await check(at);
      await page.unroute(/topology\.view/);
      await expect(note).toContainText(`of ${names.length} loaded`);
      await expect(note).not.toContainText("Networks 1–");
      await snap(page, testInfo, `overview-${size.hosts}-hosts-scrolled-right`);
      // Back to the left: the first columns again, in the same colours.
      await scroller.evaluate((el) => el.scrollTo(0, 0));
      await check(0);
    });

    test("scrolled, the rows on screen are the store's in its order; rows on their way say loading", async ({
      page,
    }, testInfo) => {
      const expected = storeRows(size);
      await readAll(page, server.url);
      const matrix = page.getByTestId("overview-matrix");
      await expect(matrix).toContainText(`${size.hosts.toLocaleString("en")} hosts`);
      // The scrollbar is as long as every row, before any but the first have come.
      const scroller = page.getByTestId("matrix-scroll");
      const height = await scroller.evaluate((el) => el.scrollHeight);
      expect(height).toBeGreaterThan(size.hosts * 28);
      const check = async (at: number) => {
        await expect(page.locator(`[data-testid=matrix-row][data-row="${at}"]`)).toBeVisible({ timeout: 60_000 });
        await expect(page.getByTestId("matrix-row-loading")).toHaveCount(0, { timeout: 60_000 });
        const drawn = await drawnRows(page);
        expect(drawn.size).toBeGreaterThanOrEqual(Math.min(10, size.hosts - at));
        for (const [row, host] of drawn) expect(host, `row ${row}`).toBe(expected[row]);
      };
      await check(0);
      // The next rows' answer held back: what scrolls into sight says it is loading, then shows the store's rows.
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      await page.route(/topology\.view/, async (route) => {
        await held;
        await route.continue();
      });
      const at = Math.floor(size.hosts * 0.6);
      await scroller.evaluate((el, y) => el.scrollTo(0, y), at * 28);
      if (size.hosts > 100) {
        await expect(page.getByTestId("matrix-row-loading").first()).toBeVisible();
        await snap(page, testInfo, `overview-${size.hosts}-hosts-loading`);
      }
      release();
      await check(at);
      await page.unroute(/topology\.view/);
      await snap(page, testInfo, `overview-${size.hosts}-hosts-scrolled`);
      // Dark, scrolled back to the top: the same rows.
      await page.emulateMedia({ colorScheme: "dark" });
      await readAll(page, server.url);
      await check(0);
      await snap(page, testInfo, `overview-${size.hosts}-hosts-dark`);
    });
  });
}
