import { z } from "zod";
import { topologySchema } from "../contract/schema";

/** Where a source stands, so the UI can say how fresh what it shows is. */
export const sourceStatusSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("connecting") }),
  z.object({ state: z.literal("live"), since: z.string() }),
  /** the last good picture stays on screen, marked stale */
  z.object({ state: z.literal("stale"), since: z.string(), reason: z.string() }),
  z.object({ state: z.literal("failed"), reason: z.string() }),
  /** a snapshot file or the demo: nothing to watch */
  z.object({ state: z.literal("static") }),
]);

export const sourceKindSchema = z.enum(["demo", "snapshot", "live"]);

export const sourceInfoSchema = z.object({
  kind: sourceKindSchema,
  /** e.g. "embedded demo cluster", "snapshot must-gather/", "context admin on https://127.0.0.1:6443" */
  label: z.string(),
  /** demo writes go to memory; snapshots are read-only */
  writes: z.enum(["cluster", "memory", "none"]),
  /** whose credentials read the cluster; service-account means everyone sees what the dashboard's account sees */
  identity: z.enum(["kubeconfig", "forwarded-token", "service-account"]).optional(),
});

/** What the API sends the browser: a topology plus where it came from and how fresh it is. */
export const topologyPayloadSchema = z.object({
  /** opaque; changes whenever the topology does */
  revision: z.string(),
  source: sourceInfoSchema,
  status: sourceStatusSchema,
  topology: topologySchema,
});

export type SourceStatus = z.infer<typeof sourceStatusSchema>;
export type SourceInfo = z.infer<typeof sourceInfoSchema>;
export type TopologyPayload = z.infer<typeof topologyPayloadSchema>;
