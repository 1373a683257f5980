import { readdirSync, readFileSync, statSync } from "node:fs";
import type { TestCluster } from "../../../testing/testbed/cluster";
import { mib } from "./measure";
import type { Table } from "./table";

/** VmRSS / VmHWM of a process, in bytes */
export function memOf(pid: number): { now: number; peak: number } {
  const s = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) * 1024;
  return { now: kb("VmRSS"), peak: kb("VmHWM") };
}

/** bytes of the files under `dir` (etcd's data on tmpfs is memory) */
const dirBytes = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((a, e) => a + statSync(`${e.parentPath}/${e.name}`).size, 0);

/** What the test bed and this benchmark hold beside the server: what limits the largest size a machine runs. */
export function bedRow(table: Table, cluster: TestCluster): void {
  const apiserverPid = cluster.apiserverPid() ?? 0;
  const etcdPid = Number(
    readFileSync(`${cluster.dir}/pids`, "utf8")
      .split(" ")
      .find((p) => Number(p) !== apiserverPid),
  );
  table.add(
    "the bed beside it, peak RSS: kube-apiserver / etcd (+ its data on tmpfs) / this benchmark process (objects, in-process colds)",
    `${mib(memOf(apiserverPid).peak)} / ${mib(memOf(etcdPid).peak)} (+ ${mib(dirBytes(`${cluster.dir}/etcd`))}) / ${mib(process.resourceUsage().maxRSS * 1024)}`,
  );
}
