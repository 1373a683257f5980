import { z } from "zod";
import { checkFindings } from "./check-findings";
import { fleetFindings } from "./fleet-findings";
import { ovnFindings } from "./ovn-findings";
import { reachFindings } from "./reach-findings";
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
  { heading: "Addresses, ranges, parents and plugins", entries: checkFindings },
  { heading: "OVN-Kubernetes networks, MultiNetworkPolicies and VMs", entries: ovnFindings },
  { heading: "Stuck pods: sandbox failures read from events", entries: sandboxFindings },
  { heading: "Sources: what could not be read", entries: sourceFindings },
  { heading: "Reachability, measured by probe pods", entries: reachFindings },
  { heading: "Fleets: several clusters side by side", entries: fleetFindings },
] as const;

export const FINDINGS = {
  ...topologyFindings,
  ...checkFindings,
  ...ovnFindings,
  ...sandboxFindings,
  ...sourceFindings,
  ...reachFindings,
  ...fleetFindings,
} as const;

export type FindingCode = keyof typeof FINDINGS;
export const isFindingCode = (c: string): c is FindingCode => Object.hasOwn(FINDINGS, c);

// biome-ignore lint/plugin: Object.keys widens to string[]; the keys of FINDINGS are exactly FindingCode, and there is one at least
export const FINDING_CODES = Object.keys(FINDINGS) as [FindingCode, ...FindingCode[]];

export const findingCodeSchema = z.enum(FINDING_CODES);
