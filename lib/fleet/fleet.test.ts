import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseObjects } from "@/lib/k8s/read-objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { buildTopology } from "@/lib/topology/build";
import { nad } from "@/testing/fixtures/objects";
import { clusterFromTopology } from "./cluster-input";
import { buildFleet } from "./fleet";
import type { FleetCluster, FleetNetwork } from "./schema";

const corpus = (file: string) => {
  const full = path.resolve(import.meta.dirname, "../__corpus__", file);
  return parseObjects(readFileSync(full, "utf8"), full);
};

const live = (context: string, objects: unknown[], known: FleetCluster["known"] = "all"): FleetCluster =>
  clusterFromTopology(
    { context, label: `https://${context}.example:6443`, state: "live", known },
    buildTopology(snapshotFromObjects(objects, context)),
  );

const down = (context: string): FleetCluster => ({
  context,
  label: `https://${context}.example:6443`,
  state: "unreachable",
  reason: "list network-attachment-definitions in all namespaces: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:6443",
  known: "all",
  networks: [],
  wants: [],
  totals: { pods: 0, findings: { error: 0, warning: 0, info: 0 } },
});

const deployment = (name: string, networks: string, namespace = "cnf") => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace, uid: `uid-${name}` },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name }, annotations: { "k8s.v1.cni.cncf.io/networks": networks } } },
  },
});

