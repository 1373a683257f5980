import { VersionApi } from "@kubernetes/client-node";
import { readConfig } from "@/server/config";
import { getRegistry } from "@/server/registry-instance";
import { loadKubeConfig } from "@/server/sources/kubeconfig";

export const dynamic = "force-dynamic";

/**
 * Ready when the cluster answers. With the kubeconfig or service account that is the source being live; with
 * forwarded tokens the server has no identity of its own to read with, so it asks the API server's /version,
 * which every cluster serves to anyone.
 */
export async function GET(): Promise<Response> {
  const config = readConfig();
  try {
    if (config.PLUMBLINE_SOURCE !== "kubeconfig")
      return Response.json({ status: "ready", source: config.PLUMBLINE_SOURCE });
    if (config.PLUMBLINE_IDENTITY === "forwarded-token") {
      const kc = loadKubeConfig({ kubeconfig: config.KUBECONFIG, context: config.PLUMBLINE_CONTEXT });
      const version = await kc.makeApiClient(VersionApi).getCode();
      return Response.json({ status: "ready", kubernetes: version.gitVersion });
    }
    const lease = await getRegistry().acquire({});
    try {
      await Promise.race([lease.source.ready(), new Promise((r) => setTimeout(r, 5000))]);
      const status = lease.source.status();
      const ok = status.state === "live" || status.state === "static";
      return Response.json({ status: ok ? "ready" : "not ready", source: status }, { status: ok ? 200 : 503 });
    } finally {
      lease.release();
    }
  } catch (e) {
    return Response.json({ status: "not ready", reason: e instanceof Error ? e.message : String(e) }, { status: 503 });
  }
}
