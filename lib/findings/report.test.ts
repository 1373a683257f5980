import { describe, expect, it } from "vitest";
import type { Finding } from "../contract/schema";
import { exitCodeFor, renderJson, renderSarif, renderTable, sortFindings } from "./report";

const F: Finding[] = [
  { severity: "info", code: "feature-absent", message: "node links are inferred", elements: [] },
  {
    severity: "error",
    code: "duplicate-ip",
    message: "10.0.0.5 on ns/a is used twice",
    elements: ["pod/ns/p/if/net1"],
  },
  { severity: "warning", code: "ippool-stale-allocation", message: "IPPool x still holds 10.0.0.9", elements: [] },
  { severity: "error", code: "network-not-found", message: "Pod ns/q requests ns/b", elements: ["pod/ns/q/if/net1"] },
];

describe("check reports", () => {
  it("sort worst first and exit 1 only on an error", () => {
    expect(sortFindings(F).map((f) => f.severity)).toEqual(["error", "error", "warning", "info"]);
    expect(exitCodeFor(F)).toBe(1);
    expect(exitCodeFor(F.filter((f) => f.severity !== "error"))).toBe(0);
    expect(exitCodeFor([])).toBe(0);
  });

  it("print a table grouped by severity, with how to fix each code", () => {
    const table = renderTable(F, "must-gather.local");
    const lines = table.split("\n");
    const at = (s: string) => lines.findIndex((l) => l.startsWith(s));
    expect(at("ERRORS (2)")).toBeLessThan(at("WARNINGS (1)"));
    expect(at("WARNINGS (1)")).toBeLessThan(at("INFO (1)"));
    expect(at("INFO (1)")).toBeLessThan(at("HOW TO FIX"));
    expect(table).toContain("2 error(s), 1 warning(s), 1 info");
    expect(table).toMatch(/duplicate-ip\s+Give static addresses once per network/);
    expect(renderTable([], "clean.yaml")).toContain("Nothing wrong found.");
  });

  it("write JSON with each finding's title and fix", () => {
    const body = JSON.parse(renderJson(F, "x")) as { counts: Record<string, number>; findings: { fix: string }[] };
    expect(body.counts).toEqual({ error: 2, warning: 1, info: 1 });
    expect(body.findings.every((f) => f.fix.length > 0)).toBe(true);
  });

  it("write SARIF 2.1.0 with one rule per code and a result per finding", () => {
    const sarif = JSON.parse(renderSarif(F, "x")) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; level: string; ruleIndex: number }[];
      }[];
    };
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id).sort()).toEqual(
      ["duplicate-ip", "feature-absent", "ippool-stale-allocation", "network-not-found"].sort(),
    );
    expect(run?.results.map((r) => r.level)).toEqual(["error", "error", "warning", "note"]);
    for (const r of run?.results ?? []) expect(run?.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
  });
});

describe("reports of hostile size (issue 25)", () => {
  it("prints 600,000 findings: the column width is no longer Math.max(...every finding)", () => {
    const many: Finding[] = Array.from({ length: 600_000 }, () => ({
      severity: "warning",
      code: "object-invalid",
      message: "m",
      elements: [],
    }));
    expect(renderTable(many, "huge.json")).toContain("WARNINGS (600000)");
  });

  it("bounds a message that quotes a 10 MB input in every format", () => {
    const huge: Finding[] = [
      { severity: "error", code: "network-not-found", message: "n".repeat(10 * 2 ** 20), elements: [] },
    ];
    for (const out of [renderTable(huge, "x"), renderJson(huge, "x"), renderSarif(huge, "x")]) {
      expect(out.length).toBeLessThan(10_000);
      expect(out).toContain("more characters)");
    }
  });
});
