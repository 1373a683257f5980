"use client";

import { getNodesBounds, useReactFlow } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";
import { useState } from "react";
import type { Topology } from "@/lib/topology/schema";
import { graphButton } from "./graph-toolbar";

function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.click();
}

/** Around the graph's bounds, so edges and rings at the border are not cut. */
const MARGIN = 32;
/** Past this side an image would be too big for a browser canvas; only then is it drawn below 1:1. */
const MAX_SIDE = 8000;

/**
 * Exports what is drawn (PNG, SVG) and the topology behind it (JSON). Images are at 1:1, the node sizes on screen at
 * zoom 1, sized to the graph's bounds plus a margin, on the background of the current theme.
 */
export function ExportButtons({ name, topology }: { name: string; topology: Topology }) {
  const flow = useReactFlow();
  const [busy, setBusy] = useState(false);

  const image = async (kind: "png" | "svg") => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    if (!viewport) return;
    setBusy(true);
    // Exports are at 1:1, where every detail is drawn: lift the semantic zoom's far view while the image is taken.
    const far = viewport.closest(".graph-far");
    far?.classList.remove("graph-far");
    try {
      const bounds = getNodesBounds(flow.getNodes());
      const scale = Math.min(1, MAX_SIDE / (Math.max(bounds.width, bounds.height, 1) + 2 * MARGIN));
      const width = Math.ceil((bounds.width + 2 * MARGIN) * scale);
      const height = Math.ceil((bounds.height + 2 * MARGIN) * scale);
      const x = (MARGIN - bounds.x) * scale;
      const y = (MARGIN - bounds.y) * scale;
      const options = {
        backgroundColor: document.documentElement.classList.contains("dark") ? "#020617" : "#f8fafc",
        width,
        height,
        pixelRatio: 1,
        style: { width: `${width}px`, height: `${height}px`, transform: `translate(${x}px, ${y}px) scale(${scale})` },
      };
      download(kind === "png" ? await toPng(viewport, options) : await toSvg(viewport, options), `${name}.${kind}`);
    } finally {
      far?.classList.add("graph-far");
      setBusy(false);
    }
  };

  const json = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(topology, null, 2)], { type: "application/json" }));
    download(url, `${name}.json`);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <fieldset className="m-0 flex items-center gap-0.5 border-0 p-0" aria-label="Export">
      <span className="px-1.5 text-[11px] uppercase tracking-wide text-slate-500">Export</span>
      <button type="button" className={graphButton} disabled={busy} onClick={() => void image("png")}>
        PNG
      </button>
      <button type="button" className={graphButton} disabled={busy} onClick={() => void image("svg")}>
        SVG
      </button>
      <button type="button" className={graphButton} onClick={json}>
        JSON
      </button>
    </fieldset>
  );
}
