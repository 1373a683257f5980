import type { Finding, TopologyElement } from "../contract/schema";

/** A finding naming up to this many elements is sent as it is: only ones naming more grow with the cluster. */
const NAMED_AS_IS = 8;

/**
 * The findings an overview sends, each naming only what the page can use of its elements: the first (a click on the
 * finding selects it) and those the message holds (the details of a held host or network list the findings naming
 * it). The rest (every host of a network split into islands, every interface of an address conflict) are ids the
 * page holds nothing for, and would make the message grow with the cluster.
 */
export function heldFindings(findings: readonly Finding[], held: readonly TopologyElement[]): Finding[] {
  let ids: Set<string> | null = null;
  return findings.map((f) => {
    if (f.elements.length <= NAMED_AS_IS) return f;
    ids ??= new Set(held.map((e) => e.id));
    const has = ids;
    const elements = f.elements.filter((id, i) => i === 0 || has.has(id));
    return elements.length === f.elements.length ? f : { ...f, elements };
  });
}
