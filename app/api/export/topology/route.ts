import { readConfig } from "@/server/config";
import { getRegistry, shutdownSignal } from "@/server/registry-instance";
import { exportResponse } from "@/server/topology-export";

export const dynamic = "force-dynamic";

/** The whole topology as a JSON file, streamed (server/topology-export.ts): what the page's JSON button saves. */
export function GET(req: Request): Promise<Response> {
  return exportResponse(req, getRegistry(), {
    trustedProxy: readConfig().PLUMBLINE_TRUSTED_PROXY,
    shutdown: shutdownSignal(),
  });
}
