import { describe, expect, it } from "vitest";
import type { Finding } from "../contract/schema";
import { groupFindings } from "./group";

const f = (severity: Finding["severity"], code: Finding["code"], message: string): Finding => ({
  severity,
  code,
  message,
  elements: [],
});

describe("groupFindings", () => {
  const all = [
    f("info", "feature-absent", "no nmstate"),
    f("warning", "network-not-attached", "running without net1"),
    f("error", "network-not-attached", "stuck on net1"),
    f("error", "duplicate-ip", "10.0.0.5 twice"),
    f("warning", "ippool-stale-allocation", "a"),
    f("warning", "ippool-stale-allocation", "b"),
  ];

  it("groups by code, worst group first and worst finding first inside it, with the fix", () => {
    const groups = groupFindings(all);
    expect(groups.map((g) => [g.code, g.severity, g.findings.length])).toEqual([
      ["network-not-attached", "error", 2],
      ["duplicate-ip", "error", 1],
      ["ippool-stale-allocation", "warning", 2],
      ["feature-absent", "info", 1],
    ]);
    expect(groups[0]?.findings[0]?.message).toBe("stuck on net1");
    expect(groups[0]?.fix).toMatch(/events/);
  });

  it("filters to one severity", () => {
    expect(groupFindings(all, "warning").map((g) => g.code)).toEqual([
      "ippool-stale-allocation",
      "network-not-attached",
    ]);
    expect(groupFindings([], "error")).toEqual([]);
  });
});
