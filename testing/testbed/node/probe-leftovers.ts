// What a probe run may leave behind on the node stage, looked for where it would be: pods and owner Jobs in the API
// (counted by the caller's `inApi`), containers of the namespace in each node's containerd.
import { execFileSync } from "node:child_process";
import type { TestNode } from "./node";

/** The containers (ids) of pods in `namespace` that each node's containerd still has. */
export function containersOf(nodes: readonly TestNode[], namespace: string): string[] {
  return nodes.flatMap((n) =>
    execFileSync(
      "ctr",
      [
        "--address",
        n.containerdSock,
        "-n",
        "k8s.io",
        "containers",
        "ls",
        "-q",
        `labels."io.kubernetes.pod.namespace"==${namespace}`,
      ],
      { encoding: "utf8" },
    )
      .split("\n")
      .filter(Boolean)
      .map((id) => `${n.name}/${id}`),
  );
}

/**
 * Waits until nothing is left (the kubelet removes a deleted pod's containers at its next container GC, every
 * minute, so give it two) and returns what is left then: all zero and empty when the run was removed.
 */
export async function waitForNothingLeft<T extends Record<string, number>>(
  nodes: readonly TestNode[],
  namespace: string,
  inApi: () => Promise<T>,
  boundMs: number,
): Promise<T & { containers: string[] }> {
  for (const deadline = Date.now() + boundMs; ; await new Promise((r) => setTimeout(r, 1000))) {
    const api = await inApi();
    const containers = containersOf(nodes, namespace);
    const none = Object.values(api).every((v) => v === 0) && containers.length === 0;
    if (none || Date.now() > deadline) return { ...api, containers };
  }
}
