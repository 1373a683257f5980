/**
 * What the access reviews cost (issue 25: revocation within 5 s asks the authoriser every 2 s): N live sources of a
 * namespace-scoped identity (cluster-wide reads refused, one fallback namespace) on the real test bed, idle for a
 * window, once with the default review interval and once with reviews off (an hour). Prints this process's CPU time
 * and the SelfSubjectAccessReviews the API server counted in each window, the reviews' share as a ratio.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/access-review.ts [sources] [seconds]
 */
import { LiveSource } from "@/server/sources/live/live-source";
import { testKubeConfig } from "../../testing/live-source";
import { grantNamespaceReader, startTestCluster } from "../../testing/testbed/cluster";
import { apiServerCounter } from "../../testing/testbed/metrics";

const n = Number(process.argv[2] ?? 8);
const seconds = Number(process.argv[3] ?? 20);
const cluster = await startTestCluster();

const reviewsCounted = () =>
  apiServerCounter(cluster, "apiserver_request_total", (l) => l.includes('resource="selfsubjectaccessreviews"'));

async function window(reviewMs: number | undefined): Promise<{ cpuMs: number; reviews: number }> {
  const sources = Array.from(
    { length: n },
    (_, i) =>
      new LiveSource(testKubeConfig(cluster.kubeconfigPath, "restricted"), {
        label: `bench-${i}`,
        namespaces: ["multus-test"],
        ...(reviewMs ? { reviewMs } : {}),
      }),
  );
  await Promise.all(sources.map((s) => s.ready()));
  await new Promise((r) => setTimeout(r, 21_000)); // past the review window of the first refusals
  const reviews0 = await reviewsCounted();
  const cpu0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const reviews = (await reviewsCounted()) - reviews0;
  await Promise.all(sources.map((s) => s.close()));
  return { cpuMs: (cpu.user + cpu.system) / 1000, reviews };
}

try {
  await grantNamespaceReader(cluster, "restricted", "multus-test");
  const off = await window(3_600_000);
  const on = await window(undefined);
  console.log(`${n} idle sources of a namespace-scoped identity, ${seconds} s each:`);
  console.log(`  reviews off: ${off.cpuMs.toFixed(0)} ms CPU, ${off.reviews} reviews`);
  console.log(`  reviews every 2 s: ${on.cpuMs.toFixed(0)} ms CPU, ${on.reviews} reviews`);
  console.log(
    `  ratio on/off ${(on.cpuMs / Math.max(1, off.cpuMs)).toFixed(2)}x; ${(on.reviews / seconds / n).toFixed(2)} reviews/s per source; ${((on.cpuMs - off.cpuMs) / seconds / 10).toFixed(2)}% of one core`,
  );
} finally {
  await cluster.stop();
}
