/**
 * Code-point order: the same on every machine, locale and ICU version, unlike `localeCompare` (which calls `é` and
 * `e\u0301` equal, so their order would depend on the input's). Plain `<` compares UTF-16 code units, which puts
 * U+E000–U+FFFF after astral characters; the fix-up below restores code-point order.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

/** Surrogates (U+D800–U+DFFF) stand for code points above U+FFFF: move them after the rest of the BMP. */
const fixup = (unit: number): number => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);
