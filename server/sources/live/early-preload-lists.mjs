// The preload's LISTs (early-preload.mjs), sent and read on a thread of their own: while the server's thread loads
// Next and its code (seconds of compiling at load, with few turns of its event loop) nothing there would read the
// sockets, and the API server would wait on a full TCP window. That thread also reads the kubeconfig (yaml alone is a
// few hundred ms to load at load), so the server's thread only starts it before requiring Next.
// The thread splits each List (list-splitter.mjs), parses each item and trims it (lean.mjs) as the server's code
// would, and hands the server's thread the trimmed items in batches: the JSON text of an array of them, a third of
// the List's bytes, which early-lists.ts parses in one call. That thread, the one that then builds the store and
// answers, is the one a cold start waits on: parsing 20,000 full pods and trimming them cost it 0.4-2.2 s (load ~18),
// parsing the same pods already trimmed 78-284 ms. Batches, not an item or a socket chunk each: the API server writes
// a List one item per write (~1.5 KB: 31,000 chunks for 20,000 pods), and each message costs the server's thread an
// event and an acknowledgement. What the server's thread has not taken is bounded in the List's bytes (KEPT_BYTES):
// beyond that the thread stops reading that List until the server's thread has taken some.
import { parentPort, Worker, workerData } from "node:worker_threads";
import { KEPT_BYTES, PRELOADED, UNTAKEN_MS } from "./early-preloaded.mjs";

/** A batch goes to the server's thread once it stands for this much of its List, or BATCH_MS after its first byte came. */
const BATCH_BYTES = 256 * 2 ** 10;
const BATCH_MS = 5;
/**
 * The server's thread acknowledges what it has taken in once it owes this much of the List's bytes. At most half of
 * KEPT_BYTES, or a paused List (more than KEPT_BYTES unacknowledged, resumed at half) could wait on an
 * acknowledgement that never comes.
 */
const ACK_BYTES = KEPT_BYTES / 8;

const off = (v) => v === "false" || v === "0";

/**
 * A preloaded List on the server's thread: its batches of trimmed items as they come, kept until early-lists.ts takes
 * it, then handed on as they come. What it keeps stands for KEPT_BYTES of the List at most before it stops
 * acknowledging (as a full body would), so its thread stops reading the List until it is taken.
 */
