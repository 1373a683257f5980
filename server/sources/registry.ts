import { loadKubeConfig, describeContext } from "./kubeconfig";
import { createDemoSource, createSnapshotSource } from "./demo";
import { LiveSource } from "./live/live-source";
import type { ClusterSource } from "./types";
import type { ServerConfig } from "../config";

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

  constructor(private readonly config: ServerConfig, private readonly idleMs = 60_000) {}

  get mode(): ServerConfig["PLUMBLINE_SOURCE"] {
    return this.config.PLUMBLINE_SOURCE;
  }

  /** The kubeconfig's contexts for the switcher; empty outside kubeconfig mode. */
  contexts(): { names: string[]; current: string | null } {
    if (this.config.PLUMBLINE_SOURCE !== "kubeconfig") return { names: [], current: null };
    const kc = loadKubeConfig({ kubeconfig: this.config.KUBECONFIG, context: this.config.PLUMBLINE_CONTEXT });
    return { names: kc.getContexts().map((c) => c.name), current: kc.getCurrentContext() };
  }

  async acquire(context?: string): Promise<Lease> {
    const key = this.keyFor(context);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { source: this.create(context), users: 0 };
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

  private keyFor(context?: string): string {
    return this.config.PLUMBLINE_SOURCE === "kubeconfig" ? `kubeconfig:${context ?? this.config.PLUMBLINE_CONTEXT ?? ""}` : this.config.PLUMBLINE_SOURCE;
  }

  private async create(context?: string): Promise<ClusterSource> {
    switch (this.config.PLUMBLINE_SOURCE) {
      case "demo":
        return createDemoSource();
      case "snapshot":
        return createSnapshotSource(this.config.PLUMBLINE_SNAPSHOT ?? "");
      case "kubeconfig": {
        const kc = loadKubeConfig({ kubeconfig: this.config.KUBECONFIG, context: context ?? this.config.PLUMBLINE_CONTEXT });
        const fallback = this.config.PLUMBLINE_NAMESPACES?.split(",").map((s) => s.trim()).filter(Boolean);
        const ctxNs = kc.getContextObject(kc.getCurrentContext())?.namespace;
        return new LiveSource(kc, { label: describeContext(kc), namespaces: fallback?.length ? fallback : ctxNs ? [ctxNs] : [] });
      }
    }
  }
}
