import { KubeConfig } from "@kubernetes/client-node";
import { REVIEW_MS } from "../live/access-review";
import type { LiveSourceOptions } from "../live/live-options";
import type { LiveSource } from "../live/live-source";
import { ProbedLinks } from "../types";
import { type Fingerprint, fingerprintOf } from "./fingerprint";
import { MemberSource, type Seat } from "./member-source";

/** Opens a live source with the given credentials and the group's extra options. */
export type OpenSource = (
  kc: KubeConfig,
  extra: Pick<LiveSourceOptions, "handOver" | "shownBefore" | "refused" | "probedLinks">,
) => LiveSource;

/**
 * Identities whose access fingerprints are equal share one source: one watch set and one store, read with one
 * member's own token (the holder). The server holds no rights of its own. When the holder leaves (closed, evicted,
 * signed out, its token refused) another member's token reads on; when no member is left the source closes. Every
 * member's access is reviewed with its own token every round: a member whose answers changed leaves at once for a
 * source of its own, and is shown nothing the group reads after that.
 */
export class AccessGroups {
  private readonly byKey = new Map<string, AccessGroup>();

  constructor(
    private readonly open: OpenSource,
    private readonly fallback: readonly string[],
    private readonly reviewMs = REVIEW_MS,
  ) {}

  /** The group of this identity's fingerprint (asked with its own token), joined; a group of its own without one. */
  async join(seat: Seat): Promise<MemberSource> {
    const fp = await fingerprintOf(seat.ask, this.fallback);
    const shared = fp ? this.byKey.get(fp.key) : undefined;
    if (shared) return shared.add(seat);
    return this.start(seat, fp).first;
  }

  /** Open watch sets (sources) and the members reading from them: what the benchmark and the tests count. */
  counts(): { sources: number; members: number } {
    const all = new Set(this.all);
    return { sources: all.size, members: [...all].reduce((n, g) => n + g.members.size, 0) };
  }

  private readonly all = new Set<AccessGroup>();

  /** A new group with `seat` as its first member (and holder), keyed by its fingerprint when that key is free. */
  start(seat: Seat, fp: Fingerprint | null, moved?: Moved) {
    const group = new AccessGroup(this, fp, seat, moved);
    this.all.add(group);
    if (fp && !this.byKey.has(fp.key)) this.byKey.set(fp.key, group);
    return group;
  }

  /** Open a group's source; used by AccessGroup. */
  openSource(kc: KubeConfig, extra: Parameters<OpenSource>[1]): LiveSource {
    return this.open(kc, extra);
  }

  get fallbackNamespaces(): readonly string[] {
    return this.fallback;
  }
  get everyMs(): number {
    return this.reviewMs;
  }

  /** The group's fingerprint changed (its one member's access changed): it answers to the new key from now on. */
  rekey(group: AccessGroup, from: Fingerprint | null, to: Fingerprint): void {
    if (from && this.byKey.get(from.key) === group) this.byKey.delete(from.key);
    if (!this.byKey.has(to.key)) this.byKey.set(to.key, group);
  }

  drop(group: AccessGroup): void {
    this.all.delete(group);
    for (const [key, g] of this.byKey) if (g === group) this.byKey.delete(key);
  }
}

/** A member moving to a group of its own, and what it was shown and is refused now. */
interface Moved {
  member: MemberSource;
  shownBefore: { keys: ReadonlySet<string>; at: string };
  refused: ReadonlySet<string>;
}

class AccessGroup {
  readonly members = new Set<MemberSource>();
  /** whose token the group reads with */
  private holder: Seat;
  readonly first: MemberSource;
  private readonly source: LiveSource;
  private readonly timer: NodeJS.Timeout;
  private busy = false;
  private closed = false;

  constructor(
    private readonly groups: AccessGroups,
    private fp: Fingerprint | null,
    seat: Seat,
    moved?: Moved,
  ) {
    const cluster = seat.kc.getCurrentCluster();
    if (!cluster) throw new Error("no cluster configured");
    this.holder = seat;
    // The holder's token, read at every request: a hand-over changes whose credentials the next request carries.
    const holder = () => this.holder.token;
    const user = {
      name: "holder",
      get token(): string {
        return holder();
      },
    };
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [cluster],
      users: [user],
      contexts: [{ name: "holder", cluster: cluster.name, user: "holder" }],
      currentContext: "holder",
    });
    this.source = groups.openSource(kc, {
      handOver: (reason) => this.handOver(reason),
      probedLinks: new ProbedLinks(),
      ...(moved ? { shownBefore: moved.shownBefore, refused: moved.refused } : {}),
    });
    if (moved) {
      moved.member.moveTo(this.source, (left) => this.leave(left));
      this.members.add(moved.member);
      this.first = moved.member;
    } else this.first = this.add(seat);
    this.timer = setInterval(() => void this.review(), groups.everyMs);
    this.timer.unref?.();
  }

  add(seat: Seat): MemberSource {
    const m = new MemberSource(seat, this.source, (left) => this.leave(left));
    this.members.add(m);
    return m;
  }

  /** The holder's token was refused: the next member reads on (true), or the source ends with it (false). */
  private handOver(reason: string): boolean {
    const old = [...this.members].filter((m) => m.seat === this.holder);
    const next = [...this.members].find((m) => m.seat !== this.holder && !m.signedOut());
    if (!next) {
      for (const m of [...this.members]) m.signOut(reason);
      return false;
    }
    this.holder = next.seat;
    for (const m of old) m.signOut(reason);
    return true;
  }

  private leave(m: MemberSource): void {
    if (!this.members.delete(m)) return;
    const next = this.members.values().next();
    if (!next.done) {
      if (this.holder === m.seat) this.holder = next.value.seat;
      return;
    }
    this.closed = true;
    clearInterval(this.timer);
    this.groups.drop(this);
    void this.source.close();
  }

  /**
   * Each member's fingerprint, asked with its own token. Alone, a member whose access changed keeps its source (the
   * source's own access reviews, asked with its token, degrade it as before) and the group answers to the new key;
   * in company, it leaves for a source of its own that says what it lost.
   */
  private async review(): Promise<void> {
    if (this.busy || this.closed) return;
    this.busy = true;
    try {
      const fallback = this.groups.fallbackNamespaces;
      // (list answers only, each round: half the questions; a change of access shows in them)
      const answers = await Promise.all(
        [...this.members].map(async (m) => ({ m, fp: await fingerprintOf(m.seat.ask, fallback, ["list"]) })),
      );
      for (const { m, fp } of answers) {
        if (!fp || this.closed || !this.members.has(m) || fp.listKey === this.fp?.listKey) continue;
        if (this.members.size === 1) {
          // Alone: its source's own reviews degrade it as before; the group answers to its new full answers.
          const full = await fingerprintOf(m.seat.ask, fallback);
          if (full && !this.closed) this.groups.rekey(this, this.fp, full);
          if (full) this.fp = full;
          continue;
        }
        this.members.delete(m);
        const next = this.members.values().next();
        if (this.holder === m.seat && !next.done) this.holder = next.value.seat;
        const was = this.fp?.allowed ?? new Set<string>();
        const refused = new Set([...was].filter((k) => !fp.allowed.has(k)));
        // (keyed once its own first review has the full answers, a moment later)
        this.groups.start(m.seat, null, {
          member: m,
          shownBefore: { keys: was, at: new Date().toISOString() },
          refused,
        });
      }
    } finally {
      this.busy = false;
    }
  }
}
