import { type KubeConfig, VersionApi } from "@kubernetes/client-node";
import type { KubeObject } from "@/lib/k8s/objects";
import { type ClusterSnapshot, emptySnapshot } from "@/lib/k8s/snapshot";
import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";
import { ProbeKube } from "../../probes/kube";
import { LiveWriter } from "../../writers/live-writer";
import type { ClusterWriter } from "../../writers/types";
import { type ClusterSource, Listeners, ProbedLinks } from "../types";
import { accessKey, accessReviewer, REVIEW_MS, reviewAccess, reviewRefusal, shownBefore } from "./access-review";
import { checkCredentials } from "./credentials";
import { httpStatus, reasonOf } from "./errors";
import { FirstStream } from "./first-stream";
import { KeepAliveConfig } from "./keep-alive";
import type { LiveSourceOptions } from "./live-options";
import type { Part, PartState } from "./parts";
import {
  dropFallbacks,
  errorState,
  forbiddenState,
  type PartErrorHandler,
  partInformer,
  partsLists,
  partsReadScope,
  partsStatus,
} from "./parts";
import { PartsPicture } from "./parts-picture";
import { ReadinessProbe } from "./readiness-probe";
import { WATCHED, type WatchedResource } from "./resources";
import { nextRead } from "./retry";

/**
 * Lists and watches the Multus-related kinds with client-node informers. Each kind (and, when a kind may
 * not be listed cluster-wide, each fallback namespace) is its own part, so one 403 or one missing API group
 * degrades that part only. A dropped watch reconnects with backoff (reset at once when a readiness probe sees the
 * API server answer again), listing afresh, and the source reports stale until every part is back.
 */
export class LiveSource implements ClusterSource {
  readonly info: SourceInfo;
  private readonly parts: Part[] = [];
  readonly readScope = (resource: string): "all" | string[] => partsReadScope(this.parts, resource);
  /** the snapshot kept by the informers' events, each informer object stamped once (parts-picture.ts) */
  private readonly kept = new PartsPicture();
  private readonly listeners = new Listeners();
  private rev = 1;
  readonly probedLinks: ProbedLinks;
  private readonly stopLinks: () => void;
  private cached: { rev: number; snap: ClusterSnapshot } | null = null;
  private liveSince: string | null = null;
  private closed = false;
  private ended: string | null = null; // why the API server refused these credentials (401): the source is over
  private retiredFor: string | null = null;
  private readonly stopCredentialCheck: () => void;
  private readonly firstRound: Promise<void>;
  private readonly probe: ReadinessProbe;
  private readonly stopReviews: () => void;
  private resolveFirst!: () => void;
  /** the lists and watches' credentials, over one kept-alive connection pool */
  private readonly watchKc: KeepAliveConfig;
  private readonly first = new FirstStream();
  readonly takeFirstStore = () => this.first.take();

  constructor(
    private readonly kc: KubeConfig,
    private readonly opts: LiveSourceOptions,
  ) {
    this.info = {
      kind: "live",
      label: opts.label,
      writes: opts.readOnly ? "none" : "cluster",
      ...(opts.identity ? { identity: opts.identity } : {}),
    };
    this.firstRound = new Promise((r) => (this.resolveFirst = r));
    this.watchKc = new KeepAliveConfig(kc);
    this.probedLinks = opts.probedLinks ?? new ProbedLinks();
    this.stopLinks = this.probedLinks.subscribe(() => this.bump());
    const version = kc.makeApiClient(VersionApi);
    this.probe = new ReadinessProbe(
      () => version.getCode(),
      () => this.retryBroken(),
      opts.probeMs ?? 1_000,
    );
    for (const resource of WATCHED) this.addPart(resource);
    this.stopCredentialCheck = checkCredentials(kc, opts.revalidateMs ?? 30_000, (reason) => this.signOut(reason));
    this.stopReviews = reviewAccess(() => this.parts, accessReviewer(kc), {
      everyMs: opts.reviewMs ?? REVIEW_MS,
      maxRegainMs: opts.recheckMs ?? 60_000,
      refuse: (part, err) => this.onError(part, err),
      regain: (part, state) => {
        this.setState(part, state);
        clearTimeout(part.timer);
        void this.run(part);
      },
    });
  }

