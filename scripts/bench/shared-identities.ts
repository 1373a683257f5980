/**
 * Many users, one cache: ten identities with different RBAC (scripts/bench/shared/identities.ts: five access
 * fingerprints), each holding one live cluster view (a tab's subscription), on a seeded test bed; beside one identity
 * alone, and beside the ten with sharing off (one watch set per token, as before). Each mode runs in a fresh server
 * process (this script, --child): its peak RSS (VmHWM) over its whole life, the watches it opened, and every
 * identity's view checked against a fresh list made with that identity's own token.
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
import { seed } from "./big/seed";
import { seedEtcd } from "./big/seed-etcd";
import { type ChildResult, runChild } from "./shared/child";
import { makeIdentities } from "./shared/identities";

const { values: opt } = parseArgs({
  options: {
    pods: { type: "string", default: "2000" },
    nads: { type: "string", default: "20" },
    runs: { type: "string", default: "1" },
    /** api: create through the API server (valid at any size, slow); etcd: straight into etcd (20k in a minute) */
    seed: { type: "string", default: "api" },
    /** which servers to run: one (the reference), shared, own (sharing off) */
    modes: { type: "string", default: "one,shared,own" },
    /** how many identities' views are checked against a fresh list (each is a 20k-pod build at 20k: minutes) */
    check: { type: "string", default: "10" },
    child: { type: "string" },
    spec: { type: "string" },
  },
});

if (opt.child) {
  await runChild(opt.child, opt.spec ?? "");
  process.exit(0);
}

const pods = Number(opt.pods);
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
const cluster = await startTestCluster({ seed: false, ...(viaEtcd ? { benchEtcd: true } : {}) });
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
  const spec = path.join(cluster.dir, "shared-identities.json");
  writeFileSync(
    spec,
    JSON.stringify({
      cluster: { server: cluster.server, caData: cluster.caData, adminToken: cluster.adminToken },
      kubeconfig: cluster.kubeconfigPath,
      fallback: [nsA, nsB],
      check: Number(opt.check),
      identities,
    }),
    { mode: 0o600 },
  );
  const results: Record<string, ChildResult[]> = { one: [], shared: [], own: [] };
  for (let r = 0; r < Number(opt.runs); r++)
    for (const mode of (opt.modes ?? "").split(",")) {
      const res = await child(mode, spec);
      results[mode]?.push(res);
      log(
        `run ${r + 1} ${mode}: peak ${mib(res.peak)}, ${res.watches} watches, ${res.sources} sources, exact ${res.exact}/${res.views}${res.wrong.length ? `, WRONG: ${res.wrong.join("; ")}` : ""}`,
      );
    }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const one = results.one ?? [];
  console.log(`${pods} pods, ${identities.length} identities (five access fingerprints), load average ${load}`);
  console.log(
    "| server | peak RSS (VmHWM) | watches opened | sources | views exact (vs a fresh list with the identity's own token) |",
  );
  console.log("|---|---|---|---|---|");
  for (const [mode, label] of [
    ["one", "1 identity alone (reference)"],
    ["shared", "10 identities, sharing by access fingerprint"],
    ["own", "10 identities, one watch set per token (sharing off)"],
  ] as const) {
    const xs = results[mode] ?? [];
    if (xs.length === 0) continue;
    const peak = median(xs.map((x) => x.peak));
    const ratio = (peak / median(one.map((x) => x.peak))).toFixed(2);
    console.log(
      `| ${label} | ${mib(peak)} (${ratio}× one; runs ${xs.map((x) => mib(x.peak)).join(", ")}) | ${median(xs.map((x) => x.watches))} | ${median(xs.map((x) => x.sources))} | ${xs.map((x) => `${x.exact}/${x.views}`).join(", ")} |`,
    );
  }
  const wrong = Object.values(results)
    .flat()
    .some((x) => x.wrong.length > 0);
  if (wrong) process.exitCode = 1;
} finally {
  await cluster.stop();
}
