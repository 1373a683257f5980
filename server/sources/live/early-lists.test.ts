import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { earlyTarget } from "./early-lists";
import { preloadLists } from "./early-preload-lists.mjs";
import { PRELOADED, PRELOADED_PATHS, takePreloaded } from "./early-preloaded.mjs";
import { listQuery, resourcePath, WATCHED } from "./resources";

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

describe("the preload (early-preload.mjs): what it sends before the server's code has loaded", () => {
  it("asks each kind exactly as the server's early lists do, or the source could never take it", () => {
    const path = (kind: string) => {
      const r = WATCHED.find((w) => w.kind === kind) ?? expect.fail(`${kind} is not watched`);
      return `${resourcePath(r)}${listQuery(r, "cache")}`;
    };
    expect(PRELOADED_PATHS).toEqual(["Node", "Pod", "NetworkAttachmentDefinition", "NodeNetworkState"].map(path));
    // and trims its items as the kind they are (lean.mjs's rules are by kind)
    for (const { kind, path: p } of PRELOADED) expect(p).toBe(path(kind));
  });

  it("sends nothing where the server would send no early list", () => {
    const env = { PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: kubeconfig({ token: "abc" }) };
    for (const off of [
      { ...env, PLUMBLINE_IDENTITY: "forwarded-token" },
      { ...env, PLUMBLINE_SOURCE: "demo" },
      { KUBECONFIG: env.KUBECONFIG },
      { ...env, PLUMBLINE_READ_AT_START: "false" },
      { ...env, PLUMBLINE_READ_AT_START: "0" },
      { ...env, PLUMBLINE_EARLY_LISTS: "false" },
      { ...env, PLUMBLINE_EARLY_LISTS: "0" },
    ])
      expect(preloadLists(off), JSON.stringify(off)).toBe(0);
    expect(globalThis.__plumblinePreloaded).toBeUndefined();
  });

  it("sends nothing for a credential its thread cannot read plainly: the server's early lists send their own", async () => {
    const target = { server: "https://127.0.0.1:6443", credential: "abc", token: "abc", insecure: false };
    for (const file of [kubeconfig({ exec: { command: "oc" } }), join(dir, "absent")]) {
      expect(preloadLists({ PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: file })).toBe(PRELOADED_PATHS.length);
      // (undefined: sent afresh by the caller; null would be a List that failed)
      for (const path of PRELOADED_PATHS) expect(await takePreloaded(target, path), path).toBeUndefined();
      globalThis.__plumblinePreloaded = undefined;
    }
  });
});
