import { fleetNetworks, fleetWants } from "@/lib/fleet/cluster-input";
import { clusterState } from "@/lib/fleet/cluster-state";
import type { FleetCluster } from "@/lib/fleet/schema";
import type { Caller } from "./identity";
import type { Lease, SourceRegistry } from "./sources/registry";
import { feedOf, type TopologyFeed } from "./topology-feed";

const NADS = "network-attachment-definitions";
/**
 * How long the fleet waits for one cluster before it says what it has so far (connecting, or the last picture):
 * every cluster is asked at once, so one that hangs (a black-holed API server) never holds up the others.
 */
export const CLUSTER_WAIT_MS = 2_500;

/** One cluster of the fleet: its kubeconfig context (none outside kubeconfig mode, where the fleet is one cluster). */
export interface FleetMember {
  context: string | undefined;
  name: string;
}

/**
 * The most contexts the fleet reads at once: each is a source of the registry, which holds at most 64 (DEFAULT_LIMITS);
 * past that, every refresh would close some clusters' watches to open others'. The rest are named, never read.
 */
export const FLEET_MAX = 48;

/** The contexts the fleet leaves out (beyond FLEET_MAX), in kubeconfig order. */
export function fleetOmitted(registry: SourceRegistry): string[] {
  return registry.contexts().names.slice(FLEET_MAX);
}

/** The clusters the fleet reads: every context the server offers; outside kubeconfig mode the one cluster it reads. */
export function fleetMembers(registry: SourceRegistry): FleetMember[] {
  const names = registry.contexts().names.slice(0, FLEET_MAX);
  // the demo, a snapshot file, or the one cluster an in-cluster deployment reads
  if (names.length === 0)
    return [{ context: undefined, name: registry.mode === "kubeconfig" ? "cluster" : registry.mode }];
  return names.map((name) => ({ context: name, name }));
}

type Timed<T> = { ok: true; value: T } | { ok: false };

/** `p` if it settles within `ms`; a lease that arrives later is given back at once. */
async function within<T>(p: Promise<T>, ms: number, late?: (v: T) => void): Promise<Timed<T>> {
  let timer: NodeJS.Timeout | undefined;
  let gaveUp = false;
  const timeout = new Promise<Timed<T>>((r) => {
    timer = setTimeout(() => {
      gaveUp = true;
      r({ ok: false });
    }, ms);
  });
  try {
    return await Promise.race([
      p.then((value): Timed<T> => {
        if (gaveUp) late?.(value);
        return { ok: true, value };
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Leases the member's source for `use` (with the caller's identity), waiting at most CLUSTER_WAIT_MS for it and for
 * its first read. What `use` gets says whether the source answered in time.
 */
export async function withMember<T>(
  registry: SourceRegistry,
  member: FleetMember,
  caller: Caller,
  use: (feed: TopologyFeed | null, lease: Lease | null, error?: string) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  let leased: Timed<Lease>;
  try {
    leased = await within(registry.acquire({ ...caller, context: member.context }), CLUSTER_WAIT_MS, (l) =>
      l.release(),
    );
  } catch (e) {
    return use(null, null, e instanceof Error ? e.message : String(e));
  }
  if (!leased.ok) return use(null, null);
  const lease = leased.value;
  try {
    const feed = feedOf(lease.source);
    const left = Math.max(100, CLUSTER_WAIT_MS - (Date.now() - started));
    const caughtUp = await within(feed.current(), left);
    return await use(caughtUp.ok || feed.store.networks().length > 0 ? feed : null, lease);
  } finally {
    lease.release();
  }
}

const cache = new WeakMap<
  TopologyFeed,
  { revision: number; value: Pick<FleetCluster, "networks" | "wants" | "totals"> }
>();

/** What the fleet shows of one cluster: its state, and its networks, wants and totals from its store. */
export function readFleetCluster(registry: SourceRegistry, member: FleetMember, caller: Caller): Promise<FleetCluster> {
  return withMember(registry, member, caller, async (feed, lease, error) => {
    const base = { context: member.name, label: lease?.source.info.label ?? member.name };
    const empty = { networks: [], wants: [], totals: { pods: 0, findings: { error: 0, warning: 0, info: 0 } } };
    if (!lease) {
      // the source could not be made (an exec plugin failed, a token refused) or did not come in time
      return error
        ? {
            ...base,
            ...empty,
            state: /sign in|signed out|401/i.test(error) ? "signed-out" : "unreachable",
            reason: error,
            known: "all",
          }
        : { ...base, ...empty, state: "connecting", known: "all" };
    }
    const source = lease.source;
    const known = source.readScope?.(NADS) ?? "all";
    const refusal = source.snapshot().notes.find((n) => n.message.includes(NADS))?.message;
    const state = clusterState(feed ? source.status() : { state: "connecting" }, known, refusal);
    if (!feed) return { ...base, ...empty, ...state, known };
    return { ...base, ...contentOf(feed), ...state, known };
  });
}

function contentOf(feed: TopologyFeed): Pick<FleetCluster, "networks" | "wants" | "totals"> {
  const revision = feed.store.revision;
  const hit = cache.get(feed);
  if (hit?.revision === revision) return hit.value;
  const store = feed.store;
  const overview = store.overview();
  const findings = { error: 0, warning: 0, info: 0 };
  for (const f of store.findings()) findings[f.severity]++;
  const value = {
    networks: fleetNetworks(store.networks(), overview.networks),
    wants: fleetWants(store.workloads()),
    totals: { pods: overview.totals.pods, findings },
  };
  cache.set(feed, { revision, value });
  return value;
}
