import { z } from "zod";
import { elementSchema, findingSchema, linkSchema } from "../contract/schema";
import { columnWindowSchema } from "../overview/columns";
import { rowWindowSchema } from "../overview/rows";
import {
  overviewCellSchema,
  overviewHostSchema,
  overviewNetworkSchema,
  overviewWindowSchema,
  problemCountsSchema,
} from "../overview/schema";
import { sourceInfoSchema, sourceStatusSchema } from "./payload";

/**
 * The view protocol: the explorer asks for what it shows (the cluster, or what a host, network, pod or namespace
 * narrows it to) and gets that part of the topology only, then deltas over a subscription.
 */

const name = z.string().min(1).max(512);

/** The findings a view sent as its overview carries unless it asks for more: a screenful of the panel and a little more. */
export const FINDINGS_PAGE = 25;
/** The most findings one view may ask for. */
export const MAX_FINDINGS = 5_000;

/** The same criteria the explorer filters by: all given must hold; none is the whole cluster. */
export const viewQuerySchema = z.object({
  namespace: name.optional(),
  /** namespace/name of a NAD */
  network: name.optional(),
  /** a node name */
  host: name.optional(),
  /** namespace/name of a pod */
  pod: name.optional(),
  /**
   * The page draws this (host-less) cluster view as the hosts × networks matrix past the overview thresholds: a
   * filtered view that big is sent as its overview (hosts, networks, workloads, findings), not as its pods.
   * "network": the page's network view, a graph further (pastNetworkGraph), sent as its overview past that.
   */
  aggregate: z.union([z.boolean(), z.literal("network")]).optional(),
  /**
   * A view sent as the overview sends these rows of it only (lib/overview/rows.ts), with a summary of them all;
   * absent: DEFAULT_ROWS. A namespace or network view sent as its elements: the offset and limit of its window of
   * hosts by name (lib/store/host-window.ts); a host or pod view ignores it.
   */
  rows: rowWindowSchema.optional(),
  /**
   * A view sent as the overview sends these columns (networks) of it only (lib/overview/columns.ts), with the count of
   * them all; absent: DEFAULT_COLUMNS. Ignored by a view sent as its elements.
   */
  columns: columnWindowSchema.optional(),
  /**
   * A view sent as the overview sends this many findings at most, worst first, with the count of all by severity
   * (lib/store/finding-window.ts); absent: FINDINGS_PAGE. Ignored by a view sent as its elements.
   */
  findings: z.number().int().positive().max(MAX_FINDINGS).optional(),
});

/** The overview on the wire: cells as [host index, network index, pods, errors, warnings, infos] rows. */
export const overviewWireSchema = z.object({
  hosts: z.array(overviewHostSchema),
  networks: z.array(overviewNetworkSchema),
  cells: z.array(z.array(z.number().int())),
  totals: z.object({ hosts: z.number(), pods: z.number(), networks: z.number(), findings: z.number() }),
  window: overviewWindowSchema.optional(),
});

/**
 * The catalog lists this many hosts at most (the first by name): OpenShift's 2,000 would be sent to every view, and
 * again whenever one comes or goes. The others are found by search (and a host shown is offered beside them).
 */
export const CATALOG_HOSTS = 500;

/**
 * A namespace or network view sent as its elements past a window of hosts (lib/store/host-window.ts): it has `hosts`
 * hosts, and sends the shares of `sent` of them by name from `offset` (ViewQuery.rows' offset and limit).
 */
export const hostWindowSchema = z.object({
  hosts: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
});

export const catalogSchema = z.object({
  namespaces: z.array(z.string()),
  networks: z.array(z.string()),
  hosts: z.array(z.string()),
  /** how many hosts `hosts` leaves out (past CATALOG_HOSTS); absent: none */
  moreHosts: z.number().int().positive().optional(),
});

export const viewSnapshotSchema = z.object({
  type: z.literal("snapshot"),
  revision: z.string(),
  source: sourceInfoSchema,
  status: sourceStatusSchema,
  elements: z.array(elementSchema),
  links: z.array(linkSchema),
  findings: z.array(findingSchema),
  /** the cluster view past the matrix thresholds (lib/overview/thresholds.ts): the aggregate instead of the pods */
  overview: overviewWireSchema.nullable(),
  catalog: catalogSchema,
  /**
   * A filtered overview carries no interfaces: the networks they use (namespace/name), among which colours are told
   * apart as they would be with the interfaces on hand. Absent: colours come from the elements.
   */
  networksInUse: z.array(z.string()).optional(),
  /**
   * A view sent as its overview: every finding of the view by severity, of which `findings` holds the worst
   * (ViewQuery.findings). Absent: `findings` is every finding.
   */
  findingTotals: problemCountsSchema.optional(),
  /** a namespace or network view sent as its elements, past its window of hosts: what it leaves out. Absent: all */
  hostWindow: hostWindowSchema.optional(),
});

const changes = <T extends z.ZodType>(item: T) => z.object({ upsert: z.array(item), remove: z.array(z.string()) });

export const overviewDeltaSchema = z.object({
  hosts: changes(overviewHostSchema),
  networks: changes(overviewNetworkSchema),
  /** removed cells are `host id` + "\u0000" + `network id` */
  cells: changes(overviewCellSchema),
  totals: overviewWireSchema.shape.totals,
  /** a windowed overview's summary, every time: the delta's hosts are the window's rows in its order */
  window: overviewWindowSchema.optional(),
});

export const viewDeltaSchema = z.object({
  type: z.literal("delta"),
  /** applies on top of exactly this revision; anything else asks for a fresh snapshot */
  from: z.string(),
  revision: z.string(),
  status: sourceStatusSchema,
  elements: changes(elementSchema),
  links: changes(linkSchema),
  /** findings have no id: removals name them by their JSON text */
  findings: changes(findingSchema),
  overview: overviewDeltaSchema.nullable(),
  catalog: catalogSchema.nullable(),
  /** given when it changed */
  networksInUse: z.array(z.string()).optional(),
  /** given when it changed */
  findingTotals: problemCountsSchema.optional(),
  /** given when it changed (a window that comes or goes comes as a snapshot) */
  hostWindow: hostWindowSchema.optional(),
});

export const viewMessageSchema = z.discriminatedUnion("type", [viewSnapshotSchema, viewDeltaSchema]);

export const CELL_KEY_SEPARATOR = "\u0000";

/** A range search can hold a whole subnet's interfaces: this many hits at most (the list scrolls). */
export const RANGE_LIMIT = 500;

export type ViewQuery = z.infer<typeof viewQuerySchema>;
export type OverviewWire = z.infer<typeof overviewWireSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
export type HostWindow = z.infer<typeof hostWindowSchema>;
export type ViewSnapshot = z.infer<typeof viewSnapshotSchema>;
export type OverviewDelta = z.infer<typeof overviewDeltaSchema>;
export type ViewDelta = z.infer<typeof viewDeltaSchema>;
export type ViewMessage = z.infer<typeof viewMessageSchema>;
