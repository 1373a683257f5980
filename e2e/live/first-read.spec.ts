import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { listQuery, resourcePath, WATCHED } from "../../server/sources/live/resources";
import { snap } from "../screenshot";
import { SlowProxy } from "../slow-proxy";
import { startServer } from "../snapshot-server";
import { testbed } from "../testbed";
import { visibleTextSizes } from "../text-size";

// A cluster slow to list (the test bed behind a proxy that holds its answers back, then trickles them, ~6 KB/s a
// connection): before the first picture the page says how far the server's read is, its counts move, and they end at
// what the API server lists. At 150,000 pods this stretch is most of a minute.

test("while the server still reads the cluster, the page says how far it is, and then draws it", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const info = JSON.parse(readFileSync(process.env.PLUMBLINE_TESTBED_INFO ?? "", "utf8")) as {
    server: string;
    kubeconfigPath: string;
  };
  const proxy = new SlowProxy(Number(new URL(info.server).port), { bytes: 1024, everyMs: 150 });
  await proxy.start();
  const kc = new KubeConfig();
  kc.loadFromFile(info.kubeconfigPath);
  kc.setCurrentContext("admin");
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("the bed's kubeconfig has no cluster");
  const slow = new KubeConfig();
  slow.loadFromOptions({
    clusters: [{ ...cluster, server: `https://127.0.0.1:${proxy.port}` }],
    users: kc.users,
    contexts: kc.contexts,
    currentContext: "admin",
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), "plumbline-e2e-slow-"));
  const kubeconfig = path.join(dir, "kubeconfig");
  writeFileSync(kubeconfig, slow.exportConfig(), { mode: 0o600 });
  const server = await startServer({ PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: kubeconfig }, 11);
  try {
    await page.goto(server.url);
    const panel = page.getByTestId("first-read");
    await expect(panel).toBeVisible();
    await expect(panel.getByText(/^Reading the cluster: \d+ of \d+ lists still coming…$/)).toBeVisible();
    // each List said as a count so far (no total is known before a List's end)
    await expect(panel.getByRole("row", { name: "pods: 0 read so far", exact: true })).toBeVisible();
    // nothing has been checked, so the Problems panel does not say all is well
    await expect(page.getByTestId("problems-not-checked")).toHaveText(
      "Not checked yet: the cluster is still being read.",
    );
    const before = await panel.getByTestId("first-read-lists").textContent();
    // readable: every line of it at 12 px or more
    const sizes = await visibleTextSizes(panel);
    expect(sizes.length).toBeGreaterThan(10);
    for (const s of sizes) expect(s.px, s.text).toBeGreaterThanOrEqual(12);
    await snap(page, testInfo, "first-read-held");
    proxy.trickle();
    // the counts move while the picture is still being read
    await expect.poll(() => panel.getByTestId("first-read-lists").textContent(), { timeout: 30_000 }).not.toBe(before);
    await expect(panel.getByRole("row", { name: /^pods: [1-9][\d,]* (read so far|✓)$/ })).toBeVisible({
      timeout: 30_000,
    });
    await snap(page, testInfo, "first-read-trickle");

    proxy.release();
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId("problems-not-checked")).toHaveCount(0);
    await expect(page.getByTestId("finding-group").first()).toBeVisible();

    // what the server says it read is what the API server lists now
    const said = await page.request.get(`${server.url}/api/trpc/cluster.firstRead?input=${encodeURIComponent("{}")}`);
    const read = (
      (await said.json()) as { result: { data: { phase: string; lists: { resource: string; items: number }[] } } }
    ).result.data;
    expect(read.phase).toBe("done");
    for (const r of WATCHED.filter((w) => ["pods", "nodes", "network-attachment-definitions"].includes(w.resource))) {
      const fresh = await testbed().request("GET", `${resourcePath(r)}${listQuery(r, "consistent")}`);
      const items = ((fresh.body as { items?: unknown[] }).items ?? []).length;
      expect(read.lists.find((l) => l.resource === r.resource)?.items, r.resource).toBe(items);
    }
  } finally {
    await server.stop();
    await proxy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
