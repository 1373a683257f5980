import path from "node:path";
import { readSnapshot } from "./read-snapshot";
import { StaticSource } from "./static-source";

/** The demo snapshot checked into the repo; the test bed seeds the live API server from the same files. */
export const DEMO_DIR = path.join(process.cwd(), "server", "demo-cluster");

export async function createDemoSource(): Promise<StaticSource> {
  return new StaticSource({ kind: "demo", label: "embedded demo cluster", writes: "memory" }, await readSnapshot(DEMO_DIR));
}

export async function createSnapshotSource(target: string): Promise<StaticSource> {
  return new StaticSource({ kind: "snapshot", label: `snapshot ${path.basename(target)}`, writes: "none" }, await readSnapshot(target));
}
