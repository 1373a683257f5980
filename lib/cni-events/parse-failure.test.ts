import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAddedInterface } from "./added-interface";
import addedCorpus from "./corpus/added-interface-messages.json";
import failureCorpus from "./corpus/failure-messages.json";
import { MAX_MESSAGE_CHARS, parseCniFailure } from "./parse-failure";
import { cniFailureSchema } from "./schema";
import { formatRange } from "./summary";

describe("the message corpus (real texts from public issue threads and docs)", () => {
  it("has at least 30 failure texts, each with its source", () => {
    expect(failureCorpus.length).toBeGreaterThanOrEqual(30);
    for (const entry of failureCorpus) expect(entry.source).toMatch(/^https:\/\/|^testing\/testbed\/recorded\//);
  });

  it.each(failureCorpus.map((e) => [e.source, e.expect.cause, e] as const))("%s → %s", (_src, _cause, entry) => {
    const parsed = parseCniFailure(entry.text);
    expect(cniFailureSchema.parse(parsed)).toEqual(parsed);
    const { pod, ...rest } = entry.expect;
    expect(parsed).toMatchObject(rest);
    if (pod) expect(`${parsed.namespace}/${parsed.pod}`).toBe(pod);
    expect(parsed.summary.length).toBeGreaterThan(0);
    expect(parsed.summary).not.toContain("\n");
  });

  it("keeps an unknown text verbatim in its detail, never dropped", () => {
    for (const entry of failureCorpus.filter((e) => e.expect.cause === "unknown")) {
      const parsed = parseCniFailure(entry.text);
      expect(entry.text.replace(/\s+/g, " ")).toContain(parsed.detail);
      expect(parsed.detail.length).toBeGreaterThan(10);
    }
  });

  it.each(addedCorpus.map((e) => [e.text, e] as const))("AddedInterface %s", (_text, entry) => {
    expect(parseAddedInterface(entry.text)).toEqual(entry.expect);
  });
});

describe("parseCniFailure", () => {
  it("says the exhausted range in one line", () => {
    const text = failureCorpus[0]?.text ?? "";
    expect(parseCniFailure(text).summary).toBe("IP range exhausted: 0 of 1 free in 135.111.37.1");
    const whereabouts = failureCorpus[1]?.text ?? "";
    expect(parseCniFailure(whereabouts).summary).toBe("IP range exhausted: 0 of 4 free in 172.24.1.120–123");
    const v6 = failureCorpus[2]?.text ?? "";
    expect(parseCniFailure(v6).summary).toBe(
      "IP range exhausted: no free address in 2000::1–2000::ffff:ffff:ffff:fffe",
    );
  });

  it("does not mistake the thick shim's IfName:eth0 for the failing interface", () => {
    const thick = failureCorpus.find((e) => e.text.includes("IfName:eth0"));
    expect(parseCniFailure(thick?.text ?? "").interface).toBeUndefined();
  });

  it("never throws and always answers with a schema-valid result", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        expect(cniFailureSchema.safeParse(parseCniFailure(s)).success).toBe(true);
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it("bounds the work on a runaway message", () => {
    const huge = `error adding container to network "n": ${"x".repeat(MAX_MESSAGE_CHARS * 4)}`;
    expect(parseCniFailure(huge).detail.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });

  it("is not fooled by a pod name that looks like a cause", () => {
    const text =
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ab": plugin type="multus" name="multus-cni-network" failed (add): [default/no-ip-addresses-available:net-a]: error adding container to network "net-a": failed to find plugin "vlan" in path [/opt/cni/bin]';
    expect(parseCniFailure(text)).toMatchObject({
      cause: "plugin-missing",
      pod: "no-ip-addresses-available",
      plugin: "vlan",
    });
  });
});

describe("formatRange", () => {
  it("shortens a range inside one /24 and leaves others whole", () => {
    expect(formatRange(["135.111.37.1", "135.111.37.4"])).toBe("135.111.37.1–4");
    expect(formatRange(["10.0.0.250", "10.0.1.4"])).toBe("10.0.0.250–10.0.1.4");
    expect(formatRange(["2000::1", "2000::ff"])).toBe("2000::1–2000::ff");
  });
});

describe("parseAddedInterface", () => {
  it("reads several addresses and refuses other texts", () => {
    expect(parseAddedInterface("Add net1 [10.1.1.2/24 fd00::2/64] from ns/dual")).toEqual({
      interface: "net1",
      ips: ["10.1.1.2/24", "fd00::2/64"],
      network: "ns/dual",
    });
    expect(parseAddedInterface("Successfully assigned default/p to node-1")).toBeNull();
  });
});
