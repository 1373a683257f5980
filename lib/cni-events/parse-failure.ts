import { pickFields } from "../result";
import { classify } from "./cause-rules";
import { extractDetail, extractInterface, extractNetwork, extractPlugin, extractPod } from "./extract";
import type { CniFailure } from "./schema";
import { summarize } from "./summary";

/** Bounds the work on a hostile or runaway message; real ones are a few KB (thick Multus dumps StdinData). */
export const MAX_MESSAGE_CHARS = 16_384;

/**
 * Parses a sandbox failure (FailedCreatePodSandBox, NoNetworkFound, ErrorAddingLogicalPort …) into its cause,
 * pod, network, interface and plugin. Total: any string gives a result, an unrecognised one cause "unknown" with
 * the text kept as its detail. Pure; the caller keeps the verbatim text.
 */
export function parseCniFailure(message: string): CniFailure {
  const flat = message.slice(0, MAX_MESSAGE_CHARS).replace(/\s+/g, " ").trim();
  const { cause, facts } = classify(flat);
  const parts = {
    cause,
    detail: extractDetail(flat),
    ...extractPod(flat),
    ...defined("network", extractNetwork(flat)),
    ...defined("plugin", extractPlugin(flat)),
    ...defined("interface", extractInterface(flat)),
    ...stripUndefined(facts),
  };
  return { ...parts, summary: summarize(parts) };
}

function defined<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  if (value !== undefined) out[key] = value;
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return pickFields(o, (v) => v !== undefined);
}
