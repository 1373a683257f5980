import type { Finding } from "@/lib/contract/schema";
import { keyOf } from "@/lib/store/finding-window";
import type { SentOverview } from "@/lib/wire/overview-wire";

/**
 * What a view channel compares with what it sent: elements and links by id (their JSON), findings by their JSON text.
 */

/** What a channel last sent, as its subscribers hold it. */
export interface Sent {
  elements: Map<string, string>;
  links: Map<string, string>;
  findings: Map<string, Finding>;
  overview: SentOverview | null;
  catalog: string;
  networksInUse: string;
  /** the finding totals last sent (JSON), for a view sent as its overview */
  findingTotals: string;
  /** the window of hosts last sent (JSON), for a namespace or network view sent as its elements */
  hostWindow: string;
}

export function diffById<T extends { id: string }>(
  before: Map<string, string>,
  items: readonly T[],
  json: (v: T) => string,
) {
  const sent = new Map<string, string>();
  const upsert: T[] = [];
  for (const item of items) {
    const text = json(item);
    sent.set(item.id, text);
    if (before.get(item.id) !== text) upsert.push(item);
  }
  const remove = [...before.keys()].filter((id) => !sent.has(id));
  return { sent, delta: { upsert, remove } };
}

/**
 * Each finding once (identical ones, e.g. two refused objects of one kind and name in two namespaces, are one): the
 * page keys findings by their JSON, so the copies never showed, and the deltas already sent them once.
 */
export function distinct(items: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of items) if (!byKey.has(keyOf(f))) byKey.set(keyOf(f), f);
  return [...byKey.values()];
}

export function diffFindings(before: Map<string, Finding>, items: readonly Finding[]) {
  const sent = new Map(items.map((f) => [keyOf(f), f]));
  const upsert = [...sent].flatMap(([k, f]) => (before.has(k) ? [] : [f]));
  const remove = [...before.keys()].filter((k) => !sent.has(k));
  return { sent, delta: { upsert, remove } };
}

/**
 * diffById over the ids that may have changed only (the rest are as sent): `now` gives each one's element now, or
 * undefined when it is gone. `sent` is updated in place.
 */
export function patchById<T extends { id: string }>(
  sent: Map<string, string>,
  ids: Iterable<string>,
  now: (id: string) => T | undefined,
  json: (v: T) => string,
) {
  const upsert: T[] = [];
  const remove: string[] = [];
  for (const id of ids) {
    const item = now(id);
    if (!item) {
      if (sent.delete(id)) remove.push(id);
      continue;
    }
    const text = json(item);
    if (sent.get(id) === text) continue;
    sent.set(id, text);
    upsert.push(item);
  }
  return { upsert, remove };
}
