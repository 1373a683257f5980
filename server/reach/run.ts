import { probeStage } from "@/lib/probes/pod-state";
import { probeAddress } from "@/lib/reach/address";
import type { NetFacts, SideFacts } from "@/lib/reach/expect";
import { measure, type PlannedNode, PROBE_IF, planProbes, probePods, type Reports, targetsFor } from "@/lib/reach/plan";
import { parseProbeReport, TARGETS_ANNOTATION, targetsValue } from "@/lib/reach/probe-script";
import type { ProbeNode, ReachResult } from "@/lib/reach/schema";
import { countVerdicts, headline, judgeCells, reachFindingsOf } from "@/lib/reach/verdict";
import type { ProbeKube } from "../probes/kube";
import { ProbeRun, started } from "../probes/run";
import { sweepStaleRuns } from "../probes/sweep";

/** How long each phase of a run may take, in ms. */
export interface ReachBounds {
  start: number;
  address: number;
  ping: number;
}
export const DEFAULT_BOUNDS: ReachBounds = { start: 60_000, address: 30_000, ping: 60_000 };

export type ReachEvent =
  | { type: "phase"; text: string }
  | { type: "probe"; node: string; pod: string; text: string }
  | { type: "done"; result: ReachResult }
  | { type: "failed"; message: string; missing?: string[] };

export interface ReachRequest {
  network: string;
  nodes: readonly string[];
  net: NetFacts;
  sides: ReadonlyMap<string, SideFacts>;
  image: string;
  ttlSeconds: number;
  bounds?: Partial<ReachBounds>;
  signal?: AbortSignal;
  emit: (e: ReachEvent) => void;
  /** why a probe's network was not set up, from its events, when the caller can read them */
  explain?: (pod: string) => string | undefined;
}

/**
 * One reachability check: the RBAC precheck, probe pods on each node, their addresses, every pair pinged, the
 * result judged against the topology, and the pods removed however it ends (done, failed, cancelled).
 */
export async function runReach(kube: ProbeKube, r: ReachRequest): Promise<ReachResult | null> {
  const [namespace = ""] = r.network.split("/");
  const startedAt = new Date().toISOString();
  const access = await kube.access(namespace);
  if (!access.allowed) {
    r.emit({ type: "failed", message: `you may not run probe pods in ${namespace}`, missing: access.missing });
    return null;
  }
  // Runs a killed server left here are past their TTL: removed before this one starts.
  await sweepStaleRuns(kube, Date.now(), [namespace]).catch(() => []);
  const bounds = { ...DEFAULT_BOUNDS, ...r.bounds };
  const plan = planProbes(r.nodes, r.net.mainType);
  r.emit({ type: "phase", text: `creating ${plan.length * (plan[0]?.b ? 2 : 1)} probe pods in ${namespace}` });
  const waitSec = Math.ceil((bounds.start + bounds.address + bounds.ping) / 1000);
  const run = await ProbeRun.start(kube, {
    namespace,
    purpose: "reachability",
    ttlSeconds: r.ttlSeconds,
    pods: probePods(plan, r.network, r.image, waitSec, r.net.resourceName),
    ...(r.signal ? { signal: r.signal } : {}),
    startedBy: await kube.who(),
  });
  try {
    const reports = await probeAndCollect(run, plan, bounds, r);
    const nodes: ProbeNode[] = plan.map((p) => nodeSummary(p, run, reports));
    const cells = judgeCells(r.net, r.sides, measure(plan, reports.byKey));
    const problems = nodes.flatMap((n) => (n.problem ? [{ node: n.node, problem: n.problem }] : []));
    const counts = countVerdicts(cells);
    return {
      network: r.network,
      interface: PROBE_IF,
      startedAt,
      finishedAt: new Date().toISOString(),
      nodes,
      cells,
      headline: headline(counts),
      counts,
      findings: reachFindingsOf(r.net, cells, problems),
    };
  } finally {
    r.emit({ type: "phase", text: "removing the probe pods" });
    await run.stop({ wait: true, boundMs: 30_000 }).catch((e: unknown) =>
      r.emit({
        type: "phase",
        text: `the probe pods could not all be removed: ${e instanceof Error ? e.message : String(e)}`,
      }),
    );
  }
}

