import type { Page } from "@playwright/test";

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  /** thread time (µs): what the thread ran, not how long it waited for a core */
  tdur?: number;
  args?: { name?: string };
}

/** A trace event as Chrome sends it (the protocol's typings say every field is a string). */
function traceEvent(r: Record<string, unknown>): TraceEvent {
  const args = r.args;
  const name = typeof args === "object" && args !== null && "name" in args ? String(args.name) : undefined;
  return {
    name: String(r.name),
    ph: String(r.ph),
    pid: Number(r.pid),
    tid: Number(r.tid),
    ts: Number(r.ts),
    ...(typeof r.tdur === "number" ? { tdur: r.tdur } : {}),
    ...(name === undefined ? {} : { args: { name } }),
  };
}

/**
 * The page's main thread's CPU time (ms) while `run` goes on, from the first trace mark whose name starts with `from`
 * (a bench's input mark, components/trace.ts' marks are traced as user timing): the thread time (`tdur`) of its
 * RunTask events. Wall time on a machine at load 15–25 is mostly the wait for a core, and two builds' medians then
 * spread 2× either way; the thread's CPU time grows far less with the load, so two builds' work per pick can be
 * compared there. It is not what the admin waits for (the server's answer and the worker's layout are not in it),
 * and the tool's own polling of the page (Playwright's waitForFunction on each frame) is, alike for every build.
 */
export async function mainThreadCpu<T>(page: Page, from: string, run: () => Promise<T>): Promise<[T, number]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (d) => void events.push(...d.value.map(traceEvent)));
  await cdp.send("Tracing.start", {
    categories: "disabled-by-default-devtools.timeline,blink.user_timing,__metadata",
    transferMode: "ReportEvents",
  });
  try {
    const out = await run();
    const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.end");
    await complete;
    const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
    const main = new Set(
      events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map(thread),
    );
    const start = Math.min(...events.filter((e) => e.name.startsWith(from)).map((e) => e.ts));
    let us = 0;
    for (const e of events)
      if (e.name === "RunTask" && e.ph === "X" && main.has(thread(e)) && e.ts >= (Number.isFinite(start) ? start : 0))
        us += e.tdur ?? 0;
    return [out, us / 1000];
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
