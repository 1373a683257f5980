import { describe, expect, it } from "vitest";
import { type IpamForm, type IpamFormInput, ipamFormSchema, toCniIpam } from "./ipam";

interface Issue {
  path: string;
  message: string;
}

/** Every issue of a rejected input as "a.0.b" → message; fails the test when the input is accepted. */
function issues(input: unknown): Issue[] {
  const r = ipamFormSchema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected, got ${JSON.stringify(r.data)}`);
  return r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** The messages at exactly `path` (zod 4 paths are arrays: ["ranges", 0, "rangeStart"]). */
function messagesAt(input: unknown, path: (string | number)[]): string[] {
  const r = ipamFormSchema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected, got ${JSON.stringify(r.data)}`);
  return r.error.issues.filter((i) => JSON.stringify(i.path) === JSON.stringify(path)).map((i) => i.message);
}

function valid(input: IpamFormInput): IpamForm {
  const r = ipamFormSchema.safeParse(input);
  if (!r.success)
    throw new Error(`expected ${JSON.stringify(input)} to be accepted, got ${JSON.stringify(r.error.issues)}`);
  return r.data;
}

const bridgeMainIpam = {
  type: "whereabouts" as const,
  range: "192.168.12.0/24",
  range_start: "192.168.12.10",
  range_end: "192.168.12.200",
  exclude: ["192.168.12.1/32", "192.168.12.254/32"],
};

describe("ipamFormSchema: none and dhcp", () => {
  it("accepts none and dhcp, which take no fields", () => {
    expect(valid({ type: "none" })).toEqual({ type: "none" });
    expect(valid({ type: "dhcp" })).toEqual({ type: "dhcp" });
  });

  it("rejects an unknown IPAM type on `type` with the list of choices", () => {
    const found = issues({ type: "calico-ipam" });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("type");
    expect(found[0]?.message).toMatch(/whereabouts/);
  });
});

describe("ipamFormSchema: whereabouts", () => {
  it("accepts the walk-through's bridge-main range", () => {
    expect(valid(bridgeMainIpam)).toEqual({ ...bridgeMainIpam, exclude: [...bridgeMainIpam.exclude], routes: [] });
  });

  it("accepts a range alone, with empty optional fields as a form sends them", () => {
    const f = valid({
      type: "whereabouts",
      range: " 10.10.0.0/16 ",
      range_start: "",
      range_end: "",
      gateway: "",
      exclude: [],
    });
    expect(f).toMatchObject({ type: "whereabouts", range: "10.10.0.0/16" });
  });

  it("accepts an IPv6 range with a start, end and exclude inside it", () => {
    valid({
      type: "whereabouts",
      range: "fd00:12::/64",
      range_start: "fd00:12::10",
      range_end: "fd00:12::ff",
      exclude: ["fd00:12::1/128"],
    });
  });

  it.each(["192.168.12.0/33", "foo", "192.168.12.0", "192.168.300.0/24", "192.168.12.0/24/1"])(
    "rejects the range %j as not a CIDR",
    (range) => {
      expect(issues({ type: "whereabouts", range })).toEqual([
        { path: "range", message: "not a CIDR, e.g. 192.168.12.0/24" },
      ]);
    },
  );

  it("rejects an empty range as required", () => {
    expect(messagesAt({ type: "whereabouts", range: "" }, ["range"])).toContain("required");
  });

  it("rejects range_start outside the range, on range_start", () => {
    expect(issues({ ...bridgeMainIpam, range_start: "192.168.11.10" })).toEqual([
      { path: "range_start", message: "start 192.168.11.10 is outside 192.168.12.0/24" },
    ]);
    // past the range's end: outside, and also after range_end
    expect(messagesAt({ ...bridgeMainIpam, range_start: "192.168.13.10" }, ["range_start"])).toEqual([
      "start 192.168.13.10 is outside 192.168.12.0/24",
    ]);
  });

  it("rejects range_end outside the range, on range_end", () => {
    expect(issues({ ...bridgeMainIpam, range_end: "192.168.13.200" })).toEqual([
      { path: "range_end", message: "end 192.168.13.200 is outside 192.168.12.0/24" },
    ]);
  });

  it("rejects range_end before range_start, on range_end", () => {
    expect(issues({ ...bridgeMainIpam, range_start: "192.168.12.200", range_end: "192.168.12.10" })).toEqual([
      { path: "range_end", message: "end 192.168.12.10 comes before start 192.168.12.200" },
    ]);
  });

  it("accepts a one-address range (start = end)", () => {
    valid({ ...bridgeMainIpam, range_start: "192.168.12.10", range_end: "192.168.12.10" });
  });

  it("rejects a range_start that is not an IP address", () => {
    expect(issues({ ...bridgeMainIpam, range_start: "foo" })).toEqual([
      { path: "range_start", message: "not an IP address" },
    ]);
  });

  it("rejects an exclude outside the range, on that exclude's index", () => {
    expect(issues({ ...bridgeMainIpam, exclude: ["192.168.12.1/32", "10.0.0.1/32"] })).toEqual([
      { path: "exclude.1", message: "10.0.0.1/32 is not inside 192.168.12.0/24" },
    ]);
  });

  it("rejects an exclude wider than the range, even though it starts inside it", () => {
    expect(issues({ ...bridgeMainIpam, exclude: ["192.168.0.0/16"] })).toEqual([
      { path: "exclude.0", message: "192.168.0.0/16 is not inside 192.168.12.0/24" },
    ]);
  });

  it("rejects an exclude that is not a CIDR", () => {
    expect(messagesAt({ ...bridgeMainIpam, exclude: ["192.168.12.1"] }, ["exclude", 0])).toEqual([
      "not a CIDR, e.g. 192.168.12.0/24",
    ]);
  });

  it("rejects a gateway outside the range, on gateway", () => {
    expect(issues({ ...bridgeMainIpam, gateway: "192.168.1.1" })).toEqual([
      { path: "gateway", message: "gateway 192.168.1.1 is outside 192.168.12.0/24" },
    ]);
  });

  it("rejects an IPv4 start in an IPv6 range", () => {
    expect(messagesAt({ type: "whereabouts", range: "fd00::/64", range_start: "10.0.0.1" }, ["range_start"])).toEqual([
      "start 10.0.0.1 is outside fd00::/64",
    ]);
  });

  it("rejects a route whose destination is not a CIDR, on the route's dst", () => {
    expect(issues({ ...bridgeMainIpam, routes: [{ dst: "10.0.0.0" }] })).toEqual([
      { path: "routes.0.dst", message: "not a CIDR, e.g. 192.168.12.0/24" },
    ]);
  });
});

