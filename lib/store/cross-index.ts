import type { Finding, NetworkElement } from "../contract/schema";
import { type CheckInputs, checksOf } from "../topology/check-registry";
import { isDhcpDaemon, isSystemPod } from "../topology/checks-plugins";
import { type CrossFragment, crossHostFindings } from "./cross-checks";
import { work } from "./work";

const PER_NETWORK = checksOf("cross-host").filter((c) => c.perNetwork);
const WHOLE = checksOf("cross-host").filter((c) => !c.perNetwork);
/** every check run on all fragments reads only the dhcp networks' and a witness of each kind of pod it asks about */
const DHCP_USERS = WHOLE.every((c) => c.dhcpUsers);

/** A shard's first fragment of a system pod and of a running dhcp daemon (what the dhcp check asks of every pod). */
interface Witnesses {
  system?: CrossFragment;
  daemon?: CrossFragment;
}

function witnessesOf(fragments: readonly CrossFragment[]): Witnesses {
  const w: Witnesses = {};
  for (const f of fragments) {
    const pod = f.elements[0];
    if (!pod) continue;
    if (!w.system && isSystemPod(pod)) w.system = f;
    if (!w.daemon && isDhcpDaemon(pod)) w.daemon = f;
    if (w.system && w.daemon) break;
  }
  return w;
}

/**
 * A shard's fragments by network, with their JSON (what tells a change from a rebuild that changed nothing here), made
 * when first compared: a network new to the shard differs without it (a cold start compared none of its 500 shards').
 */
type Group = { fragments: CrossFragment[]; json?: string };
type Groups = Map<string, Group>;

function groupsOf(fragments: readonly CrossFragment[]): Groups {
  const groups: Groups = new Map();
  for (const f of fragments) {
    const group = groups.get(f.network);
    if (group) group.fragments.push(f);
    else groups.set(f.network, { fragments: [f] });
  }
  return groups;
}

/** The group's JSON, made once (a built shard's fragments never change). */
function jsonOf(group: Group): string {
  group.json ??= JSON.stringify(group.fragments);
  return group.json;
}

/** Whether a network's fragments of one shard differ between two builds of it (or one is missing). */
const differ = (b: Group | undefined, n: Group | undefined): boolean =>
  b === undefined || n === undefined ? b !== n : jsonOf(b) !== jsonOf(n);

/**
 * The cross-host checks kept by network: each shard's fragments are filed by the network they are about, and a check
 * whose findings about a network read only that network's fragments (`perNetwork`: islands split over hosts) is run
 * again only on the networks whose fragments or element changed, so one pod's change costs its networks, not every
 * uplink-less bridge of the cluster. The others (dhcp without a daemon, which asks whether any pod anywhere is the
 * daemon) are run on every fragment, and only while a dhcp network is there to judge.
 */
export class CrossIndex {
  /** network id → shard name → that shard's fragments about it */
  private readonly byNetwork = new Map<string, Map<string, CrossFragment[]>>();
  private readonly groups = new Map<string, Groups>();
  /** each shard's witnesses, when it has any */
  private readonly witnesses = new Map<string, Witnesses>();
  private readonly dirty = new Set<string>();
  /** network id → the per-network checks' findings about it, and their JSON */
  private readonly found = new Map<string, { findings: Finding[]; json: string }>();
  private whole: { findings: Finding[]; json: string } = { findings: [], json: "[]" };
  private wholeDirty = false;
  private all: Finding[] | null = [];

  /** Files a rebuilt (or removed: undefined) shard's fragments; the networks whose fragments differ are judged again. */
  replace(shard: string, next: readonly CrossFragment[] | undefined): void {
    const before: Groups = this.groups.get(shard) ?? new Map();
    const now = groupsOf(next ?? []);
    if (now.size > 0) this.groups.set(shard, now);
    else this.groups.delete(shard);
    const w = witnessesOf(next ?? []);
    if (w.system || w.daemon) this.witnesses.set(shard, w);
    else this.witnesses.delete(shard);
    for (const net of new Set([...before.keys(), ...now.keys()])) {
      const b = before.get(net);
      const n = now.get(net);
      if (!differ(b, n)) continue;
      this.dirty.add(net);
      this.wholeDirty = true;
      const shards = this.byNetwork.get(net) ?? new Map<string, CrossFragment[]>();
      if (n) shards.set(shard, n.fragments);
      else shards.delete(shard);
      if (shards.size > 0) this.byNetwork.set(net, shards);
      else this.byNetwork.delete(net);
    }
  }

  /** These networks' elements changed (or every network: `all`), or the checks' inputs did: judged again. */
  touch(networks: Iterable<string> | "all"): void {
    if (networks === "all") this.wholeDirty = true;
    for (const id of networks === "all" ? [...this.byNetwork.keys(), ...this.found.keys()] : networks) {
      this.dirty.add(id);
      this.wholeDirty = true;
    }
  }

  /** Judges what changed again; true when a finding changed. `dhcp`: a dhcp network is there (else WHOLE finds nothing). */
  settle(networks: readonly NetworkElement[], inputs: CheckInputs, dhcp: boolean): boolean {
    let changed = false;
    if (this.dirty.size > 0) {
      const byId = new Map(networks.map((n) => [n.id, n]));
      for (const id of this.dirty) changed = this.judge(id, byId.get(id), inputs) || changed;
      this.dirty.clear();
    }
    if (this.wholeDirty) {
      this.wholeDirty = false;
      const fragments = dhcp && WHOLE.length > 0 ? this.wholeFragments(networks) : [];
      work.crossFragments += fragments.length;
      const findings = fragments.length > 0 ? crossHostFindings(networks, fragments, inputs, WHOLE) : [];
      const json = JSON.stringify(findings);
      if (json !== this.whole.json) changed = true;
      this.whole = { findings, json };
    }
    if (changed) this.all = null;
    return changed;
  }

  /**
   * What the checks run on all fragments read: with only the dhcp check among them, the fragments of the dhcp networks
   * it judges and one fragment of a system pod and of a running daemon (whether any is there), not every pod's.
   */
  private wholeFragments(networks: readonly NetworkElement[]): CrossFragment[] {
    const every = (ids: Iterable<string>) =>
      [...ids].flatMap((id) => [...(this.byNetwork.get(id)?.values() ?? [])].flat());
    if (!DHCP_USERS) return every(this.byNetwork.keys());
    const out = every(networks.filter((n) => n.ipam?.type === "dhcp" && !n.managedBy).map((n) => n.id));
    const system = [...this.witnesses.values()].find((w) => w.system)?.system;
    const daemon = [...this.witnesses.values()].find((w) => w.daemon)?.daemon;
    for (const f of [system, daemon]) if (f) out.push(f);
    return out;
  }

  private judge(id: string, net: NetworkElement | undefined, inputs: CheckInputs): boolean {
    const fragments = [...(this.byNetwork.get(id)?.values() ?? [])].flat();
    work.crossFragments += fragments.length;
    const findings = net && fragments.length > 0 ? crossHostFindings([net], fragments, inputs, PER_NETWORK) : [];
    const json = JSON.stringify(findings);
    const was = this.found.get(id);
    if ((was?.json ?? "[]") === json) return false;
    if (findings.length > 0) this.found.set(id, { findings, json });
    else this.found.delete(id);
    return true;
  }

  /** Every cross-host finding: each network's, then those judged over every fragment. */
  findings(): Finding[] {
    this.all ??= [...[...this.found.values()].flatMap((f) => f.findings), ...this.whole.findings];
    return this.all;
  }
}
