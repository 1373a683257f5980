import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalConfig, configDifferences } from "./config-diff";

/** The same JSON value written with its keys in another order and other whitespace. */
function rewrite(v: unknown, flip: boolean, pad: string): string {
  if (Array.isArray(v)) return `[${v.map((x) => rewrite(x, flip, pad)).join(`,${pad}`)}]`;
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  const entries = Object.entries(v);
  if (flip) entries.reverse();
  const body = entries.map(([k, x]) => `${JSON.stringify(k)}:${pad}${rewrite(x, flip, pad)}`).join(`,${pad}`);
  return `{${pad}${body}${pad}}`;
}

describe("comparing a CNI config across clusters", () => {
  it("key order and whitespace are no difference; any changed leaf is", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), fc.constantFrom("", " ", "\n  "), (v, flip, pad) => {
        expect(canonicalConfig(rewrite(v, flip, pad))).toBe(canonicalConfig(JSON.stringify(v)));
        expect(configDifferences([JSON.stringify(v), rewrite(v, flip, pad)].map(canonicalConfig))).toEqual([]);
      }),
    );
  });

  it("a single plugin and a list of that one plugin are the same config", () => {
    const one = '{"cniVersion":"0.3.1","name":"n","type":"macvlan","master":"eth0"}';
    const list = '{"cniVersion":"0.3.1","name":"n","plugins":[{"type":"macvlan","master":"eth0"}]}';
    expect(canonicalConfig(one)).toBe(canonicalConfig(list));
  });

  it("names each differing path with every config's value, the plugin's own keys first", () => {
    const a = canonicalConfig('{"type":"macvlan","master":"eth0","ipam":{"type":"whereabouts","range":"10.0.0.0/24"}}');
    const b = canonicalConfig('{"type":"macvlan","master":"eth1","ipam":{"type":"whereabouts","range":"10.0.1.0/24"}}');
    expect(configDifferences([a, b])).toEqual([
      { path: "plugins[0].master", values: ['"eth0"', '"eth1"'] },
      { path: "plugins[0].ipam.range", values: ['"10.0.0.0/24"', '"10.0.1.0/24"'] },
    ]);
  });

  it("a config that is not JSON is compared as its text", () => {
    expect(canonicalConfig("  not json ")).toBe("not json");
    expect(configDifferences(["not json", "{}"])).toEqual([{ path: "(config)", values: ["not json", "{}"] }]);
  });
});
