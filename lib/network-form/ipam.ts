import { z } from "zod";
import { type Cidr, cidrContains, networkOf, parseCidr, parseIp } from "../net/ip";
import { pickFields } from "../result";

const cidr = z
  .string()
  .trim()
  .min(1, "required")
  .refine((s) => parseCidr(s) !== null, "not a CIDR, e.g. 192.168.12.0/24");
const ip = z
  .string()
  .trim()
  .refine((s) => parseIp(s) !== null, "not an IP address");
const optionalIp = z.union([z.literal(""), ip]).optional();

const route = z.object({ dst: cidr, gw: optionalIp });

/** Adds an issue at `path` when `value` (an address) lies outside `range`. */
function inside(
  ctx: z.RefinementCtx,
  range: Cidr | null,
  rangeText: string,
  value: string | undefined,
  path: (string | number)[],
  what: string,
): void {
  if (!range || !value) return;
  const addr = parseIp(value);
  if (addr && !cidrContains(range, addr))
    ctx.addIssue({ code: "custom", path, message: `${what} ${value} is outside ${rangeText}` });
}

export const hostLocalSchema = z
  .object({
    type: z.literal("host-local"),
    ranges: z
      .array(z.object({ subnet: cidr, rangeStart: optionalIp, rangeEnd: optionalIp, gateway: optionalIp }))
      .min(1, "add at least one range"),
    routes: z.array(route).default([]),
  })
  .superRefine((v, ctx) => {
    v.ranges.forEach((r, i) => {
      const c = parseCidr(r.subnet);
      inside(ctx, c, r.subnet, r.rangeStart, ["ranges", i, "rangeStart"], "start");
      inside(ctx, c, r.subnet, r.rangeEnd, ["ranges", i, "rangeEnd"], "end");
      inside(ctx, c, r.subnet, r.gateway, ["ranges", i, "gateway"], "gateway");
      orderCheck(ctx, r.rangeStart, r.rangeEnd, ["ranges", i, "rangeEnd"]);
    });
  });

export const staticSchema = z
  .object({
    type: z.literal("static"),
    addresses: z.array(z.object({ address: cidr, gateway: optionalIp })).min(1, "add at least one address"),
    routes: z.array(route).default([]),
    dns: z.object({ nameservers: z.array(ip).default([]) }).default({ nameservers: [] }),
  })
  .superRefine((v, ctx) => {
    // The gateway has to be on the address's subnet, or the routes through it cannot be added.
    for (const [i, a] of v.addresses.entries()) {
      inside(ctx, parseCidr(a.address), a.address, a.gateway, ["addresses", i, "gateway"], "gateway");
    }
  });

export const dhcpSchema = z.object({ type: z.literal("dhcp") });
export const noIpamSchema = z.object({ type: z.literal("none") });

export const whereaboutsSchema = z
  .object({
    type: z.literal("whereabouts"),
    range: cidr,
    range_start: optionalIp,
    range_end: optionalIp,
    exclude: z.array(cidr).default([]),
    gateway: optionalIp,
    routes: z.array(route).default([]),
  })
  .superRefine((v, ctx) => {
    const c = parseCidr(v.range);
    inside(ctx, c, v.range, v.range_start, ["range_start"], "start");
    inside(ctx, c, v.range, v.range_end, ["range_end"], "end");
    inside(ctx, c, v.range, v.gateway, ["gateway"], "gateway");
    orderCheck(ctx, v.range_start, v.range_end, ["range_end"]);
    v.exclude.forEach((ex, i) => {
      const e = parseCidr(ex);
      if (
        c &&
        e &&
        (e.ip.family !== c.ip.family ||
          e.prefix < c.prefix ||
          !cidrContains(c, { family: e.ip.family, value: networkOf(e) }))
      ) {
        ctx.addIssue({ code: "custom", path: ["exclude", i], message: `${ex} is not inside ${v.range}` });
      }
    });
  });

function orderCheck(
  ctx: z.RefinementCtx,
  start: string | undefined,
  end: string | undefined,
  path: (string | number)[],
): void {
  const a = start ? parseIp(start) : null;
  const b = end ? parseIp(end) : null;
  if (a && b && (a.family !== b.family || a.value > b.value))
    ctx.addIssue({ code: "custom", path, message: `end ${end} comes before start ${start}` });
}

export const ipamFormSchema = z.discriminatedUnion("type", [
  noIpamSchema,
  hostLocalSchema,
  staticSchema,
  dhcpSchema,
  whereaboutsSchema,
]);
export type IpamForm = z.infer<typeof ipamFormSchema>;
export type IpamFormInput = z.input<typeof ipamFormSchema>;

/** The CNI `ipam` object for a form's IPAM section. */
export function toCniIpam(f: IpamForm): Record<string, unknown> {
  const clean = <T extends Record<string, unknown>>(o: T): Partial<T> =>
    pickFields(o, (v) => v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0));
  const routes = (rs: { dst: string; gw?: string }[]) => rs.map((r) => clean(r));
  switch (f.type) {
    case "none":
      return {};
    case "dhcp":
      return { type: "dhcp" };
    case "host-local":
      return clean({ type: "host-local", ranges: [f.ranges.map((r) => clean(r))], routes: routes(f.routes) });
    case "static":
      return clean({
        type: "static",
        addresses: f.addresses.map((a) => clean(a)),
        routes: routes(f.routes),
        dns: f.dns.nameservers.length ? f.dns : undefined,
      });
    case "whereabouts":
      return clean({
        type: "whereabouts",
        range: f.range,
        range_start: f.range_start,
        range_end: f.range_end,
        exclude: f.exclude,
        gateway: f.gateway,
        routes: routes(f.routes),
      });
  }
}
