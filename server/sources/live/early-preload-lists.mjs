// The preload's LISTs (early-preload.mjs), sent and read on a thread of their own: while the server's thread loads
// Next and its code (seconds of compiling at load, with few turns of its event loop) nothing there would read the
// sockets, and the API server would wait on a full TCP window. That thread also reads the kubeconfig (yaml alone is a
// few hundred ms to load at load), so the server's thread only starts it before requiring Next. The bytes are handed
// over in batches (transferred, not copied again) and kept in their list's body until early-lists.ts reads them, up to
// KEPT_BYTES: beyond that its thread stops reading that List until the server's thread has read some. Batches, not
// the socket's own chunks: the API server writes a List one item per write (~1.5 KB: 31,000 chunks for 20,000 pods),
// and each message costs the server's thread, the one that parses and builds, an event, a stream write and an
// acknowledgement (at load 16 the acknowledgements alone took 573 ms of its CPU in a 20k cold start).
import { PassThrough } from "node:stream";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { KEPT_BYTES, PRELOADED_PATHS, UNTAKEN_MS } from "./early-preloaded.mjs";

/** A batch goes to the server's thread once it holds this much, or BATCH_MS after its first byte came. */
const BATCH_BYTES = 256 * 2 ** 10;
const BATCH_MS = 5;
/**
 * The server's thread acknowledges what it has taken in once it owes this much (or its body drains). At most half of
 * KEPT_BYTES, or a paused List (more than KEPT_BYTES unacknowledged, resumed at half) could wait on an
 * acknowledgement that never comes.
 */
const ACK_BYTES = KEPT_BYTES / 8;

const off = (v) => v === "false" || v === "0";

/**
 * PRELOADED_PATHS sent now, under the conditions early-lists.ts's are sent under (server/startup.ts listEarly: a
 * kubeconfig source read with the server's own identity, reading at start, early lists not turned off; the thread
 * sends nothing unless the credential is plain to read without the client), kept in a process-wide slot for
 * early-lists.ts to take (takePreloaded). One nobody took is dropped after UNTAKEN_MS. Returns how many it may send.
 */
