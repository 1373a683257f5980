import { z } from "zod";

/**
 * The cluster overview: what the hosts × networks matrix draws for a cluster of any size. The server computes it
 * (so a 500-host cluster ships a few kilobytes, not the topology); the explorer draws it. Ids are topology element ids.
 */

export const problemCountsSchema = z.object({
  error: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
});

export const overviewHostSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** pods scheduled on the host */
  pods: z.number().int().nonnegative(),
  /** secondary (non-default) pod interfaces on the host, requested or attached */
  interfaces: z.number().int().nonnegative(),
  /** findings touching the host or anything on it (its points, pods, interfaces), each finding counted once */
  problems: problemCountsSchema,
  /** NodeNetworkState reports the host's links (otherwise they are inferred) */
  linksObserved: z.boolean(),
});

export const overviewNetworkSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** the main CNI type (bridge, macvlan, …), or the raw CNI type when it is not one of those; "unknown" when unparsable */
  type: z.string(),
  /** distinct pods with an interface on the network */
  pods: z.number().int().nonnegative(),
  /** findings touching the network or an interface on it, each finding counted once */
  problems: problemCountsSchema,
});

export const overviewCellSchema = z.object({
  /** host element id */
  host: z.string(),
  /** network element id */
  network: z.string(),
  /** distinct pods on the host with an interface on the network */
  pods: z.number().int().nonnegative(),
  /** findings touching an interface of the network on the host, or a host-side point that network uses there */
  problems: problemCountsSchema,
});

/** The orders the matrix draws its hosts in (lib/overview/rows.ts compareHosts). */
export const hostOrderSchema = z.enum(["problems", "pods", "name"]);

/**
 * A row window of the overview (lib/overview/rows.ts): its hosts are rows offset… in `order` of `rows` in all, and only
 * their cells are here; `withErrors` counts every row. Absent: every host is here.
 */
export const overviewWindowSchema = z.object({
  order: hostOrderSchema,
  offset: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  withErrors: z.number().int().nonnegative(),
  /**
   * A column window (lib/overview/columns.ts): its networks are columns offset… of `count` in all (namespace/name
   * order), and only their cells are here. Absent: every network is here.
   */
  columns: z.object({ offset: z.number().int().nonnegative(), count: z.number().int().nonnegative() }).optional(),
});

export const clusterOverviewSchema = z.object({
  hosts: z.array(overviewHostSchema),
  networks: z.array(overviewNetworkSchema),
  /** only the (host, network) pairs with pods or problems; a missing pair means nothing there */
  cells: z.array(overviewCellSchema),
  totals: z.object({
    hosts: z.number().int().nonnegative(),
    pods: z.number().int().nonnegative(),
    networks: z.number().int().nonnegative(),
    findings: z.number().int().nonnegative(),
  }),
  window: overviewWindowSchema.optional(),
});

export type ProblemCounts = z.infer<typeof problemCountsSchema>;
export type OverviewHost = z.infer<typeof overviewHostSchema>;
export type OverviewNetwork = z.infer<typeof overviewNetworkSchema>;
export type OverviewCell = z.infer<typeof overviewCellSchema>;
export type HostOrder = z.infer<typeof hostOrderSchema>;
export type OverviewWindow = z.infer<typeof overviewWindowSchema>;
export type ClusterOverview = z.infer<typeof clusterOverviewSchema>;
