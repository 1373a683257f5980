// Teardown of the node stage, and the inventory that proves nothing it made is left on the machine.
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:net";
import { cgroupPids, cgroupRootExists, removeCgroupRoot } from "./cgroups";
import { deleteNetns, netnsPath, processesIn } from "./netns";
import { type Component, killPids, sleep, terminate } from "./procs";
import type { Reporter } from "./reporter";

export interface NodeState {
  dir: string;
  netns: string;
  cgroupRoot: string;
  components: Component[];
  /** the anchor's mount namespace and the node's network namespace (as /proc/<pid>/ns links read) */
  inodes: string[];
  anchor?: ChildProcess;
  proxy?: Server;
  reporter?: Reporter;
  /** removes the apiserver's egress route to this node */
  unroute?: () => void;
  stopped?: Promise<void>;
}

export function teardown(s: NodeState): Promise<void> {
  s.stopped ??= doTeardown(s);
  return s.stopped;
}

async function doTeardown(s: NodeState): Promise<void> {
  await s.reporter?.stop();
  s.unroute?.();
  // The kubelet first (it would restart what we stop), containerd after it, then whatever they left running:
  // containers and sandboxes (in our cgroups) and shims (in our mount namespace).
  for (const c of [...s.components].reverse()) await terminate(c, 10_000);
  for (let i = 0; i < 100; i++) {
    const pids = ours(s).filter((pid) => pid !== s.anchor?.pid);
    if (pids.length === 0) break;
    killPids(pids);
    await sleep(100);
  }
  if (s.anchor && s.anchor.exitCode === null && s.anchor.signalCode === null) {
    const anchor = s.anchor;
    await new Promise<void>((resolve) => {
      anchor.once("exit", () => resolve());
      anchor.kill("SIGKILL");
    });
  }
  for (let i = 0; i < 50 && ours(s).length > 0; i++) {
    killPids(ours(s));
    await sleep(100);
  }
  // A cgroup can be removed only once its last task is reaped; that can lag the kill a little.
  for (let i = 0; i < 50 && removeCgroupRoot(s.cgroupRoot).length > 0; i++) await sleep(100);
  await new Promise<void>((resolve) => (s.proxy ? s.proxy.close(() => resolve()) : resolve()));
  deleteNetns(s.netns);
  rmSync(s.dir, { recursive: true, force: true, maxRetries: 5 });
  const left = leftovers(s);
  if (left.length > 0) throw new Error(`node stage teardown left: ${left.join("; ")}`);
}

/**
 * The stage's processes: in its cgroups, or in its namespaces while those are surely still its own (the mount
 * namespace while the anchor holds it, the network namespace until it is deleted). A freed namespace's inode number
 * can be given to another one - another bed's pod - whose processes must never be taken for ours, let alone killed.
 */
function ours(s: NodeState): number[] {
  const anchorAlive = s.anchor !== undefined && s.anchor.exitCode === null && s.anchor.signalCode === null;
  const held = s.inodes.filter((i) => (i.startsWith("mnt:") ? anchorAlive : existsSync(netnsPath(s.netns))));
  return [...new Set([...processesIn(held), ...cgroupPids(s.cgroupRoot)])];
}

/** What of the stage is still on the machine (empty after a clean teardown). */
export function leftovers(s: Pick<NodeState, "dir" | "netns" | "cgroupRoot" | "inodes">): string[] {
  const left: string[] = [];
  // Once a namespace is gone the kernel may give its inode number to a new one (another bed's pod, on a shared
  // machine): a namespace is matched only while it is still ours - the network namespace until it is deleted.
  const held = existsSync(netnsPath(s.netns)) ? s.inodes.filter((i) => i.startsWith("net:")) : [];
  const pids = [...new Set([...processesIn(held), ...cgroupPids(s.cgroupRoot)])];
  if (pids.length > 0) left.push(`processes ${pids.join(", ")}`);
  if (cgroupRootExists(s.cgroupRoot)) left.push(`cgroup ${s.cgroupRoot}`);
  if (existsSync(netnsPath(s.netns))) left.push(`network namespace ${s.netns}`);
  if (existsSync(s.dir)) left.push(`directory ${s.dir}`);
  const mounts = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .filter((l) => l.includes(s.dir) || l.includes(s.netns));
  if (mounts.length > 0) left.push(`mounts ${mounts.join(" | ")}`);
  return left;
}
