import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readViewMessage } from "./read-message";

describe("readViewMessage", () => {
  it("never throws, and reads only snapshots and deltas: anything else is null (the caller asks anew)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const m = readViewMessage(text);
          expect(m === null || m.type === "snapshot" || m.type === "delta").toBe(true);
        },
      ),
      { numRuns: 2000, seed: 20 },
    );
    expect(readViewMessage("{")).toBeNull();
    expect(readViewMessage('{"type":"snapshot","revision":"1"}')).toBeNull();
    expect(
      readViewMessage('{"type":"delta","revision":"2","from":"1","elements":{"upsert":[],"remove":[]}}'),
    ).not.toBeNull();
  });
});
