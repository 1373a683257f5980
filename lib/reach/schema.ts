import { z } from "zod";
import { findingSchema } from "../contract/schema";

/** What one direction between two probes measured. */
export const observedSchema = z.discriminatedUnion("state", [
  z.object({
    state: z.literal("reachable"),
    sent: z.number().int().min(0),
    received: z.number().int().min(0),
    lossPct: z.number().min(0).max(100),
    rttMs: z.object({ min: z.number(), avg: z.number(), max: z.number() }).optional(),
  }),
  z.object({
    state: z.literal("unreachable"),
    sent: z.number().int().min(0),
    received: z.number().int().min(0),
    lossPct: z.number().min(0).max(100),
    /** ping's own complaint, when it could not send at all */
    error: z.string().optional(),
  }),
  z.object({ state: z.literal("not-tested"), reason: z.string() }),
]);

export const expectationSchema = z.object({
  expect: z.enum(["reachable", "unreachable", "unknown"]),
  /** one sentence: what in the topology predicts it (or why nothing does) */
  why: z.string(),
});

export const verdictSchema = z.enum(["as-expected", "unexpected", "no-expectation", "not-tested"]);

/** One cell of the N×N matrix: from the probe on `from` to the probe on `to` (same node: two probes there). */
export const cellSchema = z.object({
  from: z.string(),
  to: z.string(),
  observed: observedSchema,
  expected: expectationSchema,
  verdict: verdictSchema,
  /** what to check, for an unexpected cell (per network type) */
  checks: z.array(z.string()).default([]),
});

export const probeNodeSchema = z.object({
  node: z.string(),
  /** the probes' pods and their addresses on the network */
  pods: z.array(z.object({ name: z.string(), address: z.string().optional() })),
  /** why this node's probes could not take part, when they could not */
  problem: z.string().optional(),
});

export const reachResultSchema = z.object({
  /** namespace/name of the NAD */
  network: z.string(),
  interface: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  nodes: z.array(probeNodeSchema),
  cells: z.array(cellSchema),
  /** e.g. "2 of 4 pairs unexpected", the first thing a person reads */
  headline: z.string(),
  counts: z.object({
    asExpected: z.number().int(),
    unexpected: z.number().int(),
    noExpectation: z.number().int(),
    notTested: z.number().int(),
  }),
  findings: z.array(findingSchema),
});

export type Observed = z.infer<typeof observedSchema>;
export type Expectation = z.infer<typeof expectationSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type ReachCell = z.infer<typeof cellSchema>;
export type ProbeNode = z.infer<typeof probeNodeSchema>;
export type ReachResult = z.infer<typeof reachResultSchema>;
