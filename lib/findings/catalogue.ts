import { z } from "zod";
import type { FindingInfo } from "./info";
import { sandboxFindings } from "./sandbox-findings";
import { sourceFindings } from "./source-findings";
import { topologyFindings } from "./topology-findings";

/**
 * The catalogue of finding codes: every code the product raises, with its severity, what it means and how to fix
 * it. The topology schema, the UI's "how to fix", `npm run check` and docs/findings.md all read it, so a code
 * cannot exist without its explanation. To add a code, add it to a group below (or a new group file).
 */
export const FINDING_GROUPS = [
  { heading: "Wiring: networks, pods and nodes", entries: topologyFindings },
  { heading: "Stuck pods: sandbox failures read from events", entries: sandboxFindings },
  { heading: "Sources: what could not be read", entries: sourceFindings },
] as const;

export const FINDINGS = { ...topologyFindings, ...sandboxFindings, ...sourceFindings } as const;

export type FindingCode = keyof typeof FINDINGS;

// Object.keys widens to string[]; the keys of FINDINGS are exactly FindingCode, and the catalogue is never empty.
export const FINDING_CODES = Object.keys(FINDINGS) as [FindingCode, ...FindingCode[]];

export const findingCodeSchema = z.enum(FINDING_CODES);

export function findingInfo(code: FindingCode): FindingInfo {
  return FINDINGS[code];
}
