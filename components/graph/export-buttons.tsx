"use client";

import { getNodesBounds, useReactFlow } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";
import { useState } from "react";
import { download, ExportJsonButton } from "./export-json";
import { graphButton } from "./graph-button";

/** Around the graph's bounds, so edges and rings at the border are not cut. */
const MARGIN = 32;
/** Past this side an image would be too big for a browser canvas; only then is it drawn below 1:1. */
const MAX_SIDE = 8000;

/**
 * Exports what is drawn (PNG, SVG) and the whole topology (JSON, from the server). Images are at 1:1, the node sizes on screen at
 * zoom 1, sized to the graph's bounds plus a margin, on the background of the current theme.
 */
export function ExportButtons({ name }: { name: string }) {
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

  return (
    <fieldset className="m-0 flex items-center gap-0.5 border-0 p-0" aria-label="Export">
      <span className="px-1.5 text-[11px] uppercase tracking-wide text-slate-500">Export</span>
      <button type="button" className={graphButton} disabled={busy} onClick={() => void image("png")}>
        PNG
      </button>
      <button type="button" className={graphButton} disabled={busy} onClick={() => void image("svg")}>
        SVG
      </button>
      <ExportJsonButton name={name} />
    </fieldset>
  );
}
