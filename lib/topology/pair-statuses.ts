import { refOf } from "../contract/ids";
import type { NetworkStatus } from "../pod/network-status";
import type { NetworkRequest } from "../pod/networks-annotation";

/** Entries in list order, handing out the first one nobody has taken yet: amortised O(1) per take. */
class Queue {
  private at = 0;
  constructor(
    private readonly items: readonly NetworkStatus[],
    private readonly taken: ReadonlySet<NetworkStatus>,
  ) {}

  take(): NetworkStatus | undefined {
    for (; this.at < this.items.length; this.at++) {
      const item = this.items[this.at];
      if (item && !this.taken.has(item)) return item;
    }
    return undefined;
  }
}

/** Queues of entries by a key, built once. */
class Queues {
  private readonly lists = new Map<string, NetworkStatus[]>();
  private readonly queues = new Map<string, Queue>();
  constructor(private readonly taken: ReadonlySet<NetworkStatus>) {}

  add(key: string, s: NetworkStatus): void {
    const list = this.lists.get(key);
    if (list) list.push(s);
    else this.lists.set(key, [s]);
  }

  next(key: string): NetworkStatus | undefined {
    let q = this.queues.get(key);
    if (!q) {
      q = new Queue(this.lists.get(key) ?? [], this.taken);
      this.queues.set(key, q);
    }
    return q.take();
  }
}

export interface Pair {
  request: NetworkRequest;
  ifname: string;
  status: NetworkStatus | undefined;
}

type Paired = { pairs: Pair[]; unused: NetworkStatus[] };

/** Up to this many requests × entries, a scan: three keyed queues per pod were 8% of a cold start's allocations. */
const SCAN_UP_TO = 64;

/**
 * Pairs each request with its network-status entry: same network and interface, else the first unused entry of that
 * network. Linear in requests + entries, as a pod may carry thousands of either. `unused` keeps the entries' order.
 */
export function pairStatuses(
  requests: readonly NetworkRequest[],
  names: readonly string[],
  statuses: readonly NetworkStatus[],
): Paired {
  return requests.length * statuses.length <= SCAN_UP_TO
    ? pairByScan(requests, names, statuses)
    : pairByQueues(requests, names, statuses);
}

/** `${a}\n${b}` === `${c}\n${d}` (how the queues' keys compare), made only when the lengths leave it possible. */
const sameKey = (a: string, b: string, c: string, d: string): boolean =>
  a === c ? b === d : a.length + b.length === c.length + d.length && `${a}\n${b}` === `${c}\n${d}`;

/** pairByQueues for a pod's few requests and entries: the same pairs, by scanning the entries in order. */
export function pairByScan(
  requests: readonly NetworkRequest[],
  names: readonly string[],
  statuses: readonly NetworkStatus[],
): Paired {
  const taken: NetworkStatus[] = [];
  const pairs: Pair[] = [];
  // plain loops: a closure per request and rule was most of what this allocated
  let i = -1;
  for (const request of requests) {
    i++;
    const key = refOf(request);
    const ifname = names[i] ?? `net${i + 1}`;
    let status: NetworkStatus | undefined;
    for (const s of statuses) {
      if (s.interface === undefined || s.isDefault || taken.includes(s)) continue;
      if (sameKey(s.name, s.interface, key, ifname)) {
        status = s;
        break;
      }
    }
    if (status === undefined) {
      for (const s of statuses) {
        if (s.name === key && !s.isDefault && !taken.includes(s)) {
          status = s;
          break;
        }
      }
    }
    if (status === undefined) {
      for (const s of statuses) {
        if (s.bareName === undefined || s.isDefault || taken.includes(s)) continue;
        if (sameKey(s.bareName, s.interface ?? "", request.name, ifname)) {
          status = s;
          break;
        }
      }
    }
    if (status) taken.push(status);
    pairs.push({ request, ifname, status });
  }
  const unused: NetworkStatus[] = [];
  for (const s of statuses) if (!s.isDefault && !taken.includes(s)) unused.push(s);
  return { pairs, unused };
}

/** The pairs by keyed queues: linear however many requests and entries a pod carries. */
export function pairByQueues(
  requests: readonly NetworkRequest[],
  names: readonly string[],
  statuses: readonly NetworkStatus[],
): Paired {
  const taken = new Set<NetworkStatus>();
  const byNetwork = new Queues(taken);
  const byInterface = new Queues(taken);
  const byBareName = new Queues(taken);
  for (const s of statuses) {
    if (s.isDefault) continue;
    byNetwork.add(s.name, s);
    if (s.interface !== undefined) byInterface.add(`${s.name}\n${s.interface}`, s);
    if (s.bareName !== undefined) byBareName.add(`${s.bareName}\n${s.interface ?? ""}`, s);
  }
  const pairs = requests.map((request, i) => {
    const key = refOf(request);
    const ifname = names[i] ?? `net${i + 1}`;
    // Multus 3.x wrote a bare name even for a NAD of another namespace: same name and interface is the same attachment.
    const status =
      byInterface.next(`${key}\n${ifname}`) ?? byNetwork.next(key) ?? byBareName.next(`${request.name}\n${ifname}`);
    if (status) taken.add(status);
    return { request, ifname, status };
  });
  return { pairs, unused: statuses.filter((s) => !s.isDefault && !taken.has(s)) };
}
