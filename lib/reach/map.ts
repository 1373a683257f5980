// A reachability result as something to draw: one tone per measured direction (what a colour means is decided once,
// here, for the matrix and the map alike), and the result folded into hosts and host pairs for the network view.
import type { ReachCell, ReachResult } from "./schema";

/**
 * What a direction's colour says. Only `alarm` is alarming: a result that contradicts the topology. An unreachable pair
 * the topology predicts (an island bridge across hosts) is `calm`, never red.
 *  - ok: reachable, as predicted      - calm: unreachable, as predicted
 *  - alarm: not what the topology predicts (either way)
 *  - unsure: measured, but the topology predicts nothing      - none: not tested
 */
export type ReachTone = "ok" | "calm" | "alarm" | "unsure" | "none";

export function toneOf(c: ReachCell): ReachTone {
  if (c.verdict === "unexpected") return "alarm";
  if (c.verdict === "not-tested" || c.observed.state === "not-tested") return "none";
  if (c.verdict === "no-expectation") return "unsure";
  return c.observed.state === "reachable" ? "ok" : "calm";
}

/** What a direction measured, in a few words: "0.09 ms", "100% loss", "not tested". */
export function measuredShort(c: ReachCell): string {
  const o = c.observed;
  if (o.state === "not-tested") return "not tested";
  if (o.state === "unreachable") return `✕ ${o.lossPct}% loss`;
  const rtt = o.rttMs ? `${o.rttMs.avg} ms` : "reachable";
  return `✓ ${rtt}${o.lossPct ? ` · ${o.lossPct}% loss` : ""}`;
}

export interface MapDirection {
  from: string;
  to: string;
  tone: ReachTone;
  /** e.g. "✓ 0.09 ms", "✕ 100% loss · as expected" */
  label: string;
  /** the whole story, for a tooltip */
  title: string;
}

export interface MapPair {
  a: string;
  b: string;
  /** a → b and b → a; one of them undefined when only one direction was measured */
  ab?: MapDirection;
  ba?: MapDirection;
  /** both directions say the same: drawn as one line */
  same: boolean;
}

export interface ReachMapModel {
  hosts: { name: string; self?: MapDirection; problem?: string }[];
  pairs: MapPair[];
  /** how many directions of each tone, for the legend */
  counts: Record<ReachTone, number>;
}

/** A verdict in words, as the matrix and the map say it. */
export const VERDICT_WORDS: Record<ReachCell["verdict"], string> = {
  "as-expected": "as expected",
  unexpected: "unexpected",
  "no-expectation": "no expectation",
  "not-tested": "not tested",
};

function direction(c: ReachCell): MapDirection {
  const tone = toneOf(c);
  const measured = measuredShort(c);
  const verdict = VERDICT_WORDS[c.verdict];
  const label = tone === "none" || tone === "ok" ? measured : `${measured} · ${verdict}`;
  const why = c.observed.state === "not-tested" ? c.observed.reason : c.expected.why;
  return { from: c.from, to: c.to, tone, label, title: `${c.from} → ${c.to}: ${measured}; ${verdict}: ${why}` };
}

/** The result as hosts (each with its same-host result) and host pairs (both directions), in the run's node order. */
export function reachMap(r: ReachResult): ReachMapModel {
  const cells = new Map(r.cells.map((c) => [`${c.from}\u0000${c.to}`, c]));
  const at = (from: string, to: string) => {
    const c = cells.get(`${from}\u0000${to}`);
    return c ? direction(c) : undefined;
  };
  const names = r.nodes.map((n) => n.node);
  const hosts = r.nodes.map((n) => {
    const self = at(n.node, n.node);
    return { name: n.node, ...(self ? { self } : {}), ...(n.problem ? { problem: n.problem } : {}) };
  });
  const pairs: MapPair[] = [];
  names.forEach((a, i) => {
    for (const b of names.slice(i + 1)) {
      const ab = at(a, b);
      const ba = at(b, a);
      if (!ab && !ba) continue;
      pairs.push({
        a,
        b,
        ...(ab ? { ab } : {}),
        ...(ba ? { ba } : {}),
        same: Boolean(ab && ba && ab.tone === ba.tone && ab.label === ba.label),
      });
    }
  });
  const counts: Record<ReachTone, number> = { ok: 0, calm: 0, alarm: 0, unsure: 0, none: 0 };
  for (const c of r.cells) counts[toneOf(c)]++;
  return { hosts, pairs, counts };
}
