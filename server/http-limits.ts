/**
 * Reads a request's body up to `max` bytes: null when it is larger (a declared Content-Length is refused before a
 * byte is read), else a copy of the request with the body buffered, so tRPC never parses more than `max`.
 */
export async function withBoundedBody(req: Request, max: number): Promise<Request | null> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return req;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) return null;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body: Buffer.concat(chunks),
    signal: req.signal,
  });
}

/** Counts what each identity has in flight; `enter` refuses once its cap is reached. */
export class InFlight {
  private readonly counts = new Map<string, number>();
  constructor(private readonly cap: number) {}

  enter(key: string): (() => void) | null {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.cap) return null;
    this.counts.set(key, n + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const m = (this.counts.get(key) ?? 1) - 1;
      if (m <= 0) this.counts.delete(key);
      else this.counts.set(key, m);
    };
  }
}

/** The response, with `done` called once its body has been read to the end or the client went away. */
export function onBodyEnd(res: Response, done: () => void): Response {
  if (!res.body) {
    done();
    return res;
  }
  const reader = res.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: end, value } = await reader.read();
        if (end) {
          done();
          controller.close();
        } else controller.enqueue(value);
      } catch (e) {
        done();
        controller.error(e);
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
