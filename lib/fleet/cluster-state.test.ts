import { describe, expect, it } from "vitest";
import { clusterState } from "./cluster-state";

const since = "2026-12-06T17:00:00.000Z";

describe("a cluster's state in the fleet", () => {
  it("a refused connection is unreachable, whether or not a picture was read before", () => {
    const reason = "watch pods in all namespaces: ECONNREFUSED: request to https://127.0.0.1:6443/api/v1/pods failed";
    expect(clusterState({ state: "stale", since, reason }, "all")).toEqual({ state: "unreachable", reason, since });
    expect(clusterState({ state: "failed", reason }, "all")).toEqual({ state: "unreachable", reason });
  });

  it("a 5xx with the last picture kept is stale; refused credentials are signed out", () => {
    const reason = "watch pods in all namespaces: HTTP 503 Service Unavailable";
    expect(clusterState({ state: "stale", since, reason }, "all").state).toBe("stale");
    expect(clusterState({ state: "failed", reason: "signed out: the API server no longer accepts" }, "all").state).toBe(
      "signed-out",
    );
  });

  it("live with no namespace's networks readable is forbidden; with some, live", () => {
    const refusal = 'list network-attachment-definitions in all namespaces: forbidden: User "x" cannot list';
    expect(clusterState({ state: "live", since }, [], refusal)).toEqual({ state: "forbidden", reason: refusal });
    expect(clusterState({ state: "live", since }, ["lab"]).state).toBe("live");
    expect(clusterState({ state: "connecting" }, "all").state).toBe("connecting");
  });
});
