// deploy/Containerfile's image for the node stage: built (or taken from the cache) by plumbline-image.sh and
// imported into a node's containerd, where the kubelet finds it by its reference (there is no registry here).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface DeployImage {
  /** e.g. localhost/plumbline:0123abcd4567ef89 (the tag is the hash of the image's inputs) */
  ref: string;
  archive: string;
  sizeBytes: number;
  /** how long the build took when it ran (0: it was never measured) */
  builtSeconds: number;
}

/** Builds the image unless an unchanged one is cached (minutes the first time; instant afterwards). */
export function deployImage(): DeployImage {
  const out = execFileSync("bash", [path.join(here, "..", "plumbline-image.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  const kv = new Map(out.split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const));
  const ref = kv.get("IMAGE");
  const archive = kv.get("ARCHIVE");
  if (!ref || !archive) throw new Error(`plumbline-image.sh printed no IMAGE/ARCHIVE:\n${out}`);
  return { ref, archive, sizeBytes: Number(kv.get("SIZE") ?? 0), builtSeconds: Number(kv.get("BUILT") ?? 0) };
}

/** `ctr images import` into the node's containerd (the k8s.io namespace the kubelet uses). */
export function importImage(archive: string, containerdSock: string): void {
  execFileSync("ctr", ["--address", containerdSock, "--namespace", "k8s.io", "images", "import", archive], {
    stdio: ["ignore", "ignore", "pipe"],
  });
}
