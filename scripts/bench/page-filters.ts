/**
 * Section 7 of big-cluster.ts (filters and search in the page) without the test bed, with where the time goes: the
 * generated cluster served from a snapshot file by the production build, the same page measurements (big/measure.ts),
 * and the page's trace marks (components/trace.ts) read after each one. The server's part is the same store and view
 * channels as the live source; the page's part is identical. For iterating on the page; the README's figures come
 * from big-cluster.ts on the real test bed.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/page-filters.ts [--nodes 500 --pods 20000 --nads 200 --runs 3]
 *     [--shots /tmp/shots]   (a screenshot of each settled picture, the first run's; a reference's as
 *                             NAME.reference.png, the second's NAME.reference-2.png)
 *     [--reference DIR ...]   (another checkout's production build, e.g. the commit before a change, measured in the
 *                          same run, alternately with this one: `git worktree add DIR <commit>`, its node_modules,
 *                          `npx next build` there; repeat it for several, e.g. main and a variant of this change)
 *     [--only TEXT]           (only the rows whose label holds TEXT, e.g. --only "new tab" at the maximum's size)
 *     [--cpu]                 (each pick's main-thread CPU time as well, a row of its own: what a loaded machine's
 *                          wall times cannot compare, big/main-thread-cpu.ts)
 */

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import type { KubeObject } from "@/lib/k8s/objects";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { mainThreadCpu } from "./big/main-thread-cpu";
import { inPage, mib, secs, spread } from "./big/measure";
import { serveSnapshot } from "./big/serve-snapshot";
import { subscribe } from "./big/sse";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "200" },
    runs: { type: "string", default: "3" },
    /** a folder: a screenshot of each settled picture (the first run of each figure) goes there */
    shots: { type: "string" },
    /** a checkout whose production build is measured beside this one's, run by run */
    reference: { type: "string", multiple: true },
    /** each pick's main-thread CPU time too (big/main-thread-cpu.ts): traced, so every build's wall times grow a little */
    cpu: { type: "boolean", default: false },
    /** only the rows whose label holds this text */
    only: { type: "string" },
  },
});
const size = { nodes: Number(opt.nodes), pods: Number(opt.pods), nads: Number(opt.nads) };
const runs = Number(opt.runs);
/** How long the page stays drawn before the "… drawn N s before" rows' picks. */
const DWELL_MS = 3000;
const objects = syntheticCluster(size);

/** The user's action and the app's marks after it, as ms since the action: "name+ms" (detail). */
async function breakdown(page: Page): Promise<{ text: string; input: number; last: number }> {
  return page.evaluate(() => {
    const all = performance.getEntriesByType("mark") as PerformanceMark[];
    const first = all.find((m) => m.name.startsWith("bench:"));
    const start = first?.startTime ?? 0;
    const parts = all
      .filter((m) => m.startTime >= start && m !== first && m.name !== "bench:change")
      .map((m) => {
        // the layout worker's reply carries { elk, since } (components/graph/layout.worker.ts)
        const d = m.detail as { elk?: number; since?: number } | string | number | null;
        const extra =
          d && typeof d === "object"
            ? ` elk ${Math.round(d.elk ?? 0)} started +${Math.round((d.since ?? 0) - performance.timeOrigin - start)}`
            : d === undefined || d === null
              ? ""
              : ` ${String(d).slice(0, 40)}`;
        return `${m.name}+${Math.round(m.startTime - start)}${extra}`;
      });
    performance.clearMarks();
    // epoch ms of the user's first input and of the app's last mark, to tell the tool's own time apart
    const last = all.at(-1)?.startTime ?? start;
    return { text: parts.join(" · "), input: performance.timeOrigin + start, last: performance.timeOrigin + last };
  });
}

const dir = await mkdtemp(path.join(tmpdir(), "plumbline-page-filters-"));
const file = path.join(dir, "cluster.json");
await writeFile(file, JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});

/** A production build serving the generated cluster, and a page of its own. */
async function serve(name: string, cwd: string) {
  const { base, stop } = await serveSnapshot(cwd, file);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  await page.addInitScript(() => {
    Object.assign(globalThis, { __plumblineTrace: true });
    for (const type of ["change", "input", "click"])
      document.addEventListener(type, () => performance.mark(`bench:${type}`), true);
  });
  await inPage.open(page, base); // warms the server's overview channel and the page's caches
  return { name, base, page, stop };
}

