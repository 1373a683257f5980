// The whole output of the node-links probe (script.ts) → NodeLinks, whichever way the node answered.
import { fail, ok, type Result } from "../result";
import { parseIpJson } from "./ip-json";
import type { NodeLink } from "./link";
import { PROBE_MARK } from "./script";
import { parseIpOneline, parseSysfs } from "./sysfs";
import { parseVirtfnListing } from "./virtfn";

export interface ProbedLinks {
  links: NodeLink[];
  /** how the node answered: iproute2's JSON, or sysfs through a POSIX shell */
  method: "ip-json" | "sysfs";
  /** what could not be read, said with the result (e.g. addresses without any `ip`) */
  notes: string[];
}

const MAX_OUTPUT = 4 * 1024 * 1024;

function sections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  let body: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^@@([a-z-]+)$/.exec(line);
    if (m?.[1]) {
      if (name) out.set(name, body.join("\n"));
      name = m[1];
      body = [];
    } else if (name) body.push(line);
  }
  if (name) out.set(name, body.join("\n"));
  return out;
}

export function parseProbeOutput(text: string): Result<ProbedLinks> {
  if (text.length > MAX_OUTPUT) return fail(`the probe printed ${text.length} bytes, more than links ever take`);
  const start = text.indexOf(PROBE_MARK);
  if (start < 0) return fail("the probe's output does not start with its mark: the script did not run");
  const s = sections(text.slice(start + PROBE_MARK.length));
  if (!s.has("end")) return fail("the probe's output ends early (killed, or out of time)");
  const r = linksOf(s);
  if (r.ok) withVirtualFunctions(r.value.links, s.get("sriov-virtfn"));
  return r;
}

function linksOf(s: Map<string, string>): Result<ProbedLinks> {
  const linkJson = s.get("ip-link-json");
  if (linkJson !== undefined) {
    const r = parseIpJson(linkJson, s.get("ip-addr-json") ?? "[]");
    if (!r.ok) return r;
    const notes = r.value.dropped > 0 ? [`${r.value.dropped} entries of ip -d -j link were not links`] : [];
    return ok({ links: r.value.links, method: "ip-json", notes });
  }
  const sysfs = s.get("sysfs");
  if (sysfs === undefined) return fail("the probe's output has neither ip's JSON nor a sysfs listing");
  const links = parseSysfs(sysfs);
  const oneline = s.get("ip-addr-oneline");
  if (oneline === undefined) return ok({ links, method: "sysfs", notes: ["addresses unknown: the image has no ip"] });
  const addrs = parseIpOneline(oneline);
  for (const l of links) l.addresses = addrs.get(l.name) ?? [];
  return ok({ links, method: "sysfs", notes: [] });
}

/** Each PF's VFs from the virtfn listing (absent in an older probe's output, empty on a node without SR-IOV). */
function withVirtualFunctions(links: NodeLink[], listing: string | undefined): void {
  if (!listing) return;
  const byPf = parseVirtfnListing(listing);
  for (const l of links) {
    const vfs = byPf.get(l.name);
    if (vfs?.length) l.vfs = vfs;
  }
}
