"use client";

import type { Positioned } from "@/lib/graph/layout";
import type { GraphModel } from "@/lib/graph/model";
import { traceMark } from "../trace";
import type { LayoutRequest, LayoutResponse } from "./layout.worker";

/** What decides where boxes go: ids, nesting, sizes and edges. Addresses and states do not move anything. */
export function structureKey(m: GraphModel): string {
  return `${m.nodes.map((n) => `${n.id}<${n.parent ?? ""}:${n.width}x${n.height}`).join("|")}#${m.edges.map((e) => e.id).join("|")}`;
}

/** The layout's whole input: the structure and the edge labels (the longest one sets a host's gap between layers). */
const inputKey = (m: GraphModel, structure: string): string => `${structure}#${m.edges.map((e) => e.label).join("|")}`;

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

/** Real layouts asked for so far: warming up stops at the first, so it never delays one. */
let asked = 0;

/** Lays the model out in the page's worker; the same input asked twice is laid out once. */
export function layout(model: GraphModel, structure = structureKey(model)): Promise<Map<string, Positioned>> {
  asked++;
  const key = inputKey(model, structure);
  const kept = done.get(key);
  if (kept) return Promise.resolve(kept);
  const pending = running.get(key);
  if (pending) return pending;
  const p = post(model);
  running.set(key, p);
  p.then(
    (positions) => {
      done.delete(key);
      done.set(key, positions);
      for (const old of done.keys()) if (done.size > KEEP) done.delete(old);
    },
    () => undefined, // the caller hears of it
  ).finally(() => running.delete(key));
  return p;
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

/** The first layout pays for compiling ELK (several times a later one); a second one for its hot paths. More would
 * compete with the page for the CPU while it draws the first view. */
const WARM_ROUNDS = 2;

/** A host as the matrix opens them at scale: folded pods in one layer, the points they hang off in the next. */
function warmModel(round: number): GraphModel {
  const host = `host/warm-${round}`;
  const nodes: GraphModel["nodes"] = [{ id: host, kind: "host", parent: null, width: 0, height: 0, isGroup: true }];
  const edges: GraphModel["edges"] = [];
  for (let b = 0; b < 6; b++)
    nodes.push({ id: `${host}/point-${b}`, kind: "bridge", parent: host, width: 170, height: 62, isGroup: false });
  for (let f = 0; f < 14; f++) {
    const fold = `${host}/fold-${f}`;
    nodes.push({
      id: fold,
      kind: "fold",
      parent: host,
      width: 230,
      height: 64,
      isGroup: false,
      members: [],
      networks: [],
    });
    for (const b of [f % 6, (f * 5 + 1) % 6]) {
      const label = `${f + 2} × net${b}`;
      edges.push({
        id: `${fold}->${b}`,
        kind: "attachment",
        source: fold,
        target: `${host}/point-${b}`,
        label,
        colour: "",
      });
    }
  }
  return { nodes, edges, colours: new Map() };
}

/**
 * Starts the worker and lays out a few hosts, so the first real graph finds ELK loaded and its code compiled (its
 * first layouts of a host take several times as long as later ones). Called when the explorer opens.
 */
export function warmLayout(): void {
  if (worker) return;
  let round = 0;
  // One at a time, so a real layout waits at most for the one in progress.
  const next = (): void => {
    if (round < WARM_ROUNDS && asked === 0) void post(warmModel(round++)).then(next, () => undefined);
  };
  next();
}
