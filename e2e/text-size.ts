import type { Locator } from "@playwright/test";

export interface TextSize {
  text: string;
  /** the height of a line of this text on screen, in CSS pixels: computed font size × the zoom it is drawn at */
  px: number;
}

/**
 * Every piece of text visible inside `area`, with the size it has on screen: the computed font size times the scale
 * of the transforms above it (React Flow's zoom).
 */
export async function visibleTextSizes(area: Locator): Promise<TextSize[]> {
  return area.evaluate((root) => {
    const out: { text: string; px: number }[] = [];
    const view = root.getBoundingClientRect();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const el = node.parentElement;
      if (!text || !el) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      const style = getComputedStyle(el);
      // checkVisibility: not rendered (display: none anywhere above, as the semantic zoom hides details), hidden or
      // transparent text is not on screen.
      let shown = el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
      // SVG text under a display: none group still reports a box in Chromium: look up the ancestors too.
      for (let a: Element | null = el; a && shown; a = a.parentElement) shown = getComputedStyle(a).display !== "none";
      if (box.width === 0 || box.height === 0 || !shown) continue;
      if (box.bottom < view.top || box.top > view.bottom || box.right < view.left || box.left > view.right) continue;
      // The scale of every transform above the text (React Flow's zoom is one): a rotation keeps the size.
      let scale = 1;
      for (let a: Element | null = el; a; a = a.parentElement) {
        const t = getComputedStyle(a).transform;
        if (t && t !== "none") {
          const m = new DOMMatrix(t);
          scale *= Math.hypot(m.a, m.b);
        }
      }
      out.push({ text, px: Number.parseFloat(style.fontSize) * scale });
    }
    return out;
  });
}
