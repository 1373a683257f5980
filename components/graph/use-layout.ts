"use client";

import { useEffect, useRef, useState } from "react";
import type { Positioned } from "@/lib/graph/layout";
import type { GraphModel } from "@/lib/graph/model";
import type { LayoutRequest, LayoutResponse } from "./layout.worker";

/** What decides where boxes go: ids, nesting, sizes and edges. Addresses and states do not move anything. */
function structureKey(m: GraphModel): string {
  return `${m.nodes.map((n) => `${n.id}<${n.parent ?? ""}:${n.width}x${n.height}`).join("|")}#${m.edges.map((e) => e.id).join("|")}`;
}

export type LayoutState =
  | { status: "pending" }
  | { status: "done"; positions: Map<string, Positioned> }
  | { status: "error"; error: string };

/**
 * Lays the model out in a Web Worker. A model whose structure did not change keeps its positions, so live
 * updates that only change addresses or states never make the graph jump.
 */
export function useLayout(model: GraphModel): LayoutState {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const lastKey = useRef<string | null>(null);
  const [state, setState] = useState<LayoutState>({ status: "pending" });

  useEffect(() => {
    const w = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.onmessage = (e: MessageEvent<LayoutResponse>) => {
      if (e.data.seq !== seq.current) return; // an older request finished after a newer one was sent
      setState(
        "error" in e.data
          ? { status: "error", error: e.data.error }
          : { status: "done", positions: new Map(e.data.positions) },
      );
    };
    return () => {
      w.terminate();
      worker.current = null;
      lastKey.current = null;
    };
  }, []);

  useEffect(() => {
    const key = structureKey(model);
    if (key === lastKey.current || !worker.current) return;
    lastKey.current = key;
    seq.current++;
    worker.current.postMessage({ seq: seq.current, model } satisfies LayoutRequest);
  }, [model]);

  return state;
}
