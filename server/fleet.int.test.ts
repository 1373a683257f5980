import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { buildFleet } from "@/lib/fleet/fleet";
import type { FleetView } from "@/lib/fleet/schema";
import { startFleet, type TestFleet } from "@/testing/testbed/fleet";
import { fleetMembers, readFleetCluster } from "./fleet";
import { searchFleet } from "./fleet-search";
import { SourceRegistry } from "./sources/registry";

// The fleet on three real API servers (testing/testbed/fleet.ts): east and west as admin, lab as a user who may read
// namespace lab only. Ordered: everything live first, then a context that never answers, then west's API server killed.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
let fleet: TestFleet;
let registry: SourceRegistry;

beforeAll(async () => {
  fleet = await startFleet();
  registry = new SourceRegistry(
    { PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: fleet.kubeconfigPath, PLUMBLINE_ALL_CONTEXTS: true },
    60_000,
  );
}, 300_000);
afterAll(async () => {
  await registry?.closeAll();
  await fleet?.stop();
}, 120_000);

const overview = async (r = registry): Promise<FleetView> =>
  buildFleet(await Promise.all(fleetMembers(r).map((m) => readFleetCluster(r, m, {}))));

/** The overview once `done` holds of it (the first reads take a moment); the last one seen when it never does. */
async function overviewWhen(done: (v: FleetView) => boolean, r = registry, ms = 60_000): Promise<FleetView> {
  let v = await overview(r);
  for (const deadline = Date.now() + ms; !done(v) && Date.now() < deadline; v = await overview(r))
    await new Promise((res) => setTimeout(res, 250));
  return v;
}
const states = (v: FleetView) => Object.fromEntries(v.clusters.map((c) => [c.context, c.state]));
const allLive = (v: FleetView) => v.clusters.every((c) => c.state === "live");

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "--tsconfig", "tsconfig.json", "scripts/check.ts", ...args], {
      cwd: root,
      env: { ...process.env, KUBECONFIG: fleet.kubeconfigPath },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }; // execFile rejects with the exit code and output
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("the fleet on three API servers", () => {
  it("reads every context side by side, each with its own credentials", async () => {
    const v = await overviewWhen(allLive);
    expect(states(v)).toEqual({ east: "live", west: "live", lab: "live" });
    const lab = v.clusters.find((c) => c.context === "lab");
    expect(lab?.known).toEqual(["lab"]);
    expect(lab?.networks.map((n) => `${n.namespace}/${n.name}`)).toEqual(["lab/fabric"]);

    const conf = v.rows.find((r) => r.key === "default/macvlan-conf");
    expect(conf?.variants).toBe(2);
    expect(conf?.cells.map((c) => c.kind)).toEqual(["present", "present", "unknown"]);
    expect(conf?.differences).toContain('plugins[0].ipam.type: "host-local" on east; "static" on west');

    // west lacks what east's Deployment asks for; lab may not list namespace multus-test: unknown, not lacking
    const storage = v.rows.find((r) => r.key === "multus-test/storage-net");
    expect(storage?.cells.map((c) => c.kind)).toEqual(["present", "absent", "unknown"]);
    const missing = v.findings.filter((f) => f.code === "fleet-network-missing").map((f) => f.message);
    expect(missing).toContain(
      "west has no network multus-test/storage-net, which Deployment multus-test/backup on east asks for; not known on lab",
    );
    expect(v.findings.some((f) => f.clusters.includes("lab") && f.code === "fleet-network-missing")).toBe(false);
  }, 120_000);

  it("finds an address, a MAC and a pod across the fleet, labelled by cluster", async () => {
    for (const q of ["10.77.0.42", "0a:58:0a:4d:00:2a", "traffic-gen", "10.77.0.0/24"]) {
      const { hits, gaps } = await searchFleet(registry, {}, q, 12);
      expect(gaps).toEqual([]);
      expect(hits.map((h) => h.cluster)).toContain("lab");
      expect(hits.every((h) => h.cluster === "lab")).toBe(true);
    }
    const both = await searchFleet(registry, {}, "192.168.12.14", 12);
    expect(both.hits.map((h) => h.cluster).sort()).toEqual(["east", "west"]);
  }, 60_000);

  it("npm run check -- --all-contexts: findings per cluster and across them; exit 1 on an error finding", async () => {
    const r = await check("--all-contexts");
    expect(r.code, r.stdout + r.stderr).toBe(1);
    for (const ctx of ["east", "west", "lab"])
      expect(r.stdout).toMatch(new RegExp(`^plumbline check: context ${ctx} \\(https://127`, "m"));
    expect(r.stdout).toMatch(/^plumbline check: fleet of 3 contexts \(east, west, lab\): across clusters$/m);
    expect(r.stdout).toContain("fleet-network-drift");
    expect(r.stdout).toContain("network default/macvlan-conf has 2 different configs on east, west");
    // every error names its context: lab's user may not list nodes
    expect(r.stdout).toMatch(/^ {2}source-degraded +list nodes on context lab: nodes is forbidden: User "restricted"/m);
    const json = await check("--context", "west", "--context", "lab", "--format", "json");
    expect(json.code).toBe(1);
    const body = JSON.parse(json.stdout) as { source: string; findings: { code: string; message: string }[] };
    expect(body.source).toBe("fleet of 2 contexts (west, lab)");
    expect(body.findings.some((f) => f.message.startsWith("context lab: "))).toBe(true);
    expect(body.findings.some((f) => f.code === "fleet-network-drift")).toBe(false);
  }, 180_000);

  it("check exits 0 when no context and no fleet finding is an error (warnings are not)", async () => {
    // lab twice, under two names: warnings only (what its user may not list; the same range on both "clusters")
    const kc = parse(readFileSync(fleet.kubeconfigPath, "utf8"));
    const lab = kc.contexts.find((c: { name: string }) => c.name === "lab");
    kc.contexts = [lab, { ...lab, name: "lab-again" }];
    kc["current-context"] = "lab";
    const file = `${fleet.kubeconfigPath}-labs`;
    writeFileSync(file, stringify(kc), { mode: 0o600 });
    const r = await check("--kubeconfig", file, "--all-contexts");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^plumbline check: fleet of 2 contexts \(lab, lab-again\): across clusters\n0 error\(s\), 1 warning\(s\)/m,
    );
    expect(r.stdout).toContain("fleet-overlapping-ranges  macvlan on ens10: ranges overlap across clusters");
  }, 120_000);

  it("a context that never answers holds up no other", async () => {
    // A TCP server that accepts and never says a word: the black-holed API server.
    const sockets: Socket[] = [];
    const hole: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((res) => hole.listen(0, "127.0.0.1", res));
    const port = (hole.address() as { port: number }).port;
    const kc = parse(readFileSync(fleet.kubeconfigPath, "utf8"));
    kc.clusters.push({
      name: "void",
      cluster: { server: `https://127.0.0.1:${port}`, "insecure-skip-tls-verify": true },
    });
    kc.contexts.push({ name: "void", context: { cluster: "void", user: "east-user" } });
    const file = `${fleet.kubeconfigPath}-void`;
    writeFileSync(file, stringify(kc), { mode: 0o600 });
    const r = new SourceRegistry(
      { PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: file, PLUMBLINE_ALL_CONTEXTS: true },
      60_000,
    );
    try {
      const v = await overviewWhen((x) => x.clusters.filter((c) => c.state === "live").length === 3, r);
      expect(states(v)).toEqual({ east: "live", west: "live", lab: "live", void: "connecting" });
      expect(v.rows.find((row) => row.key === "lab/fabric")?.cells.map((c) => c.kind)).toEqual([
        "absent",
        "absent",
        "present",
        "unknown",
      ]);
      const { hits, gaps } = await searchFleet(r, {}, "10.77.0.42", 12);
      expect(hits.map((h) => h.cluster)).toEqual(["lab"]);
      expect(gaps).toEqual([{ cluster: "void", why: "no answer yet (connecting)" }]);
    } finally {
      await r.closeAll();
      for (const s of sockets) s.destroy();
      hole.close();
    }
  }, 120_000);

  it("west's API server killed: west goes unreachable, east and lab stay live; check exits 2", async () => {
    await overviewWhen(allLive);
    await fleet.clusters.west.stopApiserver("SIGKILL");
    const v = await overviewWhen((x) => x.clusters.find((c) => c.context === "west")?.state === "unreachable");
    expect(states(v)).toEqual({ east: "live", west: "unreachable", lab: "live" });
    expect(v.clusters.find((c) => c.context === "west")?.reason).toMatch(
      /^(list|watch) [a-z-]+( in [^:]+)? on context west: ECONNREFUSED/,
    );
    // what west held is its last picture; what it lacked is now unknown
    const storage = v.rows.find((r) => r.key === "multus-test/storage-net");
    expect(storage?.cells[1]).toMatchObject({ kind: "unknown" });
    expect(v.findings.find((f) => f.code === "fleet-cluster-unknown")?.message).toMatch(
      /^context west is unreachable \(/,
    );
    const r = await check("--all-contexts");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^plumbline check: context west \(https:\/\/127[^)]*\)\nnot read: unreachable \(/m);
    expect(r.stdout).toContain("plumbline check: context east");
    await fleet.clusters.west.startApiserver();
    const back = await overviewWhen(allLive);
    expect(states(back)).toEqual({ east: "live", west: "live", lab: "live" });
  }, 240_000);
});
