import type { SearchHit } from "@/lib/match/search";
import { FLEET_MAX, type FleetMember, fleetMembers, fleetOmitted, withMember } from "./fleet";
import type { Caller } from "./identity";
import type { SourceRegistry } from "./sources/registry";
import { searchFeed } from "./topology-search";

/** A hit of the fleet search: the cluster it is on (context for the explorer's URL), the host it lies on. */
export type FleetHit = SearchHit & { host?: string; cluster: string; context?: string };

/** A cluster the search could not ask, and why: its hits are unknown, not none. */
export interface FleetSearchGap {
  cluster: string;
  why: string;
}

/**
 * Searches every cluster of the fleet at once, each from its own server-side index (the one its explorer's search
 * uses), each as the caller. A cluster that does not answer in time is named in `gaps`, never taken for "no hit".
 */
export async function searchFleet(
  registry: SourceRegistry,
  caller: Caller,
  q: string,
  limit: number,
): Promise<{ hits: FleetHit[]; gaps: FleetSearchGap[] }> {
  const answers = await Promise.all(fleetMembers(registry).map((m) => searchMember(registry, m, caller, q, limit)));
  const omitted = fleetOmitted(registry).map((cluster) => ({
    cluster,
    why: `not searched: the fleet reads at most ${FLEET_MAX} contexts at once`,
  }));
  return {
    hits: answers.flatMap((a) => a.hits ?? []),
    gaps: [...answers.flatMap((a) => (a.gap ? [a.gap] : [])), ...omitted],
  };
}

function searchMember(
  registry: SourceRegistry,
  member: FleetMember,
  caller: Caller,
  q: string,
  limit: number,
): Promise<{ hits?: FleetHit[]; gap?: FleetSearchGap }> {
  return withMember(registry, member, caller, async (feed, lease, error) => {
    if (!feed || !lease) return { gap: { cluster: member.name, why: error ?? "no answer yet (connecting)" } };
    const status = lease.source.status();
    const hits = (await searchFeed(feed, q, limit)).map((h) => ({
      ...h,
      cluster: member.name,
      ...(member.context ? { context: member.context } : {}),
    }));
    // the last picture of a cluster that stopped answering is searched too, and said to be old
    if (status.state === "stale" || status.state === "failed")
      return { hits, gap: { cluster: member.name, why: `last picture only: ${status.reason}` } };
    return { hits };
  });
}
