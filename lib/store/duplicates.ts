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
}

const order = (a: Use, b: Use): number =>
  compareCodePoints(a.at.podKey, b.at.podKey) || a.at.seq - b.at.seq || a.n - b.n;

/**
 * The duplicate-IP check of the full build (checkDuplicateIps), kept per address: a shard's interfaces come
 * and go, and only the addresses they touch are judged again. The first user in the full build's order is
 * the one every other is reported against, exactly as there.
 */
/** An address's users by shard: nearly every address has one shard's, held without a map of its own (20k at 20k pods). */
type PerShard = { shard: string; list: Use[] } | Map<string, Use[]>;

export class DuplicateIndex {
  private readonly uses = new Map<string, PerShard>();
  /** each shard's addresses (one twice when two of its interfaces share it: a list, no set of 40 per shard to hash) */
  private readonly byShard = new Map<string, string[]>();
  private readonly found = new Map<string, Finding[]>();
  private readonly dirty = new Set<string>();

  /** Replaces what one shard contributes. */
  replace(shard: string, interfaces: readonly AddressedInterface[]): void {
    for (const key of this.byShard.get(shard) ?? []) {
      const per = this.uses.get(key);
      if (per instanceof Map) per.delete(shard);
      else if (per?.shard === shard) this.uses.delete(key);
      this.dirty.add(key);
    }
    const keys: string[] = [];
    for (const at of interfaces) {
      const el = at.element;
      if (el.isDefault || !el.attached) continue;
      let n = -1;
      for (const ip of el.ips) {
        n++;
        const addr = addressKey(ip);
        if (!addr) continue;
        const key = `${el.network}|${addr}`;
        this.listOf(key, shard).push({ at, ip, n });
        keys.push(key);
        this.dirty.add(key);
      }
    }
    if (keys.length) this.byShard.set(shard, keys);
    else this.byShard.delete(shard);
  }

  /** The list of one shard's users of an address, made when first asked for (a map once a second shard uses it). */
  private listOf(key: string, shard: string): Use[] {
    const per = this.uses.get(key);
    const list: Use[] = [];
    if (per === undefined) this.uses.set(key, { shard, list });
    else if (!(per instanceof Map)) {
      if (per.shard === shard) return per.list;
      this.uses.set(
        key,
        new Map([
          [per.shard, per.list],
          [shard, list],
        ]),
      );
    } else {
      const had = per.get(shard);
      if (had) return had;
      per.set(shard, list);
    }
    return list;
  }

  /** Judges the addresses touched since the last call; returns whether any finding changed. */
  settle(): boolean {
    let changed = false;
    for (const key of this.dirty) {
      const per = this.uses.get(key);
      if (per !== undefined && !(per instanceof Map) && per.list.length === 1) {
        // One user of the address (nearly all of them): nothing to sort, no finding.
        if (this.found.delete(key)) changed = true;
        continue;
      }
      const all = per === undefined ? [] : per instanceof Map ? [...per.values()].flat().sort(order) : [...per.list];
      if (per instanceof Map && per.size === 0) this.uses.delete(key);
      else if (!(per instanceof Map)) all.sort(order);
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
