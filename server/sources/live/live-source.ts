import {
  type Informer,
  type KubeConfig,
  type KubernetesObject,
  ListWatch,
  type ObjectCache,
  Watch,
} from "@kubernetes/client-node";
import type { KubeObject } from "@/lib/k8s/objects";
import { asSnapshotObject, type ClusterSnapshot, emptySnapshot } from "@/lib/k8s/snapshot";
import type { SourceInfo, SourceStatus } from "@/lib/topology/payload";
import type { Finding } from "@/lib/topology/schema";
import { LiveWriter } from "../../writers/live-writer";
import type { ClusterWriter } from "../../writers/types";
import { type ClusterSource, Listeners } from "../types";
import { describeApiError, httpStatus } from "./errors";
import { listFn, resourcePath, WATCHED, type WatchedResource } from "./resources";

type PartState =
  | { kind: "pending" }
  | { kind: "synced" }
  | { kind: "absent" }
  | { kind: "forbidden"; message: string }
  | { kind: "error"; message: string; since: string };

interface Part {
  resource: WatchedResource;
  namespace?: string;
  informer: Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
  state: PartState;
  /** had a complete list once: its objects are the last good picture */
  everSynced: boolean;
  attempt: number;
  timer?: NodeJS.Timeout;
}

export interface LiveSourceOptions {
  label: string;
  /** namespaces to fall back to when a namespaced kind may not be listed cluster-wide */
  namespaces?: string[];
  /** backoff bounds for reconnects, in ms */
  backoff?: { min: number; max: number };
  /** how often to look again for an absent API group or a forbidden kind, in ms */
  recheckMs?: number;
  /** reads only (the service-account kiosk): no writer */
  readOnly?: boolean;
  identity?: "kubeconfig" | "forwarded-token" | "service-account";
}

/**
 * Lists and watches the Multus-related kinds with client-node informers. Each kind (and, when a kind may
 * not be listed cluster-wide, each fallback namespace) is its own part, so one 403 or one missing API group
 * degrades that part only. 410 Gone relists (client-node does it); a dropped watch reconnects with backoff,
 * and the source reports stale until every part is back.
 */
