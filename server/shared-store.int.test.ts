import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TopologyPayload as TopologyView } from "@/lib/wire/payload";
import type { ViewState } from "@/lib/wire/view-state";
import { forwardedRegistry, idsOf, serviceAccountToken, shownOf } from "@/testing/forwarded-tokens";
import {
  applyObjects,
  grantNamespaceReader,
  kubeRequest,
  startTestCluster,
  type TestCluster,
} from "@/testing/testbed/cluster";
import { follow } from "@/testing/view-follow";
import { appRouter } from "./api/root";
import { createInnerContext } from "./api/trpc";
import type { Lease, SourceRegistry } from "./sources/registry";
import { feedOf } from "./topology-feed";

// Issue 26, "many users, one cache": members of one access group read one store and one set of view channels while
// their pictures are the group's (10 tabs at 20k held 10 stores before). On the real test bed: two readers alike share
// a store and each sees exactly what a source of its own shows; readers whose refusals name them keep stores of their
// own, each named as itself; a member holding an open view whose access is taken away is sent its own picture.

let cluster: TestCluster;
const NS = "multus-test";
const rbac = "/apis/rbac.authorization.k8s.io/v1";
const registries: SourceRegistry[] = [];
const held: Lease[] = [];

function registry(share = true): SourceRegistry {
  const r = forwardedRegistry(cluster, [NS, "default"], share);
  registries.push(r);
  return r;
}

beforeAll(async () => {
  cluster = await startTestCluster();
});

afterAll(async () => {
  for (const l of held) l.release();
  await Promise.all(registries.map((r) => r.closeAll()));
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const as = (r: SourceRegistry, token: string, signal?: AbortSignal) =>
  appRouter.createCaller(createInnerContext({ sources: r, token }), { signal });
const ids = idsOf;
const shown = shownOf;
const token = (name: string) => serviceAccountToken(cluster, name);

/** A ClusterRole reading everything and a binding of it to `subjects`. */
async function readAll(role: string, subjects: object[]): Promise<void> {
  const verbs = ["get", "list", "watch"];
  await applyObjects(cluster, [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: role },
      rules: [{ apiGroups: ["*"], resources: ["*"], verbs }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: role },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
      subjects,
    },
  ]);
}

/** `get` until `done` holds or `ms` pass; the last answer either way. */
async function viewUntil(r: SourceRegistry, t: string, done: (v: TopologyView) => boolean, ms = 30_000) {
  const from = Date.now();
  for (;;) {
    const v = await as(r, t).topology.get({});
    if (done(v) || Date.now() - from > ms) return v;
    await sleep(250);
  }
}

const readsAll = (v: TopologyView) => ids(v).includes("network/multus-test/bridge-main") && v.status.state === "live";
const storeOf = (l: Lease | undefined) => (l ? feedOf(l.source).store : undefined);
const sa = (name: string) => ({ kind: "ServiceAccount", name, namespace: "default" });

describe("members of one access group read one store", () => {
  const r = () => registries[0] ?? registry();
  const t: Record<string, string> = {};

  it("two readers alike: one store, and each sees exactly what a source of its own shows", async () => {
    t.alpha = await token("alpha");
    t.beta = await token("beta");
    await readAll("store-all-a", [sa("alpha")]);
    await readAll("store-all-b", [sa("beta")]);
    const a = await r().acquire({ token: t.alpha });
    const b = await r().acquire({ token: t.beta });
    held.push(a, b);
    for (const who of [t.alpha, t.beta]) {
      const v = await viewUntil(r(), who, readsAll);
      expect(readsAll(v)).toBe(true);
      expect(shown(v)).toEqual(shown(await viewUntil(registry(false), who, readsAll)));
    }
    expect(r().sharing()).toEqual({ sources: 1, members: 2 });
    // one store for both (each member built its own before)
    expect(storeOf(a)).toBe(storeOf(b));
  }, 120_000);

  it("readers whose refusals name them: stores of their own, each refusal naming its reader, never another", async () => {
    const names = ["nsa", "nsb"];
    for (const n of names) t[n] = await token(n);
    for (const n of names) await grantNamespaceReader(cluster, `system:serviceaccount:default:${n}`, NS);
    const leases = await Promise.all(names.map((n) => r().acquire({ token: t[n] ?? "" })));
    held.push(...leases);
    expect(r().sharing()).toEqual({ sources: 2, members: 4 });
    for (const [i, n] of names.entries()) {
      const v = await viewUntil(r(), t[n] ?? "", (x) => ids(x).some((id) => id.startsWith(`pod/${NS}/`)));
      const refusals = v.topology.findings.map((f) => f.message).filter((m) => /User "/.test(m));
      expect(refusals.length).toBeGreaterThan(0);
      for (const m of refusals) expect(m).toContain(`User "system:serviceaccount:default:${n}" cannot`);
      const other = names[1 - i] ?? "";
      expect(JSON.stringify(v)).not.toContain(`serviceaccount:default:${other}`);
    }
    // (once their first round is in: what they are shown is read from the store that shows their picture)
    expect(storeOf(leases[0])).not.toBe(storeOf(leases[1]));
  }, 120_000);

  it("a member with an open view whose access is taken away is sent its own picture, not the group's", async () => {
    const ac = new AbortController();
    const stream = (await as(r(), t.beta ?? "", ac.signal).topology.view({ view: {} }))[Symbol.asyncIterator]();
    let tab: ViewState | null = null;
    // One read outstanding at a time, kept across waits: a read given up on would take the next message with it.
    let reading = stream.next();
    /** What the tab holds (messages applied as the browser applies them) once `done` holds, or after 90 s. */
    const until = async (done: (s: ViewState) => boolean) => {
      const from = Date.now();
      while (Date.now() - from < 90_000) {
        const next = await Promise.race([reading, sleep(5_000).then(() => null)]);
        if (!next) continue;
        reading = stream.next();
        if (next.done) break;
        // On the server, tracked() yields its envelope: [id, data, marker]; data is the message's JSON text.
        const value: unknown = next.value;
        if (!Array.isArray(value) || typeof value[1] !== "string") continue;
        tab = follow(tab, [{ text: value[1] }]);
        if (tab && done(tab)) return tab;
      }
      return tab;
    };
    try {
      const before = await until((s) => s.elements.has("network/multus-test/bridge-main"));
      expect(before?.status.state).toBe("live");
      expect((await kubeRequest(cluster, "DELETE", `${rbac}/clusterrolebindings/store-all-b`)).status).toBe(200);
      const after = await until((s) => s.status.state !== "live" && s.elements.size === 0);
      expect([...(after?.elements.keys() ?? [])]).toEqual([]);
      expect(after?.status.state).not.toBe("live");
      // the member left for a source of its own; alpha still reads everything from the group's
      expect(readsAll(await as(r(), t.alpha ?? "").topology.get({}))).toBe(true);
      expect(storeOf(held[0])).not.toBe(storeOf(held[1]));
    } finally {
      ac.abort();
    }
  }, 240_000);
});
