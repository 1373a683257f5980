import { compareCodePoints } from "../compare";
import type { Finding } from "../contract/schema";
import { addressOf } from "../net/ip";
import { duplicateIpFinding, oneVmMigrating } from "../topology/checks";
import type { AddressedInterface } from "./shard";

interface Use {
  at: AddressedInterface;
  ip: string;
  /** the address's place in the interface's list */
  n: number;
}

const order = (a: Use, b: Use): number =>
  compareCodePoints(a.at.podKey, b.at.podKey) || a.at.seq - b.at.seq || a.n - b.n;

/**
 * The duplicate-IP check of the full build (checkDuplicateIps), kept per address: a shard's interfaces come
 * and go, and only the addresses they touch are judged again. The first user in the full build's order is
 * the one every other is reported against, exactly as there.
 */
export class DuplicateIndex {
  private readonly uses = new Map<string, Map<string, Use[]>>();
  private readonly byShard = new Map<string, Set<string>>();
  private readonly found = new Map<string, Finding[]>();
  private readonly dirty = new Set<string>();

  /** Replaces what one shard contributes. */
  replace(shard: string, interfaces: readonly AddressedInterface[]): void {
    for (const key of this.byShard.get(shard) ?? []) {
      this.uses.get(key)?.delete(shard);
      this.dirty.add(key);
    }
    const keys = new Set<string>();
    for (const at of interfaces) {
      const el = at.element;
      if (el.isDefault || !el.attached) continue;
      for (const [n, ip] of el.ips.entries()) {
        const addr = addressOf(ip);
        if (!addr) continue;
        const key = `${el.network}|${addr.family}|${addr.value}`;
        const perShard = this.uses.get(key) ?? new Map<string, Use[]>();
        this.uses.set(key, perShard);
        const list = perShard.get(shard) ?? [];
        perShard.set(shard, list);
        list.push({ at, ip, n });
        keys.add(key);
        this.dirty.add(key);
      }
    }
    if (keys.size) this.byShard.set(shard, keys);
    else this.byShard.delete(shard);
  }

  /** Judges the addresses touched since the last call; returns whether any finding changed. */
  settle(): boolean {
    let changed = false;
    for (const key of this.dirty) {
      const perShard = this.uses.get(key);
      const [only, ...others] = perShard?.values() ?? [];
      if (only?.length === 1 && others.length === 0) {
        // One user of the address (nearly all of them): nothing to sort, no finding.
        if (this.found.delete(key)) changed = true;
        continue;
      }
      const all = perShard ? [...perShard.values()].flat().sort(order) : [];
      if (perShard && perShard.size === 0) this.uses.delete(key);
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
