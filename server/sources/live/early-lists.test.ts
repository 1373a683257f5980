import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { earlyTarget } from "./early-lists";

const dir = mkdtempSync(join(tmpdir(), "early-lists-"));
const kubeconfig = (user: Record<string, unknown>, cluster: Record<string, unknown> = {}) => {
  const file = join(dir, `kc-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    file,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "c", cluster: { server: "https://127.0.0.1:6443/", ...cluster } }],
      users: [{ name: "u", user }],
      contexts: [{ name: "x", context: { cluster: "c", user: "u" } }],
      "current-context": "x",
    }),
  );
  return file;
};

describe("earlyTarget: only what is plain to read without the Kubernetes client", () => {
  it("a bearer token with its CA", () => {
    const ca = Buffer.from("PEM").toString("base64");
    const t = earlyTarget(kubeconfig({ token: "abc" }, { "certificate-authority-data": ca }), undefined, {});
    expect(t).toEqual({
      server: "https://127.0.0.1:6443",
      credential: "abc",
      token: "abc",
      ca: "PEM",
      insecure: false,
    });
  });

  it("nothing for client certificates, exec plugins, token files or an unknown context", () => {
    expect(earlyTarget(kubeconfig({ "client-certificate-data": "x", "client-key-data": "y" }), undefined, {})).toBe(
      null,
    );
    expect(earlyTarget(kubeconfig({ exec: { command: "oc" } }), undefined, {})).toBe(null);
    expect(earlyTarget(kubeconfig({ token: "abc", exec: { command: "oc" } }), undefined, {})).toBe(null);
    expect(earlyTarget(kubeconfig({ tokenFile: "/t" }), undefined, {})).toBe(null);
    expect(earlyTarget(kubeconfig({ token: "abc" }), "other", {})).toBe(null);
  });

  it("no kubeconfig and no service account: nothing", () => {
    expect(earlyTarget(join(dir, "absent"), undefined, {})).toBe(null);
  });
});
