import type { ViewMessage, ViewQuery } from "@/lib/wire/view-protocol";

export interface Subscriber {
  /** resolves with the first message, its size in bytes and when it arrived */
  first: Promise<{ message: ViewMessage; bytes: number; at: number }>;
  /** resolves when a message's text contains `needle` */
  waitFor(needle: string): Promise<number>;
  close(): void;
}

/** A browser-less subscriber of topology.view over HTTP (SSE), as httpSubscriptionLink speaks it. */
export function subscribe(base: string, view: ViewQuery): Subscriber {
  const ac = new AbortController();
  const input = encodeURIComponent(JSON.stringify({ view }));
  const waiting: { needle: string; resolve: (t: number) => void }[] = [];
  let resolveFirst: (v: { message: ViewMessage; bytes: number; at: number }) => void = () => {};
  const first = new Promise<{ message: ViewMessage; bytes: number; at: number }>((r) => (resolveFirst = r));
  let gotFirst = false;
  const onData = (data: string) => {
    const at = performance.now();
    const text = JSON.parse(data) as unknown;
    if (typeof text !== "string") return; // tRPC's own events (connected, pings)
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
      headers: { accept: "text/event-stream" },
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
    close: () => ac.abort(),
  };
}
