import { Agent } from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import fetch, { Headers } from "node-fetch";
import { isObject } from "@/lib/result";
import type { Part, PartState } from "./parts";

/**
 * Whether these credentials may list a part's kind where the part reads it (SelfSubjectAccessReview: any
 * authenticated caller may ask about itself). An open watch is not cut when RBAC changes, and a 403 during an API
 * server's start-up is not a verdict on RBAC: this asks the authoriser directly, so a revocation shows in seconds
 * and a refusal that no longer holds is read again in seconds. null: no answer (API down, old API server).
 */
export type AskAccess = ((part: Part) => Promise<boolean | null>) & { close?(): void };

const groupOf = (apiVersion: string): string => (apiVersion.includes("/") ? (apiVersion.split("/")[0] ?? "") : "");

/** What a part's access depends on: parts with one key (an event reason each) share one review per round. */
export const accessKey = (p: Pick<Part, "resource" | "namespace">): string =>
  `${groupOf(p.resource.apiVersion)}|${p.resource.resource}|${p.namespace ?? ""}`;

/** What one SelfSubjectAccessReview asks: a verb on a kind, cluster-wide or in one namespace. */
export interface AccessQuestion {
  verb: "list" | "watch";
  group: string;
  resource: string;
  namespace?: string;
}

export type AskQuestion = ((q: AccessQuestion) => Promise<boolean | null>) & { close(): void };

/**
 * Asks with one kept-alive connection per source: client-node makes a new agent, so a new TLS handshake, for every
 * call (~6 ms of CPU each, measured by scripts/bench/access-review.ts), and reviews are asked every few seconds.
 */
export function questionReviewer(kc: KubeConfig): AskQuestion {
  let agent: Agent | undefined;
  const ask = async (q: AccessQuestion): Promise<boolean | null> => {
    const server = kc.getCurrentCluster()?.server;
    if (!server) return null;
    try {
      const init = await kc.applyToFetchOptions({});
      // A plain TLS agent (ca, client certificate) becomes a kept-alive one; a proxy's agent is used as it is.
      const base = init.agent;
      agent ??=
        base instanceof Agent && base.constructor === Agent
          ? new Agent({ ...base.options, keepAlive: true })
          : undefined;
      const headers = new Headers(init.headers);
      headers.set("content-type", "application/json");
      const res = await fetch(`${server}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`, {
        ...init,
        ...(agent ? { agent } : {}),
        method: "POST",
        headers,
        body: JSON.stringify(reviewOf(q)),
      });
      if (!res.ok) return null;
      const review: unknown = await res.json();
      return isObject(review) && isObject(review.status) ? review.status.allowed === true : null;
    } catch {
      return null;
    }
  };
  return Object.assign(ask, { close: () => agent?.destroy() });
}

/** Whether a part's kind may be listed where the part reads it, asked with the source's own credentials. */
export function accessReviewer(kc: KubeConfig): AskAccess {
  const ask = questionReviewer(kc);
  return Object.assign(
    (part: Part) =>
      ask({
        verb: "list",
        group: groupOf(part.resource.apiVersion),
        resource: part.resource.resource,
        ...(part.namespace ? { namespace: part.namespace } : {}),
      }),
    { close: ask.close },
  );
}

function reviewOf(q: AccessQuestion) {
  return {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SelfSubjectAccessReview",
    spec: {
      resourceAttributes: {
        verb: q.verb,
        group: q.group,
        resource: q.resource,
        ...(q.namespace ? { namespace: q.namespace } : {}),
      },
    },
  };
}

/** A part a member of a shared source was shown before it left for a source of its own: refused now, access lost. */
export function shownBefore(
  opts: { shownBefore?: { keys: ReadonlySet<string>; at: string } },
  part: Pick<Part, "resource" | "namespace">,
): { shown?: string } {
  return opts.shownBefore?.keys.has(accessKey(part)) ? { shown: opts.shownBefore.at } : {};
}

/** A 403 as the API server would have said it, for a part an access review refuses (what onError reads). */
export function reviewRefusal(part: Part): { code: 403; body: { message: string } } {
  const where = part.namespace ? ` in the namespace "${part.namespace}"` : " at the cluster scope";
  return {
    code: 403,
    body: {
      message: `forbidden: an access review says this identity may no longer list ${part.resource.resource}${where}`,
    },
  };
}

/** How often a source's access is reviewed by default, in ms: revocation shows within this and a review's answer. */
export const REVIEW_MS = 2_000;

/**
 * How long a refusal that follows no read is reviewed: long enough for an API server coming back (its authoriser
 * syncs within seconds), after which a kind this identity was never allowed costs no more reviews (its recheck
 * stands). Read parts, and parts whose access was lost, are reviewed every round.
 */
export const FRESH_REFUSAL_MS = 20_000;

function underReview(p: Part): boolean {
  if (p.state.kind === "synced") return true;
  if (p.state.kind !== "forbidden") return false;
  return p.state.lost !== undefined || Date.now() - (p.refusedAt ?? 0) < FRESH_REFUSAL_MS;
}

/**
 * One round of reviews over the parts whose access can change (read, or refused): one request per key, asked
 * together. Returns each part's verdict (null: no answer).
 */
export async function reviewRound(parts: readonly Part[], ask: AskAccess): Promise<Map<Part, boolean | null>> {
  const asked = new Map<string, Promise<boolean | null>>();
  const out = new Map<Part, boolean | null>();
  const subjects = parts.filter(underReview);
  await Promise.all(
    subjects.map(async (p) => {
      const key = accessKey(p);
      let verdict = asked.get(key);
      if (!verdict) {
        verdict = ask(p);
        asked.set(key, verdict);
      }
      out.set(p, await verdict);
    }),
  );
  return out;
}

export interface ReviewHooks {
  everyMs: number;
  /** the longest wait between reads of a part the review allows and the list refuses */
  maxRegainMs: number;
  /** a read part the authoriser now refuses: handled as the API server's 403 */
  refuse(part: Part, err: ReturnType<typeof reviewRefusal>): void;
  /** a refused part the authoriser allows again: read it now (its state says so meanwhile) */
  regain(part: Part, state: PartState): void;
}

/** A part the review allows but whose list is still refused is read again after 2 s, 4 s, 8 s… up to the recheck. */
const REGAIN_MIN_MS = 2_000;

/**
 * Every `everyMs` (never two rounds at once): a read part the authoriser now refuses is dropped before the next
 * picture is sent, its open watch notwithstanding; a refused part it allows again is read again now. Returns stop.
 */
export function reviewAccess(parts: () => readonly Part[], ask: AskAccess, hooks: ReviewHooks): () => void {
  let busy = false;
  let stopped = false;
  const round = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const verdicts = await reviewRound(parts(), ask);
      for (const [part, allowed] of verdicts) {
        if (stopped || allowed === null || part.starting || !parts().includes(part)) continue;
        const { state } = part;
        if (!allowed && state.kind === "synced") hooks.refuse(part, reviewRefusal(part));
        else if (allowed && state.kind === "forbidden" && Date.now() >= (part.regainAt ?? 0)) {
          part.regains = (part.regains ?? 0) + 1;
          part.regainAt = Date.now() + Math.min(hooks.maxRegainMs, REGAIN_MIN_MS * 2 ** part.regains);
          hooks.regain(part, { ...state, regained: new Date().toISOString() });
        }
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void round(), hooks.everyMs);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
    ask.close?.();
  };
}
