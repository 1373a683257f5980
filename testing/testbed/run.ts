// Dev mode: `tsx testing/testbed/run.ts [--no-seed] [--with-node] [--no-nns node] [--grant user=namespace ...]
// [-- cmd args...]`. Starts a seeded test cluster (with --with-node also the two real nodes of node/config.ts's
// NODE_SPECS: kubelets, containerds, Multus, whereabouts; root only; --no-nns <node> publishes no NodeNetworkState
// for that node); runs `cmd` with KUBECONFIG set and tears down when it exits (its exit code is ours), or, without a
// command, stays up until SIGINT/SIGTERM.
import { writeFileSync } from "node:fs";
import { grantNamespaceReader, startTestCluster } from "./cluster";
import { NODE_SPECS } from "./node/config";
import { startNodes, type TestNodes } from "./node/node";
import { runUnderBed } from "./run-command";

const argv = process.argv.slice(2);
const dashes = argv.indexOf("--");
const flags = dashes < 0 ? argv : argv.slice(0, dashes);
const cmd = dashes < 0 ? [] : argv.slice(dashes + 1);
// --grant restricted=multus-test: let that user read pods and NADs in that namespace (and nothing else).
const valued = (flag: string): string[] =>
  flags.flatMap((f, i) => (f === flag && flags[i + 1] ? [flags[i + 1] as string] : []));
const grants = valued("--grant");
const noNns = valued("--no-nns");
const known = ["--no-seed", "--with-node", "--grant", "--no-nns"];
const unknown = flags.filter((f, i) => !known.includes(f) && !["--grant", "--no-nns"].includes(flags[i - 1] ?? ""));
const badNode = noNns.filter((n) => !NODE_SPECS.some((s) => s.name === n));
if (unknown.length > 0 || badNode.length > 0) {
  console.error(
    `usage: tsx testing/testbed/run.ts [--no-seed] [--with-node] [--no-nns node] [--grant user=namespace] [-- cmd args...] (unknown: ${[...unknown, ...badNode].join(" ")}; nodes: ${NODE_SPECS.map((s) => s.name).join(", ")})`,
  );
  process.exit(2);
}

const started = Date.now();
const c = await startTestCluster({ seed: !flags.includes("--no-seed") });
for (const g of grants) {
  const [user, namespace] = g.split("=");
  if (!user || !namespace) throw new Error(`--grant wants user=namespace, not ${g}`);
  await grantNamespaceReader(c, user, namespace);
}
let bed: TestNodes | undefined;
if (flags.includes("--with-node")) {
  try {
    bed = await startNodes(
      c,
      NODE_SPECS.map((s) => ({ ...s, nodeNetworkState: !noNns.includes(s.name) })),
    );
  } catch (e) {
    await c.stop();
    throw e;
  }
  for (const n of bed.nodes)
    console.error(
      `testbed: node        ${n.name} ${n.ip} (network namespace ${n.netns}; NodeNetworkState ${n.nodeNetworkState ? "published" : "none"}; ${n.versions})`,
    );
  console.error(`testbed: segment     ens9 of every node on a bridge in network namespace ${bed.segment}`);
}
console.error(`testbed: up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.error(`testbed: server      ${c.server}`);
console.error(`testbed: kubeconfig  ${c.kubeconfigPath}`);
console.error(
  `testbed: users       admin (context "admin", group system:masters), restricted (context "restricted", no groups)`,
);
const info = process.env.PLUMBLINE_TESTBED_INFO;
const nodes = (bed?.nodes ?? []).map((n) => ({
  name: n.name,
  ip: n.ip,
  netns: n.netns,
  cgroupRoot: n.cgroupRoot,
  containerdSock: n.containerdSock,
  nodeNetworkState: n.nodeNetworkState,
  versions: n.versions,
}));
if (info)
  writeFileSync(
    info,
    `${JSON.stringify({ server: c.server, kubeconfigPath: c.kubeconfigPath, node: nodes[0], nodes, segment: bed?.segment })}\n`,
  );

runUnderBed(cmd, c.kubeconfigPath, async () => {
  await bed?.stop().catch((e: Error) => console.error(`testbed: ${e.message}`));
  await c.stop();
});
