"use client";

import { useMemo } from "react";
import type { Topology } from "@/lib/contract/schema";
import { clusterOverview } from "@/lib/overview/cluster-overview";
import type { ClusterOverview } from "@/lib/overview/schema";

/**
 * The overview of what is on screen. Today it is computed from the topology the client holds; the matrix only ever
 * sees a ClusterOverview, so this hook is the one place to swap for a server-computed aggregate.
 */
export function useClusterOverview(topology: Topology | null): ClusterOverview | null {
  return useMemo(() => (topology ? clusterOverview(topology) : null), [topology]);
}