describe("ipamFormSchema: host-local", () => {
  const hostLocal = {
    type: "host-local" as const,
    ranges: [{ subnet: "10.1.0.0/16", rangeStart: "10.1.0.10", rangeEnd: "10.1.0.250", gateway: "10.1.0.1" }],
  };

  it("accepts a subnet with a start, end and gateway", () => {
    expect(valid(hostLocal)).toEqual({ ...hostLocal, ranges: [{ ...hostLocal.ranges[0] }], routes: [] });
  });

  it("rejects rangeStart outside the subnet, on ranges.0.rangeStart", () => {
    expect(issues({ ...hostLocal, ranges: [{ subnet: "10.1.0.0/16", rangeStart: "10.2.0.10" }] })).toEqual([
      { path: "ranges.0.rangeStart", message: "start 10.2.0.10 is outside 10.1.0.0/16" },
    ]);
  });

  it("puts the error on the right range when there are several", () => {
    const input = {
      type: "host-local",
      ranges: [{ subnet: "10.1.0.0/16" }, { subnet: "10.2.0.0/16", gateway: "10.1.0.1" }],
    };
    expect(issues(input)).toEqual([{ path: "ranges.1.gateway", message: "gateway 10.1.0.1 is outside 10.2.0.0/16" }]);
  });

  it("rejects rangeEnd outside the subnet and rangeEnd before rangeStart, on rangeEnd", () => {
    expect(
      messagesAt({ type: "host-local", ranges: [{ subnet: "10.1.0.0/24", rangeEnd: "10.1.1.5" }] }, [
        "ranges",
        0,
        "rangeEnd",
      ]),
    ).toEqual(["end 10.1.1.5 is outside 10.1.0.0/24"]);
    expect(
      issues({
        type: "host-local",
        ranges: [{ subnet: "10.1.0.0/24", rangeStart: "10.1.0.50", rangeEnd: "10.1.0.5" }],
      }),
    ).toEqual([{ path: "ranges.0.rangeEnd", message: "end 10.1.0.5 comes before start 10.1.0.50" }]);
  });

  it("rejects a bad subnet and an empty range list", () => {
    expect(issues({ type: "host-local", ranges: [{ subnet: "10.1.0.0/40" }] })).toEqual([
      { path: "ranges.0.subnet", message: "not a CIDR, e.g. 192.168.12.0/24" },
    ]);
    expect(issues({ type: "host-local", ranges: [] })).toEqual([{ path: "ranges", message: "add at least one range" }]);
  });
});

