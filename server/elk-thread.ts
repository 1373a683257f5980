import { Worker } from "node:worker_threads";
import type { ElkNode } from "elkjs/lib/elk-api";
import type { ElkLike } from "@/lib/graph/layout";

/**
 * The worker's whole program. ELK is loaded from the working directory's node_modules: the project's in a checkout
 * (dev, tests), .next/standalone's in the production server and the image (server.js changes to its own folder;
 * next.config.ts traces elkjs there, scripts/test.sh checks it is). A string, not a file: Next bundles server code,
 * and a worker file would need its own bundling and tracing, while elkjs's bundled build is already plain
 * CommonJS. Layouts run one after the other, in the order asked.
 */
const PROGRAM = `
const { parentPort } = require("node:worker_threads");
const ELK = require("elkjs/lib/elk.bundled.js");
const elk = new ELK();
parentPort.on("message", ({ id, graph }) => {
  elk.layout(graph).then(
    (laid) => parentPort.postMessage({ id, laid }),
    (error) => parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) }),
  );
});
`;

/** ELK calls waiting for or inside the worker: past this the server is busy and the page lays the host out itself. */
export const MAX_WAITING = 8;
/** A worker that failed this many times is not started again: every layout is left to the page. */
const MAX_FAILURES = 3;
/** ELK's heap in the worker (a 400-box host needs a few MiB): a runaway layout ends the worker, not the server. */
const HEAP_MB = 256;

interface Waiting {
  resolve: (laid: ElkNode) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let failures = 0;
let nextId = 0;
const waiting = new Map<number, Waiting>();

/** Why a layout was not made here; the caller answers "no layout" and the page's own worker lays the host out. */
export class ElkUnavailable extends Error {}

function dropWorker(why: string): void {
  failures++;
  worker = null;
  for (const w of waiting.values()) w.reject(new ElkUnavailable(why));
  waiting.clear();
}

function started(): Worker | null {
  if (worker || failures >= MAX_FAILURES) return worker;
  const w = new Worker(PROGRAM, { eval: true, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  w.unref(); // an idle layout worker never holds a process (a test, a CLI) open
  w.on("message", ({ id, laid, error }: { id: number; laid?: ElkNode; error?: string }) => {
    const asked = waiting.get(id);
    waiting.delete(id);
    if (!asked) return;
    if (laid) asked.resolve(laid);
    else asked.reject(new Error(error ?? "ELK gave no layout"));
  });
  w.on("error", (error) => {
    if (worker === w) dropWorker(`ELK's worker failed: ${error.message}`);
  });
  w.on("exit", (code) => {
    if (worker === w) dropWorker(`ELK's worker stopped (${code})`);
  });
  worker = w;
  return w;
}

/** How many ELK calls wait for the worker now (a warm-up round is sent only when none does). */
export const elkWaiting = (): number => waiting.size;

/**
 * ELK on a thread of its own, so a cold or big layout never holds the server's thread (every user's streams and
 * requests). One worker, started at the first layout; calls past MAX_WAITING, and every call once the worker failed
 * MAX_FAILURES times, are refused at once with ElkUnavailable.
 */
export const elkThread: ElkLike = {
  layout(graph: ElkNode): Promise<ElkNode> {
    if (waiting.size >= MAX_WAITING) return Promise.reject(new ElkUnavailable("ELK's worker is busy"));
    const w = started();
    if (!w) return Promise.reject(new ElkUnavailable("ELK's worker failed"));
    const id = nextId++;
    return new Promise<ElkNode>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, graph });
    });
  },
};
