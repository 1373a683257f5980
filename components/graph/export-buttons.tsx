"use client";

import { getNodesBounds, getViewportForBounds, useReactFlow } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";
import { useState } from "react";
import type { Topology } from "@/lib/topology/schema";

function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.click();
}

const MAX_SIDE = 4096;

/** Exports what is drawn (PNG, SVG) and the topology behind it (JSON). */
export function ExportButtons({ name, topology }: { name: string; topology: Topology }) {
  const flow = useReactFlow();
  const [busy, setBusy] = useState(false);

  const image = async (kind: "png" | "svg") => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    if (!viewport) return;
    setBusy(true);
    try {
      const bounds = getNodesBounds(flow.getNodes());
      const scale = Math.min(2, MAX_SIDE / Math.max(bounds.width, bounds.height, 1));
      const width = Math.ceil(bounds.width * scale) + 64;
      const height = Math.ceil(bounds.height * scale) + 64;
      const vp = getViewportForBounds(bounds, width, height, 0.01, 4, 32);
      const options = {
        backgroundColor: document.documentElement.classList.contains("dark") ? "#020617" : "#f8fafc",
        width,
        height,
        style: {
          width: `${width}px`,
          height: `${height}px`,
          transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})`,
        },
      };
      download(kind === "png" ? await toPng(viewport, options) : await toSvg(viewport, options), `${name}.${kind}`);
    } finally {
      setBusy(false);
    }
  };

  const json = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(topology, null, 2)], { type: "application/json" }));
    download(url, `${name}.json`);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const btn =
    "rounded px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50 dark:text-slate-200 dark:hover:bg-slate-800";
  return (
    <div
      className="flex items-center gap-0.5 rounded-md border border-slate-200 bg-white p-0.5 shadow-sm dark:border-slate-700 dark:bg-slate-900"
      aria-label="Export"
    >
      <span className="px-1.5 text-[10px] uppercase tracking-wide text-slate-400">Export</span>
      <button type="button" className={btn} disabled={busy} onClick={() => void image("png")}>
        PNG
      </button>
      <button type="button" className={btn} disabled={busy} onClick={() => void image("svg")}>
        SVG
      </button>
      <button type="button" className={btn} onClick={json}>
        JSON
      </button>
    </div>
  );
}
