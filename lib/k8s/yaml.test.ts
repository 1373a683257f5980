import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toYaml } from "./yaml";

describe("toYaml", () => {
  it("reads back exactly what it wrote, for strings a hand-made emitter gets wrong", () => {
    for (const s of [
      "x\r\ny",
      "true",
      "no",
      "~",
      "",
      " lead",
      "trail ",
      "a: b",
      "x #y",
      "'q'",
      '"d"',
      "1e3",
      "0x1F",
      "-",
    ]) {
      expect(parse(toYaml({ s })), JSON.stringify(s)).toEqual({ s });
    }
  });

  it("writes spec.config as a literal block, as kubectl shows it", () => {
    const config = '{\n  "cniVersion": "0.3.1",\n  "type": "bridge"\n}';
    const out = toYaml({ spec: { config } });
    expect(out).toBe('spec:\n  config: |-\n    {\n      "cniVersion": "0.3.1",\n      "type": "bridge"\n    }\n');
    expect(parse(out)).toEqual({ spec: { config } });
  });

  it("leaves out undefined fields, like JSON", () => {
    expect(toYaml({ a: 1, b: undefined })).toBe("a: 1\n");
  });

  it("round-trips any JSON value (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(parse(toYaml(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});
