import { isObject } from "../result";
import type { ViewMessage } from "./view-protocol";

/**
 * The one reader of a view message off the wire (the subscription's and a prefetched snapshot's text). The server
 * writes these texts from values of viewMessageSchema's type, and the tests hold every message it sends to that
 * schema (server/view-channel.test.ts); here only the shape the client branches on is checked, since a zod parse of
 * a 1 MiB view would cost more than drawing it. Not JSON, or not a snapshot or delta: null (the caller asks anew).
 */
export function readViewMessage(text: string): ViewMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value) || typeof value.revision !== "string") return null;
  const snapshot = value.type === "snapshot" && Array.isArray(value.elements) && Array.isArray(value.findings);
  const delta = value.type === "delta" && typeof value.from === "string" && isObject(value.elements);
  // biome-ignore lint/plugin: the server's own JSON of a ViewMessage (see above); the fields branched on are checked
  return snapshot || delta ? (value as ViewMessage) : null;
}
