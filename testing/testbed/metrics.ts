import { kubeRequest, type TestCluster } from "./cluster";

/**
 * One of the API server's own counters (its /metrics, read as the admin), summed over the samples whose labels
 * match: what a test proves happened on the server side, not what the client believes it sent.
 */
export async function apiServerCounter(
  c: TestCluster,
  metric: string,
  labels: (labels: string) => boolean = () => true,
): Promise<number> {
  const text = (await kubeRequest(c, "GET", "/metrics")).text;
  let n = 0;
  for (const [, name, l, value] of text.matchAll(/^(\w+)\{([^}]*)\} (\S+)$/gm))
    if (name === metric && labels(l ?? "")) n += Number(value);
  return n;
}
