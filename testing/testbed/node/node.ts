// The test bed's node stage: a real kubelet, containerd, kube-scheduler, kube-controller-manager, CNI plugins,
// Multus (thin plugin) and whereabouts, all inside a network namespace the stage creates and a mount namespace it
// owns. Nothing in the machine's own network namespace changes; stop() removes every process, mount, cgroup,
// network namespace and file the stage made (node.int.test.ts checks that).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestCluster } from "../cluster";
import { checkHostTools, type NodeBinaries, nodeBinaries } from "./binaries";
import { adopt, createCgroupRoot } from "./cgroups";
import {
  containerdToml,
  kubeletConfigYaml,
  multusConf,
  NODE_IP,
  NODE_NAME,
  type NodePaths,
  p,
  whereaboutsConf,
} from "./config";
import { buildImageArchive, imageRef } from "./image";
import { createNetns, inNode, nsInode, startAnchor } from "./netns";
import { type Component, spawnLogged, succeeds, waitFor } from "./procs";
import { startReporter } from "./reporter";
import { type NodeState, teardown } from "./teardown";
import { waitNodeReady } from "./wait-ready";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface TestNode {
  name: string;
  netns: string;
  dir: string;
  cgroupRoot: string;
  /** which versions wrote what this node produces */
  versions: string;
  /** pid whose namespaces are the node's (for nsenter) */
  anchorPid: number;
  stop(): Promise<void>;
}

export async function startNode(c: TestCluster): Promise<TestNode> {
  checkHostTools();
  const bins = nodeBinaries();
  const id = randomBytes(4).toString("hex");
  const dir = mkdtempSync(path.join(tmpdir(), "plumbline-node-"));
  const state: NodeState = {
    dir,
    netns: `plumbline-node-${id}`,
    cgroupRoot: `plumbline-node-${id}`,
    components: [],
    inodes: [],
  };
  try {
    return await bringUp(c, state, bins);
  } catch (e) {
    await teardown(state);
    throw e;
  }
}

type Run = (name: string, argv: string[]) => Component;

async function bringUp(c: TestCluster, s: NodeState, bins: NodeBinaries): Promise<TestNode> {
  const paths: NodePaths = { dir: s.dir, cniBinDir: bins.cniBinDir, image: imageRef(), kubeconfig: c.kubeconfigPath };
  const image = writeNodeFiles(paths, s.cgroupRoot);
  createNetns(s.netns, NODE_IP);
  createCgroupRoot(s.cgroupRoot);
  spawn("sh", [path.join(here, "watchdog.sh"), String(process.pid), s.dir, s.cgroupRoot, s.netns], {
    detached: true,
    stdio: "ignore",
  }).unref();
  const anchor = await startAnchor(s.netns, s.dir, (a) => a.pid && adopt(s.cgroupRoot, a.pid));
  s.anchor = anchor;
  const pid = anchor.pid ?? 0;
  s.inodes = inodesOf(pid);
  const run: Run = (name, argv) => {
    const comp = spawnLogged(name, [...inNode(pid), ...argv], path.join(s.dir, `${name}.log`));
    s.components.push(comp);
    // Into the stage's cgroups, so whatever it forks (containerd's shims) is found and killed at teardown.
    if (comp.proc.pid) adopt(s.cgroupRoot, comp.proc.pid);
    return comp;
  };

  const socket = path.join(s.dir, "apiserver.sock");
  s.proxy = await serveApiserverSocket(c.server, socket);
  const apiPort = new URL(c.server).port;
  const fwd = run("apiserver-forwarder", [process.execPath, path.join(here, "forward.mjs"), apiPort, socket]);
  await waitFor("the apiserver forwarder in the node namespace", fwd, () =>
    succeeds([...inNode(pid), "curl", "-sk", "-o", "/dev/null", `${c.server}/readyz`]),
  );
  const q = p(paths);
  const containerd = run("containerd", ["containerd", "--config", q.containerdConfig]);
  const ctr: [string, ...string[]] = ["ctr", "--address", q.containerdSock, "--namespace", "k8s.io"];
  await waitFor("containerd", containerd, () => succeeds([...ctr, "version"]), 30_000);
  await waitFor("importing the busybox image into containerd", containerd, () =>
    succeeds([...ctr, "images", "import", image]),
  );
  await startKubeComponents(c, run, bins, paths, pid);
  s.reporter = startReporter(c, s.netns, NODE_NAME, path.join(s.dir, "reporter.log"));
  await s.reporter.firstReport;
  return {
    name: NODE_NAME,
    netns: s.netns,
    dir: s.dir,
    cgroupRoot: s.cgroupRoot,
    versions: bins.versions,
    anchorPid: pid,
    stop: () => teardown(s),
  };
}

