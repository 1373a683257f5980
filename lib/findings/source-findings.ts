import type { FindingInfo } from "./info";

/** Findings about the source itself: what it could not read, so absence proves nothing. */
export const sourceFindings = {
  "feature-absent": {
    severity: ["info"],
    title: "Feature not installed",
    meaning:
      "An API the picture draws on (Multus, NodeNetworkState, whereabouts, the OpenShift network operator) is not installed in this cluster, so that part is inferred or not shown.",
    fix: "Nothing, if the cluster does not use it; otherwise install it (e.g. the kubernetes-nmstate operator for observed node links).",
  },
  "source-degraded": {
    severity: ["warning"],
    title: "Part of the cluster unreadable",
    meaning:
      "The source could not list or watch one kind (forbidden, or the API failed), so that part of the picture is missing or stale.",
    fix: "Grant the identity list and watch on the kind named in the message (see deploy/ for the reader role), or restrict Plumbline to readable namespaces with PLUMBLINE_NAMESPACES.",
  },
} as const satisfies Record<string, FindingInfo>;
