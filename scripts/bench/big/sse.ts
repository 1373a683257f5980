import type { ViewMessage, ViewQuery } from "@/lib/wire/view-protocol";

export interface Subscriber {
  /** resolves with the first message, its size in bytes and when it arrived */
  first: Promise<{ message: ViewMessage; bytes: number; at: number }>;
  /** resolves when a message's text contains `needle` */
  waitFor(needle: string): Promise<number>;
  /** resolves with the arrival of the message that brings this subscriber to `revision` (a snapshot or a delta) */
  waitForRevision(revision: string): Promise<number>;
  /** the revision and size of the last message received */
  last(): { revision: string; bytes: number } | null;
  close(): void;
}

/**
 * A browser-less subscriber of topology.view over HTTP (SSE), as httpSubscriptionLink speaks it; `headers` as a proxy in
 * front adds them (a forwarded token).
 */
export function subscribe(base: string, view: ViewQuery, headers: Record<string, string> = {}): Subscriber {
  const ac = new AbortController();
  const input = encodeURIComponent(JSON.stringify({ view }));
  const waiting: { needle: string; resolve: (t: number) => void }[] = [];
  // Revisions are opaque labels: a subscriber waits for the exact label, never for a "higher" one.
  const arrived = new Map<string, number>();
  const revisionWaiters = new Map<string, (t: number) => void>();
  let last: { revision: string; bytes: number } | null = null;
  let resolveFirst: (v: { message: ViewMessage; bytes: number; at: number }) => void = () => {};
  const first = new Promise<{ message: ViewMessage; bytes: number; at: number }>((r) => (resolveFirst = r));
  let gotFirst = false;
  const onData = (data: string) => {
    const at = performance.now();
    const text = JSON.parse(data) as unknown;
    if (typeof text !== "string") return; // tRPC's own events (connected, pings)
    const revision = revisionOf(text);
    if (revision) {
      arrived.set(revision, at);
      last = { revision, bytes: Buffer.byteLength(text) };
      revisionWaiters.get(revision)?.(at);
      revisionWaiters.delete(revision);
    }
    if (!gotFirst) {
      gotFirst = true;
      resolveFirst({ message: JSON.parse(text) as ViewMessage, bytes: Buffer.byteLength(text), at });
    }
    for (const w of [...waiting]) {
      if (text.includes(w.needle)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(at);
      }
    }
  };
  void (async () => {
    const res = await fetch(`${base}/api/trpc/topology.view?input=${input}`, {
      headers: { accept: "text/event-stream", ...headers },
      signal: ac.signal,
    });
    if (!res.body) throw new Error(`topology.view: HTTP ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
        const event = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = event
          .split("\n")
          .filter((l) => l.startsWith("data:"))
          .map((l) => l.slice(5).trimStart())
          .join("\n");
        if (data) onData(data);
      }
    }
  })().catch(() => undefined);
  return {
    first,
    waitFor: (needle) => new Promise((resolve) => waiting.push({ needle, resolve })),
    waitForRevision: (revision) =>
      new Promise((resolve) => {
        const at = arrived.get(revision);
        if (at !== undefined) resolve(at);
        else revisionWaiters.set(revision, resolve);
      }),
    last: () => last,
    close: () => ac.abort(),
  };
}

/** The revision a view message brings its subscriber to, read without parsing a large snapshot twice. */
function revisionOf(text: string): string | null {
  const m = /"revision":"([^"]*)"/.exec(text.slice(0, 4096));
  return m?.[1] ?? null;
}
