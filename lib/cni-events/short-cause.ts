import type { FailureCause } from "./schema";

/**
 * A failure's cause in a word or two: what fits on one line of an interface box at any zoom (14 characters at most).
 * The box shows this; its summary (`summarize`) goes on hover and in the details, where there is room for it.
 */
const SHORT: Record<FailureCause, string> = {
  "ip-range-exhausted": "IP range full",
  "ip-in-use": "IP in use",
  "whereabouts-storage": "IP pool error",
  "master-not-found": "master missing",
  "device-busy": "device busy",
  "ifname-exists": "name taken",
  "plugin-missing": "no CNI plugin",
  "nad-not-found": "NAD missing",
  "invalid-config": "bad CNI config",
  "dhcp-unreachable": "no DHCP daemon",
  "sriov-resource": "no SR-IOV VF",
  "multus-not-ready": "Multus not up",
  timeout: "timed out",
  unknown: "sandbox failed",
};

export const shortCause = (cause: FailureCause): string => SHORT[cause];
