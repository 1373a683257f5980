/**
 * Multus names the pod it failed for as "[ns/pod/uid:net]", "[ns/pod:net]", "[ns/pod/:net]", "[ns/pod/uid]" or
 * "[ns/pod]" (the "[" may be cut off). Read by a scanner, not a regular expression: an unanchored `name/name…]`
 * pattern tries every position and backtracks over every name, which took 0.2–0.5 s on a 16 KiB "aaa…" message
 * (issue 25). Here every `]` is looked at once, and each candidate start inside its token once: linear in the text.
 */

export interface BracketRef {
  namespace: string;
  pod: string;
  /** the text after the ":" (absent without one; may be empty) */
  network?: string;
}

const isAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isNameChar = (c: number): boolean => isAlnum(c) || c === 0x2d || c === 0x2e; // "-" "."
const isHexOrDash = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) || c === 0x2d;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
const SLASH = 0x2f;
const COLON = 0x3a;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/**
 * The end of a DNS-style name ("a", "a-b.c": letters, digits, "-" and ".", starting and ending with a letter or
 * digit) that starts at `i`, or -1. The longest one: a name is always followed here by a character it cannot hold,
 * so no shorter reading could match either.
 */
export function nameEnd(s: string, i: number, limit = s.length): number {
  if (i >= limit || !isAlnum(s.charCodeAt(i))) return -1;
  let k = i + 1;
  while (k < limit && isNameChar(s.charCodeAt(k))) k++;
  while (!isAlnum(s.charCodeAt(k - 1))) k--;
  return k;
}

/** "ns/pod(/hex)?(:net)?" filling s[from, to) exactly, or null. */
function refAt(s: string, from: number, to: number): BracketRef | null {
  const nsEnd = nameEnd(s, from, to);
  if (nsEnd < 0 || s.charCodeAt(nsEnd) !== SLASH) return null;
  const podEnd = nameEnd(s, nsEnd + 1, to);
  if (podEnd < 0) return null;
  let k = podEnd;
  if (k < to && s.charCodeAt(k) === SLASH) {
    k++;
    while (k < to && isHexOrDash(s.charCodeAt(k))) k++;
  }
  const ref = { namespace: s.slice(from, nsEnd), pod: s.slice(nsEnd + 1, podEnd) };
  if (k === to) return ref;
  return s.charCodeAt(k) === COLON ? { ...ref, network: s.slice(k + 1, to) } : null;
}

/**
 * Every bracketed pod reference, in order. A reference fills a token (no whitespace, no "]") up to its "]", from
 * the token's start (at the text's start or after whitespace) or from just after a "[" in it, the leftmost that reads.
 */
export function bracketRefs(s: string): BracketRef[] {
  const out: BracketRef[] = [];
  let tokenFloor = 0; // nothing before this is looked at again
  for (let close = s.indexOf("]"); close >= 0; close = s.indexOf("]", close + 1)) {
    let start = close;
    while (start > tokenFloor && !isSpace(s.charCodeAt(start - 1)) && s.charCodeAt(start - 1) !== CLOSE) start--;
    tokenFloor = close + 1;
    const ref = firstRefIn(s, start, close);
    if (ref) out.push(ref);
  }
  return out;
}

function firstRefIn(s: string, start: number, close: number): BracketRef | null {
  // The token's own start counts only at the text's start or after whitespace (not right after another "]").
  if (start === 0 || isSpace(s.charCodeAt(start - 1))) {
    const ref = refAt(s, start, close);
    if (ref) return ref;
  }
  // Each candidate's names stop at the next "[", so the candidates' work does not overlap.
  for (let open = start; open < close; open++) {
    if (s.charCodeAt(open) !== OPEN) continue;
    const ref = refAt(s, open + 1, close);
    if (ref) return ref;
  }
  return null;
}
