import type { Finding, TopologyElement } from "../contract/schema";
import { work } from "./work";

/** A finding naming up to this many elements is sent as it is: only ones naming more grow with the cluster. */
const NAMED_AS_IS = 8;

/** How many sets of held elements keep their trimmed findings: a few channels (windows) alive at once. */
const KEPT_SETS = 8;

/** Per set of held elements (its ids, sorted and joined): those ids, and each finding trimmed to them. */
const kept = new Map<string, { ids: readonly string[]; trimmed: WeakMap<Finding, Finding> }>();

/** Where each element a finding names stands in its list, made once per finding object. */
const places = new WeakMap<Finding, Map<string, number[]>>();

/** The ids of `held` and the findings trimmed to them so far; the least recently asked set is let go past KEPT_SETS. */
function keptFor(held: readonly TopologyElement[]) {
  // the same set in another order (rows that swapped places in a window) is the same set
  const ids = held.map((e) => e.id).sort();
  const key = ids.join("\n");
  let entry = kept.get(key);
  if (entry) kept.delete(key);
  else entry = { ids: [...new Set(ids)], trimmed: new WeakMap() };
  kept.set(key, entry);
  for (const old of kept.keys()) {
    if (kept.size <= KEPT_SETS) break;
    kept.delete(old);
  }
  return entry;
}

function placesOf(f: Finding): Map<string, number[]> {
  let at = places.get(f);
  if (!at) {
    work.heldElements += f.elements.length;
    at = new Map();
    for (const [i, id] of f.elements.entries()) {
      const list = at.get(id);
      if (list) list.push(i);
      else at.set(id, [i]);
    }
    places.set(f, at);
  }
  return at;
}

/** `f` naming its first element and those of `ids` it names, in its order: looked up by the held ids, not walked. */
function trim(f: Finding, ids: readonly string[]): Finding {
  const at = placesOf(f);
  work.heldElements += ids.length;
  const kept = [0];
  for (const id of ids) for (const i of at.get(id) ?? []) if (i > 0) kept.push(i);
  if (kept.length === f.elements.length) return f;
  kept.sort((a, b) => a - b);
  return { ...f, elements: kept.map((i) => f.elements[i] ?? "") };
}

/**
 * The findings an overview sends, each naming only what the page can use of its elements: the first (a click on the
 * finding selects it) and those the message holds (the details of a held host or network list the findings naming
 * it). The rest (every host of a network split into islands, every interface of an address conflict) are ids the
 * page holds nothing for, and would make the message grow with the cluster. A finding is trimmed once per set of
 * held elements (the same finding object, a shard's or a cluster-wide check's, until its part is rebuilt), by
 * looking its held elements up in where it names each (made once per finding): a refresh of the cluster view walks
 * no island finding's point on each of 2,000 hosts, and hands findingWindow the same objects, whose keys it keeps.
 */
export function heldFindings(findings: readonly Finding[], held: readonly TopologyElement[]): Finding[] {
  let entry: ReturnType<typeof keptFor> | null = null;
  return findings.map((f) => {
    if (f.elements.length <= NAMED_AS_IS) return f;
    entry ??= keptFor(held);
    let out = entry.trimmed.get(f);
    if (!out) {
      out = trim(f, entry.ids);
      entry.trimmed.set(f, out);
    }
    return out;
  });
}
