import type { ClusterOverview, OverviewHost, ProblemCounts } from "@/lib/overview/schema";

/** Sizes of the matrix, in CSS pixels: text sits in them at 11–12 px, never scaled. */
export const ROW_HEIGHT = 28;
export const HOST_COLUMN = 240;
export const NETWORK_COLUMN = 44;

export type HostOrder = "name" | "problems" | "pods";

const weight = (p: ProblemCounts) => p.error * 1_000_000 + p.warning * 1_000 + p.info;

/** Hosts in the order the admin asked for; ties keep name order. */
export function orderHosts(overview: ClusterOverview, order: HostOrder): OverviewHost[] {
  if (order === "name") return overview.hosts;
  const key = order === "pods" ? (h: OverviewHost) => h.pods : (h: OverviewHost) => weight(h.problems);
  return [...overview.hosts].sort((a, b) => key(b) - key(a));
}

export const cellKey = (host: string, network: string) => `${host} ${network}`;
