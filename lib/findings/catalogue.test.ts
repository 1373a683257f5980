import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINDING_CODES, FINDING_GROUPS, FINDINGS, findingCodeSchema } from "./catalogue";
import { renderFindingsMarkdown } from "./render-markdown";

describe("findings catalogue", () => {
  it("has each code in exactly one group", () => {
    const all = FINDING_GROUPS.flatMap((g) => Object.keys(g.entries));
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...FINDING_CODES].sort());
  });

  it("explains every code in one sentence of meaning and one of fix", () => {
    for (const [code, info] of Object.entries(FINDINGS)) {
      expect(code, code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const text of [info.meaning, info.fix]) {
        expect(text.trim(), code).toMatch(/^[A-Z].*\.$/);
        expect(text.length, code).toBeLessThan(320);
      }
      expect(info.title.length, code).toBeGreaterThan(3);
    }
  });

  it("is what the topology schema accepts", () => {
    expect(findingCodeSchema.safeParse("duplicate-ip").success).toBe(true);
    expect(findingCodeSchema.safeParse("no-such-code").success).toBe(false);
  });

  it("docs/findings.md is generated from it and up to date (npm run docs:findings)", () => {
    const committed = readFileSync(new URL("../../docs/findings.md", import.meta.url), "utf8");
    expect(committed).toBe(renderFindingsMarkdown());
    for (const code of FINDING_CODES) expect(committed).toContain(`\`${code}\``);
  });
});
