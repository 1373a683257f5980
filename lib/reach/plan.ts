import type { MainType } from "../contract/schema";
import { NETWORKS_ANNOTATION } from "../pod/annotations";
import type { ProbePod } from "../probes/manifest";
import { combine, observedOf } from "./observe";
import { type ProbeReport, reachScript, TARGETS_ANNOTATION } from "./probe-script";
import type { Observed } from "./schema";

/** A run is bounded: at most this many nodes (two pods each), so the report fits a termination message. */
export const MAX_PROBE_NODES = 16;
/** The name of the probe's interface on the network under test. */
export const PROBE_IF = "net1";

/** The probes on one node: `a` pings every other node's `a` and its own `b`; `b` pings its own `a`. */
export interface PlannedNode {
  node: string;
  a: string;
  /** absent where a node can hold only one pod of the network (a host device moves into its pod) */
  b?: string;
}

export function planProbes(nodes: readonly string[], mainType: MainType | null): PlannedNode[] {
  if (nodes.length > MAX_PROBE_NODES)
    throw new Error(`a check runs on at most ${MAX_PROBE_NODES} nodes, not ${nodes.length}: pick the nodes to check`);
  const single = mainType === "host-device";
  return [...nodes].sort().map((node, i) => ({ node, a: `n${i}a`, ...(single ? {} : { b: `n${i}b` }) }));
}

/** The pods of a plan: on its node, attached to the network as net1, ping with NET_RAW, held up until the run ends. */
export function probePods(
  plan: readonly PlannedNode[],
  network: string,
  image: string,
  waitSec: number,
  resourceName?: string,
): ProbePod[] {
  const [namespace, name] = network.split("/");
  const annotations = { [NETWORKS_ANNOTATION]: JSON.stringify([{ name, namespace, interface: PROBE_IF }]) };
  return plan.flatMap((p) =>
    [p.a, p.b].flatMap((key) =>
      key
        ? [
            {
              key,
              node: p.node,
              image,
              command: reachScript(PROBE_IF, waitSec),
              extras: { netRaw: true },
              annotations,
              inputs: [TARGETS_ANNOTATION],
              hold: true,
              // An SR-IOV network's VF comes from the device plugin: asked for, as network-resources-injector would.
              ...(resourceName ? { devices: { [resourceName]: "1" } } : {}),
            },
          ]
        : [],
    ),
  );
}

/** Who pings whom, among the probes that have an address. */
export function targetsFor(
  plan: readonly PlannedNode[],
  address: ReadonlyMap<string, string>,
): Map<string, { key: string; address: string }[]> {
  const out = new Map<string, { key: string; address: string }[]>();
  const at = (key: string | undefined) => (key && address.has(key) ? [{ key, address: address.get(key) ?? "" }] : []);
  for (const p of plan) {
    if (!address.has(p.a)) continue;
    out.set(p.a, [...plan.filter((q) => q !== p).flatMap((q) => at(q.a)), ...at(p.b)]);
    if (p.b && address.has(p.b)) out.set(p.b, at(p.a));
  }
  return out;
}

/** What each probe reported (or why it reported nothing), by key. */
export type Reports = ReadonlyMap<string, { reports: ProbeReport[] } | { problem: string }>;

/** Every direction of the matrix with what was measured, or why it was not. */
export function measure(
  plan: readonly PlannedNode[],
  reports: Reports,
): { from: string; to: string; observed: Observed }[] {
  const one = (from: string, to: string): Observed => {
    const r = reports.get(from);
    if (!r) return { state: "not-tested", reason: "no probe" };
    if ("problem" in r) return { state: "not-tested", reason: r.problem };
    const target = reports.get(to);
    if (target && "problem" in target) return { state: "not-tested", reason: target.problem };
    return observedOf(r.reports.find((x) => x.key === to));
  };
  const out: { from: string; to: string; observed: Observed }[] = [];
  for (const p of plan)
    for (const q of plan) {
      if (p !== q) out.push({ from: p.node, to: q.node, observed: one(p.a, q.a) });
      else if (p.b) out.push({ from: p.node, to: p.node, observed: combine(one(p.a, p.b), one(p.b, p.a)) });
    }
  return out;
}
