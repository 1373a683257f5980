import type { FindingCode } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { checkDuplicateIps } from "./checks";
import { checkAddressesInRange, checkOverlappingRanges, checkPoolUse } from "./checks-ipam";
import { checkBridgeIslands, checkParents } from "./checks-nodes";
import {
  checkIsolatingPolicies,
  checkLocalnetMappings,
  checkOverwrittenNads,
  checkUdnSubnetOverlap,
} from "./checks-ovn";
import { checkParentsBusy } from "./checks-parent-busy";
import { checkDhcpDaemon, checkSriovRequests, checkSriovResources } from "./checks-plugins";
import { checkReservations } from "./checks-reservations";
import type { BuildContext } from "./context";

/**
 * What a check looks at, which is where the incremental store runs it (lib/store/):
 * - host: one node's host, points, pods and interfaces (the networks readable too); run in each node's shard
 * - network: the networks alone; run once on them
 * - cross-host: what spans nodes (uplink-less bridges, who uses dhcp): run once on the pieces every shard hands over
 * - cluster: every interface and network; run once on all of them, or kept per address by the store's own index
 * The full build runs every check, in this file's order, on the one context it builds.
 */
export type CheckScope = "host" | "network" | "cross-host" | "cluster";
export const CHECK_SCOPES: readonly CheckScope[] = ["host", "network", "cross-host", "cluster"];

/** What a check may read besides the elements of its scope: snapshot slots the elements do not keep. */
export interface CheckInputs {
  /** the pods as objects (what their containers request): a shard's own, else every pod */
  pods: readonly KubeObject[];
  /** whereabouts IPPools, as the build takes them in (valid names, one copy each, in key order) */
  ipPools: readonly KubeObject[];
  /** whereabouts OverlappingRangeIPReservations, taken in the same way */
  ipReservations: readonly KubeObject[];
  /** every pod could be read, so a missing one proves something */
  podsComplete: boolean;
}

export interface Check {
  /** what it checks (names nothing the user sees; the finding codes do) */
  name: string;
  scope: CheckScope;
  /** the inputs it reads; `run` is given only these */
  reads: readonly (keyof CheckInputs)[];
  /** every code it may raise: each code of the catalogue's check group belongs to exactly one check */
  codes: readonly FindingCode[];
  run(ctx: BuildContext, inputs: CheckInputs): void;
  /** nothing to judge with these inputs: the store need not gather the elements of a cluster-wide check */
  idle?(inputs: CheckInputs): boolean;
  /**
   * the store keeps it per address by an index of its own (lib/store/duplicates.ts, reserved-index.ts) instead of
   * judging every interface again
   */
  perAddress?: true;
  /**
   * a cross-host check whose findings about a network read only that network, its interfaces and the points they hang
   * off: the store judges again only the networks a change touched (lib/store/cross-index.ts)
   */
  perNetwork?: true;
  /**
   * a cross-host check that reads only the dhcp networks (not rendered by the operator), their interfaces, and whether
   * some system pod and some running dhcp daemon are there: the store hands it those, not every pod (cross-index.ts)
   */
  dhcpUsers?: true;
}

/** A check whose `run` and `idle` can read only what `reads` names. */
function check<R extends keyof CheckInputs>(c: {
  name: string;
  scope: CheckScope;
  reads: readonly R[];
  codes: readonly FindingCode[];
  run(ctx: BuildContext, inputs: Pick<CheckInputs, R>): void;
  idle?(inputs: Pick<CheckInputs, R>): boolean;
  perAddress?: true;
  perNetwork?: true;
  dhcpUsers?: true;
}): Check {
  return c;
}

/** Every check beyond the wiring itself. A new finding: its catalogue entry, its check file, one line here, a test. */
export const CHECKS: readonly Check[] = [
  check({
    name: "addresses within their network's ranges",
    scope: "host",
    reads: [],
    codes: ["ip-outside-range", "ip-in-excluded-range"],
    run: checkAddressesInRange,
  }),
  check({
    name: "whereabouts pools filling up",
    scope: "network",
    reads: [],
    codes: ["ippool-nearly-full", "ippool-exhausted"],
    run: checkPoolUse,
  }),
  check({
    name: "one address reserved for two pods",
    scope: "cluster",
    reads: ["ipReservations", "ipPools"],
    codes: ["ip-reserved-twice"],
    run: (ctx, i) => checkReservations(ctx, i.ipReservations, i.ipPools),
    idle: (i) => i.ipReservations.length === 0,
    perAddress: true,
  }),
  check({
    name: "ranges of two networks overlapping",
    scope: "network",
    reads: [],
    codes: ["overlapping-ranges"],
    run: checkOverlappingRanges,
  }),
  check({
    name: "parent devices down or with a smaller MTU",
    scope: "host",
    reads: [],
    codes: ["master-down", "mtu-exceeds-parent"],
    run: checkParents,
  }),
  check({
    name: "macvlan or ipvlan masters another handler already holds",
    scope: "host",
    reads: [],
    codes: ["parent-device-busy"],
    run: checkParentsBusy,
  }),
  check({
    name: "one bridge network split into islands across hosts",
    scope: "cross-host",
    reads: [],
    codes: ["bridge-island-split"],
    run: checkBridgeIslands,
    perNetwork: true,
  }),
  check({
    name: "dhcp IPAM without a dhcp daemon",
    scope: "cross-host",
    reads: ["podsComplete"],
    codes: ["dhcp-daemon-missing"],
    run: (ctx, i) => checkDhcpDaemon(ctx, i.podsComplete),
    dhcpUsers: true,
  }),
  check({
    name: "SR-IOV network without a resource name",
    scope: "network",
    reads: [],
    codes: ["sriov-resource-missing"],
    run: checkSriovResources,
  }),
  check({
    name: "SR-IOV interface whose pod requests no VF",
    scope: "host",
    reads: ["pods"],
    codes: ["sriov-resource-not-requested"],
    run: (ctx, i) => checkSriovRequests(ctx, i.pods),
  }),
  check({
    name: "MultiNetworkPolicy cutting pods off on a network",
    scope: "network",
    reads: [],
    codes: ["policy-isolates"],
    run: checkIsolatingPolicies,
  }),
  check({
    name: "NAD rendered from a UDN edited behind its owner",
    scope: "network",
    reads: [],
    codes: ["udn-nad-overwritten"],
    run: checkOverwrittenNads,
  }),
  check({
    name: "UDN subnets overlapping another network's",
    scope: "network",
    reads: [],
    codes: ["udn-subnet-overlap"],
    run: checkUdnSubnetOverlap,
  }),
  check({
    name: "localnet pod on a node without its bridge mapping",
    scope: "host",
    reads: [],
    codes: ["localnet-no-bridge-mapping"],
    run: checkLocalnetMappings,
  }),
  check({
    name: "one address used twice on a network",
    scope: "cluster",
    reads: [],
    codes: ["duplicate-ip"],
    run: checkDuplicateIps,
    perAddress: true,
  }),
];

/** The checks of one scope, in registry order. */
export const checksOf = (scope: CheckScope): Check[] => CHECKS.filter((c) => c.scope === scope);

/** Runs the checks of one scope on a context holding what that scope reads. */
export function runChecks(scope: CheckScope, ctx: BuildContext, inputs: CheckInputs): void {
  for (const c of CHECKS) if (c.scope === scope) c.run(ctx, inputs);
}
