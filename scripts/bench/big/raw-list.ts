import { listQuery, resourcePath, WATCHED } from "@/server/sources/live/resources";
import { median, mib, range, secs } from "./measure";
import type { apiClient } from "./seed";
import type { Table } from "./table";

/**
 * The floors every cold figure is a ratio of, median ms: every watched kind listed in parallel, fetched and parsed —
 * `list` as a consistent read (no resourceVersion: the reference since the table began), `cached` with
 * resourceVersion=0 (served from the API server's watch cache: what Plumbline's first Lists ask, as client-go's
 * informers do). On the test bed (etcd 3.4: no RequestWatchProgress) the API server reads the first from etcd; an API
 * server that serves consistent Lists from its cache (etcd ≥ 3.5, Kubernetes ≥ 1.31) answers it near the second.
 * The two alternate run by run, so a loaded machine weighs on both alike.
 */
export async function rawList(
  api: ReturnType<typeof apiClient>,
  runs: number,
  table: Table,
): Promise<{ list: number; cached: number }> {
  const times = { consistent: [] as number[], cache: [] as number[] };
  let bytes = 0;
  // Untimed first round: a bed seeded straight into etcd may still be (re)initialising a kind's watch cache, and
  // the API server answers 429 until it is (as right after any restart); client-go waits it out, so do we.
  for (const read of ["consistent", "cache"] as const) await listEvery(api, read);
  for (let i = 0; i < runs; i++) {
    for (const read of ["consistent", "cache"] as const) {
      const { ms, sizes } = await listEvery(api, read);
      times[read].push(ms);
      bytes = sizes.reduce((a, b) => a + b, 0);
    }
  }
  const [list, cached] = [median(times.consistent), median(times.cache)];
  table.add(
    `raw LIST of every watched kind, in parallel (fetch + JSON.parse, ${mib(bytes)}), a consistent read`,
    `${secs(list)} median (${range(times.consistent)})`,
    "the reference",
  );
  table.add(
    "the same Lists with resourceVersion=0, from the API server's watch cache (as Plumbline's first Lists read)",
    `${secs(cached)} median (${range(times.cache)})`,
    "the second reference",
  );
  return { list, cached };
}

/**
 * Every watched kind listed in parallel, timed. A 429 (a watch cache re-initialising) voids the attempt: it is
 * waited out as its Retry-After says and the whole round is listed again, so a figure never holds a wait.
 */
async function listEvery(
  api: ReturnType<typeof apiClient>,
  read: "consistent" | "cache",
): Promise<{ ms: number; sizes: number[] }> {
  for (let attempt = 1; ; attempt++) {
    const t = performance.now();
    const answers = await Promise.all(
      WATCHED.map(async (r): Promise<{ size: number } | { retryAfter: number }> => {
        const path = `${resourcePath(r)}${listQuery(r, read)}`;
        const res = await api.call("GET", path);
        if (res.status === 429 && attempt < 30) return { retryAfter: retryAfterSeconds(res.text) };
        // An error's short body would pass for a fast LIST: the reference must be the real one.
        if (res.status !== 200) throw new Error(`LIST ${path}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
        JSON.parse(res.text);
        return { size: Buffer.byteLength(res.text) };
      }),
    );
    const ms = performance.now() - t;
    const wait = Math.max(0, ...answers.map((a) => ("retryAfter" in a ? a.retryAfter : 0)));
    if (!answers.some((a) => "retryAfter" in a)) return { ms, sizes: answers.map((a) => ("size" in a ? a.size : 0)) };
    process.stderr.write(`[bench] a ${read} LIST got 429 (watch cache initialising): again in ${wait} s\n`);
    await new Promise((r) => setTimeout(r, Math.max(1, wait) * 1000));
  }
}

function retryAfterSeconds(body: string): number {
  try {
    const s = (JSON.parse(body) as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds;
    return typeof s === "number" && s > 0 ? s : 1;
  } catch {
    return 1;
  }
}

/** "1.23× LIST, 2.34× the cache's": a cold figure against both floors. */
export function ratios(ms: number, floors: { list: number; cached: number }): string {
  return `**${(ms / floors.list).toFixed(2)}× LIST**, ${(ms / floors.cached).toFixed(2)}× the cache's`;
}