/** Config files and the image archive in the stage's dir; returns the archive's path. */
function writeNodeFiles(paths: NodePaths, cgroupRoot: string): string {
  const q = p(paths);
  for (const d of [q.cniConfDir, q.certs, q.kubeletRoot, q.podLogs, q.cniDataDir]) mkdirSync(d, { recursive: true });
  writeFileSync(q.containerdConfig, containerdToml(paths));
  writeFileSync(q.kubeletConfig, kubeletConfigYaml(paths, `/${cgroupRoot}`));
  writeFileSync(path.join(q.cniConfDir, "00-multus.conf"), multusConf(paths));
  writeFileSync(q.whereaboutsConf, whereaboutsConf(paths));
  return buildImageArchive(paths.dir);
}

/** kubelet, kube-scheduler, kube-controller-manager; resolves once all are healthy and the node Ready. */
async function startKubeComponents(c: TestCluster, run: Run, bins: NodeBinaries, paths: NodePaths, pid: number) {
  const q = p(paths);
  const kubelet = run("kubelet", [
    bins.kubelet,
    `--config=${q.kubeletConfig}`,
    `--kubeconfig=${c.kubeconfigPath}`,
    `--hostname-override=${NODE_NAME}`,
    `--node-ip=${NODE_IP}`,
    `--root-dir=${q.kubeletRoot}`,
    `--cert-dir=${q.certs}`,
    "--v=2",
  ]);
  const shared = [
    `--kubeconfig=${c.kubeconfigPath}`,
    `--authentication-kubeconfig=${c.kubeconfigPath}`,
    `--authorization-kubeconfig=${c.kubeconfigPath}`,
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
    `--cert-dir=${q.certs}`,
  ];
  const scheduler = run("kube-scheduler", [bins.scheduler, ...shared]);
  const kcm = run("kube-controller-manager", [
    bins.controllerManager,
    ...shared,
    // node-lifecycle: lifts the not-ready taint the kubelet registers with, as in any cluster
    "--controllers=deployment-controller,replicaset-controller,garbage-collector-controller,namespace-controller,node-lifecycle-controller",
  ]);
  const healthz = (url: string) => () => succeeds([...inNode(pid), "curl", "-sfk", "-o", "/dev/null", url]);
  await waitFor("kubelet /healthz", kubelet, healthz("http://127.0.0.1:10248/healthz"));
  await waitFor("kube-scheduler /healthz", scheduler, healthz("https://127.0.0.1:10259/healthz"));
  await waitFor("kube-controller-manager /healthz", kcm, healthz("https://127.0.0.1:10257/healthz"));
  await waitNodeReady(c, kubelet);
}

function inodesOf(pid: number): string[] {
  return [nsInode(pid, "mnt"), nsInode(pid, "net")].filter((x): x is string => Boolean(x));
}

/** The machine-side half of the forwarder: a unix socket in the stage's dir onto the apiserver's loopback port. */
function serveApiserverSocket(server: string, socketPath: string): Promise<Server> {
  const { port } = new URL(server);
  const srv = createServer((client) => {
    const upstream = connect(Number(port), "127.0.0.1");
    client.pipe(upstream).pipe(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close);
    upstream.on("error", close);
  });
  return new Promise((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(socketPath, () => resolve(srv));
  });
}
