/**
 * TextEncoderStream as the Encoding standard defines it, a chunk encoded at once. Node 20's own (lib/internal/
 * webstreams/encoding.js) builds each chunk again one code unit at a time (`finalChunk += item`) to find surrogates,
 * and tRPC pipes every SSE message through one: a view's 120–400 KiB first message spent 10–60 ms there plus the
 * garbage of a string per character, on the server's one thread, for every subscriber (docs/performance.md "A new
 * view's first message"). TextEncoder.encode already writes a lone surrogate as U+FFFD; all a stream must add is a
 * high surrogate at a chunk's end held for the next chunk, where its low half may be.
 */
export class Utf8EncoderStream extends TransformStream<string, Uint8Array<ArrayBuffer>> {
  readonly encoding = "utf-8";

  constructor() {
    const encoder = new TextEncoder();
    let pending = "";
    super({
      transform(chunk, controller) {
        let text = pending + String(chunk);
        pending = "";
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pending = text.slice(-1);
          text = text.slice(0, -1);
        }
        if (text) controller.enqueue(encoder.encode(text));
      },
      flush(controller) {
        // a high surrogate with nothing after it: U+FFFD, as the standard's encode-and-flush
        if (pending) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
      },
    });
  }
}

/** Has every later `new TextEncoderStream()` of this process (tRPC's SSE and JSON-lines streams) be this one. */
export function installUtf8EncoderStream(): void {
  globalThis.TextEncoderStream = Utf8EncoderStream;
}