describe("fleet: drift between clusters", () => {
  // Two published NADs named macvlan-conf: Multus's quickstart (docs/quickstart.md: host-local on eth0) and its
  // examples/macvlan-pod.yml (a macvlan + tuning conflist with static IPAM), both at commit 95a0932.
  it("finds the real-world drift of macvlan-conf between Multus's quickstart and its example", () => {
    const fleet = buildFleet([
      live("east", corpus("multus-docs/quickstart-macvlan-conf.yaml")),
      live("west", corpus("multus-docs/examples-macvlan-pod.yaml")),
    ]);
    const row = fleet.rows.find((r) => r.key === "default/macvlan-conf");
    expect(row?.variants).toBe(2);
    expect(row?.cells.map((c) => c.kind)).toEqual(["present", "present"]);
    expect(row?.differences).toContain('plugins[0].ipam.type: "host-local" on east; "static" on west');
    expect(row?.differences).toContain('plugins[1].type: (none) on east; "tuning" on west');
    const drift = fleet.findings.filter((f) => f.code === "fleet-network-drift");
    expect(drift).toHaveLength(1);
    expect(drift[0]?.message).toMatch(/^network default\/macvlan-conf has 2 different configs on east, west: /);
    expect(drift[0]?.clusters).toEqual(["east", "west"]);
  });

  it("takes key order and whitespace for no difference", () => {
    const a = nad(
      "data",
      '{"cniVersion":"0.3.1","type":"macvlan","master":"ens9","ipam":{"type":"whereabouts","range":"10.9.0.0/24"}}',
      { namespace: "cnf" },
    );
    const b = nad(
      "data",
      '{ "ipam": { "range": "10.9.0.0/24", "type": "whereabouts" },\n "master": "ens9", "type": "macvlan", "cniVersion": "0.3.1" }',
      { namespace: "cnf" },
    );
    const fleet = buildFleet([live("east", [a]), live("west", [b])]);
    expect(fleet.rows[0]?.variants).toBe(1);
    expect(fleet.findings.filter((f) => f.code === "fleet-network-drift")).toEqual([]);
  });

  it("says which clusters lack a network a workload asks for, and that an unreachable one is unknown", () => {
    const data = nad("data", { cniVersion: "0.3.1", type: "macvlan", master: "ens9" }, { namespace: "cnf" });
    const fleet = buildFleet([live("east", [data, deployment("app", "data")]), live("west", []), down("lab")]);
    const row = fleet.rows.find((r) => r.key === "cnf/data");
    expect(row?.cells.map((c) => c.kind)).toEqual(["present", "absent", "unknown"]);
    const missing = fleet.findings.filter((f) => f.code === "fleet-network-missing");
    expect(missing.map((f) => f.message)).toEqual([
      "west has no network cnf/data, which Deployment cnf/app on east asks for; not known on lab",
    ]);
    expect(missing[0]?.clusters).toEqual(["west"]);
    const unknown = fleet.findings.filter((f) => f.code === "fleet-cluster-unknown");
    expect(unknown[0]?.message).toMatch(
      /^context lab is unreachable \(list network-attachment-definitions .*ECONNREFUSED/,
    );
  });

  it("never says a namespace the identity may not list lacks a network", () => {
    const data = nad("data", { cniVersion: "0.3.1", type: "macvlan", master: "ens9" }, { namespace: "cnf" });
    const fleet = buildFleet([live("east", [data, deployment("app", "data")]), live("lab", [], ["team-a"])]);
    const cell = fleet.rows.find((r) => r.key === "cnf/data")?.cells[1];
    expect(cell).toEqual({
      kind: "unknown",
      why: "context lab may not list network-attachment-definitions in namespace cnf",
    });
    expect(fleet.findings.filter((f) => f.code === "fleet-network-missing")).toEqual([]);
  });

  it("finds ranges that overlap across clusters on the same kind of segment, not on another VLAN", () => {
    const net = (name: string, range: string, vlan?: number) =>
      nad(
        name,
        {
          cniVersion: "0.3.1",
          type: "bridge",
          bridge: "br-data",
          ...(vlan ? { vlan } : {}),
          ipam: { type: "whereabouts", range },
        },
        { namespace: "cnf" },
      );
    const fleet = buildFleet([
      live("east", [net("a", "10.9.0.0/24"), net("v", "10.7.0.0/24", 100)]),
      live("west", [net("b", "10.9.0.128/25"), net("w", "10.7.0.0/24", 200)]),
    ]);
    const overlap = fleet.findings.filter((f) => f.code === "fleet-overlapping-ranges");
    expect(overlap.map((f) => f.message)).toEqual([
      "bridge on br-data: ranges overlap across clusters (cnf/a 10.9.0.0/24 on east and cnf/b 10.9.0.128/25 on west); each cluster allocates alone, so on a shared segment one address can go to two pods",
    ]);
  });

  it("groups networks by what they are, whatever their names", () => {
    const cfg = {
      cniVersion: "0.3.1",
      type: "bridge",
      bridge: "br-data",
      vlan: 30,
      ipam: { type: "whereabouts", range: "10.30.0.0/24" },
    };
    const fleet = buildFleet([
      live("east", [nad("data", cfg, { namespace: "cnf" })]),
      live("west", [nad("data-30", cfg, { namespace: "telco" })]),
      down("lab"),
    ]);
    const kind = fleet.kinds.find((k) => k.link === "br-data");
    expect(kind).toMatchObject({ type: "bridge", vlan: 30, ranges: ["10.30.0.0/24"] });
    expect(kind?.cells).toEqual([["cnf/data"], ["telco/data-30"], null]);
  });
});

// ---------- properties ----------

const name = fc.constantFrom("data", "ctl", "storage", "oam");
const namespace = fc.constantFrom("cnf", "telco");
const network = fc.record({
  namespace,
  name,
  type: fc.constantFrom("macvlan", "bridge", "sriov"),
  link: fc.constantFrom("ens9", "br0"),
  vlan: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  ranges: fc.array(fc.constantFrom("10.0.0.0/24", "10.0.0.128/25", "10.1.0.0/24 10.1.0.10-10.1.0.20"), {
    maxLength: 2,
  }),
  config: fc.constantFrom('{"a":1}', '{"a":2}', '{"b":1}'),
  pods: fc.nat(5),
});
const cluster = (context: string) =>
  fc
    .record({
      state: fc.constantFrom("live", "live", "stale", "unreachable", "forbidden"),
      known: fc.oneof(fc.constant<"all">("all"), fc.subarray(["cnf", "telco"])),
      networks: fc.uniqueArray(network, { selector: (n) => `${n.namespace}/${n.name}`, maxLength: 6 }),
      wants: fc.array(
        fc.record({
          workload: fc.constant("Deployment cnf/app"),
          network: fc.constantFrom("cnf/data", "telco/oam", "cnf/gone"),
        }),
        { maxLength: 2 },
      ),
    })
    .map(
      (c): FleetCluster => ({
        ...c,
        context,
        label: context,
        networks: c.networks.map(
          (n): FleetNetwork => ({ ...n, id: `${n.namespace}/${n.name}`, problems: { error: 0, warning: 0, info: 0 } }),
        ),
        totals: { pods: 0, findings: { error: 0, warning: 0, info: 0 } },
      }),
    );
const fleetOf = fc.tuple(cluster("a"), cluster("b"), cluster("c"), cluster("d"));

describe("fleet: properties", () => {
  it("a cluster that is not live, or a namespace it may not list, is never absent", () => {
    fc.assert(
      fc.property(fleetOf, (clusters) => {
        const fleet = buildFleet(clusters);
        for (const row of fleet.rows)
          row.cells.forEach((cell, i) => {
            const c = clusters[i];
            if (!c || cell.kind !== "absent") return;
            expect(c.state).toBe("live");
            if (c.known !== "all") expect(c.known).toContain(row.namespace);
          });
        for (const f of fleet.findings.filter((x) => x.code === "fleet-network-missing"))
          for (const ctx of f.clusters) expect(clusters.find((c) => c.context === ctx)?.state).toBe("live");
      }),
    );
  });

  it("every network of every cluster is in exactly one cell; drift exactly when configs differ", () => {
    fc.assert(
      fc.property(fleetOf, (clusters) => {
        const fleet = buildFleet(clusters);
        const present = fleet.rows.flatMap((r) => r.cells.flatMap((c) => (c.kind === "present" ? [c.network] : [])));
        expect(present.length).toBe(clusters.reduce((n, c) => n + c.networks.length, 0));
        for (const row of fleet.rows) {
          const configs = new Set(row.cells.flatMap((c) => (c.kind === "present" ? [c.network.config] : [])));
          expect(row.variants).toBe(configs.size);
          expect(
            fleet.findings.some((f) => f.code === "fleet-network-drift" && f.message.startsWith(`network ${row.key} `)),
          ).toBe(configs.size > 1);
        }
      }),
    );
  });

  it("the order of the clusters changes the columns, not what is found", () => {
    const gist = (clusters: readonly FleetCluster[]) =>
      buildFleet(clusters)
        .findings.map((f) => `${f.code} ${[...f.clusters].sort().join(",")}`)
        .sort();
    fc.assert(
      fc.property(fleetOf, fc.func(fc.integer()), (clusters, order) => {
        const shuffled = [...clusters].sort(
          (x, y) => order(x.context) - order(y.context) || (x.context < y.context ? -1 : 1),
        );
        expect(gist(shuffled)).toEqual(gist(clusters));
      }),
    );
  });
});
