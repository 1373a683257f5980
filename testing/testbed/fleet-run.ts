// `tsx testing/testbed/fleet-run.ts [-- cmd args...]`: the fleet test bed (testing/testbed/fleet.ts: three API
// servers, contexts east, west, lab in one kubeconfig); runs `cmd` with KUBECONFIG set to it and tears down when it
// exits (its exit code is ours), or without a command stays up until SIGINT/SIGTERM. PLUMBLINE_TESTBED_INFO names a
// file to write {kubeconfigPath, clusters: {context: {server, apiserverPid}}} to (a test kills one API server by it).
import { writeFileSync } from "node:fs";
import { FLEET_CONTEXTS, startFleet } from "./fleet";
import { runUnderBed } from "./run-command";

const argv = process.argv.slice(2);
const dashes = argv.indexOf("--");
const cmd = dashes < 0 ? [] : argv.slice(dashes + 1);
if ((dashes < 0 ? argv : argv.slice(0, dashes)).length > 0) {
  console.error("usage: tsx testing/testbed/fleet-run.ts [-- cmd args...]");
  process.exit(2);
}

const started = Date.now();
const fleet = await startFleet();
console.error(`testbed: fleet up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.error(
  `testbed: kubeconfig  ${fleet.kubeconfigPath} (contexts ${FLEET_CONTEXTS.join(", ")}; lab as "restricted")`,
);
const info = process.env.PLUMBLINE_TESTBED_INFO;
if (info) {
  const clusters = Object.fromEntries(
    FLEET_CONTEXTS.map((n) => [
      n,
      { server: fleet.clusters[n].server, apiserverPid: fleet.clusters[n].apiserverPid() },
    ]),
  );
  writeFileSync(info, `${JSON.stringify({ kubeconfigPath: fleet.kubeconfigPath, clusters })}\n`);
}

runUnderBed(cmd, fleet.kubeconfigPath, () => fleet.stop());
