// The node's network namespace and the "anchor" process whose mount namespace every node component shares.
// In that private mount namespace: sysfs remounted for the node's netns (cgroup hierarchies kept), overlays on
// /etc, /var/lib, /var/log and /run whose upper dirs are inside the stage's dir (so whatever the components write
// there - whereabouts' flat config, CNI caches, shim sockets - is ours and goes with it), and the kernel tunables the
// kubelet would otherwise rewrite machine-wide shown to it with the values it wants.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readlinkSync } from "node:fs";
import path from "node:path";
import { type IpLink, parseIpJson } from "./nns-from-ip";

export function ip(netns: string, args: string[]): string {
  return execFileSync("ip", ["-n", netns, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function ipJson(netns: string, args: string[]): IpLink[] {
  return parseIpJson(ip(netns, ["-j", ...args]) || "[]");
}

/** `ip -j ...` in the network namespace of a process (a pod's sandbox, say). */
export function ipJsonInProcessNetns(pid: number, args: string[]): IpLink[] {
  const out = execFileSync("nsenter", ["-t", String(pid), "-n", "ip", "-j", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return parseIpJson(out || "[]");
}

/**
 * A stand-in NIC inside the node namespace: one end of a veth pair whose peer (`<name>-peer`) stays there too.
 * (This kernel has no dummy module; a veth pair is the closest device that exists here and never leaves the netns.)
 * Nothing if it is there already: a retried test adds it again.
 */
export function addNic(netns: string, name: string): void {
  if (ipJson(netns, ["link"]).some((l) => l.ifname === name)) return;
  ip(netns, ["link", "add", name, "type", "veth", "peer", "name", `${name}-peer`]);
  ip(netns, ["link", "set", `${name}-peer`, "up"]);
  ip(netns, ["link", "set", name, "up"]);
}

export function createNetns(name: string, nodeIp: string): void {
  execFileSync("ip", ["netns", "add", name]);
  ip(name, ["link", "set", "lo", "up"]);
  addNic(name, "node0");
  ip(name, ["addr", "add", `${nodeIp}/24`, "dev", "node0"]);
  // The node's default route: the kubelet wants one to pick its address, and nothing leaves the dummy.
  ip(name, ["route", "add", "default", "dev", "node0"]);
}

export function deleteNetns(name: string): void {
  if (existsSync(`/run/netns/${name}`)) execFileSync("ip", ["netns", "delete", name]);
}

/** Kernel tunables the kubelet sets machine-wide unless they already read as it wants (container_manager_linux.go). */
const KUBELET_TUNABLES: Record<string, string> = {
  "vm/overcommit_memory": "1",
  "vm/panic_on_oom": "0",
  "kernel/panic": "10",
  "kernel/panic_on_oops": "1",
  "kernel/keys/root_maxkeys": "1000000",
  "kernel/keys/root_maxbytes": "25000000",
};

export function anchorScript(dir: string): string {
  const d = `${dir}/mnt`;
  const tunables = Object.entries(KUBELET_TUNABLES)
    .map(([k, v]) => {
      const f = `${d}/sysctl/${k.replaceAll("/", "_")}`;
      return `echo ${v} > ${f} && mount --bind ${f} /proc/sys/${k}`;
    })
    .join("\n");
  return `set -eu
mkdir -p ${d}/cgroup ${d}/sysctl
mount --rbind /sys/fs/cgroup ${d}/cgroup
umount -l /sys
mount -t sysfs sysfs /sys
mount --move ${d}/cgroup /sys/fs/cgroup
for x in etc var/lib var/log run; do
  mkdir -p ${d}/upper/$x ${d}/work/$x
  mount -t overlay overlay -o lowerdir=/$x,upperdir=${d}/upper/$x,workdir=${d}/work/$x /$x
done
mkdir -p /etc/cni/net.d/whereabouts.d
cp ${dir}/cni/whereabouts.conf /etc/cni/net.d/whereabouts.d/whereabouts.conf
${tunables}
echo ready
trap 'exit 0' TERM
while :; do sleep 3600 & wait $!; done
`;
}

/** Starts the anchor in `netns` and resolves once its mounts are in place. */
export async function startAnchor(
  netns: string,
  dir: string,
  onSpawn: (p: ChildProcess) => void,
): Promise<ChildProcess> {
  const p = spawn(
    "nsenter",
    [`--net=/run/netns/${netns}`, "unshare", "--mount", "--propagation", "private", "sh", "-c", anchorScript(dir)],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  onSpawn(p);
  let out = "";
  let err = "";
  p.stderr?.on("data", (b: Buffer) => (err += b.toString()));
  await new Promise<void>((resolve, reject) => {
    p.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.includes("ready")) resolve();
    });
    p.once("exit", (code) => reject(new Error(`node mount namespace setup failed (exit ${code}): ${err.trim()}`)));
  });
  return p;
}

/** argv prefix that runs a command inside the anchor's network and mount namespaces. */
export const inNode = (anchorPid: number): [string, ...string[]] => [
  "nsenter",
  "-t",
  String(anchorPid),
  "-m",
  "-n",
  "--",
];

export function nsInode(pid: number, kind: "mnt" | "net"): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/${kind}`);
  } catch {
    return undefined;
  }
}

/** Every process whose mount or network namespace is one of `inodes` (ours: the anchor's and the node's). */
export function processesIn(inodes: string[]): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => pid !== process.pid && inodes.some((i) => nsInode(pid, "mnt") === i || nsInode(pid, "net") === i));
}

export const netnsPath = (name: string): string => path.join("/run/netns", name);
