import type { CSSProperties } from "react";
import { EDGE_LABEL } from "@/lib/graph/layout";
import { labelWidth } from "./label-width";

export interface EdgeLabelProps {
  x: number;
  y: number;
  text: string;
  /** the text's style: its font size and family size the box */
  style: CSSProperties | undefined;
  bgStyle: CSSProperties | undefined;
  /** the box's room around the text, [x, y] */
  padding: [number, number] | undefined;
}

const LINE_HEIGHT = 1.2;

/**
 * An edge's label centred on (x, y) on its background box, drawn as React Flow's `EdgeText` draws it (the same
 * classes, so the stylesheet and the far-out rule in globals.css apply), but sized from the text's width in its font
 * (label-width.ts) rather than read back from the page: React Flow's `getBBox` of every label forced the new graph's
 * layout during a pick, and its first render hid each label until a second one had its box.
 */
export function EdgeLabel({ x, y, text, style, bgStyle, padding = [2, 4] }: EdgeLabelProps) {
  if (!text) return null;
  const size = typeof style?.fontSize === "number" ? style.fontSize : 10;
  const family = typeof style?.fontFamily === "string" ? style.fontFamily : "sans-serif";
  const width = labelWidth(text, `${size}px ${family}`, EDGE_LABEL.perChar * (size / 11));
  const height = size * LINE_HEIGHT;
  const [px, py] = padding;
  return (
    <g transform={`translate(${x} ${y})`} className="react-flow__edge-textwrapper">
      <rect
        className="react-flow__edge-textbg"
        x={-width / 2 - px}
        y={-height / 2 - py}
        width={width + 2 * px}
        height={height + 2 * py}
        rx={2}
        ry={2}
        style={bgStyle}
      />
      {/* the baseline 0.3 em below the middle, as React Flow's EdgeText puts it */}
      <text className="react-flow__edge-text" textAnchor="middle" dy="0.3em" style={style}>
        {text}
      </text>
    </g>
  );
}
