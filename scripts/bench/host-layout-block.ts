/**
 * How long the server's thread is held while it lays out a host's view (tRPC layout.host, server/host-layout.ts):
 * ELK on its own thread (server/elk-thread.ts, this code) against ELK inline on the server's thread (session 8's
 * code: the same function given an inline elkjs), each in a fresh process (ELK cold, as on a server's first host pick),
 * alternately, run by run. A host of a 20,000-pod cluster: 40 pods, folded. Prints, per way, the longest stretch
 * the thread could not answer anything else (every other user's streams and requests wait that long) and the time to
 * the layout, median [min–max].
 *   npx tsx --tsconfig tsconfig.json scripts/bench/host-layout-block.ts [--runs 5]
 */
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import ELK from "elkjs/lib/elk.bundled.js";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { hostLayout } from "@/server/host-layout";
import { StaticSource } from "@/server/sources/static-source";
import { feedOf } from "@/server/topology-feed";
import { joinChannel } from "@/server/view-channel";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";

const { values: opt } = parseArgs({
  options: { runs: { type: "string", default: "5" }, child: { type: "string" } },
});

/** One cold layout in this process: the longest gap between two turns of its thread, and the time to the layout. */
async function once(way: string): Promise<{ held: number; took: number; boxes: number }> {
  const snap = snapshotFromObjects(syntheticCluster({ nodes: 6, pods: 240, nads: 12, seed: 11 }));
  const feed = feedOf(new StaticSource({ kind: "demo", label: "bench", writes: "memory" }, snap));
  await feed.current();
  const query = { host: "node-003" };
  const { channel, leave } = joinChannel(feed, query);
  const text = channel.since(null)[0]?.text ?? "";
  leave();
  let done = false;
  const start = performance.now();
  const laid = hostLayout(text, query, false, way === "inline" ? new ELK() : undefined).finally(() => {
    done = true;
  });
  let held = 0;
  let last = performance.now();
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    const now = performance.now();
    held = Math.max(held, now - last);
    last = now;
  }
  const boxes = (await laid)?.positions.length ?? 0;
  return { held: Math.max(held, performance.now() - last), took: performance.now() - start, boxes };
}

const stat = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `${Math.round(s[Math.floor(s.length / 2)] ?? 0)} [${Math.round(s[0] ?? 0)}–${Math.round(s.at(-1) ?? 0)}]`;
};

if (opt.child) {
  process.stdout.write(`${JSON.stringify(await once(opt.child))}\n`);
  process.exit(0);
} else {
  const ways = ["thread", "inline"];
  const got = new Map<string, { held: number; took: number; boxes: number }[]>(ways.map((w) => [w, []]));
  for (let run = 0; run < Number(opt.runs); run++) {
    for (const way of ways) {
      const out = execFileSync(
        "npx",
        ["tsx", "--tsconfig", "tsconfig.json", "scripts/bench/host-layout-block.ts", "--child", way],
        { encoding: "utf8" },
      );
      got.get(way)?.push(JSON.parse(out.trim().split("\n").at(-1) ?? "{}"));
    }
  }
  console.log(
    `| ELK (a cold ${got.get("thread")?.[0]?.boxes}-box host, n = ${opt.runs}) | thread held, ms | layout, ms |`,
  );
  console.log("|---|---|---|");
  for (const [way, rows] of got) {
    const name = way === "thread" ? "own thread (this code)" : "inline on the server's thread (session 8)";
    console.log(`| ${name} | ${stat(rows.map((r) => r.held))} | ${stat(rows.map((r) => r.took))} |`);
  }
}
