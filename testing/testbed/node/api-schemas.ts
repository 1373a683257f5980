// The few API shapes the node stage and its tests read, as zod schemas (types inferred; responses parsed, not cast).
import { z } from "zod";

const metadata = z.looseObject({
  name: z.string(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  deletionTimestamp: z.string().optional(),
});

export const podSchema = z.looseObject({
  metadata,
  spec: z.looseObject({ nodeName: z.string().optional() }).optional(),
  status: z.looseObject({ phase: z.string().optional() }).optional(),
});
export type Pod = z.infer<typeof podSchema>;

export const eventSchema = z.looseObject({
  metadata,
  reason: z.string().default(""),
  message: z.string().default(""),
  involvedObject: z.looseObject({ name: z.string() }),
  source: z.looseObject({ component: z.string().optional() }).optional(),
});

export const ipPoolSchema = z.looseObject({
  metadata,
  spec: z.looseObject({
    range: z.string(),
    allocations: z.record(z.string(), z.looseObject({ podref: z.string(), ifname: z.string().optional() })).default({}),
  }),
});

const condition = z.looseObject({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
});
export const nodeSchema = z.looseObject({
  spec: z.looseObject({ taints: z.array(z.looseObject({ key: z.string() })).optional() }).optional(),
  status: z.looseObject({ conditions: z.array(condition).optional() }).optional(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const testbedNode = z.object({
  name: z.string(),
  ip: z.string(),
  netns: z.string(),
  cgroupRoot: z.string(),
  containerdSock: z.string(),
  nodeNetworkState: z.boolean(),
  versions: z.string(),
});
export type TestbedNode = z.infer<typeof testbedNode>;

/** What testing/testbed/run.ts writes to PLUMBLINE_TESTBED_INFO; `node` is the first of `nodes` (the control plane). */
export const testbedInfoSchema = z.object({
  server: z.string(),
  kubeconfigPath: z.string(),
  node: testbedNode.optional(),
  nodes: z.array(testbedNode).default([]),
  segment: z.string().optional(),
});
