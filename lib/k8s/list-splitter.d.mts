/** Thrown when the text is not one JSON object whose `items` is an array of objects. */
export class ListStreamError extends Error {}

/**
 * Splits a List's JSON, fed chunk by chunk, into its items' text. Only strings, nesting and the top-level key
 * `items` are tracked; every item is JSON.parsed on its own, so malformed JSON still throws as one parse would.
 */
export class ListSplitter {
  constructor(onItem: (text: string) => void);
  push(chunk: Uint8Array): void;
  /** The List less its items, once the last chunk is in. */
  end(): Record<string, unknown>;
}