export function preloadLists(env) {
  // (the reading thread inherits node's flags, this preload's --import too: it sends nothing of its own)
  if (workerData?.plumblineEarlyLists) return 0;
  if (env.PLUMBLINE_SOURCE !== "kubeconfig" || env.PLUMBLINE_IDENTITY === "forwarded-token") return 0;
  if (off(env.PLUMBLINE_READ_AT_START) || off(env.PLUMBLINE_EARLY_LISTS)) return 0;
  const { KUBECONFIG: kubeconfig, PLUMBLINE_CONTEXT: context } = env;
  const reader = new Worker(new URL(import.meta.url), { workerData: { plumblineEarlyLists: { kubeconfig, context } } });
  reader.unref();
  globalThis.__plumblinePreloaded ??= new Map();
  const lists = globalThis.__plumblinePreloaded;
  let sentTo = () => {};
  const target = new Promise((resolve) => {
    sentTo = resolve;
  });
  /** each list's answer while it comes: settle (once its status is known), then its body */
  const open = new Map();
  for (const path of PRELOADED_PATHS) {
    const list = { settle: () => {}, stream: null, owed: 0, waiting: false };
    const body = new Promise((resolve) => {
      list.settle = resolve;
    });
    const entry = { target, body };
    open.set(path, list);
    lists.set(path, entry);
    const drop = () => {
      if (lists.get(path) !== entry) return;
      lists.delete(path);
      list.stream?.destroy();
    };
    setTimeout(drop, UNTAKEN_MS).unref();
  }
  const end = (path, list, error) => {
    if (error) list.stream?.destroy(error);
    else list.stream?.end();
    open.delete(path);
  };
  /**
   * A batch into its list's body, acknowledged to the thread once the body has room for it and ACK_BYTES are owed:
   * the thread stops reading a List while KEPT_BYTES of it are unacknowledged (in messages not yet handled here, or
   * in a full body).
   */
  const write = (path, list, chunk) => {
    const stream = list.stream;
    if (!stream) return;
    const full = !stream.write(chunk);
    list.owed += chunk.byteLength;
    if (list.waiting) return;
    const ack = () => {
      list.waiting = false;
      reader.postMessage({ read: path, bytes: list.owed });
      list.owed = 0;
    };
    if (!full) return list.owed >= ACK_BYTES ? ack() : undefined;
    list.waiting = true;
    stream.once("drain", ack);
  };
  reader.on("message", (m) => {
    if (m.target !== undefined) return sentTo(m.target);
    const list = open.get(m.path);
    if (!list) return;
    if (m.data) return write(m.path, list, Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
    if (m.ok !== undefined) {
      list.stream = m.ok ? new PassThrough({ highWaterMark: KEPT_BYTES }) : null;
      // read no further than whoever holds the body wants (destroyed: dropped, or a List it could not read)
      list.stream?.on("close", () => list.stream?.writableFinished || reader.postMessage({ abort: m.path }));
      list.settle(list.stream);
      if (!m.ok) open.delete(m.path);
    } else end(m.path, list, m.end ? null : new Error(`the early LIST ${m.path} failed`));
  });
  const fail = () => {
    sentTo(null);
    for (const [path, list] of open) {
      list.settle(null);
      end(path, list, new Error("the early lists' thread ended"));
    }
  };
  reader.on("error", fail);
  reader.on("exit", fail);
  return PRELOADED_PATHS.length;
}

/** The thread's side: the target told, each List sent, its status told, then its body's chunks as they come. */
async function readLists({ kubeconfig, context }) {
  const { agentFor, earlyTarget, sendList } = await import("./early-requests.mjs");
  let target = null;
  try {
    target = earlyTarget(kubeconfig, context);
  } catch {
    // the server meets the same kubeconfig and says what is wrong with it
  }
  parentPort.postMessage({ target: target && { server: target.server, credential: target.credential } });
  if (!target) return parentPort.close();
  const agent = agentFor(target);
  const bodies = new Map();
  /** bytes sent to the server's thread and not yet acknowledged, by path */
  const unread = new Map();
  parentPort.on("message", ({ abort, read, bytes }) => {
    if (abort) bodies.get(abort)?.destroy();
    if (!read) return;
    const left = (unread.get(read) ?? 0) - bytes;
    unread.set(read, left);
    if (left <= KEPT_BYTES / 2) bodies.get(read)?.resume();
  });
  let left = PRELOADED_PATHS.length;
  const done = () => {
    if (--left > 0) return;
    agent.destroy();
    parentPort.close();
  };
  for (const path of PRELOADED_PATHS) {
    void sendList(target, path, agent).then((body) => {
      parentPort.postMessage({ path, ok: body !== null });
      if (!body) return done();
      bodies.set(path, body);
      /** the chunks not yet sent on, and the timer that sends them */
      let batch = [];
      let batched = 0;
      let timer;
      const flush = () => {
        clearTimeout(timer);
        timer = undefined;
        if (!batched) return;
        const data = new Uint8Array(batched);
        let at = 0;
        for (const chunk of batch) {
          data.set(chunk, at);
          at += chunk.byteLength;
        }
        batch = [];
        batched = 0;
        const left = (unread.get(path) ?? 0) + data.byteLength; // (read before the transfer empties it)
        parentPort.postMessage({ path, data }, [data.buffer]);
        unread.set(path, left);
        if (left > KEPT_BYTES) body.pause();
      };
      body.on("data", (chunk) => {
        batch.push(chunk);
        batched += chunk.byteLength;
        if (batched >= BATCH_BYTES) flush();
        else timer ??= setTimeout(flush, BATCH_MS);
      });
      body.on("end", () => {
        flush();
        parentPort.postMessage({ path, end: true });
      });
      body.on("error", () => parentPort.postMessage({ path, failed: true }));
      body.on("close", () => {
        clearTimeout(timer);
        done();
      });
    });
  }
}

if (workerData?.plumblineEarlyLists) void readLists(workerData.plumblineEarlyLists);
