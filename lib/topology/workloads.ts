// Workloads as the topology sees them: the networks a pod template asks for against what the pods running now ask
// for. A pod keeps the annotation it was created with, so after "attach" (or the walk-through's `oc patch deploy`)
// the difference is the rollout still to come.

import { appendAll } from "../append";
import { compareCodePoints } from "../compare";
import { podId, workloadId } from "../contract/ids";
import type { Finding, WorkloadElement } from "../contract/schema";
import { annotation, type KubeObject } from "../k8s/objects";
import { controllerReference } from "../k8s/owner";
import { templateNetworks, type WorkloadKind, workloadKindSchema } from "../k8s/workloads";
import { NETWORKS_ANNOTATION } from "../pod/annotations";
import { parseNetworksAnnotation, requestKey } from "../pod/networks-annotation";
import { isObject } from "../result";

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort(compareCodePoints).join("\n") === [...b].sort(compareCodePoints).join("\n");

/** The controller a pod names: a ReplicaSet stands for its Deployment (named `<deployment>-<pod-template-hash>`). */
function controllerOf(pod: KubeObject): { kind: string; name: string } | null {
  const ref = controllerReference(pod.metadata);
  if (!ref || typeof ref.kind !== "string" || typeof ref.name !== "string") return null;
  if (ref.kind !== "ReplicaSet") return { kind: ref.kind, name: ref.name };
  const hash = pod.metadata.labels?.["pod-template-hash"];
  return typeof hash === "string" && ref.name.endsWith(`-${hash}`)
    ? { kind: "Deployment", name: ref.name.slice(0, -hash.length - 1) }
    : { kind: "ReplicaSet", name: ref.name };
}

/** spec.selector.matchLabels, when that is the whole selector and selects something; else null (owners only). */
function matchLabels(workload: KubeObject): Record<string, string> | null {
  const spec = isObject(workload.spec) ? workload.spec : {};
  const selector = isObject(spec.selector) ? spec.selector : null;
  if (!selector || selector.matchExpressions !== undefined || !isObject(selector.matchLabels)) return null;
  const entries = Object.entries(selector.matchLabels);
  if (entries.length === 0 || entries.some(([, v]) => typeof v !== "string")) return null;
  return Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
}

const selects = (labels: Record<string, string>, pod: KubeObject): boolean =>
  Object.entries(labels).every(([k, v]) => pod.metadata.labels?.[k] === v);

/**
 * The first of `list` (in its order) whose selector selects a pod, without trying every selector on every pod:
 * each selector is filed under its rarest label pair (a pod it selects must carry that pair), and a pod looks only
 * in the files of the pairs it carries. n owner-less pods against n Deployments cost n, not n².
 */
function selectorIndex<T extends { selector: Record<string, string> | null }>(
  list: readonly T[],
): (pod: KubeObject) => T | undefined {
  const pair = (k: string, v: string) => `${k}\u0000${v}`;
  const count = new Map<string, number>();
  for (const w of list)
    for (const [k, v] of Object.entries(w.selector ?? {})) count.set(pair(k, v), (count.get(pair(k, v)) ?? 0) + 1);
  const files = new Map<string, { at: number; w: T }[]>();
  list.forEach((w, at) => {
    if (!w.selector) return;
    let best: string | undefined;
    for (const [k, v] of Object.entries(w.selector)) {
      const p = pair(k, v);
      if (best === undefined || (count.get(p) ?? 0) < (count.get(best) ?? 0)) best = p;
    }
    if (best === undefined) return;
    const file = files.get(best);
    if (file) file.push({ at, w });
    else files.set(best, [{ at, w }]);
  });
  return (pod) => {
    const labels: unknown = pod.metadata.labels;
    if (!isObject(labels)) return undefined;
    let found: { at: number; w: T } | undefined;
    for (const [k, v] of Object.entries(labels)) {
      if (typeof v !== "string") continue;
      // Each file is in list order: its first match is the only one that can be the first overall.
      const hit = files.get(pair(k, v))?.find((c) => c.w.selector !== null && selects(c.w.selector, pod));
      if (hit && (!found || hit.at < found.at)) found = hit;
    }
    return found?.w;
  };
}

interface Entry {
  obj: KubeObject;
  kind: WorkloadKind;
  selector: Record<string, string> | null;
}

/**
 * The workloads of one namespace, ready to take pods one at a time (the store re-joins only the pods that change).
 * A pod belongs to the workload its controller reference names; a pod without one (a file that dropped its owners,
 * the demo, an owner that is no controller) to the first workload whose matchLabels select it (lib/k8s/owner.ts:
 * the reading every source shares). The workloads come sorted by key (the intake stage's order).
 */
export class NamespaceJoin {
  readonly list: readonly Entry[];
  private readonly byOwner: Map<string, number>;
  private readonly selected: (pod: KubeObject) => Entry | undefined;
  private readonly at: Map<Entry, number>;

  constructor(
    readonly namespace: string,
    workloads: readonly KubeObject[],
  ) {
    this.list = workloads.flatMap((w) => {
      const kind = workloadKindSchema.safeParse(w.kind);
      return kind.success ? [{ obj: w, kind: kind.data, selector: matchLabels(w) }] : [];
    });
    this.at = new Map(this.list.map((w, i) => [w, i]));
    this.byOwner = new Map(this.list.map((w, i) => [`${w.kind}/${w.obj.metadata.name}`, i]));
    this.selected = selectorIndex(this.list);
  }

