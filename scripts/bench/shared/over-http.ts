import { type ChildProcess, spawn } from "node:child_process";
import { openSync } from "node:fs";
import { loadavg } from "node:os";
import type { Topology } from "@/lib/contract/schema";
import type { ViewSnapshot } from "@/lib/wire/view-protocol";
import { freePort, median } from "../big/measure";
import { memOf } from "../big/memory";
import { apiClient, openWatches } from "../big/seed";
import { subscribe } from "../big/sse";
import { type Cluster, compareTopology, differs, freshList } from "./fresh";
import type { Identity } from "./identities";

export interface HttpSpec {
  cluster: Cluster;
  kubeconfig: string;
  fallback: string[];
  identities: Identity[];
  /** how many identities' views are checked */
  check: number;
  /** flags for the server's node (scripts/start.sh PLUMBLINE_NODE_ARGS) */
  nodeArgs?: string;
}

export interface HttpResult {
  /** the server's VmHWM once every tab's first message is in */
  peakTabs: number;
  /** the server's VmRSS 10 s after every tab is in (what it holds once the cold builds' garbage may be gone) */
  rssAfter: number;
  /** the server's VmHWM over its whole life, the checks' whole-topology answers included */
  peakRun: number;
  /** start → every tab's first message */
  firstMs: number;
  watches: number;
  views: number;
  exact: number;
  wrong: string[];
  /** per identity: pods / networks / hosts its tab's first message counts */
  counts: string[];
}

const TOKEN_HEADER = "x-forwarded-access-token";

