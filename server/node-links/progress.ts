// Live progress of "Inspect node links" runs, per run key the browser made up: what each node's probe is doing
// now, polled while the mutation runs. Kept a minute after the run ends, then forgotten.
const KEEP_MS = 60_000;
const MAX_RUNS = 256;

export interface RunProgress {
  nodes: Record<string, string>;
  done: boolean;
}

export class ProgressBoard {
  private readonly runs = new Map<string, RunProgress>();

  begin(key: string, nodes: readonly string[]): void {
    // A flood of run keys cannot grow this without bound: the oldest go first.
    while (this.runs.size >= MAX_RUNS) {
      const oldest = this.runs.keys().next().value;
      if (oldest === undefined) break;
      this.runs.delete(oldest);
    }
    this.runs.set(key, { nodes: Object.fromEntries(nodes.map((n) => [n, "creating the probe pod"])), done: false });
  }

  update(key: string, node: string, text: string): void {
    const run = this.runs.get(key);
    if (run) run.nodes[node] = text;
  }

  end(key: string): void {
    const run = this.runs.get(key);
    if (!run) return;
    run.done = true;
    setTimeout(() => this.runs.get(key) === run && this.runs.delete(key), KEEP_MS).unref();
  }

  get(key: string): RunProgress | null {
    return this.runs.get(key) ?? null;
  }
}