type Served = Awaited<ReturnType<typeof serve>>;
const servers: Served[] = [];
/** Each row: what, then one figure per server (this build first). */
const rows: [string, string[]][] = [];
try {
  servers.push(await serve("this build", process.cwd()));
  for (const [k, ref] of (opt.reference ?? []).entries())
    servers.push(await serve(k === 0 ? "reference" : `reference-${k + 1}`, ref));
  /** Runs `run` on every server in turn, `runs` times: the servers meet the same machine load. */
  /** `inPage`: the figure is the page's (its trace is printed), else the server's alone */
  const record = async (label: string, run: (s: Served) => Promise<number>, inPage = true) => {
    if (opt.only && !label.includes(opt.only)) return;
    const times = servers.map(() => [] as number[]);
    const cpus = servers.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) {
      for (const [k, s] of servers.entries()) {
        const [total, cpu] =
          opt.cpu && inPage ? await mainThreadCpu(s.page, "bench:", () => run(s)) : [await run(s), Number.NaN];
        times[k]?.push(total);
        cpus[k]?.push(cpu);
        if (!inPage) {
          console.log(`${label} #${i + 1} (${s.name}): ${secs(total)}`);
          continue;
        }
        const end = Date.now();
        if (i === 0 && opt.shots) {
          const name = `${label.replace(/\W+/g, "-")}${k === 0 ? "" : `.${s.name}`}.png`;
          await s.page.screenshot({ path: path.join(opt.shots, name) });
        }
        const b = await breakdown(s.page);
        // The tool's share: before the first input event (Playwright's checks) and after the app's last mark.
        const tool = `tool: ${Math.round(total - (end - b.input))} before, ${Math.round(end - b.last)} after`;
        const thread = Number.isNaN(cpu) ? "" : `, main thread CPU ${secs(cpu)}`;
        console.log(`${label} #${i + 1} (${s.name}): ${secs(total)} (${tool}${thread}) | ${b.text}`);
      }
    }
    rows.push([label, times.map(spread)]);
    if (opt.cpu && inPage) rows.push([`${label}: the page's main-thread CPU`, cpus.map(spread)]);
  };
  // A new tab in a fresh browser context (no cached scripts, no open connection) → the cluster view drawn: the
  // time-to-interactive row of big-cluster.ts, here with a reference beside it.
  await record(
    "a new tab's time to interactive (cluster view, fresh context)",
    (s) => inPage.timeToInteractive(browser, s.base),
    false,
  );
  // The server's part over HTTP, without a page: subscribing to each filtered view until its first message.
  for (const view of [
    { namespace: "team-10", aggregate: true },
    { network: "team-1/host-device-net-1", aggregate: true },
    { host: "node-002" },
    { host: "node-500" },
  ]) {
    let bytes = 0;
    const label = () => `server: ${JSON.stringify(view)} subscribed → first message (${mib(bytes)})`;
    const before = rows.length;
    await record(
      JSON.stringify(view),
      async (s) => {
        const t = performance.now();
        const sub = subscribe(s.base, view);
        const first = await sub.first;
        bytes = first.bytes;
        sub.close();
        return first.at - t;
      },
      false,
    );
    const last = rows.length > before ? rows.at(-1) : undefined;
    if (last) last[0] = label();
  }
  for (const [label, filter] of [
    ["namespace", "Namespace filter"],
    ["network", "Network filter"],
    ["host", "Host filter"],
  ] as const)
    await record(`filter by ${label}`, (s) => inPage.filterSettled(s.page, s.base, filter, 2));
  // The same picks after the page stayed drawn a few seconds, as an admin reads the matrix before picking: what is
  // warmed while the page is idle (the layout worker's ELK) has had the time.
  await record(`filter by host, the page drawn ${DWELL_MS / 1000} s before`, (s) =>
    inPage.filterSettled(s.page, s.base, "Host filter", 4, DWELL_MS),
  );
  // A host opened from the matrix: clicked at once, and after the pointer rested on its row (a different row each,
  // so neither finds the other's view kept).
  await record("a matrix row's host clicked at once", (s) => inPage.openHostSettled(s.page, s.base, 3, 0));
  await record("a matrix row's host clicked, the pointer rested on its row 400 ms", (s) =>
    inPage.openHostSettled(s.page, s.base, 5, 400),
  );
  await record(`a matrix row's host clicked at once, the page drawn ${DWELL_MS / 1000} s before`, (s) =>
    inPage.openHostSettled(s.page, s.base, 7, 0, DWELL_MS),
  );
  const far = objects.filter((o) => o.kind === "Pod").at(-1) as KubeObject;
  const status = JSON.parse(far.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips?: string[] }[];
  for (const [label, query] of [
    ["a pod's name", far.metadata.name],
    ["an IP", status[1]?.ips?.[0] ?? far.metadata.name],
  ] as const)
    await record(`search ${label}, first hit clicked`, (s) => inPage.searchSettled(s.page, s.base, query));
} finally {
  const names = servers.map((s, k) => (k === 0 ? s.name : `${s.name} (${opt.reference?.[k - 1]})`));
  console.log(
    `\n| page, ${size.nodes} nodes / ${size.pods} pods / ${size.nads} NADs (snapshot source) | ${names.join(" | ")} |`,
  );
  console.log(`|---|${names.map(() => "---|").join("")}`);
  for (const [k, v] of rows) console.log(`| ${k} | ${v.join(" | ")} |`);
  await browser.close();
  for (const s of servers) s.stop();
  await rm(dir, { recursive: true, force: true });
}
