// The node's only container image: Debian's busybox-static as a docker-archive tarball, imported with ctr.
// There is no registry here, so the sandbox ("pause") image and the workloads' image are this one image.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export const BUSYBOX = "/bin/busybox";
/** PID 1 of every container: sleeps until TERM, then exits at once (a bare `sleep` as PID 1 ignores TERM). */
export const SLEEP_FOREVER = [BUSYBOX, "sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"];

/** Debian's busybox-static version, e.g. 1.35.0; the image tag carries it so a new busybox makes a new image. */
export function busyboxVersion(): string {
  const out = execFileSync(BUSYBOX, ["--help"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const m = /BusyBox v([0-9.]+)/.exec(out);
  if (!m?.[1]) throw new Error(`cannot read busybox's version from ${BUSYBOX} --help (install busybox-static)`);
  return m[1];
}

export function imageRef(): string {
  return `plumbline.local/busybox:${busyboxVersion()}`;
}

const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

/** Writes the docker-archive tarball into `dir` and returns its path. */
export function buildImageArchive(dir: string): string {
  const work = mkdtempSync(path.join(dir, "image-"));
  try {
    const root = path.join(work, "rootfs");
    mkdirSync(path.join(root, "bin"), { recursive: true });
    for (const d of ["proc", "sys", "dev", "etc", "tmp"]) mkdirSync(path.join(root, d));
    copyFileSync(BUSYBOX, path.join(root, "bin/busybox"));
    for (const applet of ["sh", "sleep", "ip", "cat", "ls"]) symlinkSync("busybox", path.join(root, "bin", applet));
    const out = path.join(work, "out");
    mkdirSync(out);
    const layer = path.join(out, "layer.tar");
    execFileSync("tar", ["--numeric-owner", "--owner=0", "--group=0", "-C", root, "-cf", layer, "."]);
    const config = Buffer.from(
      JSON.stringify({
        architecture: process.arch === "arm64" ? "arm64" : "amd64",
        os: "linux",
        config: { Env: ["PATH=/bin"], Cmd: SLEEP_FOREVER },
        rootfs: { type: "layers", diff_ids: [`sha256:${sha256(readFileSync(layer))}`] },
      }),
    );
    const configName = `${sha256(config)}.json`;
    writeFileSync(path.join(out, configName), config);
    const manifest = [{ Config: configName, RepoTags: [imageRef()], Layers: ["layer.tar"] }];
    writeFileSync(path.join(out, "manifest.json"), JSON.stringify(manifest));
    const archive = path.join(dir, "busybox-image.tar");
    execFileSync("tar", ["-C", out, "-cf", archive, "manifest.json", configName, "layer.tar"]);
    return archive;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