class LeanList {
  #queue = [];
  /** the List's bytes the queued batches stand for, and those not yet acknowledged to the thread */
  #queued = 0;
  #owed = 0;
  #onBatch = null;
  #over = false;
  #settle = () => {};
  #result = new Promise((resolve) => {
    this.#settle = resolve;
  });

  constructor(ack, abort) {
    this.ack = ack;
    this.abort = abort;
  }

  batch(items, bytes) {
    if (this.#over) return;
    this.#owed += bytes;
    if (!this.#onBatch) {
      this.#queue.push(items);
      this.#queued += bytes;
      if (this.#queued > KEPT_BYTES) return;
    } else if (!this.#hand(items)) return;
    if (this.#owed >= ACK_BYTES) this.#acknowledge();
  }

  /** The List's end: its head (the List less its items), or null when it failed. */
  end(head) {
    if (this.#over) return;
    this.#over = true;
    this.#queue = this.#onBatch ? [] : this.#queue;
    this.#settle(head);
  }

  take(onBatch) {
    this.#onBatch = onBatch;
    const queued = this.#queue;
    this.#queue = [];
    this.#queued = 0;
    for (const items of queued) if (!this.#hand(items)) break;
    if (this.#owed > 0 && !this.#over) this.#acknowledge();
    return this.#result;
  }

  /** dropped (untaken) or unreadable: the thread reads no further, whoever took it gets null */
  drop() {
    this.#queue = [];
    if (!this.#over) this.abort();
    this.#over = true;
    this.#settle(null);
  }

  #hand(items) {
    try {
      this.#onBatch(items);
      return true;
    } catch {
      this.drop();
      return false;
    }
  }

  #acknowledge() {
    this.ack(this.#owed);
    this.#owed = 0;
  }
}

/**
 * PRELOADED sent now, under the conditions early-lists.ts's are sent under (server/startup.ts listEarly: a
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
  /** each list's answer while it comes: settle (once its status is known), then its items */
  const open = new Map();
  for (const { path } of PRELOADED) {
    const list = { settle: () => {}, lean: null };
    const body = new Promise((resolve) => {
      list.settle = resolve;
    });
    const entry = { target, body };
    open.set(path, list);
    lists.set(path, entry);
    const drop = () => {
      if (lists.get(path) !== entry) return;
      lists.delete(path);
      list.lean?.drop();
    };
    setTimeout(drop, UNTAKEN_MS).unref();
  }
  reader.on("message", (m) => {
    if (m.target !== undefined) return sentTo(m.target);
    const list = open.get(m.path);
    if (!list) return;
    if (m.items !== undefined) return list.lean?.batch(m.items, m.bytes);
    if (m.ok !== undefined) {
      const ack = (bytes) => reader.postMessage({ read: m.path, bytes });
      list.lean = m.ok ? new LeanList(ack, () => reader.postMessage({ abort: m.path })) : null;
      list.settle(list.lean);
      if (!m.ok) open.delete(m.path);
      return;
    }
    list.lean?.end(m.head ?? null);
    open.delete(m.path);
  });
  const fail = () => {
    sentTo(null);
    for (const list of open.values()) {
      list.settle(null);
      list.lean?.end(null);
    }
    open.clear();
  };
  reader.on("error", fail);
  reader.on("exit", fail);
  return PRELOADED.length;
}

/**
 * The thread's side: the target told, each List sent, its status told, then its items in batches as they come
 * (each parsed and trimmed as listFn would: list-splitter.mjs, lean.mjs), then its head.
 */
async function readLists({ kubeconfig, context }) {
  const { agentFor, earlyTarget, sendList } = await import("./early-requests.mjs");
  const { ListSplitter } = await import("../../../lib/k8s/list-splitter.mjs");
  const { leanInPlace } = await import("./lean.mjs");
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
  /** the List's bytes whose items went to the server's thread and are not yet acknowledged, by path */
  const unread = new Map();
  parentPort.on("message", ({ abort, read, bytes }) => {
    if (abort) bodies.get(abort)?.destroy();
    if (!read) return;
    const left = (unread.get(read) ?? 0) - bytes;
    unread.set(read, left);
    if (left <= KEPT_BYTES / 2) bodies.get(read)?.resume();
  });
  let left = PRELOADED.length;
  const done = () => {
    if (--left > 0) return;
    agent.destroy();
    parentPort.close();
  };
  for (const { path, kind } of PRELOADED) {
    void sendList(target, path, agent).then((body) => {
      parentPort.postMessage({ path, ok: body !== null });
      if (!body) return done();
      bodies.set(path, body);
      /** the items not yet sent on, the List's bytes they stand for (with any item's start), and the timer */
      let items = [];
      let batched = 0;
      let timer;
      const splitter = new ListSplitter((text) => {
        const item = JSON.parse(text);
        leanInPlace(item, kind);
        items.push(item);
      });
      const flush = () => {
        clearTimeout(timer);
        timer = undefined;
        // (bytes of an item not yet whole go with the batch that holds it)
        if (!items.length) return;
        const text = JSON.stringify(items);
        const left = (unread.get(path) ?? 0) + batched;
        parentPort.postMessage({ path, items: text, bytes: batched });
        items = [];
        batched = 0;
        unread.set(path, left);
        if (left > KEPT_BYTES) body.pause();
      };
      let failed = false;
      const fail = () => {
        if (failed) return;
        failed = true;
        parentPort.postMessage({ path, failed: true });
        body.destroy();
      };
      body.on("data", (chunk) => {
        if (failed) return;
        try {
          splitter.push(chunk);
        } catch {
          return fail();
        }
        batched += chunk.byteLength;
        if (batched >= BATCH_BYTES) flush();
        else timer ??= setTimeout(flush, BATCH_MS);
      });
      body.on("end", () => {
        if (failed) return;
        flush();
        try {
          parentPort.postMessage({ path, head: splitter.end() });
        } catch {
          fail();
        }
      });
      body.on("error", fail);
      body.on("close", () => {
        clearTimeout(timer);
        done();
      });
    });
  }
}

if (workerData?.plumblineEarlyLists) void readLists(workerData.plumblineEarlyLists);
