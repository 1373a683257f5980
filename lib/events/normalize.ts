import { isObject, type JsonObject, str } from "../result";
import type { EventSpec } from "./schema";

/** Longest event text kept; Kubernetes caps notes at 1 KiB for new events, but old core events can be longer. */
export const MAX_EVENT_MESSAGE = 16_384;

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * Reads an Event of either API (events.k8s.io/v1: regarding, note, series, reportingController; core v1:
 * involvedObject, message, count, source) into one shape. null when it does not say what it is about.
 */
export function eventSpec(raw: JsonObject): EventSpec | null {
  const about = isObject(raw.regarding) ? raw.regarding : isObject(raw.involvedObject) ? raw.involvedObject : null;
  const name = about ? str(about.name) : undefined;
  if (!about || !name) return null;
  const series = isObject(raw.series) ? raw.series : {};
  const source = isObject(raw.source) ? raw.source : {};
  const message = str(raw.note) ?? str(raw.message) ?? "";
  const time =
    str(series.lastObservedTime) ??
    str(raw.deprecatedLastTimestamp) ??
    str(raw.lastTimestamp) ??
    str(raw.eventTime) ??
    str(raw.firstTimestamp) ??
    str(raw.deprecatedFirstTimestamp);
  const count = num(series.count) ?? num(raw.deprecatedCount) ?? num(raw.count) ?? 1;
  const reporter = str(raw.reportingController) ?? str(raw.reportingComponent) ?? str(source.component);
  return {
    regarding: {
      kind: str(about.kind) ?? "",
      name,
      ...(str(about.namespace) ? { namespace: str(about.namespace) } : {}),
      ...(str(about.uid) ? { uid: str(about.uid) } : {}),
    },
    reason: str(raw.reason) ?? "",
    type: str(raw.type) ?? "Normal",
    message: message.length > MAX_EVENT_MESSAGE ? `${message.slice(0, MAX_EVENT_MESSAGE)}…` : message,
    ...(time ? { time } : {}),
    // clamped: a count beyond 2^53 (from a file, or fuzzing) would break the contract's integer
    count: Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, Math.floor(count))),
    ...(reporter ? { reporter } : {}),
  };
}