/** Starts the production server (scripts/start.sh) in forwarded-token mode, as it runs behind the Route. */
async function startServer(
  spec: HttpSpec,
  share: boolean,
  log: string,
): Promise<{ server: ChildProcess; base: string }> {
  const port = await freePort();
  const server = spawn("bash", ["scripts/start.sh"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      PLUMBLINE_SOURCE: "kubeconfig",
      PLUMBLINE_IDENTITY: "forwarded-token",
      PLUMBLINE_TOKEN_HEADER: TOKEN_HEADER,
      KUBECONFIG: spec.kubeconfig,
      PLUMBLINE_NAMESPACES: spec.fallback.join(","),
      PLUMBLINE_SHARE_SOURCES: share ? "true" : "false",
      // its own heap settings, not this benchmark's; node flags when asked (a heap cap, --heapsnapshot-signal)
      NODE_OPTIONS: "",
      PLUMBLINE_NODE_ARGS: spec.nodeArgs ?? "",
    },
    stdio: ["ignore", openSync(log, "w"), openSync(log, "a")],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (server.exitCode !== null || i > 3000) throw new Error(`the server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { server, base };
}

/** A promise that refuses after `ms` (a bound on a wait, never a measurement); its timer ends with it. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The tab's first message against the identity's fresh list: the toolbar's lists and the pod count. */
function checkTab(
  first: ViewSnapshot,
  fresh: Awaited<ReturnType<typeof freshList>>,
): { wrong: string[]; counts: string } {
  const pods = first.overview ? first.overview.totals.pods : first.elements.filter((e) => e.kind === "pod").length;
  const freshPods = [...fresh.ids].filter((id) => id.startsWith("pod/") && id.split("/").length === 3).length;
  const wrong = [
    differs("tab: namespaces", first.catalog.namespaces, fresh.catalog.namespaces),
    differs("tab: networks", first.catalog.networks, fresh.catalog.networks),
    differs("tab: hosts", first.catalog.hosts, fresh.catalog.hosts),
    pods === freshPods ? "" : `tab: ${pods} pods counted, ${freshPods} listed`,
  ].filter(Boolean);
  return {
    wrong,
    counts: `${pods} pods / ${first.catalog.networks.length} networks / ${first.catalog.hosts.length} hosts`,
  };
}

/**
 * One production server's life in one mode: every identity opens a tab (the cluster view's SSE subscription with its
 * own forwarded token), held to the end; then each identity's tab and whole topology (its JSON export, GET
 * /api/export/topology: topology.get answers at most LIMITS.wholeTopologyItems elements and links) are
 * checked against a fresh list made with its own token.
 */
export async function runOverHttp(spec: HttpSpec, mode: string, log: (s: string) => void): Promise<HttpResult> {
  const api = apiClient({ ...spec.cluster, restrictedToken: "", kubeconfigPath: "", dir: "" } as never);
  const before = await openWatches(api);
  const who = mode === "one" ? spec.identities.slice(0, 1) : spec.identities;
  const t = performance.now();
  const { server, base } = await startServer(spec, mode !== "own", `/tmp/shared-identities-${mode}.log`);
  const tabs = who.map((i) => subscribe(base, {}, { [TOKEN_HEADER]: i.token }));
  try {
    const firsts = await within(Promise.all(tabs.map((s) => s.first)), 900_000, "every tab's first message");
    const firstMs = performance.now() - t;
    const peakTabs = memOf(server.pid ?? 0).peak;
    await new Promise((r) => setTimeout(r, 10_000));
    const rssAfter = memOf(server.pid ?? 0).now;
    const watches = (await openWatches(api)) - before;
    log(
      `${mode}: ${who.length} tabs in after ${(firstMs / 1000).toFixed(1)} s, VmHWM ${(peakTabs / 2 ** 20).toFixed(0)} MiB, VmRSS 10 s later ${(rssAfter / 2 ** 20).toFixed(0)} MiB, ${watches} watches`,
    );
    const wrong: string[] = [];
    const counts: string[] = [];
    const checked = who.slice(0, spec.check);
    for (const [n, i] of checked.entries()) {
      const fresh = await freshList(spec.cluster, spec.fallback, i.token);
      const first = firsts[n]?.message;
      if (first?.type !== "snapshot") throw new Error(`${i.name}: the first message is not a snapshot`);
      const tab = checkTab(first, fresh);
      const res = await fetch(`${base}/api/export/topology`, { headers: { [TOKEN_HEADER]: i.token } });
      if (!res.ok) throw new Error(`${i.name}: export HTTP ${res.status}`);
      const topology = (await res.json()) as Topology;
      const bad = [...tab.wrong, ...compareTopology(topology, fresh)];
      counts.push(`${i.name}: ${tab.counts}`);
      log(`${mode}: ${i.name} (${i.access}): ${tab.counts}${bad.length ? `; WRONG ${bad.join("; ")}` : ", exact"}`);
      if (bad.length) wrong.push(`${i.name}: ${bad.join("; ")}`);
    }
    const peakRun = memOf(server.pid ?? 0).peak;
    return {
      peakTabs,
      rssAfter,
      peakRun,
      firstMs,
      watches,
      views: checked.length,
      exact: checked.length - wrong.length,
      wrong,
      counts,
    };
  } finally {
    for (const s of tabs) s.close();
    const exited = new Promise((r) => server.once("exit", r));
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await exited;
    }
    api.close();
  }
}

export const LABELS = [
  ["one", "1 identity alone (reference)"],
  ["shared", "10 identities, sharing by access fingerprint"],
  ["own", "10 identities, one watch set per token (sharing off)"],
] as const;

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/** Each mode in a fresh production server, `runs` times; the table (ratios to one identity alone), exact or not. */
export async function httpModes(
  spec: HttpSpec,
  modes: string[],
  runs: number,
  heading: string,
  log: (s: string) => void,
): Promise<boolean> {
  const results: Record<string, HttpResult[]> = {};
  const loads: string[] = [];
  for (let r = 0; r < runs; r++)
    for (const mode of modes) {
      loads.push(load());
      const res = await runOverHttp(spec, mode, log);
      results[mode] = [...(results[mode] ?? []), res];
    }
  const ref = median((results.one ?? []).map((x) => x.peakTabs));
  console.log(`${heading}, over HTTP through the production server, load average ${loads.join(" | ")} → ${load()}`);
  console.log(
    "| server | peak RSS (VmHWM), every tab open | × one | RSS 10 s later | peak RSS, whole run (checks' whole topologies included) | watches opened | every tab's first message | tabs and topologies exact (vs a fresh list with the identity's own token) |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const [mode, label] of LABELS) {
    const xs = results[mode] ?? [];
    if (xs.length === 0) continue;
    const tabs = median(xs.map((x) => x.peakTabs));
    const all = (f: (x: HttpResult) => string) => xs.map(f).join(", ");
    console.log(
      `| ${label} | ${mib(tabs)} (runs ${all((x) => mib(x.peakTabs))}) | ${Number.isFinite(ref) ? (tabs / ref).toFixed(2) : "—"} | ${mib(median(xs.map((x) => x.rssAfter)))} | ${mib(median(xs.map((x) => x.peakRun)))} | ${median(xs.map((x) => x.watches))} | ${all((x) => `${(x.firstMs / 1000).toFixed(1)} s`)} | ${all((x) => `${x.exact}/${x.views}`)} |`,
    );
  }
  const shared = results.shared?.[0];
  if (shared) console.log(`\nWhat each tab counts (sharing on): ${shared.counts.join("; ")}`);
  const wrong = Object.values(results).flatMap((xs) => xs.flatMap((x) => x.wrong));
  for (const w of wrong) console.log(`WRONG: ${w}`);
  return wrong.length === 0;
}
