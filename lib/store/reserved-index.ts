import { compareCodePoints } from "../compare";
import type { Finding } from "../contract/schema";
import { boundMessage } from "../findings/bound-message";
import type { KubeObject } from "../k8s/objects";
import { heldAddresses, reservedTwice, reservedTwiceMessage } from "../topology/checks-reservations";
import type { AddressedInterface } from "./shard";
import { work } from "./work";

/** Each shard's interfaces, as the store holds them now: read whole only when an address comes to be reserved twice. */
type ShardInterfaces = () => Iterable<readonly [string, readonly AddressedInterface[]]>;

/** The store's intakes the reservation check reads, listed in the build's order. */
interface Listed {
  reservations: { sorted(): readonly KubeObject[] };
  pools: { sorted(): readonly KubeObject[] };
}

/**
 * The check of one address reserved for two pods (checkReservations) kept by parts. Which addresses are reserved
 * twice is judged from the reservations and pools alone, when they change (`reserve`); the interfaces holding those
 * addresses are kept by shard, and a rebuilt shard's are looked at again (`replace`): a pod's change costs its
 * shard's interfaces, not every interface of the cluster. The findings are those of the full build: one per address
 * in its order, naming the interfaces holding it in the full build's order (pods by key, then each pod's own).
 */
export class ReservedIndex {
  /** address → who holds it, in the findings' order (reservedTwice) */
  private twice = new Map<string, string>();
  /** the interfaces holding each address reserved twice, by shard (every such address has its map) */
  private readonly users = new Map<string, Map<string, AddressedInterface[]>>();
  /** the addresses reserved twice that each shard's interfaces hold */
  private readonly byShard = new Map<string, string[]>();
  private found: Finding[] = [];
  private json = "[]";
  private dirty = false;
  /** the reservations or pools changed since the last `settle`: which addresses are reserved twice is judged again */
  stale = true;

  /** Replaces what one shard's interfaces hold of the addresses reserved twice. */
  replace(shard: string, interfaces: readonly AddressedInterface[]): void {
    for (const ip of this.byShard.get(shard) ?? []) {
      this.users.get(ip)?.delete(shard);
      this.dirty = true;
    }
    this.byShard.delete(shard);
    // nothing reserved twice (nearly always): no interface is looked at
    if (this.twice.size === 0) return;
    work.clusterInterfaces += interfaces.length;
    const held: string[] = [];
    for (const at of interfaces) {
      for (const ip of heldAddresses(at.element)) {
        const per = this.users.get(ip);
        if (!per) continue;
        const list = per.get(shard);
        if (list) list.push(at);
        else per.set(shard, [at]);
        if (!held.includes(ip)) held.push(ip);
      }
    }
    if (held.length === 0) return;
    this.byShard.set(shard, held);
    this.dirty = true;
  }

  /**
   * Takes the addresses reserved twice now. An address that came to be
   * reserved twice is looked for in every shard (a reservation's or pool's change, not a pod's); one that went is let go.
   */
  private reserve(twice: Map<string, string>, shards: ShardInterfaces): void {
    const was = this.twice;
    this.twice = twice;
    if (twice.size !== was.size || [...twice].some(([ip, who]) => was.get(ip) !== who)) this.dirty = true;
    for (const ip of was.keys()) if (!twice.has(ip)) this.users.delete(ip);
    const came = [...twice.keys()].filter((ip) => !was.has(ip));
    if (came.length === 0) return;
    for (const ip of came) this.users.set(ip, new Map());
    this.byShard.clear();
    for (const per of this.users.values()) per.clear();
    for (const [name, interfaces] of shards()) this.replace(name, interfaces);
  }

  /**
   * Judges again which addresses are reserved twice if `stale` (listing the reservations and pools), then the findings
   * if anything they read changed; returns whether they changed.
   */
  settle(inputs: Listed, shards: ShardInterfaces): boolean {
    if (this.stale) this.reserve(reservedTwice(inputs.reservations.sorted(), inputs.pools.sorted()), shards);
    this.stale = false;
    if (!this.dirty) return false;
    this.dirty = false;
    this.found = [...this.twice].map(([ip, who]): Finding => {
      const all = [...(this.users.get(ip)?.values() ?? [])].flat();
      all.sort((a, b) => compareCodePoints(a.podKey, b.podKey) || a.seq - b.seq);
      const elements = all.map((u) => u.element.id);
      return {
        severity: "error",
        code: "ip-reserved-twice",
        message: boundMessage(reservedTwiceMessage(ip, who)),
        elements,
      };
    });
    const json = JSON.stringify(this.found);
    const changed = json !== this.json;
    this.json = json;
    return changed;
  }

  findings(): Finding[] {
    return this.found;
  }
}
