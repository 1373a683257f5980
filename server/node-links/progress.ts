// Live progress of "Inspect node links" runs, per source (one identity) and run key the browser made up: what each
// node's probe is doing now, polled while the mutation runs, and a way to cancel it. Kept a minute after the run ends.
const KEEP_MS = 60_000;
const MAX_RUNS = 256;

export interface RunProgress {
  nodes: Record<string, string>;
  done: boolean;
}

interface Run extends RunProgress {
  abort: AbortController;
}

export class ProgressBoard {
  private readonly runs = new Map<string, Run>();

  /** A new run; its signal aborts when the browser cancels it (cancel) or the request goes away (`also`). */
  begin(key: string, nodes: readonly string[], also?: AbortSignal): AbortSignal {
    // A flood of run keys cannot grow this without bound: the oldest go first.
    while (this.runs.size >= MAX_RUNS) {
      const oldest = this.runs.keys().next().value;
      if (oldest === undefined) break;
      this.runs.delete(oldest);
    }
    const abort = new AbortController();
    also?.addEventListener("abort", () => abort.abort(also.reason), { once: true });
    this.runs.set(key, {
      nodes: Object.fromEntries(nodes.map((n) => [n, "creating the probe pod"])),
      done: false,
      abort,
    });
    return abort.signal;
  }

  /** Cancels a run that is still going; false when there is none by that key. */
  cancel(key: string): boolean {
    const run = this.runs.get(key);
    if (!run || run.done) return false;
    run.abort.abort(new Error("cancelled from the browser: the probe pods are removed"));
    return true;
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
    const run = this.runs.get(key);
    return run ? { nodes: run.nodes, done: run.done } : null;
  }
}
