import { resourcePath, WATCHED } from "@/server/sources/live/resources";
import { median, mib, range, secs } from "./measure";
import type { apiClient } from "./seed";
import type { Table } from "./table";

/** The floor every cold figure is a ratio of: every watched kind listed in parallel, fetched and parsed (median ms). */
export async function rawList(api: ReturnType<typeof apiClient>, runs: number, table: Table): Promise<number> {
  const lists: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const sizes = await Promise.all(
      WATCHED.map(async (r) => {
        const res = await api.call("GET", resourcePath(r));
        // An error's short body would pass for a fast LIST: the reference must be the real one.
        if (res.status !== 200)
          throw new Error(`LIST ${resourcePath(r)}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
        JSON.parse(res.text);
        return Buffer.byteLength(res.text);
      }),
    );
    lists.push(performance.now() - t);
    bytes = sizes.reduce((a, b) => a + b, 0);
  }
  const list = median(lists);
  table.add(
    `raw LIST of every watched kind, in parallel (fetch + JSON.parse, ${mib(bytes)})`,
    `${secs(list)} median (${range(lists)})`,
    "the reference",
  );
  return list;
}
