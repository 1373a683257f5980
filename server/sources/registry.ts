import { KubeConfig } from "@kubernetes/client-node";
import { TRPCError } from "@trpc/server";
import type { ServerConfig, ServerConfigInput } from "../config";
import { type Caller, ContextNotAllowedError, type TokenHeader, tokenId, UnauthenticatedError } from "../identity";
import { KeptProbes } from "../node-links/probed-links";
import { createDemoSource, createSnapshotSource } from "./demo";
import { type Entry, makeRoom, shareOf, shareRoom, type Who } from "./fair-share";
import { describeContext, loadKubeConfig } from "./kubeconfig";
import { questionReviewer } from "./live/access-review";
import { whoAmI } from "./live/credentials";
import type { LiveSourceOptions } from "./live/live-options";
import { LiveSource } from "./live/live-source";
import { AccessGroups } from "./shared/access-groups";
import type { ClusterSource } from "./types";

const REFUSED = "signed out: the API server does not accept this token; sign in again";

export interface Lease {
  source: ClusterSource;
  release(): void;
}

export interface RegistryLimits {
  /** sources per process; the least recently used idle one makes room */
  sources: number;
  /** sources (tokens) per account: one person's many tokens do not each get a watch set */
  sourcesPerAccount: number;
  /** sources of the ServiceAccounts of one namespace: an editor of a namespace cannot fill the server */
  sourcesPerNamespace: number;
  /** how long a token the API server refused is refused without asking again, in ms */
  unauthenticatedMs: number;
}

export const DEFAULT_LIMITS: RegistryLimits = {
  sources: 64,
  sourcesPerAccount: 4,
  sourcesPerNamespace: 8,
  unauthenticatedMs: 30_000,
};

/** Ends a request whose source's credentials were refused by the API server. */
export function assertSignedIn(source: ClusterSource): void {
  const reason = source.signedOut?.();
  if (reason) throw new UnauthenticatedError(reason);
  const retired = source.retired?.();
  if (retired) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: retired });
}

/**
 * Hands out sources, one per identity: every tab of one identity shares one watch set, and no two
 * identities ever share one, so each sees only what its own RBAC lets it list. Today the identity is the
 * kubeconfig context; the in-cluster deployment adds the caller's token to the key.
 */
export class SourceRegistry {
  private readonly entries = new Map<string, Entry>();
  /** token id → until when the API server's 401 for it stands */
  private readonly refused = new Map<string, number>();
  private readonly limits: RegistryLimits;
  /** each identity's probed node links, kept when its idle source is closed */
  private readonly probes = new KeptProbes();
  /** forwarded tokens whose access answers alike share a source; false: one source per token (the old way) */
  shareByAccess: boolean;
  private groups: AccessGroups | undefined;

  constructor(
    private readonly config: ServerConfigInput,
    private readonly idleMs = 60_000,
    limits: Partial<RegistryLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.shareByAccess = config.PLUMBLINE_SHARE_SOURCES !== false;
  }

  get mode(): ServerConfig["PLUMBLINE_SOURCE"] {
    return this.config.PLUMBLINE_SOURCE ?? "demo";
  }

  get identity(): ServerConfig["PLUMBLINE_IDENTITY"] {
    return this.config.PLUMBLINE_IDENTITY ?? "kubeconfig";
  }

  get viewerHeader(): string {
    return this.config.PLUMBLINE_VIEWER_HEADER ?? "x-forwarded-user";
  }

  get tokenHeader(): TokenHeader {
    return this.config.PLUMBLINE_TOKEN_HEADER ?? "x-forwarded-access-token";
  }

