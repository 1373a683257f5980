// The node's binaries: built once from the Go module proxy and cached by version (build-node.sh), plus Debian's
// containerd/runc/busybox-static (ensure-deps.sh installs them).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const ENSURE = "run `bash testing/testbed/ensure-deps.sh --with-node` as root";

export interface NodeBinaries {
  kubelet: string;
  scheduler: string;
  controllerManager: string;
  /** kubectl of the same Kubernetes version (`kubectl apply -k` of deploy/) */
  kubectl: string;
  cniBinDir: string;
  /** e.g. "kubernetes v1.37.2, cni-plugins v1.9.0, multus v4.2.2, whereabouts v0.9.2" */
  versions: string;
}

export function nodeBinaries(): NodeBinaries {
  let out: string;
  try {
    out = execFileSync("bash", [path.join(here, "..", "build-node.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
  } catch (e) {
    throw new Error(
      `the node's binaries could not be built: ${ENSURE} (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const kv = new Map(
    out
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const),
  );
  const get = (k: string): string => {
    const v = kv.get(k);
    if (!v) throw new Error(`build-node.sh did not report ${k}: ${ENSURE}`);
    return v;
  };
  return {
    kubelet: get("KUBELET"),
    scheduler: get("KUBE_SCHEDULER"),
    controllerManager: get("KUBE_CONTROLLER_MANAGER"),
    kubectl: get("KUBECTL"),
    cniBinDir: get("CNI_BIN_DIR"),
    versions: get("VERSIONS"),
  };
}

/** Debian's tools the node needs; a missing one is an error naming the package. */
export function checkHostTools(): void {
  const need: [string, string][] = [
    ["containerd", "containerd"],
    ["ctr", "containerd"],
    ["runc", "runc"],
    ["busybox", "busybox-static"],
    ["nsenter", "util-linux"],
    ["unshare", "util-linux"],
    ["ip", "iproute2"],
    ["curl", "curl"],
  ];
  const missing = need.filter(([bin]) => {
    try {
      execFileSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0)
    throw new Error(`the node stage needs ${missing.map(([b, p]) => `${b} (Debian: ${p})`).join(", ")}: ${ENSURE}`);
  if (process.getuid?.() !== 0) throw new Error("the node stage needs root (network and mount namespaces, cgroups)");
}
