import type { PingSummary } from "./ping";
import type { ProbeReport } from "./probe-script";
import type { Observed } from "./schema";

/** One direction as ping saw it: a reply is reachable (with its loss), none is not, no summary is not tested. */
export function observedOf(
  report: ProbeReport | undefined,
  why = "the probe reported nothing for this target",
): Observed {
  const ping: PingSummary | null | undefined = report?.ping;
  if (!report || !ping) return { state: "not-tested", reason: why };
  if (ping.transmitted === 0 && ping.error && !isNetworkError(ping.error))
    return { state: "not-tested", reason: `ping could not run: ${ping.error}` };
  const base = { sent: ping.transmitted, received: ping.received, lossPct: ping.lossPct };
  if (ping.received > 0) return { state: "reachable", ...base, ...(ping.rtt ? { rttMs: ping.rtt } : {}) };
  return { state: "unreachable", ...base, ...(ping.error ? { error: ping.error } : {}) };
}

/** ping's complaints that are an answer about the network (no route), not about the probe (no such device). */
const isNetworkError = (e: string): boolean => /unreachable|no route/i.test(e);

/**
 * The two directions between two probes on one node, as one cell: unreachable when either is, the packets added
 * up, the slower round trip.
 */
export function combine(a: Observed, b: Observed): Observed {
  if (a.state === "not-tested") return a;
  if (b.state === "not-tested") return b;
  const sent = a.sent + b.sent;
  const received = a.received + b.received;
  const lossPct = sent > 0 ? Math.round(((sent - received) / sent) * 100) : 100;
  if (a.state === "unreachable" || b.state === "unreachable") {
    const error = a.state === "unreachable" ? a.error : b.state === "unreachable" ? b.error : undefined;
    return { state: "unreachable", sent, received, lossPct, ...(error ? { error } : {}) };
  }
  const slower = (a.rttMs?.avg ?? 0) >= (b.rttMs?.avg ?? 0) ? a.rttMs : b.rttMs;
  return { state: "reachable", sent, received, lossPct, ...(slower ? { rttMs: slower } : {}) };
}