  /**
   * The contexts the switcher and the fleet offer: the current one and those the operator named when starting the
   * server, never the whole kubeconfig (each context may run an exec credential plugin) unless the operator said
   * `--all-contexts`. Empty outside kubeconfig mode (in-cluster modes read one cluster).
   */
  contexts(): { names: string[]; current: string | null } {
    if (this.config.PLUMBLINE_SOURCE !== "kubeconfig" || this.identity !== "kubeconfig")
      return { names: [], current: null };
    const kc = loadKubeConfig({ kubeconfig: this.config.KUBECONFIG, context: this.config.PLUMBLINE_CONTEXT });
    const current = kc.getCurrentContext();
    const allowed = new Set([current, ...(this.config.PLUMBLINE_CONTEXTS ?? [])]);
    return {
      names: kc
        .getContexts()
        .map((c) => c.name)
        .filter((n) => this.config.PLUMBLINE_ALL_CONTEXTS || allowed.has(n)),
      current,
    };
  }

  async acquire(caller: Caller | string | undefined = {}): Promise<Lease> {
    const who: Caller = typeof caller === "string" || caller === undefined ? { context: caller } : caller;
    if (this.identity === "forwarded-token" && !who.token) throw new UnauthenticatedError();
    if (who.context && this.mode === "kubeconfig" && !this.contexts().names.includes(who.context))
      throw new ContextNotAllowedError(who.context);
    const key = this.keyFor(who);
    let entry = this.entries.get(key);
    if (!entry) {
      // Forwarded tokens share the server fairly once the API server has said who they are (checkToken).
      if (this.identity !== "forwarded-token")
        makeRoom(this.entries, this.limits.sources, () => true, "too many identities on this server at once");
      const seen: Who = {};
      const created: Entry = { source: this.create(who, seen, key), users: 0, lastUsed: Date.now(), who: seen };
      entry = created;
      this.entries.set(key, entry);
      entry.source.catch(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
    }
    clearTimeout(entry.idle);
    entry.users++;
    entry.lastUsed = Date.now();
    let source: ClusterSource;
    try {
      source = await entry.source;
    } catch (e) {
      entry.users--;
      throw e;
    }
    if (source.signedOut?.() || source.retired?.()) {
      // Over: the next acquire asks the API server again (and, for a refused token, is refused without asking).
      entry.users--;
      if (this.entries.get(key) === entry) this.entries.delete(key);
      return this.acquire(who);
    }
    let released = false;
    const e = entry;
    return {
      source,
      release: () => {
        if (released) return;
        released = true;
        e.users--;
        if (e.users === 0) {
          e.idle = setTimeout(() => {
            if (e.users > 0 || this.entries.get(key) !== e) return;
            this.entries.delete(key);
            void source.close();
          }, this.idleMs);
          e.idle.unref?.();
        }
      },
    };
  }

  /** Sources (watch sets) open for forwarded tokens and the identities reading them (null: not sharing). */
  sharing(): { sources: number; members: number } | null {
    return this.groups?.counts() ?? null;
  }

  /** Leases handed out and not yet given back, over all identities (a leak shows here). */
  leases(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.users;
    return n;
  }

  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map(async (e) => (await e.source.catch(() => null))?.close()));
  }

  /**
   * A token is checked once (SelfSubjectReview) before any watch is opened for it: a token the API server
   * refuses costs it one request per `unauthenticatedMs`, and never an informer per kind.
   */
  private async checkToken(kc: KubeConfig, token: string, seen: Who): Promise<void> {
    const id = tokenId(token);
    const now = Date.now();
    if ((this.refused.get(id) ?? 0) > now) throw new UnauthenticatedError(REFUSED);
    const who = await whoAmI(kc);
    if (who && !who.ok) {
      this.refused.delete(id);
      this.refused.set(id, now + this.limits.unauthenticatedMs);
      // Bounded: the oldest verdicts go first.
      for (const old of this.refused.keys()) {
        if (this.refused.size <= 10_000) break;
        this.refused.delete(old);
      }
      throw new UnauthenticatedError(REFUSED);
    }
    if (who?.ok) {
      seen.account = who.username;
      seen.share = shareOf(who.username);
      const mine = (e: Entry) => e.who !== seen && e.who.account === who.username;
      makeRoom(this.entries, this.limits.sourcesPerAccount, mine, `too many sessions for ${who.username} at once`);
      if (seen.share.startsWith("namespace ")) {
        const ours = (e: Entry) => e.who !== seen && e.who.share === seen.share;
        makeRoom(
          this.entries,
          this.limits.sourcesPerNamespace,
          ours,
          `too many sessions of ${seen.share}'s ServiceAccounts`,
        );
      }
    }
    shareRoom(this.entries, this.limits.sources, seen);
  }

  private keyFor(who: Caller): string {
    if (this.mode !== "kubeconfig") return this.mode;
    if (this.identity === "forwarded-token") return `token:${tokenId(who.token ?? "")}`;
    if (this.identity === "service-account") return "service-account";
    return `kubeconfig:${who.context ?? this.config.PLUMBLINE_CONTEXT ?? ""}`;
  }

  /** The caller's own credentials against the cluster the server is configured for. */
  private kubeConfigFor(who: Caller): KubeConfig {
    if (this.identity === "kubeconfig")
      return loadKubeConfig({
        kubeconfig: this.config.KUBECONFIG,
        context: who.context ?? this.config.PLUMBLINE_CONTEXT,
      });
    const base = loadKubeConfig({ kubeconfig: this.config.KUBECONFIG, context: this.config.PLUMBLINE_CONTEXT });
    if (this.identity === "service-account") return base;
    const cluster = base.getCurrentCluster();
    if (!cluster) throw new Error("no cluster configured");
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [cluster],
      users: [{ name: "caller", token: who.token }],
      contexts: [{ name: "caller", cluster: cluster.name, user: "caller" }],
      currentContext: "caller",
    });
    return kc;
  }

  private liveOptions(kc: KubeConfig, key: string): LiveSourceOptions {
    const fallback = this.config.PLUMBLINE_NAMESPACES?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const ctxNs = kc.getContextObject(kc.getCurrentContext())?.namespace;
    const server = kc.getCurrentCluster()?.server ?? "the cluster";
    const label =
      this.identity === "forwarded-token"
        ? `your identity on ${server}`
        : this.identity === "service-account"
          ? `the dashboard's service account on ${server} (read-only)`
          : describeContext(kc);
    // Several contexts offered (the fleet): each error names its context.
    const several = this.identity === "kubeconfig" && this.contexts().names.length > 1;
    return {
      label,
      ...(several ? { context: kc.getCurrentContext() } : {}),
      namespaces: fallback?.length ? fallback : ctxNs ? [ctxNs] : [],
      readOnly: this.identity === "service-account",
      identity: this.identity,
      probedLinks: this.probes.of(key),
      streamBuild: this.config.PLUMBLINE_STREAM_BUILD === true,
    };
  }

  private async create(who: Caller, seen: Who, key: string): Promise<ClusterSource> {
    switch (this.mode) {
      case "demo":
        return createDemoSource();
      case "snapshot":
        return createSnapshotSource(this.config.PLUMBLINE_SNAPSHOT ?? "");
      case "kubeconfig": {
        const kc = this.kubeConfigFor(who);
        if (this.identity !== "forwarded-token") return new LiveSource(kc, this.liveOptions(kc, key));
        await this.checkToken(kc, who.token ?? "", seen);
        const options = this.liveOptions(kc, key);
        // (an identity the API server did not name reads alone: its refusals must name it)
        if (!this.shareByAccess || !seen.account) return new LiveSource(kc, options);
        // Identities whose access reviews answer alike read one watch set (server/sources/shared/).
        this.groups ??= new AccessGroups(
          (holder, extra) => new LiveSource(holder, { ...options, ...extra }),
          options.namespaces ?? [],
        );
        const seat = { token: who.token ?? "", kc, ask: questionReviewer(kc), revalidateMs: 30_000 };
        return this.groups.join({ ...seat, username: seen.account, probedLinks: this.probes.of(key) });
      }
    }
  }
}
