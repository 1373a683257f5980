import type { GraphModel } from "./model";

/**
 * A host as the matrix opens them at scale: folded pods in one layer, the points they hang off in the next, in a few
 * connected groups (a bridge or parent NIC shared by some folds, others alone), the size varying by round. Measured
 * in Node at load ~20 (the same V8, a fresh process each, interleaved, n=3): the first real 44-box host laid out
 * after 30 such rounds took 0.41–0.71 s, after 2 (as before) 0.76–1.56 s, cold 1.86–3.23 s.
 */
export function warmModel(round: number): GraphModel {
  const host = `host/warm-${round}`;
  // Small hosts (12–25 boxes): a real layout asked while one runs waits for it, so a round is kept short.
  const points = 4 + (round % 3);
  const folds = 8 + ((round * 5) % 12);
  const nodes: GraphModel["nodes"] = [{ id: host, kind: "host", parent: null, width: 0, height: 0, isGroup: true }];
  const edges: GraphModel["edges"] = [];
  for (let b = 0; b < points; b++)
    nodes.push({ id: `${host}/point-${b}`, kind: "bridge", parent: host, width: 170, height: 62, isGroup: false });
  for (let f = 0; f < folds; f++) {
    const fold = `${host}/fold-${f}`;
    nodes.push({
      id: fold,
      kind: "fold",
      parent: host,
      width: 230,
      height: 64,
      isGroup: false,
      members: [],
      networks: [],
    });
    // every third fold reaches a second point: the points then form a few groups, as a real host's do
    const targets = f % 3 === 0 ? [f % points, (f * 5 + 1) % points] : [f % points];
    for (const b of new Set(targets)) {
      edges.push({
        id: `${fold}->${b}`,
        kind: "attachment",
        source: fold,
        target: `${host}/point-${b}`,
        label: `${(f % 3) + 1} × net${b + 1}`,
        colour: "",
      });
    }
  }
  return { nodes, edges, colours: new Map() };
}
