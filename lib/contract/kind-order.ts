import type { TopologyElement } from "./schema";

/** Parents before children (what React Flow needs); the full build, the incremental store and the browser's view state all sort by it. */
export const KIND_ORDER: Record<TopologyElement["kind"], number> = {
  host: 0,
  bridge: 1,
  "macvlan-parent": 1,
  "ipvlan-parent": 1,
  "vlan-parent": 1,
  "host-device": 1,
  "sriov-pf": 1,
  "ovn-switch": 1,
  pod: 2,
  interface: 3,
  network: 4,
  workload: 5,
};