export class LiveSource implements ClusterSource {
  readonly info: SourceInfo;
  private readonly parts: Part[] = [];
  private readonly listeners = new Listeners();
  private rev = 1;
  private cached: { rev: number; snap: ClusterSnapshot } | null = null;
  private liveSince: string | null = null;
  private closed = false;
  private readonly firstRound: Promise<void>;
  private resolveFirst!: () => void;

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
    for (const resource of WATCHED) this.addPart(resource);
  }

  revision(): number {
    return this.rev;
  }
  ready(): Promise<void> {
    return this.firstRound;
  }
  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener);
  }

  status(): SourceStatus {
    const errored = this.parts.flatMap((p) => (p.state.kind === "error" ? [p.state] : []));
    if (this.parts.some((p) => p.state.kind === "pending") && errored.length === 0) return { state: "connecting" };
    if (errored.length > 0) {
      const [first] = errored;
      if (!first) return { state: "connecting" };
      const reason = errored.length > 1 ? `${first.message} (and ${errored.length - 1} more)` : first.message;
      if (!this.parts.some((p) => p.everSynced)) return { state: "failed", reason };
      return { state: "stale", since: first.since, reason };
    }
    return { state: "live", since: this.liveSince ?? new Date().toISOString() };
  }

  snapshot(): ClusterSnapshot {
    if (this.cached?.rev === this.rev) return this.cached.snap;
    const snap = emptySnapshot();
    for (const part of this.parts) {
      const { resource } = part;
      for (const raw of part.informer.list()) {
        const obj = asSnapshotObject(raw, { apiVersion: resource.apiVersion, kind: resource.kind });
        if (typeof obj === "string") continue;
        // Typed lists carry no apiVersion/kind on their items; watch events do. Stamp them alike.
        const stamped: KubeObject = { ...obj, apiVersion: resource.apiVersion, kind: resource.kind };
        if (resource.slot === "operatorNetwork") {
          if (stamped.metadata.name === "cluster") snap.operatorNetwork = stamped;
        } else {
          snap[resource.slot].push(stamped);
        }
      }
    }
    snap.notes = this.notes();
    snap.absent = [...new Set(this.parts.filter((p) => p.state.kind === "absent").map((p) => p.resource.resource))];
    snap.incomplete = [
      ...new Set(
        this.parts
          .filter((p) => p.state.kind !== "synced" && p.state.kind !== "absent")
          .map((p) => p.resource.resource),
      ),
    ];
    this.cached = { rev: this.rev, snap };
    return snap;
  }

  private liveWriter: LiveWriter | null = null;
  writer(): ClusterWriter | null {
    if (this.opts.readOnly) return null;
    this.liveWriter ??= new LiveWriter(this.kc);
    return this.liveWriter;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.parts) {
      clearTimeout(p.timer);
      await p.informer.stop();
    }
    this.resolveFirst();
  }

  private notes(): Finding[] {
    const notes: Finding[] = [];
    const absent = new Set<string>();
    for (const p of this.parts) {
      const s = p.state;
      if (s.kind === "absent" && p.resource.absentMessage && !absent.has(p.resource.kind)) {
        absent.add(p.resource.kind);
        notes.push({ severity: "info", code: "feature-absent", message: p.resource.absentMessage, elements: [] });
      } else if (s.kind === "forbidden" && !notes.some((n) => n.message === s.message)) {
        // one note per refusal, however many parts (event reasons) it stopped
        notes.push({ severity: "warning", code: "source-degraded", message: s.message, elements: [] });
      }
    }
    return notes;
  }

  private addPart(resource: WatchedResource, namespace?: string): Part {
    // makeInformer without its missing field-selector parameter (event parts watch one reason each)
    const list = listFn(this.kc, resource, namespace);
    const path = resourcePath(resource, namespace);
    const informer = new ListWatch(path, new Watch(this.kc), list, false, undefined, resource.fieldSelector);
    const part: Part = { resource, namespace, informer, state: { kind: "pending" }, everSynced: false, attempt: 0 };
    const changed = (): void => this.bump();
    informer.on("add", changed);
    informer.on("update", changed);
    informer.on("delete", changed);
    informer.on("error", (err: unknown) => this.onError(part, err));
    this.parts.push(part);
    void this.run(part);
    return part;
  }

  private async run(part: Part): Promise<void> {
    if (this.closed) return;
    let failed = false;
    const onErr = (): void => {
      failed = true;
    };
    part.informer.on("error", onErr);
    try {
      await part.informer.start();
    } catch (err) {
      failed = true;
      this.onError(part, err);
    } finally {
      part.informer.off("error", onErr);
    }
    if (failed || this.closed) return;
    // start() resolves once the list is in and the watch is open.
    part.attempt = 0;
    part.everSynced = true;
    this.setState(part, { kind: "synced" });
  }

  private onError(part: Part, err: unknown): void {
    if (this.closed) return;
    const status = httpStatus(err);
    const { resource, namespace } = part;
    let retryIn: number;
    if (status === 404 && resource.feature) {
      this.setState(part, { kind: "absent" });
      const { fallback } = resource;
      if (fallback && !namespace && !this.parts.some((p) => p.resource === fallback)) this.addPart(fallback);
      retryIn = this.opts.recheckMs ?? 30_000;
    } else if (status === 403 || status === 401) {
      const fallback = resource.namespaced && !namespace ? (this.opts.namespaces ?? []) : [];
      const message =
        describeApiError("list", resource.resource, { namespace, namespaced: resource.namespaced }, err) +
        (fallback.length
          ? `; showing namespace${fallback.length > 1 ? "s" : ""} ${fallback.join(", ")} only`
          : `; ${resource.resource} are left out`);
      this.setState(part, { kind: "forbidden", message });
      if (fallback.length && !this.parts.some((p) => p.resource === resource && p.namespace)) {
        for (const ns of fallback) this.addPart(resource, ns);
      }
      retryIn = this.opts.recheckMs ?? 60_000;
    } else {
      const since = part.state.kind === "error" ? part.state.since : new Date().toISOString();
      this.setState(part, {
        kind: "error",
        message: describeApiError(
          part.everSynced ? "watch" : "list",
          resource.resource,
          { namespace, namespaced: resource.namespaced },
          err,
        ),
        since,
      });
      const { min, max } = this.opts.backoff ?? { min: 500, max: 30_000 };
      retryIn = Math.min(max, min * 2 ** part.attempt) * (0.8 + Math.random() * 0.4);
      part.attempt++;
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
    if (!this.parts.some((p) => p.state.kind === "pending")) this.resolveFirst();
    this.bump();
  }

  private bump(): void {
    this.rev++;
    this.listeners.emit();
  }
}