  /** The place in `list` of the workload a pod belongs to; -1 for none. */
  ownerOf(pod: KubeObject): number {
    const owner = controllerOf(pod);
    if (owner) return this.byOwner.get(`${owner.kind}/${owner.name}`) ?? -1;
    const w = this.selected(pod);
    return w ? (this.at.get(w) ?? -1) : -1;
  }

  /** The element of the workload at `i` with its pods (in key order), and its findings. */
  element(i: number, own: readonly KubeObject[]): { element: WorkloadElement; findings: Finding[] } {
    const entry = this.list[i];
    if (!entry) throw new Error(`no workload at ${i}`);
    const { namespace } = this;
    const { obj, kind } = entry;
    const findings: Finding[] = [];
    const id = workloadId(namespace, kind, obj.metadata.name);
    const label = `${kind} ${namespace}/${obj.metadata.name}`;
    const raw = templateNetworks(obj);
    const parsed = raw?.trim() ? parseNetworksAnnotation(raw, namespace) : null;
    const template = parsed?.ok ? parsed.value : [];
    const keys = template.map(requestKey);
    if (parsed && !parsed.ok)
      findings.push({
        severity: "error",
        code: "workload-networks-invalid",
        message: `${label}: the pod template's ${NETWORKS_ANNOTATION} ${parsed.error}`,
        elements: [id],
      });
    const entries = own.map((pod) => {
      const ask = annotation(pod, NETWORKS_ANNOTATION);
      const read = ask?.trim() ? parseNetworksAnnotation(ask, namespace) : null;
      const networks = read?.ok ? read.value.map(requestKey) : [];
      const current =
        parsed !== null && !parsed.ok ? true : read !== null && !read.ok ? false : sameSet(networks, keys);
      return { id: podId(namespace, pod.metadata.name), networks, current };
    });
    const stale = entries.filter((p) => !p.current);
    if (stale.length > 0) findings.push(pendingFinding(label, id, keys, stale.length, entries.length));
    const spec = isObject(obj.spec) ? obj.spec : {};
    const element: WorkloadElement = {
      id,
      kind: "workload",
      name: obj.metadata.name,
      parent: null,
      provenance: "observed",
      namespace,
      workloadKind: kind,
      replicas: typeof spec.replicas === "number" && Number.isSafeInteger(spec.replicas) ? spec.replicas : null,
      template: template.map((r) => ({
        network: `${r.namespace}/${r.name}`,
        ...(r.interface ? { interface: r.interface } : {}),
      })),
      ...(parsed && !parsed.ok ? { templateError: parsed.error } : {}),
      pods: entries,
    };
    return { element, findings };
  }
}

/**
 * The workloads of one namespace with their pods (see NamespaceJoin). Both lists are sorted by key (the intake
 * stage's order), so the result does not depend on input order.
 */
export function namespaceWorkloads(
  namespace: string,
  workloads: readonly KubeObject[],
  pods: readonly KubeObject[],
): { elements: WorkloadElement[]; findings: Finding[] } {
  const join = new NamespaceJoin(namespace, workloads);
  const own = join.list.map((): KubeObject[] => []);
  for (const pod of pods) own[join.ownerOf(pod)]?.push(pod);
  const out: { elements: WorkloadElement[]; findings: Finding[] } = { elements: [], findings: [] };
  own.forEach((list, i) => {
    const r = join.element(i, list);
    out.elements.push(r.element);
    appendAll(out.findings, r.findings);
  });
  return out;
}

function pendingFinding(label: string, id: string, template: string[], stale: number, all: number): Finding {
  const wants = template.length ? template.join(", ") : "no secondary network";
  return {
    severity: "info",
    code: "workload-rollout-pending",
    message: `${label}: ${stale} of ${all} pods run with other networks than the template's (${wants}); they take them when the rollout replaces them`,
    elements: [id],
  };
}

export const WORKLOAD_KINDS = workloadKindSchema.options;

/** Every namespace's workloads, in namespace order: what the full build adds. */
export function allWorkloads(
  workloads: readonly KubeObject[],
  pods: readonly KubeObject[],
): { elements: WorkloadElement[]; findings: Finding[] } {
  const byNs = new Map<string, { workloads: KubeObject[]; pods: KubeObject[] }>();
  const group = (ns: string) => {
    const g = byNs.get(ns) ?? { workloads: [], pods: [] };
    byNs.set(ns, g);
    return g;
  };
  for (const w of workloads) group(w.metadata.namespace ?? "default").workloads.push(w);
  for (const p of pods) byNs.get(p.metadata.namespace ?? "default")?.pods.push(p);
  const out: { elements: WorkloadElement[]; findings: Finding[] } = { elements: [], findings: [] };
  for (const ns of [...byNs.keys()].sort(compareCodePoints)) {
    const g = byNs.get(ns);
    if (!g || g.workloads.length === 0) continue;
    const r = namespaceWorkloads(ns, g.workloads, g.pods);
    for (const el of r.elements) out.elements.push(el);
    for (const f of r.findings) out.findings.push(f);
  }
  return out;
}
