// The node's cgroup subtree: one directory per mounted hierarchy (cgroup v1 here; v2 is one hierarchy), created
// before the kubelet starts (it is the kubelet's cgroupRoot) and removed, deepest first, after everything in it died.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const CGROUP_FS = "/sys/fs/cgroup";

/** Hierarchy mount points: the v2 root itself, or each v1 controller directory (symlinked aliases skipped). */
export function hierarchies(): string[] {
  if (existsSync(path.join(CGROUP_FS, "cgroup.controllers"))) return [CGROUP_FS];
  return readdirSync(CGROUP_FS)
    .map((e) => path.join(CGROUP_FS, e))
    .filter((d) => lstatSync(d).isDirectory() && existsSync(path.join(d, "cgroup.procs")));
}

/** mkdir, and in a v1 cpuset hierarchy give the new group its parent's CPUs and memory nodes (empty ones refuse tasks). */
function makeGroup(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of ["cpuset.cpus", "cpuset.mems"]) {
    const mine = path.join(dir, f);
    if (existsSync(mine) && readFileSync(mine, "utf8").trim() === "")
      writeFileSync(mine, readFileSync(path.join(path.dirname(dir), f), "utf8").trim());
  }
}

export function createCgroupRoot(name: string): void {
  for (const h of hierarchies()) makeGroup(path.join(h, name));
}

function subtree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const kids = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => subtree(path.join(dir, e.name)));
  return [...kids, dir];
}

/** Every pid in the subtree of any hierarchy. */
export function cgroupPids(name: string): number[] {
  const pids = new Set<number>();
  for (const h of hierarchies())
    for (const d of subtree(path.join(h, name)))
      for (const l of readFileSync(path.join(d, "cgroup.procs"), "utf8").split("\n")) if (l) pids.add(Number(l));
  return [...pids];
}

/** A pod's cgroup directory (kubelet's cgroupfs layout: <root>/kubepods[/<qos>]/pod<uid>), in the first hierarchy. */
export function podPids(name: string, podUid: string): number[] {
  const [h] = hierarchies();
  if (!h) return [];
  const dir = subtree(path.join(h, name)).find((d) => path.basename(d) === `pod${podUid}`);
  if (!dir) return [];
  return subtree(dir).flatMap((d) =>
    readFileSync(path.join(d, "cgroup.procs"), "utf8").split("\n").filter(Boolean).map(Number),
  );
}

/** Removes the subtree (deepest first); returns the directories that could not be removed. */
export function removeCgroupRoot(name: string): string[] {
  const left: string[] = [];
  for (const h of hierarchies())
    for (const d of subtree(path.join(h, name))) {
      try {
        rmdirSync(d);
      } catch {
        left.push(d);
      }
    }
  return left;
}

export function cgroupRootExists(name: string): boolean {
  return hierarchies().some((h) => existsSync(path.join(h, name)));
}

/** Moves a process (and so everything it will fork) into <root>/system in every hierarchy. */
export function adopt(name: string, pid: number): void {
  for (const h of hierarchies()) {
    const d = path.join(h, name, "system");
    makeGroup(d);
    writeFileSync(path.join(d, "cgroup.procs"), String(pid));
  }
}
