import { describe, expect, it } from "vitest";
import { isFindingCode } from "../findings/catalogue";
import { checkFindings } from "../findings/check-findings";
import { CHECK_SCOPES, CHECKS, checksOf } from "./check-registry";

describe("check registry", () => {
  it("declares each code of the catalogue's check group in exactly one check, and only catalogue codes", () => {
    const declared = CHECKS.flatMap((c) => c.codes);
    for (const code of Object.keys(checkFindings)) expect(declared.filter((d) => d === code)).toEqual([code]);
    expect(declared.filter((code) => !isFindingCode(code))).toEqual([]);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it("puts every check in one scope the store runs, and gives each a name of its own", () => {
    expect(CHECK_SCOPES.flatMap(checksOf)).toHaveLength(CHECKS.length);
    expect(new Set(CHECKS.map((c) => c.name)).size).toBe(CHECKS.length);
  });
});
