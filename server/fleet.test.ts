import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { buildFleet } from "@/lib/fleet/fleet";
import { DEMO_NS } from "@/testing/fixtures/demo";
import { FLEET_MAX, fleetMembers, fleetOmitted, readFleetCluster } from "./fleet";
import { searchFleet } from "./fleet-search";
import { SourceRegistry } from "./sources/registry";

// Outside kubeconfig mode the fleet is the one cluster the server reads: `npm run demo`'s /fleet shows the demo.
describe("the fleet of the embedded demo cluster", () => {
  it("is one live cluster named demo, opened without a context", async () => {
    const registry = new SourceRegistry({ PLUMBLINE_SOURCE: "demo" });
    try {
      const members = fleetMembers(registry);
      expect(members).toEqual([{ context: undefined, name: "demo" }]);
      // the first read builds the demo's store; the fleet waits a bounded time, so ask until it is in
      let cluster = await readFleetCluster(registry, members[0] ?? { context: undefined, name: "demo" }, {});
      for (let i = 0; i < 40 && cluster.state !== "live"; i++)
        cluster = await readFleetCluster(registry, { context: undefined, name: "demo" }, {});
      expect(cluster).toMatchObject({ context: "demo", state: "live", known: "all", label: "embedded demo cluster" });
      expect(cluster.networks.map((n) => n.namespace)).toContain(DEMO_NS);
      const fleet = buildFleet([cluster]);
      expect(fleet.rows.every((r) => r.variants <= 1 && r.cells[0]?.kind !== "unknown")).toBe(true);
      const { hits, gaps } = await searchFleet(registry, {}, "192.168.12.14", 12);
      expect(gaps).toEqual([]);
      expect(hits.map((h) => [h.cluster, h.context])).toContainEqual(["demo", undefined]);
    } finally {
      await registry.closeAll();
    }
  }, 60_000);
});

describe("a kubeconfig of more contexts than the fleet reads at once", () => {
  it("reads the first FLEET_MAX in kubeconfig order and names the rest, never reading them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "plumbline-fleet-"));
    try {
      const names = Array.from({ length: FLEET_MAX + 2 }, (_, i) => `site-${String(i + 1).padStart(2, "0")}`);
      const file = path.join(dir, "kubeconfig");
      writeFileSync(
        file,
        stringify({
          apiVersion: "v1",
          kind: "Config",
          clusters: names.map((name) => ({ name, cluster: { server: "https://127.0.0.1:1" } })),
          users: [{ name: "u", user: { token: "t" } }],
          contexts: names.map((name) => ({ name, context: { cluster: name, user: "u" } })),
          "current-context": names[0],
        }),
      );
      const registry = new SourceRegistry({
        PLUMBLINE_SOURCE: "kubeconfig",
        KUBECONFIG: file,
        PLUMBLINE_ALL_CONTEXTS: true,
      });
      expect(fleetMembers(registry).map((m) => m.name)).toEqual(names.slice(0, FLEET_MAX));
      expect(fleetOmitted(registry)).toEqual(names.slice(FLEET_MAX));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