interface Collected {
  byKey: Reports;
  address: Map<string, string>;
}

async function probeAndCollect(
  run: ProbeRun,
  plan: readonly PlannedNode[],
  b: ReachBounds,
  r: ReachRequest,
): Promise<Collected> {
  const nodeOf = new Map(plan.flatMap((p) => [p.a, p.b].flatMap((k) => (k ? [[k, p.node] as const] : []))));
  const keys = [...nodeOf.keys()];
  const common = (what: string, boundMs: number) => ({
    what,
    boundMs,
    ...(r.signal ? { signal: r.signal } : {}),
    onUpdate: (key: string, text: string) =>
      r.emit({ type: "probe", node: nodeOf.get(key) ?? "", pod: run.podName(key), text }),
  });
  const byKey = new Map<string, { reports: ReturnType<typeof parseProbeReport>["reports"] } | { problem: string }>();
  r.emit({ type: "phase", text: "waiting for the probes to be scheduled and started" });
  const up = await run.waitEach(keys, started, common("scheduled and started", b.start));
  r.emit({ type: "phase", text: `waiting for each probe's address on ${r.network}` });
  const live = keys.filter((k) => up.get(k)?.ok);
  for (const k of keys) {
    const o = up.get(k);
    if (o && !o.ok) byKey.set(k, { problem: withCause(o.reason, r.explain?.(run.podName(k))) });
  }
  const address = new Map<string, string>();
  const addressed = await run.waitEach(
    live,
    (pod) => {
      const a = probeAddress(pod, probeStage(pod), PROBE_IF);
      if ("ok" in a) address.set(pod.metadata.labels?.["plumbline.io/probe-key"] ?? "", a.address);
      return "ok" in a ? { ok: true } : a;
    },
    common("given an address", b.address),
  );
  for (const [k, o] of addressed) if (!o.ok) byKey.set(k, { problem: o.reason });
  // A probe with nobody to ping (the only one on the network) is not asked to; it ends with the run.
  const targets = new Map([...targetsFor(plan, address)].filter(([, t]) => t.length > 0));
  r.emit({ type: "phase", text: "pinging every pair" });
  await Promise.all([...targets].map(([k, t]) => run.annotate(k, { [TARGETS_ANNOTATION]: targetsValue(t) })));
  const finished = await run.waitEach(
    [...targets.keys()],
    (pod) => {
      const s = probeStage(pod);
      if (s.stage === "running") return { wait: "pinging" };
      return s.stage === "done" ? { ok: true } : { fail: s.reason };
    },
    common("done pinging", b.ping),
  );
  for (const [k, o] of finished) {
    if (!o.ok) {
      byKey.set(k, { problem: o.reason });
      continue;
    }
    const text = (await run.result(o.pod)) ?? "";
    const parsed = parseProbeReport(text);
    byKey.set(k, parsed.error ? { problem: `the probe gave up: ${parsed.error}` } : { reports: parsed.reports });
  }
  return { byKey, address };
}

function nodeSummary(p: PlannedNode, run: ProbeRun, c: Collected): ProbeNode {
  const keys = [p.a, ...(p.b ? [p.b] : [])];
  const problem = keys.map((k) => c.byKey.get(k)).find((x) => x && "problem" in x);
  return {
    node: p.node,
    pods: keys.map((k) => ({ name: run.podName(k), ...(c.address.has(k) ? { address: c.address.get(k) } : {}) })),
    ...(problem && "problem" in problem ? { problem: problem.problem } : {}),
  };
}

/** A pod stuck while its sandbox (and network) was made says why, when its events do. */
function withCause(reason: string, cause: string | undefined): string {
  return cause && !reason.includes(cause) ? `${reason} (${cause})` : reason;
}
