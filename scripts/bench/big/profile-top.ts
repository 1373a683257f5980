import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The top frames by self time of the `.cpuprofile` files `node --cpu-prof` wrote into `dir` (the server's whole run):
 * the evidence behind a missed goal. Frames are summed by function and place, so a function's recompiled copies add up.
 */
export function topFrames(dir: string, n = 12): string[] {
  const self = new Map<string, number>();
  let total = 0;
  if (!existsSync(dir)) return ["(no profile: the server did not run)"];
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".cpuprofile"))) {
    const p = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Profile;
    const byId = new Map(p.nodes.map((node) => [node.id, node]));
    p.samples.forEach((id, i) => {
      const frame = byId.get(id)?.callFrame;
      const dt = p.timeDeltas[i] ?? 0;
      total += dt;
      if (!frame) return;
      const where = frame.url.replace(/^.*\/(\.next|node_modules)\//, "$1/").replace(/^file:\/\//, "");
      const key = `${frame.functionName || "(anonymous)"} ${where ? `${where}:${frame.lineNumber + 1}` : ""}`.trim();
      self.set(key, (self.get(key) ?? 0) + dt);
    });
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${(us / 1000).toFixed(0)} ms (${((100 * us) / Math.max(total, 1)).toFixed(1)} %) ${k}`);
}
