import type { SourceStatus } from "../wire/payload";
import type { ClusterState } from "./schema";

/** Network errors: the API server did not answer at all (as client-node and Node report them). */
const UNREACHABLE =
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|socket hang up|UND_ERR_\w+|fetch failed|no answer within)\b/;

/**
 * A cluster's state in the fleet from its source's status and what its identity may read of the networks: stale
 * and failed become "unreachable" when the API server does not answer, "signed-out" when it refused the credentials;
 * a picture in which no namespace's networks could be read is "forbidden", however fresh.
 */
export function clusterState(
  status: SourceStatus,
  known: "all" | readonly string[],
  refusal?: string,
): { state: ClusterState; reason?: string; since?: string } {
  switch (status.state) {
    case "connecting":
      return { state: "connecting" };
    case "failed":
      if (status.reason.startsWith("signed out")) return { state: "signed-out", reason: status.reason };
      // nothing was ever read (a TLS or DNS error, a refused connection): nothing of it is known
      return { state: "unreachable", reason: status.reason };
    case "stale":
      return {
        state: UNREACHABLE.test(status.reason) ? "unreachable" : "stale",
        reason: status.reason,
        since: status.since,
      };
    default:
      if (known !== "all" && known.length === 0)
        return { state: "forbidden", reason: refusal ?? "may not list network-attachment-definitions" };
      return { state: "live" };
  }
}
