import { z } from "zod";
import { findingSchema } from "../contract/schema";
import { problemCountsSchema } from "../overview/schema";

/**
 * A fleet: several clusters (kubeconfig contexts) read side by side. Each cluster says how far it can be believed
 * (its state, and which namespaces' networks were read); the fleet view and `check --all-contexts` are made from these.
 */

/**
 * live: read and watched now; stale: the last good picture, a part failing; forbidden: the identity may not list the
 * networks; unreachable: the API server does not answer; connecting: no first read yet; signed-out: credentials refused.
 */
export const CLUSTER_STATES = ["live", "stale", "forbidden", "unreachable", "connecting", "signed-out"] as const;
export const clusterStateSchema = z.enum(CLUSTER_STATES);

/** One network of one cluster, as the fleet compares it. */
export const fleetNetworkSchema = z.object({
  /** the network's element id in that cluster's topology (the explorer opens it) */
  id: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** the main CNI type (bridge, macvlan, …), the raw CNI type, or "unknown" */
  type: z.string(),
  /** what it hangs off: the macvlan/ipvlan/vlan master, the bridge, the host device, or the SR-IOV resource */
  link: z.string().optional(),
  vlan: z.number().int().optional(),
  /** the ranges its IPAM allocates from: "subnet", or "subnet start-end" */
  ranges: z.array(z.string()),
  /** the CNI config with keys sorted and whitespace gone: equal text, equal config */
  config: z.string(),
  pods: z.number().int().nonnegative(),
  problems: problemCountsSchema,
});

/** A network a workload's pod template asks for. */
export const fleetWantSchema = z.object({
  /** "Deployment cnf/app" */
  workload: z.string(),
  /** namespace/name */
  network: z.string(),
});

export const fleetClusterSchema = z.object({
  context: z.string(),
  /** where it is, e.g. the API server's URL */
  label: z.string(),
  state: clusterStateSchema,
  /** why it is not live; names the verb, resource, namespace and context */
  reason: z.string().optional(),
  /** when it went stale or unreachable */
  since: z.string().optional(),
  /** the namespaces whose networks were read: "all", or only these (an identity limited to some namespaces) */
  known: z.union([z.literal("all"), z.array(z.string())]),
  networks: z.array(fleetNetworkSchema),
  wants: z.array(fleetWantSchema),
  totals: z.object({ pods: z.number().int().nonnegative(), findings: problemCountsSchema }),
});

export const fleetCellSchema = z.discriminatedUnion("kind", [
  /** `variant`: which of the row's configs this cluster has (0 = the most common) */
  z.object({ kind: z.literal("present"), network: fleetNetworkSchema, variant: z.number().int().nonnegative() }),
  /** read, and not there; `wanted` when a workload of the fleet asks for it */
  z.object({ kind: z.literal("absent"), wanted: z.boolean() }),
  /** not read (the cluster's state, or a namespace its identity may not list): never "absent" */
  z.object({ kind: z.literal("unknown"), why: z.string() }),
]);

export const fleetRowSchema = z.object({
  /** namespace/name */
  key: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** one per cluster, in the fleet's cluster order */
  cells: z.array(fleetCellSchema),
  /** how many different configs the clusters that have it hold (2 or more: drift) */
  variants: z.number().int().nonnegative(),
  /** what differs between the most common config and each other one, e.g. "master: eth0 on east, eth1 on west" */
  differences: z.array(z.string()),
  /** workloads (with their cluster) whose pod template asks for it */
  wantedBy: z.array(z.string()),
});

/** Networks grouped by what they are (type, link, VLAN, ranges), whatever they are called on each cluster. */
export const fleetKindRowSchema = z.object({
  key: z.string(),
  type: z.string(),
  link: z.string().optional(),
  vlan: z.number().int().optional(),
  ranges: z.array(z.string()),
  /** per cluster: the namespace/name of the networks that are this, or null when the cluster is not known */
  cells: z.array(z.array(z.string()).nullable()),
});

export const fleetFindingSchema = findingSchema.extend({ clusters: z.array(z.string()) });

export const fleetViewSchema = z.object({
  clusters: z.array(fleetClusterSchema),
  rows: z.array(fleetRowSchema),
  kinds: z.array(fleetKindRowSchema),
  findings: z.array(fleetFindingSchema),
});

export type ClusterState = z.infer<typeof clusterStateSchema>;
export type FleetNetwork = z.infer<typeof fleetNetworkSchema>;
export type FleetWant = z.infer<typeof fleetWantSchema>;
export type FleetCluster = z.infer<typeof fleetClusterSchema>;
export type FleetCell = z.infer<typeof fleetCellSchema>;
export type FleetRow = z.infer<typeof fleetRowSchema>;
export type FleetKindRow = z.infer<typeof fleetKindRowSchema>;
export type FleetFinding = z.infer<typeof fleetFindingSchema>;
export type FleetView = z.infer<typeof fleetViewSchema>;
