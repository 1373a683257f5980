import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotFromObjects } from "../k8s/snapshot";
import { boundEventsPerNamespace } from "./budget";

const event = (ns: string, name: string, time: string) =>
  snapshotFromObjects([
    {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: ns },
      involvedObject: { kind: "Pod", namespace: ns, name: "p" },
      reason: "FailedCreatePodSandBox",
      message: "x",
      lastTimestamp: time,
      type: "Warning",
    },
  ]).events[0];

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();

describe("boundEventsPerNamespace (issue 25: a flood from one namespace costs that namespace's view)", () => {
  it("keeps the newest of a flooded namespace, every event of the others, and says so once", () => {
    const flood = Array.from({ length: 30 }, (_, i) => event("attacker", `e${i}`, at(i)));
    const quiet = [event("team", "q1", at(1)), event("team", "q2", at(2))];
    const { events, notes } = boundEventsPerNamespace(
      [...flood, ...quiet].flatMap((e) => (e ? [e] : [])),
      10,
    );
    const names = (ns: string) => events.filter((e) => e.metadata.namespace === ns).map((e) => e.metadata.name);
    expect(names("team")).toEqual(["q1", "q2"]);
    expect(names("attacker").sort()).toEqual(Array.from({ length: 10 }, (_, i) => `e${20 + i}`).sort());
    expect(notes).toEqual([
      {
        severity: "warning",
        code: "source-degraded",
        message:
          "namespace attacker has 30 network events, more than the 10 read per namespace: only the newest 10 are shown",
        elements: [],
      },
    ]);
  });

  it("keeps the same events whatever the order they come in", () => {
    const all = Array.from({ length: 40 }, (_, i) => event(`ns${i % 3}`, `e${i}`, at(i % 7))).flatMap((e) =>
      e ? [e] : [],
    );
    const key = (r: ReturnType<typeof boundEventsPerNamespace>) =>
      r.events.map((e) => `${e.metadata.namespace}/${e.metadata.name}`).sort();
    const reference = key(boundEventsPerNamespace(all, 5));
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length }), (shuffled) => {
        expect(key(boundEventsPerNamespace(shuffled, 5))).toEqual(reference);
      }),
      { seed: 25, numRuns: 50 },
    );
  });
});
