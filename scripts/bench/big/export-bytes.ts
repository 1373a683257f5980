/**
 * The whole topology's JSON export as the build's page asks it, read as it comes (only its length kept, so the
 * benchmark does not hold 222 MiB beside the server): the streamed /api/export/topology, or for a build from before
 * it the tRPC query its button asked. Its size in bytes.
 */
export async function exportBytes(base: string): Promise<number> {
  let res = await fetch(`${base}/api/export/topology`);
  if (res.status === 404) res = await fetch(`${base}/api/trpc/topology.get?input=%7B%7D`);
  if (!res.ok || !res.body) throw new Error(`the export answered ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.byteLength;
  return bytes;
}
