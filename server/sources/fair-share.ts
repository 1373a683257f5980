import { TRPCError } from "@trpc/server";
import type { ClusterSource } from "./types";

// How the server's sources are shared between identities: bounded in all, per account and per namespace, and never
// a hard refusal for a new identity while others merely hold views.

export interface Entry {
  source: Promise<ClusterSource>;
  users: number;
  idle?: NodeJS.Timeout;
  /** for least-recently-used eviction */
  lastUsed: number;
  /** the account behind a forwarded token (SelfSubjectReview, filled in once known), for the per-account cap */
  who: Who;
}

/** Who is behind a source: the account, and the group it shares the server with (see `shareOf`). */
export interface Who {
  account?: string;
  share?: string;
}

/**
 * The group an account shares the server with: a ServiceAccount counts against its namespace (whoever may edit a
 * namespace may make any number of them and request their tokens), anybody else against their own account.
 */
export function shareOf(username: string): string {
  const sa = /^system:serviceaccount:([^:]+):[^:]+$/.exec(username);
  return sa ? `namespace ${sa[1]}` : `account ${username}`;
}

/** What the holders of a source that made room for another identity are told (their view can simply reopen). */
export const MADE_ROOM =
  "this view made room for another user: the server holds a bounded number of identities at once, and yours had " +
  "the most (or the least recently used); reopen the view";

/** Thrown when every source is in use: a new identity waits rather than evicting someone's open view. */
export class BusyError extends TRPCError {
  constructor(what: string) {
    super({ code: "TOO_MANY_REQUESTS", message: `${what}: try again when a view is closed` });
  }
}

/** Closes the least recently used idle source among `which` while there are `cap` or more; none idle: busy. */
export function makeRoom(entries: Map<string, Entry>, cap: number, which: (e: Entry) => boolean, busy: string): void {
  for (;;) {
    const matching = [...entries].filter(([, e]) => which(e));
    if (matching.length < cap) return;
    const idle = matching.filter(([, e]) => e.users === 0).sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
    if (!idle) throw new BusyError(busy);
    const [key, e] = idle;
    clearTimeout(e.idle);
    entries.delete(key);
    void e.source.then((s) => s.close()).catch(() => undefined);
  }
}

/**
 * Makes room among all sources for a new identity, never refusing it: the least recently used idle source goes
 * first; with none idle, the least recently used source of the largest group (namespace or account) gives way,
 * its open views told to reopen. Whoever holds many identities loses them first; one person's one view last.
 */
export function shareRoom(entries: Map<string, Entry>, cap: number, seen: Who): void {
  for (;;) {
    const others = [...entries].filter(([, e]) => e.who !== seen);
    if (others.length < cap) return;
    const size = new Map<string | undefined, number>();
    // The newcomer counts in its own group: among equals, its own group's oldest view gives way.
    for (const w of [seen, ...others.map(([, e]) => e.who)]) size.set(w.share, (size.get(w.share) ?? 0) + 1);
    // (a source still asking who it is belongs to no group yet: it goes last)
    const group = (e: Entry) => (e.who.share === undefined ? 0 : (size.get(e.who.share) ?? 0));
    const rank = ([, e]: [string, Entry]) => [e.users === 0 ? 0 : 1, -group(e), e.lastUsed];
    const [victim] = others.sort((a, b) => compareTuples(rank(a), rank(b)));
    if (!victim) return;
    const [key, e] = victim;
    clearTimeout(e.idle);
    entries.delete(key);
    void e.source.then((s) => (e.users > 0 && s.retire ? s.retire(MADE_ROOM) : s.close())).catch(() => undefined);
  }
}

function compareTuples(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
