import { z } from "zod";
import type { IpRange } from "../contract/schema";
import { validateRange } from "../nad/validate-config";
import { parseCidr, parseIp } from "../net/ip";
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

type RangePaths = Partial<Record<"start" | "end" | "gateway" | "exclude", (string | number)[]>>;
const isRangeField = (f: string): f is keyof RangePaths =>
  f === "start" || f === "end" || f === "gateway" || f === "exclude";

/**
 * Puts the shared config validation's range issues on the form fields they concern. A form is stricter than the
 * topology: warnings refuse it too, since it cannot write a network it would then flag.
 */
function rangeIssues(ctx: z.RefinementCtx, range: IpRange, paths: RangePaths): void {
  for (const issue of validateRange(range)) {
    // A value that does not parse is its field schema's to report, and so is the subnet itself.
    const path = isRangeField(issue.field) ? paths[issue.field] : undefined;
    if (!path || issue.format) continue;
    ctx.addIssue({
      code: "custom",
      path: issue.item !== undefined ? [...path, issue.item] : path,
      message: issue.message,
    });
  }
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
      const range = { subnet: r.subnet, start: r.rangeStart, end: r.rangeEnd, gateway: r.gateway, exclude: [] };
      rangeIssues(ctx, range, {
        start: ["ranges", i, "rangeStart"],
        end: ["ranges", i, "rangeEnd"],
        gateway: ["ranges", i, "gateway"],
      });
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
      const range = { subnet: a.address, gateway: a.gateway, exclude: [] };
      rangeIssues(ctx, range, { gateway: ["addresses", i, "gateway"] });
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
    const range = { subnet: v.range, start: v.range_start, end: v.range_end, gateway: v.gateway, exclude: v.exclude };
    rangeIssues(ctx, range, { start: ["range_start"], end: ["range_end"], gateway: ["gateway"], exclude: ["exclude"] });
  });

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
