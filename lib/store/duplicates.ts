import { compareCodePoints } from "../compare";
import type { Finding } from "../contract/schema";
import { addressKey } from "../net/ip";
import { duplicateIpFinding, oneVmMigrating } from "../topology/checks";
import type { AddressedInterface } from "./shard";

interface Use {
  at: AddressedInterface;
  ip: string;
  /** the address's place in the interface's list */
  n: number;
  shard: string;
  /** the address on its network (`network|family|value`): what its users are filed under */
  key: string;
}

const order = (a: Use, b: Use): number =>
  compareCodePoints(a.at.podKey, b.at.podKey) || a.at.seq - b.at.seq || a.n - b.n;

/**
 * The duplicate-IP check of the full build (checkDuplicateIps), kept per address: a shard's interfaces come
 * and go, and only the addresses they touch are judged again. The first user in the full build's order is
 * the one every other is reported against, exactly as there. Nearly every address has one user: it is held as that
 * user alone, no list or holder of its own (150,000 pods' ~230,000 addresses at the maximum, all kept by the
 * collector); a list once a second comes, from any shard.
 */
export class DuplicateIndex {
  private readonly uses = new Map<string, Use | Use[]>();
  /** each shard's uses (one address twice when two of its interfaces share it) */
  private readonly byShard = new Map<string, Use[]>();
  private readonly found = new Map<string, Finding[]>();
  private readonly dirty = new Set<string>();

  /** Replaces what one shard contributes. */
  replace(shard: string, interfaces: readonly AddressedInterface[]): void {
    for (const { key } of this.byShard.get(shard) ?? []) {
      const per = this.uses.get(key);
      if (Array.isArray(per)) {
        const rest = per.filter((u) => u.shard !== shard);
        const [only, second] = rest;
        if (!only) this.uses.delete(key);
        else this.uses.set(key, second ? rest : only);
      } else if (per?.shard === shard) this.uses.delete(key);
      this.dirty.add(key);
    }
    const mine: Use[] = [];
    for (const at of interfaces) {
      const el = at.element;
      if (el.isDefault || !el.attached) continue;
      let n = -1;
      for (const ip of el.ips) {
        n++;
        const addr = addressKey(ip);
        if (!addr) continue;
        const use: Use = { at, ip, n, shard, key: `${el.network}|${addr}` };
        const per = this.uses.get(use.key);
        if (per === undefined) this.uses.set(use.key, use);
        else if (Array.isArray(per)) per.push(use);
        else this.uses.set(use.key, [per, use]);
        mine.push(use);
        this.dirty.add(use.key);
      }
    }
    if (mine.length) this.byShard.set(shard, mine);
    else this.byShard.delete(shard);
  }

  /** Judges the addresses touched since the last call; returns whether any finding changed. */
  settle(): boolean {
    let changed = false;
    for (const key of this.dirty) {
      const per = this.uses.get(key);
      if (!Array.isArray(per)) {
        // One user of the address (nearly all of them), or none: nothing to sort, no finding.
        if (this.found.delete(key)) changed = true;
        continue;
      }
      // a total order (one pod, one shard): the list's own order, which shard came first, does not matter
      const all = [...per].sort(order);
      const [first] = all;
      const findings: Finding[] =
        first && all.length > 1 && !oneVmMigrating(all.map((u) => u.at.migratingVm))
          ? [
              duplicateIpFinding(
                first.ip,
                all.map((u) => u.at.element),
              ),
            ]
          : [];
      if (this.found.has(key) || findings.length) changed = true;
      if (findings.length) this.found.set(key, findings);
      else this.found.delete(key);
    }
    this.dirty.clear();
    return changed;
  }

  findings(): Finding[] {
    return [...this.found.values()].flat();
  }
}
