// A container's security settings as they run: the OCI spec containerd handed runc (`ctr containers info
// --spec`) and the kernel's view of its first process (/proc/<pid>/status, /proc/<pid>/mountinfo). Nothing here
// reads the manifests: these are what the pod got, whatever the YAML says.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { z } from "zod";

const ociSpecSchema = z.looseObject({
  process: z.looseObject({
    user: z.looseObject({ uid: z.number(), gid: z.number() }),
    noNewPrivileges: z.boolean().optional(),
    capabilities: z
      .looseObject({
        bounding: z.array(z.string()).optional(),
        effective: z.array(z.string()).optional(),
        permitted: z.array(z.string()).optional(),
      })
      .optional(),
  }),
  root: z.looseObject({ readonly: z.boolean().optional() }),
  linux: z.looseObject({ seccomp: z.looseObject({ defaultAction: z.string() }).optional() }).optional(),
});

export interface RunningContainer {
  spec: {
    uid: number;
    gid: number;
    readonlyRoot: boolean;
    noNewPrivileges: boolean;
    capabilities: string[];
    seccomp: string;
  };
  /** from /proc of the container's first process */
  kernel: { uid: string; capEff: string; capBnd: string; noNewPrivs: string; seccomp: string; rootMount: string };
}

/** containerID from the pod status ("containerd://<id>") -> what containerd and the kernel say about it. */
export function runningContainer(containerdSock: string, containerId: string): RunningContainer {
  const id = containerId.replace(/^containerd:\/\//, "");
  const ctr = (...args: string[]): string =>
    execFileSync("ctr", ["--address", containerdSock, "--namespace", "k8s.io", ...args], { encoding: "utf8" });
  const spec = ociSpecSchema.parse(JSON.parse(ctr("containers", "info", "--spec", id)));
  const task = ctr("tasks", "ls")
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .find(([taskId]) => taskId === id);
  const pid = Number(task?.[1]);
  if (!pid) throw new Error(`no running task for container ${id}`);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, "m").exec(status)?.[1]?.trim() ?? "";
  // mountinfo: "id parent major:minor root mountpoint options ..."; the last "/" entry is the one in effect.
  const root = readFileSync(`/proc/${pid}/mountinfo`, "utf8")
    .split("\n")
    .map((l) => l.split(" "))
    .filter((f) => f[4] === "/")
    .at(-1);
  const caps = spec.process.capabilities;
  return {
    spec: {
      uid: spec.process.user.uid,
      gid: spec.process.user.gid,
      readonlyRoot: spec.root.readonly === true,
      noNewPrivileges: spec.process.noNewPrivileges === true,
      capabilities: [...new Set([...(caps?.bounding ?? []), ...(caps?.effective ?? []), ...(caps?.permitted ?? [])])],
      seccomp: spec.linux?.seccomp?.defaultAction ?? "none",
    },
    kernel: {
      uid: field("Uid"),
      capEff: field("CapEff"),
      capBnd: field("CapBnd"),
      noNewPrivs: field("NoNewPrivs"),
      seccomp: field("Seccomp"),
      rootMount: root?.[5] ?? "",
    },
  };
}
