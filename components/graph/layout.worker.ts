/// <reference lib="webworker" />
// ELK runs here so a big layout never freezes the page.
import ELK from "elkjs/lib/elk.bundled.js";
import { layoutGraph, type Positioned } from "@/lib/graph/layout";
import type { GraphModel } from "@/lib/graph/model";

export interface LayoutRequest {
  seq: number;
  model: GraphModel;
}
export type LayoutResponse =
  | { seq: number; positions: [string, Positioned][]; ms: { elk: number; since: number } }
  | { seq: number; error: string };

const elk = new ELK();
// In a worker, postMessage takes no target origin; the DOM typings (this file's tsconfig) only know Window's.
const reply = (message: LayoutResponse) => postMessage(message, { transfer: [] });

self.onmessage = async (e: MessageEvent<LayoutRequest>) => {
  const { seq, model } = e.data;
  try {
    const t = performance.now();
    const positions = await layoutGraph(model, elk);
    // for the benchmarks' breakdown: ELK's own time, and when the worker took the request (its clock's origin)
    reply({ seq, positions: [...positions], ms: { elk: performance.now() - t, since: performance.timeOrigin + t } });
  } catch (err) {
    reply({ seq, error: err instanceof Error ? err.message : String(err) });
  }
};
