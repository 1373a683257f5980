/** How many names a sentence lists before "and N more": a line of text, not a wall of 2,000 node names. */
export const LISTED_NAMES = 8;

/**
 * Names joined by `separator`, the first `listed` of them then "and N more" (every name when `listed` is Infinity,
 * what a list shown on demand asks for). Each name once, in the order given.
 */
export function namesWithMore(names: Iterable<string>, listed = LISTED_NAMES, separator = ", "): string {
  const all = [...new Set(names)];
  if (all.length <= listed) return all.join(separator);
  return `${all.slice(0, listed).join(separator)} and ${(all.length - listed).toLocaleString("en")} more`;
}
