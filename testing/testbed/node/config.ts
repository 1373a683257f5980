// Configuration files of the node stage, as pure functions of the node's paths (no I/O here).
// Every path lives under the stage's own directory, so teardown removing that directory removes them all.
import { stringify } from "yaml";

/** One node of the bed. */
export interface NodeSpec {
  name: string;
  /** the node's own address, on a stand-in NIC (veth) inside the node's network namespace (never outside it) */
  ip: string;
  /** pods' default network (eth0): a bridge with host-local addresses from this range, inside the node namespace */
  podCidr: string;
  /** publish a NodeNetworkState for this node (the stand-in for kubernetes-nmstate, reporter.ts); off: none at all */
  nodeNetworkState: boolean;
}

/** The bed's nodes: the first also runs the scheduler and controller-manager. */
export const NODE_SPECS: readonly [NodeSpec, NodeSpec] = [
  { name: "plumbline-node", ip: "172.31.254.2", podCidr: "10.88.0.0/16", nodeNetworkState: true },
  { name: "plumbline-node-2", ip: "172.31.254.3", podCidr: "10.89.0.0/16", nodeNetworkState: true },
];
export const NODE_NAME = NODE_SPECS[0].name;

export interface NodePaths {
  dir: string;
  cniBinDir: string;
  image: string;
  /** The kubeconfig every node component uses (admin token; the apiserver reached through the forwarder). */
  kubeconfig: string;
  /** the CA of the apiserver's client certificate (the kubelet serves logs/exec to it alone) */
  kubeletClientCa: string;
}

export const p = (n: NodePaths) =>
  ({
    containerdConfig: `${n.dir}/containerd.toml`,
    containerdSock: `${n.dir}/containerd/containerd.sock`,
    containerdRoot: `${n.dir}/containerd/root`,
    containerdState: `${n.dir}/containerd/state`,
    runcRoot: `${n.dir}/containerd/runc`,
    cniConfDir: `${n.dir}/cni/net.d`,
    cniDataDir: `${n.dir}/cni/data`,
    kubeletConfig: `${n.dir}/kubelet.yaml`,
    kubeletRoot: `${n.dir}/kubelet`,
    podLogs: `${n.dir}/pod-logs`,
    certs: `${n.dir}/certs`,
    whereaboutsConf: `${n.dir}/cni/whereabouts.conf`,
    multusLog: `${n.dir}/multus.log`,
    whereaboutsLog: `${n.dir}/whereabouts.log`,
  }) as const;

export function containerdToml(n: NodePaths): string {
  const q = p(n);
  const cri = '[plugins."io.containerd.grpc.v1.cri"';
  return `version = 2
root = "${q.containerdRoot}"
state = "${q.containerdState}"
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp"]
[grpc]
  address = "${q.containerdSock}"
[ttrpc]
  address = "${q.containerdSock}.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
${cri}]
  sandbox_image = "${n.image}"
  # root here may not lower an OOM score; without this every pod fails in runc ("can't get final child's PID").
  restrict_oom_score_adj = true
  # pod network namespaces under our state dir, not /var/run/netns
  netns_mounts_under_state_dir = true
  disable_apparmor = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
${cri}.containerd]
  snapshotter = "overlayfs"
  default_runtime_name = "runc"
${cri}.containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"
${cri}.containerd.runtimes.runc.options]
  SystemdCgroup = false
  Root = "${q.runcRoot}"
${cri}.cni]
  bin_dir = "${n.cniBinDir}"
  conf_dir = "${q.cniConfDir}"
  max_conf_num = 1
`;
}

export function kubeletConfigYaml(n: NodePaths, cgroupRoot: string, node: NodeSpec): string {
  const q = p(n);
  return stringify({
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    kind: "KubeletConfiguration",
    address: node.ip,
    port: 10250,
    readOnlyPort: 0,
    healthzBindAddress: "127.0.0.1",
    healthzPort: 10248,
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: false },
      x509: { clientCAFile: n.kubeletClientCa },
    },
    authorization: { mode: "AlwaysAllow" },
    cgroupDriver: "cgroupfs",
    cgroupRoot,
    cgroupsPerQOS: true,
    containerRuntimeEndpoint: `unix://${q.containerdSock}`,
    failCgroupV1: false,
    failSwapOn: false,
    podLogsDir: q.podLogs,
    resolvConf: "",
    staticPodPath: "",
    registerNode: true,
    // The machine's disks are shared and may be fuller than kubelet's defaults allow; never evict here.
    evictionHard: { "memory.available": "1Mi", "nodefs.available": "0%", "imagefs.available": "0%" },
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    localStorageCapacityIsolation: false,
    protectKernelDefaults: false,
    serializeImagePulls: false,
    syncFrequency: "5s",
    nodeStatusUpdateFrequency: "5s",
    fileCheckFrequency: "5s",
    shutdownGracePeriod: "0s",
    maxPods: 30,
  });
}

/** Multus (thin plugin) as the node's only CNI config; it delegates eth0 to the default bridge network. */
export function multusConf(n: NodePaths, node: NodeSpec): string {
  const q = p(n);
  const defaultNetwork = {
    cniVersion: "0.4.0",
    name: "default-bridge",
    plugins: [
      {
        type: "bridge",
        bridge: "cni0",
        isGateway: true,
        ipMasq: false,
        ipam: { type: "host-local", ranges: [[{ subnet: node.podCidr }]], dataDir: q.cniDataDir },
      },
      { type: "loopback" },
    ],
  };
  return JSON.stringify(
    {
      cniVersion: "0.4.0",
      name: "multus-cni-network",
      type: "multus",
      kubeconfig: n.kubeconfig,
      cniDir: `${n.dir}/cni/multus`,
      binDir: n.cniBinDir,
      logFile: q.multusLog,
      logLevel: "verbose",
      delegates: [defaultNetwork],
    },
    null,
    2,
  );
}

/** whereabouts reads its kubeconfig from this file when a NAD's ipam does not name one. */
export function whereaboutsConf(n: NodePaths): string {
  const q = p(n);
  return JSON.stringify({
    datastore: "kubernetes",
    kubernetes: { kubeconfig: n.kubeconfig },
    log_file: q.whereaboutsLog,
    log_level: "verbose",
  });
}