  readonly revision = (): number => this.rev;
  readonly ready = (): Promise<void> => this.firstRound;
  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener);
  }

  /** each List's items read so far, whether the first round is over: what the page shows before its first picture */
  readonly lists = () => partsLists(this.parts);

  status(): SourceStatus {
    const over = this.ended ?? this.retiredFor;
    if (over) return { state: "failed", reason: over };
    return partsStatus(this.parts, this.liveSince);
  }

  snapshot(): ClusterSnapshot {
    if (this.cached?.rev !== this.rev)
      this.cached = { rev: this.rev, snap: this.ended ? emptySnapshot() : this.kept.snapshot(this.parts) };
    return this.probedLinks.apply(this.cached.snap);
  }

  /** Closed by the server while views held it (it made room for another identity): they end, saying why. */
  retired(): string | null {
    return this.retiredFor;
  }
  async retire(reason: string): Promise<void> {
    this.retiredFor = reason;
    this.bump();
    await this.close();
  }

  /** Set once the API server answered 401 for these credentials: nothing more is read or shown. */
  signedOut(): string | null {
    return this.ended;
  }

  private signOut(reason: string): boolean {
    if (this.ended || this.closed) return true;
    if (this.opts.handOver?.(reason)) return false;
    this.ended = `signed out: the API server no longer accepts these credentials (${reason})`;
    void this.close();
    this.bump();
    return true;
  }

  private liveWriter: LiveWriter | null = null;
  writer(): ClusterWriter | null {
    if (this.opts.readOnly) return null;
    this.liveWriter ??= new LiveWriter(this.kc);
    return this.liveWriter;
  }

  prober(): ProbeKube | null {
    return this.opts.readOnly ? null : new ProbeKube(this.kc);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopLinks();
    this.probe.stop();
    this.stopReviews();
    this.stopCredentialCheck();
    for (const p of this.parts) {
      clearTimeout(p.timer);
      await p.informer.stop();
    }
    this.watchKc.close();
    this.resolveFirst();
  }

  private addPart(resource: WatchedResource, namespace?: string): Part {
    const part: Part = {
      resource,
      namespace,
      informer: this.informerFor(resource, namespace, (informer, err) => {
        if (part.informer === informer) this.onError(part, err);
      }),
      state: { kind: "pending" },
      ...shownBefore(this.opts, { resource, namespace }),
      ...(this.opts.context ? { context: this.opts.context } : {}),
      everSynced: false,
      attempt: 0,
      starting: false,
    };
    this.parts.push(part);
    if (this.opts.refused?.has(accessKey(part))) this.onError(part, reviewRefusal(part));
    else void this.run(part);
    return part;
  }

  private informerFor(resource: WatchedResource, namespace: string | undefined, onError: PartErrorHandler) {
    const timeoutSeconds = this.opts.watchTimeoutSeconds ?? 45;
    const streamed =
      resource.slot === "pods" && this.opts.streamBuild === true ? (p: KubeObject) => this.first.pod(p) : undefined;
    return partInformer(
      this.watchKc,
      { resource, namespace, timeoutSeconds, stamps: this.kept.stamps, streamed },
      this.kept.noting(() => this.bump()),
      onError,
    );
  }

  /**
   * Starts a part. A part that was synced before restarts with a new informer, listed afresh, while the old one's
   * objects stay on screen (stale): client-node's own restart would resume the watch from the old resourceVersion and
   * report the part synced before the changes it missed (or a 410's relist) had come in.
   */
  private async run(part: Part): Promise<void> {
    if (this.closed) return;
    const restart = part.everSynced;
    const informer = restart
      ? this.informerFor(part.resource, part.namespace, (i, err) => {
          if (part.informer === i) this.onError(part, err);
        })
      : part.informer;
    let failure: { err: unknown } | undefined;
    const onErr = (err: unknown): void => {
      failure = { err };
    };
    informer.on("error", onErr);
    part.starting = true;
    try {
      await informer.start();
    } catch (err) {
      failure = { err };
      if (!restart) this.onError(part, err);
    } finally {
      part.starting = false;
      informer.off("error", onErr);
    }
    if (!this.parts.includes(part)) {
      // dropped meanwhile (a fallback no longer needed): its watch must not outlive it
      await informer.stop();
      return;
    }
    if (failure || this.closed) {
      if (restart) {
        await informer.stop();
        if (failure && !this.closed) this.onError(part, failure.err);
      }
      return;
    }
    // start() resolves once the list is in and the watch is open.
    if (restart) {
      const old = part.informer;
      part.informer = informer;
      await old.stop();
    }
    Object.assign(part, { attempt: 0, regains: 0, throttled: 0, everSynced: true });
    if (!part.namespace) await dropFallbacks(this.parts, part.resource);
    this.setState(part, { kind: "synced" });
  }

  /** The API server is back: broken and refused parts retry now (a 403 from a restarting one is no RBAC verdict). */
  private retryBroken(): void {
    for (const part of this.parts) {
      if ((part.state.kind !== "error" && part.state.kind !== "forbidden") || part.starting) continue;
      clearTimeout(part.timer);
      part.attempt = 0;
      void this.run(part);
    }
  }

  private onError(part: Part, err: unknown): void {
    if (this.closed) return;
    const status = httpStatus(err);
    const { resource, namespace } = part;
    let retryIn: number;
    // Credentials refused (token expired or revoked, account deleted): the source ends, or another member reads on.
    if (status === 401 && this.signOut(reasonOf(err))) return;
    // The parts standing in are added before the refused part settles: were it the last first read, ready() would
    // resolve with them not even started (the source "connecting" after ready: session 7's landing CI).
    if (status === 404 && resource.feature) {
      const { fallback } = resource;
      if (fallback && !namespace && !this.parts.some((p) => p.resource === fallback)) this.addPart(fallback);
      this.setState(part, { kind: "absent" });
      retryIn = this.opts.recheckMs ?? 30_000;
    } else if (status === 403) {
      const fallback = resource.namespaced && !namespace ? (this.opts.namespaces ?? []) : [];
      if (part.state.kind !== "forbidden" || part.state.regained) part.refusedAt = Date.now();
      if (fallback.length && !this.parts.some((p) => p.resource === resource && p.namespace)) {
        for (const ns of fallback) this.addPart(resource, ns);
      }
      this.setState(part, forbiddenState(part, err, fallback));
      retryIn = this.opts.recheckMs ?? 60_000;
    } else {
      const next = nextRead(part, err, this.opts.backoff);
      if (next.broken) {
        this.setState(part, errorState(part, err));
        this.probe.start();
      }
      retryIn = next.retryIn;
    }
    clearTimeout(part.timer);
    part.timer = setTimeout(() => void this.run(part), retryIn);
    part.timer.unref?.();
  }

  private setState(part: Part, state: PartState): void {
    const before = this.status().state;
    part.state = state;
    const after = this.status().state;
    if (after === "live" && before !== "live") this.liveSince = new Date().toISOString();
    this.first.check(this.parts, () => this.snapshot());
    if (!this.parts.some((p) => p.state.kind === "pending")) this.resolveFirst();
    this.bump();
  }

  private bump(): void {
    this.rev++;
    // A list of 20,000 objects is 20,000 adds in one go: the listeners hear of them once.
    this.listeners.emitSoon();
  }
}
