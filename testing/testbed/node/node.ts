// The test bed's node stage: real nodes (each a kubelet, containerd, CNI plugins, Multus (thin plugin) and
// whereabouts inside a network namespace and a mount namespace of its own) under one control plane (the first node
// also runs kube-scheduler and kube-controller-manager). The nodes' `ens9` share one L2 segment (segment.ts); each
// has its own `ens8`. Nothing in the machine's own network namespace changes; stop() removes every process, mount,
// cgroup, network namespace and file the stage made (node.int.test.ts checks that, for every node).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
  NODE_SPECS,
  type NodePaths,
  type NodeSpec,
  p,
  whereaboutsConf,
} from "./config";
import { buildImageArchive, imageRef } from "./image";
import { addNic, createNetns, deleteNetns, inNode, nsInode, startAnchor } from "./netns";
import { type Component, spawnLogged, succeeds, waitFor } from "./procs";
import { startReporter } from "./reporter";
import { createSegment, joinSegment, watchSegment } from "./segment";
import { type NodeState, teardown } from "./teardown";
import { waitNodeReady } from "./wait-ready";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface TestNode {
  name: string;
  /** the node's InternalIP (inside its namespace only) */
  ip: string;
  netns: string;
  dir: string;
  cgroupRoot: string;
  /** whether a NodeNetworkState is published for this node */
  nodeNetworkState: boolean;
  /** which versions wrote what this node produces */
  versions: string;
  /** pid whose namespaces are the node's (for nsenter) */
  anchorPid: number;
  /** containerd's socket (for `ctr --address`) */
  containerdSock: string;
  /** stops this node only (the bed's stop() stops all, then the segment) */
  stop(): Promise<void>;
}

export interface TestNodes {
  nodes: TestNode[];
  /** the network namespace of the shared L2 segment the nodes' ens9 are ports on */
  segment: string;
  stop(): Promise<void>;
}

/**
 * The bed's nodes (two by default, NODE_SPECS), started one after the other. `specs` may switch a node's
 * NodeNetworkState off (`{ ...NODE_SPECS[1], nodeNetworkState: false }`) or run a single node.
 */
export async function startNodes(c: TestCluster, specs: readonly NodeSpec[] = NODE_SPECS): Promise<TestNodes> {
  checkHostTools();
  const bins = nodeBinaries();
  const id = randomBytes(4).toString("hex");
  const segment = `plumbline-seg-${id}`;
  const segmentDir = mkdtempSync(path.join(tmpdir(), "plumbline-seg-"));
  const nodes: TestNode[] = [];
  let stopped: Promise<void> | undefined;
  const stopAll = async (): Promise<void> => {
    const errors: string[] = [];
    for (const n of [...nodes].reverse()) await n.stop().catch((e: Error) => errors.push(e.message));
    deleteNetns(segment);
    rmSync(segmentDir, { recursive: true, force: true });
    if (errors.length > 0) throw new Error(errors.join("\n"));
  };
  const bed: TestNodes = { nodes, segment, stop: () => (stopped ??= stopAll()) };
  try {
    watchSegment(segment, segmentDir);
    createSegment(segment);
    for (const [i, spec] of specs.entries())
      nodes.push(await startNode(c, bins, spec, { id: `${id}-${i}`, controlPlane: i === 0, segment, index: i }));
  } catch (e) {
    await bed.stop().catch(() => undefined);
    throw e;
  }
  return bed;
}

interface Placement {
  id: string;
  controlPlane: boolean;
  segment: string;
  index: number;
}

async function startNode(c: TestCluster, bins: NodeBinaries, spec: NodeSpec, at: Placement): Promise<TestNode> {
  const dir = mkdtempSync(path.join(tmpdir(), "plumbline-node-"));
  const state: NodeState = {
    dir,
    netns: `plumbline-node-${at.id}`,
    cgroupRoot: `plumbline-node-${at.id}`,
    components: [],
    inodes: [],
  };
  try {
    return await bringUp(c, state, bins, spec, at);
  } catch (e) {
    await teardown(state);
    throw e;
  }
}

type Run = (name: string, argv: string[]) => Component;

