// A Kubernetes List read as it streams in: each element of its top-level `items` array is handed over as soon as
// its last byte has arrived, and the rest of the document (kind, apiVersion, metadata) is parsed at the end.
// 20,000 pods are then never one 45 MB string nor one object graph of every full pod: each item is parsed and can be
// trimmed while the API server is still sending the next ones, a few milliseconds of work per chunk.
// Plain JavaScript (typed by list-splitter.d.mts): the server's code reads Lists with it (list-stream.ts) and so does
// the preload's thread, which runs before anything is compiled (server/sources/live/early-preload-lists.mjs).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
/** what may stand between two items: the next item, the array's end, a comma, whitespace */
const BETWEEN_ITEMS = new Set([OPEN_OBJECT, CLOSE_ARRAY, COMMA, 0x20, 0x09, 0x0a, 0x0d]);

/** Thrown when the text is not one JSON object whose `items` is an array of objects. */
export class ListStreamError extends Error {}

const utf8 = new TextDecoder();
const text = (b, from, to) => utf8.decode(b.subarray(from, to));

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Splits a List's JSON, fed chunk by chunk, into its items' text. Only strings, nesting and the top-level key
 * `items` are tracked; every item is JSON.parsed on its own, so malformed JSON still throws as one parse would.
 */
export class ListSplitter {
  /** bytes still needed: the document outside its items so far, or the start of an item not yet complete */
  pending = new Uint8Array(0);
  depth = 0;
  inString = false;
  /** bytes of the next chunk to pass over (the second byte of an escape cut by the chunk's end) */
  skip = 0;
  /** the top-level key whose value is being read; the last string read at depth 1 and where the one under way began */
  key = "";
  lastString = "";
  keyStart = -1;
  inItems = false;
  itemStart = -1;
  done = false;
  /** the document less its items, to parse at the end; restFrom: where the part not yet in `rest` begins */
  rest = [];
  restFrom = 0;

  /** @param onItem each item's text, as soon as its last byte is in */
  constructor(onItem) {
    this.onItem = onItem;
  }

  push(chunk) {
    const from = this.pending.length;
    const buf = from > 0 ? concat([this.pending, chunk]) : chunk;
    this.scan(buf, from);
    // Kept for the next chunk: an item under way, or (outside the items) the document since restFrom.
    let keep = buf.length;
    if (this.itemStart >= 0) keep = this.itemStart;
    else if (!this.inItems) keep = this.restFrom;
    if (this.keyStart >= 0 && this.inString) keep = Math.min(keep, this.keyStart);
    this.pending = buf.slice(keep);
    if (this.itemStart >= 0) this.itemStart -= keep;
    if (this.keyStart >= 0) this.keyStart -= keep;
    this.restFrom = Math.max(0, this.restFrom - keep);
  }

  scan(buf, from) {
    const n = buf.length;
    let i = from + this.skip;
    // Locals in the loop: it runs once per byte of the List (45 MB for 20,000 pods).
    let inString = this.inString;
    let depth = this.depth;
    for (; i < n; i++) {
      const c = buf[i];
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) {
          inString = false;
          if (this.keyStart >= 0) this.lastString = text(buf, this.keyStart, i);
          this.keyStart = -1;
        }
        continue;
      }
      if (depth === 2 && this.inItems && !BETWEEN_ITEMS.has(c))
        throw new ListStreamError("a List's items must be objects");
      if (c === QUOTE) {
        inString = true;
        if (depth === 1) this.keyStart = i + 1;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth = this.open(buf, i, c, depth);
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth = this.close(buf, i, c, depth);
      else if (depth === 1 && c === COLON) this.key = this.lastString;
      else if (depth === 1 && c === COMMA) this.key = "";
    }
    this.inString = inString;
    this.depth = depth;
    // An escape's backslash was the chunk's last byte: the escaped byte opens the next one.
    this.skip = i - n;
  }

  /** An object or array opens at `i`; returns the new depth. */
  open(buf, i, c, depth) {
    if (this.inItems && depth === 2) this.itemStart = i;
    if (depth === 1 && c === OPEN_ARRAY && this.key === "items") {
      this.inItems = true;
      this.rest.push(buf.slice(this.restFrom, i + 1));
    }
    return depth + 1;
  }

  /** An object or array closes at `i`; returns the new depth. */
  close(buf, i, c, outer) {
    const depth = outer - 1;
    if (depth < 0) throw new ListStreamError("unbalanced JSON");
    if (this.inItems && depth === 2 && c === CLOSE_OBJECT) {
      this.onItem(text(buf, this.itemStart, i + 1));
      this.itemStart = -1;
    } else if (this.inItems && depth === 1) {
      this.inItems = false;
      this.restFrom = i;
    }
    if (depth === 0) {
      this.done = true;
      this.rest.push(buf.slice(this.restFrom, i + 1));
      this.restFrom = i + 1;
    }
    return depth;
  }

  /** The List less its items, once the last chunk is in. */
  end() {
    if (!this.done) throw new ListStreamError("the List ended before its last byte");
    const head = JSON.parse(text(concat(this.rest), 0, Number.POSITIVE_INFINITY));
    if (typeof head !== "object" || head === null || Array.isArray(head)) throw new ListStreamError("not a List");
    return head;
  }
}
