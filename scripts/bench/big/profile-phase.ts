import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * A CPU profile of one phase of this process (the in-process cold start's "lists read" and "after the lists"), taken
 * with the inspector so the raw LIST measured beside it is left out; written to `file` for DevTools and summed here:
 * self time of the top frames and inclusive time of the store's stages, the evidence for what to build first.
 */
export class PhaseProfiler {
  private readonly session = new Session();
  async start(): Promise<void> {
    this.session.connect();
    await this.session.post("Profiler.enable");
    await this.session.post("Profiler.setSamplingInterval", { interval: 250 });
    await this.session.post("Profiler.start");
  }
  async stop(file: string): Promise<string[]> {
    const { profile } = (await this.session.post("Profiler.stop")) as unknown as { profile: Profile };
    this.session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
    return summary(profile);
  }
}

const STAGES =
  /^(sync|step|buildShard|commit|overview|settleCross|settleGlobal|place|settle|partsSnapshot|stamp\w*|lean\w*|parse|JSON\.parse|garbage collector|\(garbage collector\))$/;

function summary(p: Profile, n = 14): string[] {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const name = (x: Node) => {
    const f = x.callFrame;
    const where = f.url.replace(/^.*\/(wt-[a-z]+|node_modules)\//, "").replace(/^file:\/\//, "");
    return `${f.functionName || "(anonymous)"} ${where}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const x = byId.get(id);
    if (!x) return;
    self.set(name(x), (self.get(name(x)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur)?.callFrame.functionName ?? "";
      if (STAGES.test(fn) && !seen.has(fn)) {
        seen.add(fn);
        incl.set(fn, (incl.get(fn) ?? 0) + dt);
      }
    }
  });
  const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
  const rows = [`total sampled ${ms(total)}; idle = (idle)`, "self:"];
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n)) rows.push(`  ${ms(us)} ${k}`);
  rows.push("inclusive (store stages):");
  for (const [k, us] of [...incl].sort((a, b) => b[1] - a[1])) rows.push(`  ${ms(us)} ${k}`);
  return rows;
}
