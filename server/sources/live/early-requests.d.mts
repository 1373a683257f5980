import type { Agent } from "node:https";
import type { Readable } from "node:stream";

/** Where the early lists go and with what: what listFn compares before it takes one. */
export interface EarlyTarget {
  server: string;
  /** the bearer token, or `tokenFile:<path>` for the in-cluster service account (as client-node names it) */
  credential: string;
  token: string;
  ca?: string;
  insecure: boolean;
}

export function nearby(server: string): boolean;
export function earlyTarget(
  kubeconfig: string | undefined,
  context: string | undefined,
  env?: Record<string, string | undefined>,
): EarlyTarget | null;
export function agentFor(t: EarlyTarget): Agent;
export function sendList(t: EarlyTarget, path: string, agent: Agent): Promise<Readable | null>;
