import { hostId } from "../contract/ids";
import type { ShardResult } from "./shard";
import { summaryOf } from "./shard-summary";
import { work } from "./work";

/**
 * Which shards hold pods of each namespace and of each network, which have outward findings, which hold a host: kept
 * as shards are placed and removed (cost: the changed shard's namespaces and networks), so a namespace or network view
 * finds its shards, the catalog its namespaces and hosts, and the cluster view its counts, without a pass over every
 * shard of the cluster.
 */
export class ShardIndex {
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly byNetwork = new Map<string, Set<string>>();
  /** shards with findings that name nothing or something outside them (ShardSummary.outward) */
  readonly outward = new Set<string>();
  readonly hosts = new Set<string>();
  /** the pods of every shard, counted (whether the cluster view is past the matrix thresholds, per change) */
  pods = 0;
  /** bumped when a namespace or a host comes or goes (what the catalog lists) */
  version = 0;

  /** Takes a shard's old result out and puts its new one in (either may be absent): only what differs is filed. */
  replace(name: string, before: ShardResult | undefined, next: ShardResult | undefined): void {
    work.indexShards++;
    this.pods += (next?.pods.size ?? 0) - (before?.pods.size ?? 0);
    const a = before && summaryOf(before);
    const b = next && summaryOf(next);
    this.refile(this.byNamespace, name, a?.namespaces, b?.namespaces);
    this.refile(this.byNetwork, name, a?.networks, b?.networks);
    if (b && b.outward.length > 0) this.outward.add(name);
    else this.outward.delete(name);
    const host = next?.elements.get(hostId(name))?.kind === "host";
    if (host !== this.hosts.has(name)) this.version++;
    if (host) this.hosts.add(name);
    else this.hosts.delete(name);
  }

  private refile(m: Map<string, Set<string>>, name: string, was = EMPTY, now = EMPTY): void {
    for (const key of was) if (!now.has(key)) this.file(m, key, name, -1);
    for (const key of now) if (!was.has(key)) this.file(m, key, name, 1);
  }

  private file(m: Map<string, Set<string>>, key: string, name: string, sign: 1 | -1): void {
    let set = m.get(key);
    if (sign > 0) {
      if (!set) {
        set = new Set();
        m.set(key, set);
        this.version++;
      }
      set.add(name);
    } else if (set?.delete(name) && set.size === 0) {
      m.delete(key);
      this.version++;
    }
  }

  /** The shards that may hold a pod the criteria keep (both sets when both are given: the smaller one is read). */
  shardsFor(c: { namespace?: string; network?: string }): ReadonlySet<string> {
    const ns = c.namespace ? (this.byNamespace.get(c.namespace) ?? EMPTY) : undefined;
    const net = c.network ? (this.byNetwork.get(c.network) ?? EMPTY) : undefined;
    if (!ns || !net) return ns ?? net ?? EMPTY;
    const [small, large] = ns.size <= net.size ? [ns, net] : [net, ns];
    return new Set([...small].filter((n) => large.has(n)));
  }

  /** Every namespace some pod is in. */
  namespaces(): IterableIterator<string> {
    return this.byNamespace.keys();
  }
}

const EMPTY: ReadonlySet<string> = new Set();