describe("ipamFormSchema: static", () => {
  it("accepts an address with a gateway on its subnet, routes and DNS", () => {
    const f = valid({
      type: "static",
      addresses: [{ address: "192.168.12.20/24", gateway: "192.168.12.1" }],
      routes: [{ dst: "0.0.0.0/0", gw: "192.168.12.1" }],
      dns: { nameservers: ["8.8.8.8"] },
    });
    expect(f).toMatchObject({ type: "static", addresses: [{ address: "192.168.12.20/24", gateway: "192.168.12.1" }] });
  });

  it("defaults routes and DNS to empty", () => {
    expect(valid({ type: "static", addresses: [{ address: "10.0.0.5/24" }] })).toEqual({
      type: "static",
      addresses: [{ address: "10.0.0.5/24" }],
      routes: [],
      dns: { nameservers: [] },
    });
  });

  it("rejects an address that is not a CIDR, on addresses.0.address", () => {
    expect(issues({ type: "static", addresses: [{ address: "192.168.12.20" }] })).toEqual([
      { path: "addresses.0.address", message: "not a CIDR, e.g. 192.168.12.0/24" },
    ]);
  });

  it("rejects a gateway off the address's subnet, on addresses.0.gateway", () => {
    expect(issues({ type: "static", addresses: [{ address: "192.168.12.20/24", gateway: "192.168.13.1" }] })).toEqual([
      { path: "addresses.0.gateway", message: "gateway 192.168.13.1 is outside 192.168.12.20/24" },
    ]);
  });

  it("rejects no addresses and a nameserver that is not an IP", () => {
    expect(issues({ type: "static", addresses: [] })).toEqual([
      { path: "addresses", message: "add at least one address" },
    ]);
    expect(
      issues({ type: "static", addresses: [{ address: "10.0.0.5/24" }], dns: { nameservers: ["dns.example"] } }),
    ).toEqual([{ path: "dns.nameservers.0", message: "not an IP address" }]);
  });
});

/** Fails on any "", undefined, null or [] anywhere in a written config. */
function expectNoEmpties(v: unknown, where = "$"): void {
  expect(v, where).not.toBe("");
  expect(v, where).not.toBeUndefined();
  expect(v, where).not.toBeNull();
  if (Array.isArray(v)) {
    expect(v.length, `${where} is an empty list`).toBeGreaterThan(0);
    for (const [i, x] of v.entries()) expectNoEmpties(x, `${where}[${i}]`);
  } else if (typeof v === "object" && v !== null) {
    for (const [k, x] of Object.entries(v)) expectNoEmpties(x, `${where}.${k}`);
  }
}

describe("toCniIpam", () => {
  it("writes {} for none (L2 only) and {type: dhcp} for dhcp", () => {
    expect(toCniIpam(valid({ type: "none" }))).toEqual({});
    expect(toCniIpam(valid({ type: "dhcp" }))).toEqual({ type: "dhcp" });
  });

  it("writes whereabouts as the walk-through's bridge-main has it, with nothing empty", () => {
    const out = toCniIpam(valid({ ...bridgeMainIpam, gateway: "", routes: [] }));
    expect(out).toEqual(bridgeMainIpam);
    expectNoEmpties(out);
  });

  it("leaves out whereabouts start/end/exclude when the form leaves them empty", () => {
    expect(
      toCniIpam(
        valid({ type: "whereabouts", range: "10.10.0.0/16", range_start: "", range_end: "", exclude: [], gateway: "" }),
      ),
    ).toEqual({
      type: "whereabouts",
      range: "10.10.0.0/16",
    });
  });

  it("writes whereabouts gateway and routes, dropping an empty route gateway", () => {
    expect(
      toCniIpam(
        valid({
          type: "whereabouts",
          range: "10.10.0.0/16",
          gateway: "10.10.0.1",
          routes: [{ dst: "10.20.0.0/16", gw: "" }],
        }),
      ),
    ).toEqual({
      type: "whereabouts",
      range: "10.10.0.0/16",
      gateway: "10.10.0.1",
      routes: [{ dst: "10.20.0.0/16" }],
    });
  });

  it("writes host-local ranges as one range set ([[...]]), without empty fields", () => {
    const out = toCniIpam(
      valid({
        type: "host-local",
        ranges: [
          { subnet: "10.1.0.0/16", rangeStart: "10.1.0.10", rangeEnd: "", gateway: "10.1.0.1" },
          { subnet: "fd00::/64" },
        ],
        routes: [{ dst: "0.0.0.0/0", gw: "10.1.0.1" }],
      }),
    );
    expect(out).toEqual({
      type: "host-local",
      ranges: [[{ subnet: "10.1.0.0/16", rangeStart: "10.1.0.10", gateway: "10.1.0.1" }, { subnet: "fd00::/64" }]],
      routes: [{ dst: "0.0.0.0/0", gw: "10.1.0.1" }],
    });
    expectNoEmpties(out);
  });

  it("writes static addresses, and dns only when there are nameservers", () => {
    expect(toCniIpam(valid({ type: "static", addresses: [{ address: "10.0.0.5/24", gateway: "" }] }))).toEqual({
      type: "static",
      addresses: [{ address: "10.0.0.5/24" }],
    });
    const out = toCniIpam(
      valid({
        type: "static",
        addresses: [{ address: "10.0.0.5/24", gateway: "10.0.0.1" }],
        routes: [{ dst: "0.0.0.0/0" }],
        dns: { nameservers: ["10.0.0.53"] },
      }),
    );
    expect(out).toEqual({
      type: "static",
      addresses: [{ address: "10.0.0.5/24", gateway: "10.0.0.1" }],
      routes: [{ dst: "0.0.0.0/0" }],
      dns: { nameservers: ["10.0.0.53"] },
    });
    expectNoEmpties(out);
  });
});
