"use client";

import type { Positioned } from "@/lib/graph/layout";
import { inputKey, structureKey } from "@/lib/graph/layout-key";
import type { GraphModel } from "@/lib/graph/model";
import { warmModel } from "@/lib/graph/warm-model";
import { traceMark } from "../trace";
import type { LayoutRequest, LayoutResponse } from "./layout.worker";

/** Layouts kept by input, so a view seen a moment ago (or fetched ahead, for a search's first hit) draws at once. */
const KEEP = 16;
const done = new Map<string, Map<string, Positioned>>();
const running = new Map<string, Promise<Map<string, Positioned>>>();

/**
 * One layout worker for the page, started once and kept across graph mounts: a new worker per graph paid for
 * loading ELK and for its cold first layouts (~1 s at 20k pods) every time the matrix opened a host.
 */
let worker: Worker | null = null;
let seq = 0;
const waiting = new Map<number, { resolve: (p: Map<string, Positioned>) => void; reject: (e: Error) => void }>();

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
  traceMark("layout:worker-new");
  w.onmessage = (e: MessageEvent<LayoutResponse>) => {
    const r = e.data;
    const asked = waiting.get(r.seq);
    waiting.delete(r.seq);
    traceMark("layout:reply", "ms" in r ? r.ms : undefined);
    if ("error" in r) asked?.reject(new Error(r.error));
    else asked?.resolve(new Map(r.positions));
  };
  // The script could not load or threw at the top: every layout asked for fails (the graph says so), the next
  // request starts a new worker.
  w.onerror = (e) => {
    for (const a of waiting.values()) a.reject(new Error(e.message || "the layout worker failed"));
    waiting.clear();
    w.terminate();
    worker = null;
  };
  worker = w;
  return w;
}

/** The positions of a model already laid out (kept from before), or undefined. */
export function layoutOf(model: GraphModel): Map<string, Positioned> | undefined {
  return done.get(inputKey(model, structureKey(model)));
}

/** One round trip to the worker. */
function post(model: GraphModel): Promise<Map<string, Positioned>> {
  const id = ++seq;
  const p = new Promise<Map<string, Positioned>>((resolve, reject) => waiting.set(id, { resolve, reject }));
  traceMark("layout:post", model.nodes.length);
  theWorker().postMessage({ seq: id, model } satisfies LayoutRequest);
  return p;
}

/** Real layouts asked for so far: the first warm rounds run back to back only until one is. */
let asked = 0;

/** Keeps a layout by its input key (the most recent KEEP). */
function keep(key: string, positions: Map<string, Positioned>): void {
  done.delete(key);
  done.set(key, positions);
  for (const old of done.keys()) if (done.size > KEEP) done.delete(old);
}

/** The layouts under way by input key: an offer (offerLayout) settles one before the worker does. */
const offers = new Map<string, (positions: Map<string, Positioned>) => void>();

/** Lays the model out in the page's worker; the same input asked twice is laid out once. */
export function layout(model: GraphModel, structure = structureKey(model)): Promise<Map<string, Positioned>> {
  asked++;
  const key = inputKey(model, structure);
  const kept = done.get(key);
  if (kept) return Promise.resolve(kept);
  const pending = running.get(key);
  if (pending) return pending;
  // Whichever comes first: the worker's answer, or the same input's layout made elsewhere (the server's).
  const offered = new Promise<Map<string, Positioned>>((resolve) => offers.set(key, resolve));
  const p = Promise.race([post(model), offered]);
  running.set(key, p);
  p.then(
    (positions) => keep(key, positions),
    () => undefined, // the caller hears of it
  ).finally(() => {
    running.delete(key);
    offers.delete(key);
  });
  return p;
}

/**
 * A layout made elsewhere for this input key (the server lays out a host's view as the page asks for it,
 * server/host-layout.ts): kept, and it settles the same input's layout under way in the worker. The key is the whole
 * input (lib/graph/layout-key.ts) and the layout a pure function of it, so the picture is the one the worker makes.
 */
export function offerLayout(key: string, positions: Map<string, Positioned>): void {
  if (done.has(key)) return;
  traceMark("layout:offered", running.has(key) ? "before the worker" : "ahead");
  keep(key, positions);
  offers.get(key)?.(positions);
}

let aheadOf: string | null = null;

/**
 * Starts laying out a model the page is about to draw, before its graph mounts. A model of the structure last
 * started is left alone: a live change of addresses never lays anything out again (nor moves a box).
 */
export function layoutAhead(model: GraphModel): void {
  const structure = structureKey(model);
  if (structure === aheadOf) return;
  aheadOf = structure;
  void layout(model, structure).catch(() => undefined);
}

/**
 * ELK's first layouts in a new worker run its code cold: a host of ~50 boxes takes several times as long as after ~30
 * layouts (75–190 ms against 20–30 on an idle machine, 0.3–0.9 s against ~0.1 s at load 16), and a host opened from the
 * matrix is laid out after its view arrives, so that is time the admin waits. The first rounds run at once, while the
 * first view is read; the rest one at a time while the page is idle, each only when no real layout is asked or under
 * way (a real one then waits at most for the round in progress, a small host's), until the worker has done WARM_ROUNDS.
 */
const WARM_AT_ONCE = 2;
const WARM_ROUNDS = 30;

/** The page's next idle moment (a timer where the browser has no idle callback). */
const whenIdle = (run: () => void): void => {
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 50);
};

/** A pick (a new view or filter) holds the warm-up this long: its view is on its way, then maybe its layout. */
const PICK_HOLD_MS = 2000;
let heldUntil = 0;

/**
 * Holds the warm-up while a pick's view comes and is drawn: a round posted then (0.3–1 s of ELK at load) made the
 * pick's own layout wait behind it, and took the CPU the page and the server needed for the pick. A round already
 * under way ends as it would.
 */
export function holdWarmUp(ms = PICK_HOLD_MS): void {
  heldUntil = Math.max(heldUntil, performance.now() + ms);
}

/**
 * Starts the worker and lays out hosts until ELK's code is warm, so the first real graph is laid out at ELK's warm
 * speed. Called when the explorer opens; a second call (another explorer mount) finds the worker started.
 */
export function warmLayout(): void {
  if (worker) return;
  let round = 0;
  const next = (): void => {
    if (round >= WARM_ROUNDS || !worker) return;
    // A real layout asked for or under way goes first; the warm-up resumes at the next idle moment after it.
    if (running.size > 0) {
      whenIdle(next);
      return;
    }
    const held = heldUntil - performance.now();
    if (held > 0) {
      setTimeout(next, held);
      return;
    }
    void post(warmModel(round++)).then(
      () => (round < WARM_AT_ONCE && asked === 0 ? next() : whenIdle(next)),
      () => undefined,
    );
  };
  theWorker();
  next();
}
