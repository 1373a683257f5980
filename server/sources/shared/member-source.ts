import type { KubeConfig } from "@kubernetes/client-node";
import { type ClusterSnapshot, emptySnapshot } from "@/lib/k8s/snapshot";
import type { ListRead } from "@/lib/wire/first-read";
import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";
import { ProbeKube } from "../../probes/kube";
import { LiveWriter } from "../../writers/live-writer";
import type { ClusterWriter } from "../../writers/types";
import type { AskQuestion } from "../live/access-review";
import { checkCredentials } from "../live/credentials";
import { type ClusterSource, Listeners, type ProbedLinks } from "../types";
import { pictureOf, REFUSED_USER } from "./group-picture";

/** One identity's own credentials and what it keeps: never shared with the other members of its group. */
export interface Seat {
  /** the identity's bearer token: the group reads with it while this member holds the group's reads */
  token: string;
  /** the identity's own credentials: its writes, probes, credential checks and access reviews */
  kc: KubeConfig;
  /** its access reviews, on one kept-alive connection */
  ask: AskQuestion;
  probedLinks: ProbedLinks;
  revalidateMs: number;
  /** who the API server says this identity is (SelfSubjectReview): named in its own refusals */
  username: string;
}

/**
 * What one identity holds: the picture of the source its access group shares (or of its own, once it left the
 * group), with its own writer, probes, probed node links and sign-out. Reads are the group's; everything that acts
 * in the cluster acts as this identity.
 */
export class MemberSource implements ClusterSource {
  private current: ClusterSource;
  private offset = 0;
  private readonly listeners = new Listeners();
  private unsubscribe: () => void;
  private readonly stopLinks: () => void;
  private readonly stopCheck: () => void;
  private ended: string | null = null;
  private retiredFor: string | null = null;
  private closed = false;
  private liveWriter: LiveWriter | null = null;

  constructor(
    readonly seat: Seat,
    source: ClusterSource,
    /** called once when this member leaves its group (closed, retired, signed out) */
    private leave: (m: MemberSource) => void,
  ) {
    this.current = source;
    this.unsubscribe = source.subscribe(() => this.listeners.emit());
    this.stopLinks = seat.probedLinks.subscribe(() => this.bump());
    this.stopCheck = checkCredentials(seat.kc, seat.revalidateMs, (reason) => this.signOut(reason));
  }

  get info(): SourceInfo {
    return this.current.info;
  }
  get probedLinks(): ProbedLinks {
    return this.seat.probedLinks;
  }

  /** Reads from another source from now on (this identity left its group): nothing of the old one is shown again. */
  moveTo(source: ClusterSource, leave: (m: MemberSource) => void): void {
    this.leave = leave;
    this.unsubscribe();
    this.offset += this.current.revision() + 1;
    this.current = source;
    this.unsubscribe = source.subscribe(() => this.listeners.emit());
    this.listeners.emit();
  }

  revision(): number {
    return this.offset + this.current.revision();
  }
  lists(): { lists: ListRead[]; done: boolean } {
    return this.current.lists?.() ?? { lists: [], done: true };
  }
  ready(): Promise<void> {
    return this.current.ready();
  }
  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener);
  }
  snapshot(): ClusterSnapshot {
    if (this.ended || this.retiredFor) return emptySnapshot();
    return this.seat.probedLinks.apply(this.own(this.current.snapshot()));
  }
  status(): SourceStatus {
    const over = this.ended ?? this.retiredFor;
    if (over) return { state: "failed", reason: over };
    const status = this.current.status();
    return "reason" in status ? { ...status, reason: this.mine(status.reason) } : status;
  }

  /**
   * The group's refusals were said to the member whose token read (the holder): each names that user. This member
   * is refused alike (equal access answers), so it is shown its refusals naming itself, never another member.
   */
  private mine(text: string): string {
    return text.replace(REFUSED_USER, `User "${this.seat.username}" cannot`);
  }
  private owned: { input: ClusterSnapshot; output: ClusterSnapshot } | null = null;
  private own(snap: ClusterSnapshot): ClusterSnapshot {
    if (this.owned?.input === snap) return this.owned.output;
    const named = snap.notes.some((n) => n.message.match(REFUSED_USER));
    const output = named ? { ...snap, notes: snap.notes.map((n) => ({ ...n, message: this.mine(n.message) })) } : snap;
    this.owned = { input: snap, output };
    return output;
  }
  /**
   * The group's picture while this member's is exactly the group's — no probed links of its own, no refusal naming
   * a user ever in it (only `mine` may show a name, as this member's own) — so the members' tabs read one store and
   * one set of view channels; itself otherwise (a store of its own), and once it signed out or was retired.
   */
  picture(): ClusterSource {
    if (this.ended || this.retiredFor || this.closed || this.seat.probedLinks.size > 0) return this;
    const shared = pictureOf(this.current);
    return shared.named() ? this : shared;
  }
  readScope(resource: string): "all" | string[] {
    return this.current.readScope?.(resource) ?? "all";
  }
  signedOut(): string | null {
    return this.ended ?? this.current.signedOut?.() ?? null;
  }
  retired(): string | null {
    return this.retiredFor ?? this.current.retired?.() ?? null;
  }
  async retire(reason: string): Promise<void> {
    this.retiredFor = reason;
    this.bump();
    await this.close();
  }

  /** The API server refused this identity's own token: it sees nothing more, and leaves its group. */
  signOut(reason: string): void {
    if (this.ended || this.closed) return;
    this.ended = `signed out: the API server no longer accepts these credentials (${reason})`;
    this.bump();
    void this.close();
  }

  writer(): ClusterWriter | null {
    this.liveWriter ??= new LiveWriter(this.seat.kc);
    return this.liveWriter;
  }
  prober(): ProbeKube | null {
    return new ProbeKube(this.seat.kc);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopCheck();
    this.stopLinks();
    this.unsubscribe();
    this.seat.ask.close();
    this.leave(this);
  }

  private bump(): void {
    this.offset++;
    this.listeners.emitSoon();
  }
}
