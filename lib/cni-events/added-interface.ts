import type { AddedInterface } from "./schema";

// Multus: fmt.Sprintf("Add %s %v from %s", ifName, ips, network); before 3.7 without " from …".
const ADDED = /^\s*Add\s+(\S+)\s+\[([^\]]*)\](?:\s+from\s+(\S+))?\s*$/;

/** Reads a Multus AddedInterface message; null when the text is not one. */
export function parseAddedInterface(message: string): AddedInterface | null {
  const m = ADDED.exec(message);
  if (!m?.[1]) return null;
  const ips = (m[2] ?? "").split(/[\s,]+/).filter(Boolean);
  return { interface: m[1], ips, ...(m[3] ? { network: m[3] } : {}) };
}
