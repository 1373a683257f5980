import type { Ipam, IpRange, MainType } from "../contract/schema";
import { intField, type PluginFields } from "../plugins/plugin";
import { pluginOf } from "../plugins/registry";
import { fail, isObject, type JsonObject, ok, parseJson, type Result, str, strings, stringsAt } from "../result";

/** A NAD's spec.config, reduced to what matters for topology and forms. */
export interface NadConfig extends PluginFields {
  cniVersion?: string;
  name?: string;
  /** plugin types in chain order */
  plugins: string[];
  /** the type of the plugin that creates the interface */
  cniType: string | null;
  mainType: MainType | null;
  mtu?: number;
  mode?: string;
  ipam: Ipam | null;
  /** things wrong with the config that do not stop it from being drawn */
  problems: string[];
}

/** Plugins that only modify an interface another plugin created; they never decide the network's type. */
const CHAINED_ONLY = new Set([
  "tuning",
  "portmap",
  "bandwidth",
  "firewall",
  "sbr",
  "vrf",
  "route-override",
  "cni-route-override",
  "isolation",
]);

export function parseNadConfig(text: string | undefined): Result<NadConfig> {
  if (text === undefined || text.trim() === "") {
    return fail("spec.config is empty: Multus falls back to a config file on each node, which the API does not show");
  }
  const json = parseJson(text);
  if (!json.ok) return json;
  const root = json.value;
  if (!isObject(root)) return fail("spec.config is not a JSON object");

  let plugins: JsonObject[];
  if ("plugins" in root) {
    if (!Array.isArray(root.plugins)) return fail("`plugins` is not a list");
    if (root.plugins.length === 0) return fail("`plugins` is empty");
    const bad = root.plugins.findIndex((p) => !isObject(p) || str(p.type) === undefined);
    if (bad >= 0) return fail(`plugins[${bad}] has no \`type\``);
    plugins = root.plugins.filter(isObject);
  } else {
    if (str(root.type) === undefined) return fail("the config has neither `type` nor `plugins`");
    plugins = [root];
  }

  const problems: string[] = [];
  const types = plugins.map((p) => str(p.type) ?? "");
  const main = plugins.find((p) => !CHAINED_ONLY.has(str(p.type) ?? ""));
  if (!main) problems.push(`no plugin in the chain creates an interface (only ${types.join(", ")})`);
  const cniType = main ? (str(main.type) ?? null) : null;
  const plugin = cniType === null ? undefined : pluginOf(cniType);
  const mainType = cniType === null ? null : (plugin?.type ?? "other");

  const config: NadConfig = {
    cniVersion: str(root.cniVersion),
    name: str(root.name),
    plugins: types,
    cniType,
    mainType,
    ipam: null,
    problems,
  };
  if (!main) return ok(config);

  config.mtu = intField(main, "mtu", problems, 0, 65535);
  config.mode = str(main.mode);
  // The plugin's own keys (lib/plugins/); a plugin Plumbline does not know is drawn as "other", keys unread.
  if (plugin) Object.assign(config, plugin.parse(main, problems));
  if ("ipam" in main) {
    const ipam = parseIpam(main.ipam);
    if (ipam.ok) config.ipam = ipam.value;
    else problems.push(`ipam: ${ipam.error}`);
  }
  return ok(config);
}

export function parseIpam(value: unknown): Result<Ipam> {
  if (!isObject(value)) return fail("not an object");
  const type = str(value.type);
  // `"ipam": {}` is the documented way to ask for L2 only.
  if (type === undefined) return ok({ type: "none", ranges: [], addresses: [] });
  const ipam: Ipam = { type, ranges: [], addresses: [] };
  switch (type) {
    case "host-local":
      ipam.ranges = hostLocalRanges(value);
      break;
    case "whereabouts":
      ipam.ranges = whereaboutsRanges(value);
      break;
    case "static":
      ipam.addresses = stringsAt(value.addresses, "address");
      break;
    default:
      break;
  }
  return ok(ipam);
}

function hostLocalRange(o: JsonObject): IpRange | null {
  const subnet = str(o.subnet);
  if (!subnet) return null;
  return { subnet, start: str(o.rangeStart), end: str(o.rangeEnd), gateway: str(o.gateway), exclude: [] };
}

function hostLocalRanges(ipam: JsonObject): IpRange[] {
  if (Array.isArray(ipam.ranges)) {
    // ranges is a list of range sets; each set is a list of ranges.
    return ipam.ranges.flatMap((set) =>
      (Array.isArray(set) ? set : [set]).flatMap((r) => (isObject(r) ? (hostLocalRange(r) ?? []) : [])),
    );
  }
  const flat = hostLocalRange(ipam);
  return flat ? [flat] : [];
}

function whereaboutsRange(o: JsonObject): IpRange | null {
  const range = str(o.range);
  if (!range) return null;
  // The old form packs the start into the range: "192.168.2.225-192.168.2.230/28".
  const dash = /^([^-/]+)-([^/]+)\/(\d+)$/.exec(range);
  if (dash) {
    return {
      subnet: `${dash[1]}/${dash[3]}`,
      start: dash[1],
      end: dash[2],
      gateway: str(o.gateway),
      exclude: strings(o.exclude),
    };
  }
  return {
    subnet: range,
    start: str(o.range_start),
    end: str(o.range_end),
    gateway: str(o.gateway),
    exclude: strings(o.exclude),
  };
}

function whereaboutsRanges(ipam: JsonObject): IpRange[] {
  const out: IpRange[] = [];
  const top = whereaboutsRange(ipam);
  if (top) out.push(top);
  if (Array.isArray(ipam.ipRanges)) {
    for (const r of ipam.ipRanges) {
      const parsed = isObject(r) ? whereaboutsRange(r) : null;
      if (parsed) out.push(parsed);
    }
  }
  return out;
}
