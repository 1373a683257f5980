// Three clusters in one kubeconfig, for the fleet view: three kube-apiservers + etcds on loopback, each with other
// objects. east and west hold the demo cluster plus a macvlan-conf NAD each, from two public sources that differ
// (drift); east also a network and a Deployment west lacks; lab its own namespace, read by a user restricted to it.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import {
  applyObjects,
  grantNamespaceReader,
  readYamlObjects,
  repoRoot,
  seedDemo,
  startTestCluster,
  type TestCluster,
} from "./cluster";

export const FLEET_CONTEXTS = ["east", "west", "lab"] as const;
export type FleetContext = (typeof FLEET_CONTEXTS)[number];

export interface TestFleet {
  clusters: Record<FleetContext, TestCluster>;
  /** one kubeconfig, three contexts: east and west as admin, lab as a user who may read namespace lab only */
  kubeconfigPath: string;
  stop(): Promise<void>;
}

const here = path.join(repoRoot, "testing/testbed/fleet");
const corpus = (file: string) =>
  readYamlObjects(path.join(repoRoot, "lib/__corpus__", file)).filter(
    (o) => (o as { kind?: string }).kind === "NetworkAttachmentDefinition",
  );

export async function startFleet(): Promise<TestFleet> {
  // One after another: three apiservers starting at once on two busy cores time out.
  const started: TestCluster[] = [];
  try {
    for (const _ of FLEET_CONTEXTS) started.push(await startTestCluster({ seed: false }));
    const [east, west, lab] = started as [TestCluster, TestCluster, TestCluster];
    await seedDemo(east);
    await seedDemo(west);
    // macvlan-conf as Multus's docs/quickstart.md has it (east) and as its examples/macvlan-pod.yml has it (west)
    await applyObjects(east, corpus("multus-docs/quickstart-macvlan-conf.yaml"));
    await applyObjects(west, corpus("multus-docs/examples-macvlan-pod.yaml"));
    await applyObjects(east, readYamlObjects(path.join(here, "east.yaml")));
    await applyObjects(lab, readYamlObjects(path.join(here, "lab.yaml")));
    await grantNamespaceReader(lab, "restricted", "lab");
    const kubeconfigPath = path.join(east.dir, "fleet-kubeconfig");
    writeFleetKubeconfig(kubeconfigPath, { east, west, lab });
    return {
      clusters: { east, west, lab },
      kubeconfigPath,
      async stop() {
        for (const c of started.reverse()) await c.stop();
      },
    };
  } catch (e) {
    for (const c of started.reverse()) await c.stop().catch(() => undefined);
    throw e;
  }
}

function writeFleetKubeconfig(file: string, clusters: Record<FleetContext, TestCluster>): void {
  const entries = FLEET_CONTEXTS.map((name) => {
    const c = clusters[name];
    const restricted = name === "lab";
    return {
      cluster: {
        name,
        cluster: { server: c.server, "certificate-authority-data": Buffer.from(c.caData).toString("base64") },
      },
      user: { name: `${name}-user`, user: { token: restricted ? c.restrictedToken : c.adminToken } },
      context: {
        name,
        context: { cluster: name, user: `${name}-user`, ...(restricted ? { namespace: "lab" } : {}) },
      },
    };
  });
  const kubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: entries.map((e) => e.cluster),
    users: entries.map((e) => e.user),
    contexts: entries.map((e) => e.context),
    "current-context": "east",
  };
  writeFileSync(file, stringify(kubeconfig), { mode: 0o600 });
}
