import { compareHosts } from "../overview/rows";
import type { HostOrder, OverviewHost } from "../overview/schema";
import { work } from "./work";

const ORDERS: readonly HostOrder[] = ["problems", "pods", "name"];

/**
 * The overview's hosts in each order the matrix draws them in (rows.ts compareHosts: a total order, ties broken by
 * name then id), kept sorted as hosts change: a changed host is taken out and put back where a binary search places
 * it, so a change on one host costs a few comparisons per order, not a sort of 2,000 hosts per refresh. Also how many
 * hosts have errors (the row window's summary). The arrays are this class's own: a window is sliced from them.
 */
export class HostOrders {
  private readonly sorted = new Map<HostOrder, OverviewHost[]>(ORDERS.map((o) => [o, []]));
  private errors = 0;

  /** `was` (if any) replaced by `now` (if any): the same host's row before and after a change. */
  replace(was: OverviewHost | undefined, now: OverviewHost | undefined): void {
    if (was === now) return;
    work.clusterHosts++;
    for (const order of ORDERS) {
      const list = this.sorted.get(order) ?? [];
      const by = compareHosts(order);
      if (was) {
        const at = lowerBound(list, was, by);
        // the host is where its order places it; a search by id is only a guard against an order broken elsewhere
        const i = list[at] === was ? at : list.indexOf(was);
        if (i >= 0) list.splice(i, 1);
      }
      if (now) list.splice(lowerBound(list, now, by), 0, now);
    }
    if (was && was.problems.error > 0) this.errors--;
    if (now && now.problems.error > 0) this.errors++;
  }

  /** The hosts `offset`..`offset + limit` in `order` (a copy). */
  slice(order: HostOrder, offset: number, limit: number): OverviewHost[] {
    return (this.sorted.get(order) ?? []).slice(offset, offset + limit);
  }

  /** Every host by name (a copy): the whole overview's hosts. */
  all(): OverviewHost[] {
    return [...(this.sorted.get("name") ?? [])];
  }

  get withErrors(): number {
    return this.errors;
  }
}

/** The first place in sorted `list` whose host is not before `h`. */
function lowerBound(list: readonly OverviewHost[], h: OverviewHost, by: (a: OverviewHost, b: OverviewHost) => number) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = list[mid];
    if (m && by(m, h) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
