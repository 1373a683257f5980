import { compareCodePoints } from "../compare";
import { KIND_ORDER } from "../contract/kind-order";
import type { Topology } from "../contract/schema";
import { boundEventsPerNamespace } from "../events/budget";
import type { KubeObject } from "../k8s/objects";
import type { ClusterSnapshot } from "../k8s/snapshot";
import { reportedCount } from "../node-links/to-nns";
import { CHECKS } from "./check-registry";
import { applyIpPools } from "./checks";
import { BuildContext } from "./context";
import { applyPodEvents } from "./events";
import { EXTRA_KINDS, extraObjectsOf, readExtras } from "./extras";
import { addHosts, explainInferredHosts, markIslands } from "./hosts";
import { type IntakeKind, intake } from "./intake";
import { addNetworks, usedBridges } from "./networks";
import { addPods } from "./pods";
import { allWorkloads, WORKLOAD_KINDS } from "./workloads";

const NODES = { label: "Node", namespaced: false };
const STATES = { label: "NodeNetworkState", namespaced: false };
const NADS = { label: "NetworkAttachmentDefinition", namespaced: true };
const PODS = { label: "Pod", namespaced: true };
const POOLS = { label: "IPPool", namespaced: true };
const RESERVATIONS = { label: "OverlappingRangeIPReservation", namespaced: true };

/**
 * Joins NADs, pod annotations and node link data into one graph. Pure and total: malformed input anywhere
 * becomes a finding on the element it concerns, never an exception. The same objects in any order give the
 * same topology, so live and snapshot sources agree.
 */
export function buildTopology(snapshot: ClusterSnapshot): Topology {
  const ctx = new BuildContext();
  for (const note of snapshot.notes) ctx.findings.push(note);
  // A flood of Events from one namespace costs that namespace's view (at most EVENTS_PER_NAMESPACE read), with a note.
  const events = boundEventsPerNamespace(snapshot.events);
  for (const note of events.notes) ctx.findings.push(note);
  const take = (list: readonly KubeObject[], kind: IntakeKind) => intake(list, kind, ctx.findings);
  addHosts(ctx, take(snapshot.nodes, NODES), take(snapshot.nodeNetworkStates, STATES));
  const extras = readExtras(
    Object.fromEntries(EXTRA_KINDS.map((k) => [k.kind, take(extraObjectsOf(snapshot, k), k)])),
    snapshot,
  );
  const networks = addNetworks(ctx, take(snapshot.nads, NADS), snapshot.operatorNetwork, extras);
  const pods = take(snapshot.pods, PODS);
  addPods(ctx, pods, networks, extras);
  const workloads = WORKLOAD_KINDS.flatMap((kind) =>
    take(
      snapshot.workloads.filter((w) => w.kind === kind),
      { label: kind, namespaced: true },
    ),
  );
  const owned = allWorkloads(workloads, pods);
  for (const el of owned.elements) ctx.add(el);
  // one by one: spreading them into push() overflows the stack past ~100,000 (and ctx.finding bounds the messages)
  for (const f of owned.findings) ctx.finding(f.severity, f.code, f.message, f.elements);
  const ipPools = take(snapshot.ipPools, POOLS);
  const podsComplete = !snapshot.incomplete.includes("pods");
  applyIpPools(ctx, ipPools, networks, podsComplete);
  applyPodEvents(ctx, events.events);
  markIslands(ctx, usedBridges(networks));
  explainInferredHosts(
    ctx,
    {
      absent: snapshot.absent?.includes("nodenetworkstates") ?? false,
      incomplete: snapshot.incomplete.includes("nodenetworkstates"),
      count: reportedCount(snapshot.nodeNetworkStates),
    },
    new Set(snapshot.nodeNetworkStates.map((n) => n.metadata.name)),
  );
  // Every check, whatever its scope, on the whole picture (lib/topology/check-registry.ts).
  const inputs = { pods, ipPools, ipReservations: take(snapshot.ipReservations, RESERVATIONS), podsComplete };
  for (const check of CHECKS) check.run(ctx, inputs);

  // Parents before children, which is what React Flow needs, and a stable order for diffs (code points, not locale).
  const elements = [...ctx.elements.values()].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareCodePoints(a.id, b.id),
  );
  const links = [...ctx.links.values()].sort((a, b) => compareCodePoints(a.id, b.id));
  return { elements, links, findings: ctx.findings };
}
