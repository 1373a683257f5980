import type { Topology } from "@/lib/contract/schema";
import { jsonChunks } from "@/lib/topology/format-json";

/**
 * Pieces are joined up to this many characters before they are written: one write per element would be a million
 * writes at 150,000 pods; a few tens of KiB is what a socket takes in one go.
 */
export const CHUNK_CHARS = 64 * 1024;

/**
 * What the stream calls while it runs: `check` before each chunk (throws to break it off), `done` once it ends
 * (with the error that broke it off; none when it was written whole or the reader went away).
 */
export interface ExportHooks {
  check?: () => void;
  done?: (error?: unknown) => void;
  /** breaks the stream off at once, even while it waits for the reader (the server shutting down) */
  signal?: AbortSignal;
}

/**
 * The export (jsonChunks) as UTF-8 bytes, made only as fast as they are read: a chunk is made when the reader
 * asks for one (the response's socket drained), so what is in memory is a chunk or two, never the document (the
 * tRPC query held the 222 MiB string, its pieces and its bytes at once: issue 26). A piece that cannot be written
 * (`check` throws, an element will not serialise) errors the stream: the response is cut off without its end,
 * which the reader sees as a broken download, and the document's last bytes ("\n}\n") are never sent.
 */
export function exportStream(topology: Topology, hooks: ExportHooks = {}): ReadableStream<Uint8Array> {
  const pieces = jsonChunks(topology);
  const encoder = new TextEncoder();
  let ended = false;
  // (the shutdown signal lives as long as the process: its listener goes when the stream ends, with what it holds)
  let detach = () => {};
  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    detach();
    hooks.done?.(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const abort = () => {
          if (ended) return;
          controller.error(hooks.signal?.reason);
          pieces.return(undefined);
          end(hooks.signal?.reason);
        };
        const { signal } = hooks;
        if (signal?.aborted) abort();
        else if (signal) {
          signal.addEventListener("abort", abort, { once: true });
          detach = () => signal.removeEventListener("abort", abort);
        }
      },
      pull(controller) {
        try {
          hooks.check?.();
          let text = "";
          for (;;) {
            const next = pieces.next();
            if (next.done) {
              if (text) controller.enqueue(encoder.encode(text));
              controller.close();
              end();
              return;
            }
            text += next.value;
            if (text.length >= CHUNK_CHARS) break;
          }
          controller.enqueue(encoder.encode(text));
        } catch (e) {
          controller.error(e);
          end(e);
        }
      },
      cancel() {
        pieces.return(undefined);
        end();
      },
    },
    // one chunk ahead of the reader: the next is made while the socket sends this one
    { highWaterMark: 1 },
  );
}
