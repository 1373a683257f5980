import type { ProbedLinks } from "../types";

/** How a LiveSource reads: its label, fallbacks, timings, and what it keeps beyond its own life. */
export interface LiveSourceOptions {
  label: string;
  /** namespaces to fall back to when a namespaced kind may not be listed cluster-wide */
  namespaces?: string[];
  /** backoff bounds for reconnects, in ms */
  backoff?: { min: number; max: number };
  /** how often to look again for an absent API group or a forbidden kind, in ms */
  recheckMs?: number;
  /** how often to ask the API server whether it is back while a part is broken, in ms */
  probeMs?: number;
  /** reads only (the service-account kiosk): no writer */
  readOnly?: boolean;
  identity?: "kubeconfig" | "forwarded-token" | "service-account";
  /** the kubeconfig context, named in every error when the server reads several */
  context?: string;
  /** every watch ends after this and is opened again, authorised afresh (default 45 s) */
  watchTimeoutSeconds?: number;
  /** how often the credentials are checked with a SelfSubjectReview, in ms (default 30 s) */
  revalidateMs?: number;
  /** how often each part's access is reviewed (SelfSubjectAccessReview), in ms (default 2 s) */
  reviewMs?: number;
  /** the first round's pods built into shards as they stream in (first-stream.ts); default: after the last pod */
  streamBuild?: boolean;
  /** the identity's probed node links, kept by the registry beyond this source's life */
  probedLinks?: ProbedLinks;
  /**
   * A source shared by identities of one access fingerprint (server/sources/shared/): called when the API server
   * refuses the credentials it reads with; true when another member's credentials read on instead of ending it
   * (the refused part is then retried like a broken one).
   */
  handOver?: (reason: string) => boolean;
  /**
   * What this identity was shown before, in the shared source it left (access keys, and since when): a part of
   * these refused now is access lost, said as such, not a kind never read.
   */
  shownBefore?: { keys: ReadonlySet<string>; at: string };
  /** access keys the review that moved this identity out of a shared source refused: refused from the start */
  refused?: ReadonlySet<string>;
}
