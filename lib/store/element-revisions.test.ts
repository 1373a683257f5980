import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ElementRevisions } from "./element-revisions";

/** ElementRevisions against the map it stands for (id → revision, set per commit, deleted on removal). */
const ids = ["pod/a/p1", "pod/a/p1/if/net1", "host/n1", "host/n1/bridge/br0", "network/a/br"];
const step = fc.oneof(
  fc.record({ commit: fc.uniqueArray(fc.constantFrom(...ids)) }),
  fc.record({ remove: fc.constantFrom(...ids) }),
);

describe("an element's revision", () => {
  it("is the revision of the last commit that upserted it, undefined once removed, whatever came before", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const kept = new ElementRevisions();
        const model = new Map<string, number>();
        let revision = 0;
        for (const s of steps) {
          if ("commit" in s) {
            revision++;
            const upserted = new Set(s.commit);
            kept.commit(revision, upserted);
            for (const id of upserted) model.set(id, revision);
          } else {
            kept.delete(s.remove);
            model.delete(s.remove);
          }
          for (const id of ids) expect(kept.get(id)).toBe(model.get(id));
        }
      }),
      { numRuns: 500, seed: 14 },
    );
  });
});
