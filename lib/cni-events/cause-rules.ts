import type { CniFailure, FailureCause } from "./schema";

type Facts = Pick<CniFailure, "range" | "ip" | "device" | "ipam" | "interface">;

interface CauseRule {
  cause: FailureCause;
  pattern: RegExp;
  /** facts the matching text carries, e.g. the exhausted range */
  facts?: (m: RegExpExecArray) => Facts;
}

const dev = (m: RegExpExecArray): Facts => ({ device: m[1] ?? "" });

/**
 * First match wins, so the specific rules come before the general ones (an SR-IOV LoadConf error is not an
 * invalid config; a whereabouts leader timeout is a storage error, not a bare timeout). Patterns run on the text
 * with its whitespace collapsed. Wording from cni-plugins, Multus 3.x/4.x (thin and thick), whereabouts, the
 * SR-IOV CNIs, ovn-kubernetes, containerd and CRI-O; lib/cni-events/corpus/ has the real texts.
 * Each pattern starts with a literal and what follows it stops at a bounded number of words (never `.*`), so a text made of
 * one literal repeated costs each occurrence a bounded amount, not a read to the end (issue 25).
 */
export const CAUSE_RULES: readonly CauseRule[] = [
  {
    cause: "ip-range-exhausted",
    pattern: /no IP addresses available in range set: ([0-9a-f.:]+)-([0-9a-f.:]+)/i,
    facts: (m) => ({ range: [m[1] ?? "", m[2] ?? ""] }),
  },
  {
    // whereabouts AssignmentError: "Could not allocate IP in range: ip: <first> / - <last> / range: …"
    cause: "ip-range-exhausted",
    pattern: /Could not allocate IP in range: ip: ([0-9a-f.:]+) \/ - ([0-9a-f.:]+)/i,
    facts: (m) => ({ range: [m[1] ?? "", m[2] ?? ""], ipam: "whereabouts" }),
  },
  { cause: "ip-range-exhausted", pattern: /no IP addresses available/i },
  {
    cause: "ip-in-use",
    pattern: /requested IP address ([0-9a-f.:]+) is not available/i,
    facts: (m) => ({ ip: m[1] ?? "" }),
  },
  {
    cause: "ip-in-use",
    pattern: /failed to add IP addr (\S+) to "([^"]+)": address already in use/i,
    facts: (m) => ({ ip: m[1] ?? "", interface: m[2] ?? "" }),
  },
  {
    cause: "ip-in-use",
    pattern: /address already in use|IP address [0-9a-f.:]+ (?:is )?already (?:in use|allocated)/i,
  },
  {
    cause: "whereabouts-storage",
    pattern:
      /error at storage engine|waiting to become leader|IPPool \S+ (?:\S+ ){0,3}?(?:conflict|not found)|overlappingrangeipreservation/i,
    facts: () => ({ ipam: "whereabouts" }),
  },
  {
    cause: "sriov-resource",
    pattern:
      /VF pci addr is required|failed to get (?:original )?VF information|failed to find vf|SRI-?OV CNI failed to configure VF/i,
  },
  {
    cause: "sriov-resource",
    pattern: /getPodResources|PodResourcesLister|resourceName \S+ not found|no resources? (?:was |were )?allocated/i,
  },
  {
    cause: "multus-not-ready",
    pattern: /readinessindicatorfile|default network is ready|multus\.sock|failed to send CNI request/i,
  },
  {
    cause: "dhcp-unreachable",
    pattern: /error dialing DHCP daemon|dhcp\.sock/i,
    facts: () => ({ ipam: "dhcp" }),
  },
  { cause: "plugin-missing", pattern: /failed to find plugin "[^"]*"/i },
  {
    cause: "ifname-exists",
    pattern: /interface name (\S+) already exists/i,
    facts: (m) => ({ interface: m[1] ?? "" }),
  },
  {
    cause: "nad-not-found",
    pattern:
      /cannot find a network-attachment-definition|No networks found in|network-attachment-definitions?\.k8s\.cni\.cncf\.io "[^"]*" not found/i,
  },
  { cause: "master-not-found", pattern: /failed to lookup (?:master|device|link) "([^"]*)"/i, facts: dev },
  {
    cause: "master-not-found",
    pattern: /failed to create vlan device master "([^"]*)"|failed to create master interface "([^"]*)"/i,
    facts: (m) => ({ device: m[1] ?? m[2] ?? "" }),
  },
  {
    cause: "master-not-found",
    pattern:
      /failed to find host device: no net directory under pci device ([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-9a-f])/i,
    facts: dev,
  },
  { cause: "master-not-found", pattern: /failed to find (?:host )?device|Link not found|no such network interface/i },
  { cause: "device-busy", pattern: /device or resource busy|already (?:moved|in use by another)/i },
  {
    cause: "invalid-config",
    pattern:
      /invalid character|failed to (?:unmarshal|load netconf|parse)|error parsing configuration|IPAM plugin returned missing IP config|unknown FlatNetwork|missing (?:"?type"?|master)/i,
  },
  { cause: "timeout", pattern: /timed out|i\/o timeout|deadline exceeded|DeadlineExceeded|Timeout:/i },
];

/** The first rule that matches the (whitespace-collapsed) text, and the facts it carries. */
export function classify(flat: string): { cause: FailureCause; facts: Facts } {
  for (const rule of CAUSE_RULES) {
    const m = rule.pattern.exec(flat);
    if (m) return { cause: rule.cause, facts: rule.facts?.(m) ?? {} };
  }
  return { cause: "unknown", facts: {} };
}
