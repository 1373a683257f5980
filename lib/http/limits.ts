/** What one request, or one identity, may cost the server and the API server behind it (server and client agree). */
export const LIMITS = {
  /** request bodies; the largest form (a raw CNI config, see lib/network-form) fits many times over */
  bodyBytes: 1024 * 1024,
  /** raw CNI config text in a form: real conflists are a few KiB */
  rawConfigChars: 64 * 1024,
  /** calls in one tRPC batch; the client's httpBatchLink sends no more (app/providers.tsx) */
  batch: 10,
  /**
   * elements and links in one answer that carries the whole topology as one JSON text (`topology.get`, a
   * `topology.watch` push), and in all such answers being sent at once: 50,000 is about 12 MiB of JSON, an
   * 8,000-pod cluster (a 20,000-pod one is ~124,000); larger clusters are read streamed (GET /api/export/topology)
   * or by view (`topology.view`). Each answer costs the server twice its JSON and more while it is written, and
   * answers one after another leave that much garbage each until V8 collects it: four at 20,000 pods, one at a
   * time, raised the peak by 258 MiB over the first search's (scripts/bench/server-memory.ts, issue 26).
   */
  wholeTopologyItems: 50_000,
  /** HTTP requests in flight per identity, live streams excluded */
  callsPerIdentity: 8,
  /**
   * open live streams per identity (tabs); a tab's stream shares its identity's watches and its view's serialised
   * deltas (issue 13 measures 20 tabs of one identity), so one more costs a socket and a few KiB per change
   */
  streamsPerIdentity: 32,
  /**
   * open live streams of all viewers of one shared identity (the kiosk) together: each viewer has its own
   * `streamsPerIdentity`, and a client making up viewer names still cannot open more than this
   */
  streamsShared: 256,
} as const;
