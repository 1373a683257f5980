import { compareCodePoints } from "../compare";
import type { Finding, NetworkElement } from "../contract/schema";
import { type CheckInputs, checksOf } from "../topology/check-registry";
import { BuildContext } from "../topology/context";
import type { AddressedInterface } from "./shard";
import { work } from "./work";

/**
 * The cluster-wide checks (scope "cluster") judged from scratch, on a context holding the networks and every
 * interface in the full build's order (pods by key, then each pod's own order), so their findings read the same.
 * A check kept per address by the store's own index (duplicates.ts) is not run here; one with nothing to judge
 * (`idle`, e.g. no reservations at all) costs nothing, not even gathering the interfaces.
 */
export function clusterFindings(
  networks: readonly NetworkElement[],
  interfaces: () => Iterable<readonly AddressedInterface[]>,
  inputs: CheckInputs,
): Finding[] {
  const checks = checksOf("cluster").filter((c) => !c.perAddress && !c.idle?.(inputs));
  if (checks.length === 0) return [];
  const ctx = new BuildContext();
  for (const n of networks) ctx.add(n);
  const all = [...interfaces()].flat();
  work.clusterInterfaces += all.length;
  all.sort((a, b) => compareCodePoints(a.podKey, b.podKey) || a.seq - b.seq);
  for (const { element } of all) ctx.add(element);
  for (const c of checks) c.run(ctx, inputs);
  return ctx.findings;
}

/** The cluster-wide checks' findings as last judged, and whether judging them again changed them. */
export class ClusterNotes {
  findings: Finding[] = [];
  private json = "[]";

  settle(...args: Parameters<typeof clusterFindings>): boolean {
    this.findings = clusterFindings(...args);
    const json = JSON.stringify(this.findings);
    const changed = json !== this.json;
    this.json = json;
    return changed;
  }
}
