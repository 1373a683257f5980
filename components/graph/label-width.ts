/**
 * How wide a line of text is in a CSS font, without asking the page: a canvas measures it (no layout of the
 * document), and each text is measured once. React Flow's own edge label reads every label's box back from the page
 * (`getBBox` in its `EdgeText`), which forced the new graph's whole page layout in the middle of a pick (~115 ms at
 * 20k pods). Where there is no canvas (a DOM without one), a fixed width a character, as the layout assumes.
 */
type Measure = (text: string) => number;

const measures = new Map<string, Measure>();

function canvasMeasure(font: string): Measure | null {
  if (typeof OffscreenCanvas !== "function") return null;
  const context = new OffscreenCanvas(1, 1).getContext("2d");
  if (!context) return null;
  context.font = font;
  return (text) => context.measureText(text).width;
}

function measureFor(font: string, perChar: number): Measure {
  const known = measures.get(font);
  if (known) return known;
  const widths = new Map<string, number>();
  const measure = canvasMeasure(font) ?? ((text: string) => text.length * perChar);
  const cached: Measure = (text) => {
    const had = widths.get(text);
    if (had !== undefined) return had;
    const width = measure(text);
    widths.set(text, width);
    return width;
  };
  measures.set(font, cached);
  return cached;
}

/** The width of `text` drawn in `font` (CSS `font` shorthand); `perChar` a character where nothing can measure it. */
export function labelWidth(text: string, font: string, perChar: number): number {
  return measureFor(font, perChar)(text);
}
