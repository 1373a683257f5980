import { z } from "zod";

/** One Event about a pod, the same whether it came as events.k8s.io/v1 or core v1. */
export const podEventSchema = z.object({
  reason: z.string(),
  /** Normal or Warning */
  type: z.string(),
  /** the event text verbatim (note in events.k8s.io/v1, message in core v1), bounded */
  message: z.string(),
  /** when it last happened, ISO 8601, when the event says */
  time: z.string().optional(),
  /** how many times it happened (series or deprecated count) */
  count: z.number().int().min(1),
  /** who wrote it: kubelet, multus, ovnkube … */
  reporter: z.string().optional(),
});

/** The normalized body stored as an Event object's spec (see eventSpec). */
export const eventSpecSchema = podEventSchema.extend({
  regarding: z.object({
    kind: z.string(),
    namespace: z.string().optional(),
    name: z.string(),
    uid: z.string().optional(),
  }),
});

export type PodEvent = z.infer<typeof podEventSchema>;
export type EventSpec = z.infer<typeof eventSpecSchema>;
