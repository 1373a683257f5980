import { describe, expect, it } from "vitest";
import { describeApiError } from "./errors";

const refused = Object.assign(new Error("request to https://127.0.0.1:6443/api/v1/pods failed"), {
  code: "ECONNREFUSED",
});

describe("an API error as a user reads it", () => {
  it("names the verb, the resource, the namespace, and the context when the server reads several", () => {
    expect(describeApiError("list", "pods", { namespace: "lab", namespaced: true, context: "lab" }, refused)).toBe(
      "list pods in namespace lab on context lab: ECONNREFUSED: request to https://127.0.0.1:6443/api/v1/pods failed",
    );
    expect(describeApiError("watch", "nodes", { namespaced: false, context: "west" }, refused)).toMatch(
      /^watch nodes on context west: ECONNREFUSED/,
    );
    // one cluster: as before, no context
    expect(describeApiError("list", "pods", { namespaced: true }, refused)).toMatch(/^list pods in all namespaces: /);
  });
});
