import type { Locator } from "@playwright/test";

/**
 * The characters of `el`'s text that are drawn on screen: those inside every box that clips them (overflow other than
 * visible) and not under a `text-overflow: ellipsis` (the last em before a cut box's right edge, where the "…" is
 * painted over them; a hair strict, never lenient). What an admin can actually read of a name cut to fit its box.
 */
export async function visibleText(el: Locator): Promise<string> {
  return el.evaluate((root) => {
    let out = "";
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const clips: { left: number; right: number }[] = [];
      for (let a = node.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === "visible") continue;
        const box = a.getBoundingClientRect();
        const cut = style.textOverflow === "ellipsis" && a.scrollWidth > a.clientWidth;
        // the box's content edge: its scale on screen (React Flow's zoom) times the font size is one em
        const scale = box.width / (a.offsetWidth || 1);
        const em = Number.parseFloat(style.fontSize) * scale;
        clips.push({ left: box.left, right: box.right - (cut ? em : 0) });
      }
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width > 0 && clips.every((c) => r.left >= c.left - 0.5 && r.right <= c.right + 0.5)) out += text[i];
      }
    }
    return out;
  });
}
