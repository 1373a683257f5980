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
