import { KubeConfig } from "@kubernetes/client-node";
import type { ServerConfig, ServerConfigInput } from "../config";
import { type Caller, tokenId, UnauthenticatedError } from "../identity";
import { createDemoSource, createSnapshotSource } from "./demo";
import { describeContext, loadKubeConfig } from "./kubeconfig";
import { LiveSource } from "./live/live-source";
import type { ClusterSource } from "./types";

export interface Lease {
  source: ClusterSource;
  release(): void;
}

interface Entry {
  source: Promise<ClusterSource>;
  users: number;
  idle?: NodeJS.Timeout;
}

/**
 * Hands out sources, one per identity: every tab of one identity shares one watch set, and no two
 * identities ever share one, so each sees only what its own RBAC lets it list. Today the identity is the
 * kubeconfig context; the in-cluster deployment adds the caller's token to the key.
 */
export class SourceRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly config: ServerConfigInput,
    private readonly idleMs = 60_000,
  ) {}

  get mode(): ServerConfig["PLUMBLINE_SOURCE"] {
    return this.config.PLUMBLINE_SOURCE ?? "demo";
  }

  get identity(): ServerConfig["PLUMBLINE_IDENTITY"] {
    return this.config.PLUMBLINE_IDENTITY ?? "kubeconfig";
  }

  /** The kubeconfig's contexts for the switcher; empty outside kubeconfig mode. */
  contexts(): { names: string[]; current: string | null } {
    if (this.config.PLUMBLINE_SOURCE !== "kubeconfig" || this.identity !== "kubeconfig")
      return { names: [], current: null };
    const kc = loadKubeConfig({ kubeconfig: this.config.KUBECONFIG, context: this.config.PLUMBLINE_CONTEXT });
    return { names: kc.getContexts().map((c) => c.name), current: kc.getCurrentContext() };
  }

  async acquire(caller: Caller | string | undefined = {}): Promise<Lease> {
    const who: Caller = typeof caller === "string" || caller === undefined ? { context: caller } : caller;
    if (this.identity === "forwarded-token" && !who.token) throw new UnauthenticatedError();
    const key = this.keyFor(who);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { source: this.create(who), users: 0 };
      this.entries.set(key, entry);
      entry.source.catch(() => this.entries.delete(key));
    }
    clearTimeout(entry.idle);
    entry.users++;
    const source = await entry.source;
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

  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map(async (e) => (await e.source.catch(() => null))?.close()));
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

  private async create(who: Caller): Promise<ClusterSource> {
    switch (this.mode) {
      case "demo":
        return createDemoSource();
      case "snapshot":
        return createSnapshotSource(this.config.PLUMBLINE_SNAPSHOT ?? "");
      case "kubeconfig": {
        const kc = this.kubeConfigFor(who);
        const fallback = this.config.PLUMBLINE_NAMESPACES?.split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const ctxNs = kc.getContextObject(kc.getCurrentContext())?.namespace;
        const label =
          this.identity === "forwarded-token"
            ? `your identity on ${kc.getCurrentCluster()?.server ?? "the cluster"}`
            : this.identity === "service-account"
              ? `the dashboard's service account on ${kc.getCurrentCluster()?.server ?? "the cluster"} (read-only)`
              : describeContext(kc);
        return new LiveSource(kc, {
          label,
          namespaces: fallback?.length ? fallback : ctxNs ? [ctxNs] : [],
          readOnly: this.identity === "service-account",
          identity: this.identity,
        });
      }
    }
  }
}
