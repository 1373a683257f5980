// Stands in for kubernetes-nmstate's handler: publishes the node namespace's links as a NodeNetworkState whenever
// they change (polled every second), so the dashboard's "observed" path is fed by real kernel state.
import { appendFileSync } from "node:fs";
import { applyObjects, type TestCluster } from "../cluster";
import { ip } from "./netns";
import { nnsInterfaces, parseIpJson } from "./nns-from-ip";
import { sleep } from "./procs";

export interface Reporter {
  firstReport: Promise<void>;
  stop(): Promise<void>;
  /** resolves after the next report that saw the current kernel state */
  sync(): Promise<void>;
}

export function nodeNetworkState(nodeName: string, interfaces: Record<string, unknown>[]): Record<string, unknown> {
  return {
    apiVersion: "nmstate.io/v1beta1",
    kind: "NodeNetworkState",
    metadata: { name: nodeName },
    status: {
      currentState: { interfaces },
      lastSuccessfulUpdateTime: new Date().toISOString(),
      handlerNmstateVersion: "plumbline-testbed-reporter (ip -d -j addr)",
    },
  };
}

export function startReporter(c: TestCluster, netns: string, nodeName: string, log: string): Reporter {
  let running = true;
  let last = "";
  let rounds = 0;
  const loop = (async () => {
    while (running) {
      try {
        const text = ip(netns, ["-d", "-j", "addr"]);
        // Timestamps aside, publish only what changed.
        const ifaces = nnsInterfaces(parseIpJson(text));
        const key = JSON.stringify(ifaces);
        if (key !== last) {
          await applyObjects(c, [nodeNetworkState(nodeName, ifaces)]);
          last = key;
        }
        rounds++;
      } catch (e) {
        appendFileSync(log, `${new Date().toISOString()} ${e instanceof Error ? e.message : String(e)}\n`);
      }
      await sleep(1000);
    }
  })();
  const afterRounds = async (n: number, what: string): Promise<void> => {
    const target = rounds + n;
    for (const deadline = Date.now() + 30_000; rounds < target; await sleep(100))
      if (Date.now() > deadline) throw new Error(`NodeNetworkState reporter: ${what} not within 30s (see ${log})`);
  };
  return {
    firstReport: afterRounds(1, "first report"),
    sync: () => afterRounds(2, "report"),
    async stop() {
      running = false;
      await loop;
    },
  };
}
