import { VersionApi } from "@kubernetes/client-node";
import { readConfig } from "@/server/config";
import { log } from "@/server/log";
import { getRegistry } from "@/server/registry-instance";
import { loadKubeConfig } from "@/server/sources/kubeconfig";

export const dynamic = "force-dynamic";

/**
 * Ready when the cluster answers. With the kubeconfig or service account that is the source being live; with
 * forwarded tokens the server has no identity of its own to read with, so it asks the API server's /version,
 * which every cluster serves to anyone. Unauthenticated (the probes pass the auth proxy), so it says only ready or
 * not ready: no Kubernetes version, no source state (issue 25); the reason goes to the log.
 */
export async function GET(): Promise<Response> {
  const config = readConfig();
  const answer = (ready: boolean, reason?: string): Response => {
    if (!ready) log.warn({ path: "/api/readyz" }, `not ready: ${reason ?? "unknown"}`);
    return Response.json({ status: ready ? "ready" : "not ready" }, { status: ready ? 200 : 503 });
  };
  try {
    if (config.PLUMBLINE_SOURCE !== "kubeconfig") return answer(true);
    if (config.PLUMBLINE_IDENTITY === "forwarded-token") {
      const kc = loadKubeConfig({ kubeconfig: config.KUBECONFIG, context: config.PLUMBLINE_CONTEXT });
      await kc.makeApiClient(VersionApi).getCode();
      return answer(true);
    }
    const lease = await getRegistry().acquire({});
    try {
      await Promise.race([lease.source.ready(), new Promise((r) => setTimeout(r, 5000))]);
      const status = lease.source.status();
      const ok = status.state === "live" || status.state === "static";
      return answer(ok, JSON.stringify(status));
    } finally {
      lease.release();
    }
  } catch (e) {
    return answer(false, e instanceof Error ? e.message : String(e));
  }
}
