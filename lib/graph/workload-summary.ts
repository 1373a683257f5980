import type { Topology, WorkloadElement } from "../contract/schema";

/** One network of a workload: whether its template asks for it, and how many of its pods do now. */
export interface WorkloadNetwork {
  /** namespace/name, with @interface when the entry names one */
  network: string;
  /** the network alone (namespace/name), for its colour */
  ref: string;
  inTemplate: boolean;
  pods: number;
}

export interface WorkloadSummary {
  total: number;
  /** pods that ask for exactly the template's networks */
  current: number;
  /** pods still running with other networks: the rollout has not replaced them yet */
  pending: number;
  /** the template's networks first (in its order), then those only old pods still ask for */
  networks: WorkloadNetwork[];
  /** one line an admin reads at a glance */
  line: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
// A key is `namespace/name@interface`; neither a namespace nor a NAD name may contain "@" (DNS-1123).
const refOfKey = (key: string): string => key.split("@")[0] ?? key;

/** What a workload's rollout has reached: its template's networks against what its pods ask for. */
export function summarizeWorkload(w: WorkloadElement): WorkloadSummary {
  const keys = w.template.map((t) => (t.interface ? `${t.network}@${t.interface}` : t.network));
  const count = new Map<string, number>();
  for (const p of w.pods) for (const n of new Set(p.networks)) count.set(n, (count.get(n) ?? 0) + 1);
  const networks: WorkloadNetwork[] = [
    ...keys.map((network) => ({ network, ref: refOfKey(network), inTemplate: true, pods: count.get(network) ?? 0 })),
    ...[...count.keys()]
      .filter((n) => !keys.includes(n))
      .sort()
      .map((network) => ({ network, ref: refOfKey(network), inTemplate: false, pods: count.get(network) ?? 0 })),
  ];
  const current = w.pods.filter((p) => p.current).length;
  const pending = w.pods.length - current;
  const line =
    w.pods.length === 0
      ? "no pods running"
      : pending === 0
        ? `all ${plural(w.pods.length, "pod")} run with the template's networks`
        : `${current} of ${plural(w.pods.length, "pod")} run with the template's networks; ${pending} pending rollout`;
  return { total: w.pods.length, current, pending, networks, line };
}

/** The workloads in a topology, worst first (pods pending rollout), then by namespace and name. */
export function workloadsOf(t: Topology | null | undefined): WorkloadElement[] {
  const list = (t?.elements ?? []).filter((e): e is WorkloadElement => e.kind === "workload");
  const pending = (w: WorkloadElement) => w.pods.filter((p) => !p.current).length;
  return list.sort(
    (a, b) => pending(b) - pending(a) || `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
  );
}

/** The workload a pod belongs to, with whether it still waits for the rollout. */
export function workloadOfPod(t: Topology, podId: string): { workload: WorkloadElement; current: boolean } | null {
  for (const w of workloadsOf(t)) {
    const entry = w.pods.find((p) => p.id === podId);
    if (entry) return { workload: w, current: entry.current };
  }
  return null;
}

/** The pods whose workload's template asks for other networks than they do: the rollout has not replaced them yet. */
export function pendingRollout(t: Topology): Set<string> {
  const out = new Set<string>();
  for (const e of t.elements) if (e.kind === "workload") for (const p of e.pods) if (!p.current) out.add(p.id);
  return out;
}
