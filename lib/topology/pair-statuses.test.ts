import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NetworkStatus } from "../pod/network-status";
import type { NetworkRequest } from "../pod/networks-annotation";
import { pairByQueues, pairByScan, pairStatuses } from "./pair-statuses";

// names from a small alphabet, "\n" included, so keys collide the ways the queues' composite keys can
const part = fc.constantFrom("a", "b", "a\nb", "b\n", "\na", "ns", "eth0", "net1", "");
const request = fc.record(
  { namespace: part, name: part, interface: fc.option(part, { nil: undefined }) },
  { requiredKeys: ["namespace", "name"] },
);
const status = fc.record(
  {
    name: fc.oneof(
      part,
      fc.tuple(part, part).map(([ns, n]) => `${ns}/${n}`),
    ),
    bareName: fc.option(part, { nil: undefined }),
    interface: fc.option(part, { nil: undefined }),
    isDefault: fc.boolean(),
  },
  { requiredKeys: ["name", "isDefault"] },
);
const requestsOf = (rs: { namespace: string; name: string; interface?: string }[]): NetworkRequest[] =>
  rs.map((r) => ({ ...r, ips: [], defaultRoute: [] }));
const statusesOf = (
  ss: { name: string; bareName?: string; interface?: string; isDefault: boolean }[],
): NetworkStatus[] => ss.map((s) => ({ ...s, ips: [], gateway: [] }));

describe("pairStatuses", () => {
  it("pairs by scan exactly as by keyed queues: the same entry, by identity, for each request, and the same left over", () => {
    fc.assert(
      fc.property(
        fc.array(request, { maxLength: 8 }),
        fc.array(status, { maxLength: 8 }),
        fc.array(part, { maxLength: 8 }),
        (rs, ss, names) => {
          const requests = requestsOf(rs);
          const statuses = statusesOf(ss);
          const queues = pairByQueues(requests, names, statuses);
          const scan = pairByScan(requests, names, statuses);
          expect(scan.pairs.map((p) => p.ifname)).toEqual(queues.pairs.map((p) => p.ifname));
          scan.pairs.forEach((p, i) => {
            expect(p.request).toBe(queues.pairs[i]?.request);
            expect(p.status).toBe(queues.pairs[i]?.status);
          });
          expect(scan.unused).toHaveLength(queues.unused.length);
          scan.unused.forEach((s, i) => {
            expect(s).toBe(queues.unused[i]);
          });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("takes the same interface of the same network first, then the network's first free entry, then a bare name", () => {
    const requests = requestsOf([
      { namespace: "ns", name: "a", interface: "net2" },
      { namespace: "ns", name: "a" },
      { namespace: "other", name: "b" },
    ]);
    const statuses = statusesOf([
      { name: "ns/a", interface: "net9", isDefault: false },
      { name: "ns/a", interface: "net2", isDefault: false },
      { name: "ns/b", bareName: "b", interface: "net3", isDefault: false },
      { name: "ns/c", interface: "net4", isDefault: false },
    ]);
    const { pairs, unused } = pairStatuses(requests, ["net2", "net1", "net3"], statuses);
    expect(pairs.map((p) => p.status)).toEqual([statuses[1], statuses[0], statuses[2]]);
    expect(unused).toEqual([statuses[3]]);
  });
});