async function bringUp(
  c: TestCluster,
  s: NodeState,
  bins: NodeBinaries,
  spec: NodeSpec,
  at: Placement,
): Promise<TestNode> {
  const paths: NodePaths = {
    dir: s.dir,
    cniBinDir: bins.cniBinDir,
    image: imageRef(),
    kubeconfig: c.kubeconfigPath,
    kubeletClientCa: c.egress.kubeletClientCaFile,
  };
  const image = writeNodeFiles(paths, s.cgroupRoot, spec);
  createNetns(s.netns, spec.ip);
  // The walk-through's NICs: ens9 on the segment every node shares, ens8 this node's own (for host-device).
  joinSegment(at.segment, s.netns, at.index);
  addNic(s.netns, "ens8");
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
  const fwd = run("apiserver-forwarder", [
    process.execPath,
    path.join(here, "forward.mjs"),
    `tcp:127.0.0.1:${apiPort}`,
    `unix:${socket}`,
  ]);
  await waitFor("the apiserver forwarder in the node namespace", fwd, () =>
    succeeds([...inNode(pid), "curl", "-sk", "-o", "/dev/null", `${c.server}/readyz`]),
  );
  // The way back: the apiserver's CONNECTs to this node's address (kubelet logs/exec) dial from inside it.
  const connectSock = path.join(s.dir, "connect.sock");
  const proxy = run("connect-proxy", [process.execPath, path.join(here, "connect-proxy.mjs"), connectSock]);
  await waitFor("the node's CONNECT proxy", proxy, () => existsSync(connectSock));
  s.unroute = c.egress.route(spec.ip, connectSock);
  const q = p(paths);
  const containerd = run("containerd", ["containerd", "--config", q.containerdConfig]);
  const ctr: [string, ...string[]] = ["ctr", "--address", q.containerdSock, "--namespace", "k8s.io"];
  await waitFor("containerd", containerd, () => succeeds([...ctr, "version"]), 30_000);
  await waitFor("importing the busybox image into containerd", containerd, () =>
    succeeds([...ctr, "images", "import", image]),
  );
  await startKubeComponents(c, run, bins, paths, pid, spec, at.controlPlane);
  if (spec.nodeNetworkState) {
    s.reporter = startReporter(c, s.netns, spec.name, path.join(s.dir, "reporter.log"));
    await s.reporter.firstReport;
  }
  return {
    name: spec.name,
    ip: spec.ip,
    netns: s.netns,
    dir: s.dir,
    cgroupRoot: s.cgroupRoot,
    nodeNetworkState: spec.nodeNetworkState,
    versions: bins.versions,
    anchorPid: pid,
    containerdSock: q.containerdSock,
    stop: () => teardown(s),
  };
}

/** Config files and the image archive in the stage's dir; returns the archive's path. */
function writeNodeFiles(paths: NodePaths, cgroupRoot: string, spec: NodeSpec): string {
  const q = p(paths);
  for (const d of [q.cniConfDir, q.certs, q.kubeletRoot, q.podLogs, q.cniDataDir]) mkdirSync(d, { recursive: true });
  writeFileSync(q.containerdConfig, containerdToml(paths));
  writeFileSync(q.kubeletConfig, kubeletConfigYaml(paths, `/${cgroupRoot}`, spec));
  writeFileSync(path.join(q.cniConfDir, "00-multus.conf"), multusConf(paths, spec));
  writeFileSync(q.whereaboutsConf, whereaboutsConf(paths));
  return buildImageArchive(paths.dir);
}

/** The controllers the bed runs: those the product and its tests rely on, as any cluster runs them. */
const KCM_CONTROLLERS = [
  "deployment-controller",
  "replicaset-controller",
  "garbage-collector-controller",
  "namespace-controller",
  "node-lifecycle-controller",
  "job-controller",
  "ttl-after-finished-controller",
  "endpointslice-controller",
  "root-ca-certificate-publisher-controller",
];

/** kubelet (and on the control-plane node kube-scheduler, kube-controller-manager); resolves once healthy and Ready. */
async function startKubeComponents(
  c: TestCluster,
  run: Run,
  bins: NodeBinaries,
  paths: NodePaths,
  pid: number,
  spec: NodeSpec,
  controlPlane: boolean,
) {
  const q = p(paths);
  const kubelet = run("kubelet", [
    bins.kubelet,
    `--config=${q.kubeletConfig}`,
    `--kubeconfig=${c.kubeconfigPath}`,
    `--hostname-override=${spec.name}`,
    `--node-ip=${spec.ip}`,
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
  const healthz = (url: string) => () => succeeds([...inNode(pid), "curl", "-sfk", "-o", "/dev/null", url]);
  await waitFor("kubelet /healthz", kubelet, healthz("http://127.0.0.1:10248/healthz"));
  if (controlPlane) {
    const scheduler = run("kube-scheduler", [bins.scheduler, ...shared]);
    const kcm = run("kube-controller-manager", [
      bins.controllerManager,
      ...shared,
      // node-lifecycle: lifts the not-ready taint the kubelet registers with, as in any cluster; job and
      // ttl-after-finished (with the garbage collector): a probe run's owner Job ends at its deadline and is removed
      // with its pods by the cluster itself (server/probes/run.ts); endpointslice: a Service's ready endpoints;
      // root-ca-certificate-publisher: every namespace's kube-root-ca.crt (deploy/'s pods mount it as their API CA)
      `--controllers=${KCM_CONTROLLERS.join(",")}`,
    ]);
    await waitFor("kube-scheduler /healthz", scheduler, healthz("https://127.0.0.1:10259/healthz"));
    await waitFor("kube-controller-manager /healthz", kcm, healthz("https://127.0.0.1:10257/healthz"));
  }
  await waitNodeReady(c, spec.name, kubelet);
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
