/**
 * Many users, one cache: ten identities with different RBAC (scripts/bench/shared/identities.ts: five access
 * fingerprints), each holding one live cluster view (a tab's subscription), on a seeded test bed; beside one identity
 * alone, and beside the ten with sharing off (one watch set per token, as before). Each mode runs in a fresh server
 * process: by default (--via http) the production server (scripts/start.sh, needs `npx next build`) in forwarded-token
 * mode, each tab an SSE subscription carrying its identity's token as the Route's proxy forwards it; --via process
 * serves the views from this script's child through the registry and router without Next. Printed: the server's peak
 * RSS (VmHWM) once every tab is in and over its whole life, the watches it opened, and every identity's tab (toolbar
 * lists, pod count) and whole topology (pods, networks, hosts by name, every element id) checked against a fresh
 * list made with that identity's own token.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/shared-identities.ts [--pods 2000 --nads 20 --runs 1 --seed api|etcd]
 * (at 20k: --pods 20000 --nads 200 --seed etcd)
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { KubeObject } from "@/lib/k8s/objects";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { startTestCluster } from "../../testing/testbed/cluster";
import { median, mib } from "./big/measure";
import { rawList } from "./big/raw-list";
import { apiClient, seed } from "./big/seed";
import { seedEtcd } from "./big/seed-etcd";
import { Table } from "./big/table";
import { type ChildResult, runChild } from "./shared/child";
import { makeIdentities } from "./shared/identities";
import { type HttpSpec, httpModes, LABELS } from "./shared/over-http";

const { values: opt } = parseArgs({
  options: {
    pods: { type: "string", default: "2000" },
    nads: { type: "string", default: "20" },
    runs: { type: "string", default: "1" },
    /** api: create through the API server (valid at any size, slow); etcd: straight into etcd (20k in a minute) */
    seed: { type: "string", default: "api" },
    /** which servers to run: one (the reference), shared, own (sharing off) */
    modes: { type: "string", default: "one,shared,own" },
    /** how many identities' views are checked against a fresh list (each a LIST and a build of what it may see) */
    check: { type: "string", default: "10" },
    /** http: the production server over HTTP; process: the registry and router in a child process, no Next */
    via: { type: "string", default: "http" },
    /** --via http: flags for the server's node, e.g. --node-args=--max-old-space-size=1024 (what the peak holds beyond garbage) */
    "node-args": { type: "string", default: "" },
    child: { type: "string" },
    spec: { type: "string" },
  },
});

if (opt.child) {
  await runChild(opt.child, opt.spec ?? "");
  process.exit(0);
}

const pods = Number(opt.pods);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const log = (s: string) => console.error(`[bench] ${s}`);
const here = path.resolve(import.meta.dirname, "shared-identities.ts");

function child(mode: string, spec: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn("npx", ["tsx", "--tsconfig", "tsconfig.json", here, "--child", mode, "--spec", spec], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0) reject(new Error(`child ${mode} exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

const viaEtcd = opt.seed === "etcd";
// A bench bed either way (etcd on tmpfs, the API server's request timeout long enough for a 20k LIST at load).
const cluster = await startTestCluster({ seed: false, benchEtcd: true });
try {
  const objects = syntheticCluster({
    nodes: Math.max(10, Math.round(pods / 40)),
    pods,
    nads: Number(opt.nads),
    seed: 1,
  });
  if (viaEtcd) await seedEtcd(cluster, objects as KubeObject[], log);
  else await seed(cluster, objects as KubeObject[], log);
  const namespaces = [
    ...new Set(objects.filter((o) => o.kind === "NetworkAttachmentDefinition").map((o) => o.metadata.namespace ?? "")),
  ];
  const [nsA = "team-1", nsB = "team-2"] = namespaces;
  const identities = await makeIdentities(cluster, nsA, nsB);
  const spec: HttpSpec = {
    cluster: { server: cluster.server, caData: cluster.caData, adminToken: cluster.adminToken },
    kubeconfig: cluster.kubeconfigPath,
    fallback: [nsA, nsB],
    check: Number(opt.check),
    identities,
    nodeArgs: opt["node-args"],
  };
  const modes = (opt.modes ?? "").split(",");
  // The bytes a cluster of this size lists (every watched kind, as admin): what one watch set reads and holds at first.
  const api = apiClient(cluster);
  const listed = new Table(false);
  await rawList(api, 1, listed).finally(() => api.close());
  const exact =
    opt.via === "http"
      ? await httpModes(
          spec,
          modes,
          Number(opt.runs),
          `${pods} pods, ${identities.length} identities (${listed.rows[0]?.what}: ${listed.rows[0]?.measured})${opt["node-args"] ? `, the server's node run with ${opt["node-args"]}` : ""}`,
          log,
        )
      : await processModes(spec, modes, cluster.dir);
  if (!exact) process.exitCode = 1;
} finally {
  await cluster.stop();
}

/** --via process: each mode a child process serving the views through the registry and router (no Next). */
async function processModes(spec: HttpSpec, modes: string[], dir: string): Promise<boolean> {
  const file = path.join(dir, "shared-identities.json");
  writeFileSync(file, JSON.stringify(spec), { mode: 0o600 });
  const results: Record<string, ChildResult[]> = { one: [], shared: [], own: [] };
  for (let r = 0; r < Number(opt.runs); r++)
    for (const mode of modes) {
      const res = await child(mode, file);
      results[mode]?.push(res);
      log(
        `run ${r + 1} ${mode}: peak ${mib(res.peak)}, ${res.watches} watches, ${res.sources} sources, exact ${res.exact}/${res.views}${res.wrong.length ? `, WRONG: ${res.wrong.join("; ")}` : ""}`,
      );
    }
  const one = results.one ?? [];
  console.log(
    `${pods} pods, ${spec.identities.length} identities (five access fingerprints), in-process, load average ${load()}`,
  );
  console.log(
    "| server | peak RSS (VmHWM) | watches opened | sources | views exact (vs a fresh list with the identity's own token) |",
  );
  console.log("|---|---|---|---|---|");
  for (const [mode, label] of LABELS) {
    const xs = results[mode] ?? [];
    if (xs.length === 0) continue;
    const peak = median(xs.map((x) => x.peak));
    const ratio = (peak / median(one.map((x) => x.peak))).toFixed(2);
    console.log(
      `| ${label} | ${mib(peak)} (${ratio}× one; runs ${xs.map((x) => mib(x.peak)).join(", ")}) | ${median(xs.map((x) => x.watches))} | ${median(xs.map((x) => x.sources))} | ${xs.map((x) => `${x.exact}/${x.views}`).join(", ")} |`,
    );
  }
  return !Object.values(results)
    .flat()
    .some((x) => x.wrong.length > 0);
}
