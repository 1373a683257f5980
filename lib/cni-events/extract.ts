import { bracketRefs } from "./bracket-refs";

/**
 * Pulls the pod, network, plugin and interface out of a sandbox failure text, whichever runtime and Multus
 * version wrote it. Each reader tries the most specific wording first; all take whitespace-collapsed text.
 * Linear in the text, whatever it holds (issue 25): every pattern starts with a literal, and what follows one can
 * only run to a character that ends it or to a bound; "[ns/pod:net]" is read by a scanner (bracket-refs.ts).
 */

const MULTUS_TYPES = new Set(["multus", "multus-shim"]);
const NAME = "[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?";

/** Every match of a global regex (compiled once, at module scope: compiling per call was most of the cost). */
function allMatches(g: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  g.lastIndex = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    out.push(m);
    if (m[0].length === 0) g.lastIndex++;
  }
  return out;
}

const PLUGIN_NAMED = /plugin type="([^"]+)" name="([^"]+)"/g;
const CNI_NETWORK = /to CNI network "([^"]+)"/g;
const CRIO_POD = new RegExp(`error adding pod (${NAME})_(${NAME}) to\\b`, "i");
const SHIM_POD = new RegExp(`set up pod "(${NAME})_(${NAME})" network`, "i");
const ADDING_TO = /(?:error adding container to network|Err adding pod to network) "([^"]+)"/gi;
const PLUGIN_FAILED = /plugin type="([^"]+)" name="([^"]+)" failed/g;
const PLUGIN_TYPE = /plugin type="([^"]+)"/g;
const DETAIL_MARKERS = [
  /(?:getKubernetesDelegate|GetCNIConfigFromFile|getCNIConfigFromSpec|getKubeletClient):\s*/gi,
  /error adding container to network "[^"]+":\s*/gi,
  /Err adding pod to network "[^"]+":\s*/gi,
  /error in invoke Delegate add - "[^"]+":\s*/gi,
  /failed \(add\):\s*/gi,
  /\]:\s*/g,
  /desc = \[?/gi,
];

/** Names of the Multus network itself ("multus-cni-network"), which are never the NAD that failed. */
export function multusNetworkNames(flat: string): Set<string> {
  const names = new Set(["multus-cni-network"]);
  for (const m of allMatches(PLUGIN_NAMED, flat)) {
    if (m[1] && m[2] && MULTUS_TYPES.has(m[1])) names.add(m[2]);
  }
  for (const m of allMatches(CNI_NETWORK, flat)) if (m[1]) names.add(m[1]);
  return names;
}

export function extractPod(flat: string): { namespace?: string; pod?: string } {
  // Multus: "[ns/pod/uid:net]", "[ns/pod:net]", "[ns/pod/:net]", "[ns/pod/uid]", "[ns/pod]" (the "[" may be cut off)
  const [bracket] = bracketRefs(flat);
  if (bracket) return { namespace: bracket.namespace, pod: bracket.pod };
  // Multus thick: the CNI args in the shim's request
  const ns = /K8S_POD_NAMESPACE=([^;\s]+)/.exec(flat)?.[1];
  const name = /K8S_POD_NAME=([^;\s]+)/.exec(flat)?.[1];
  if (ns && name) return { namespace: ns, pod: name };
  // CRI-O: "error adding pod <ns>_<name> to CNI network" (neither may contain "_")
  const crio = CRIO_POD.exec(flat);
  if (crio?.[1] && crio[2]) return { namespace: crio[1], pod: crio[2] };
  // dockershim: 'failed to set up pod "<name>_<ns>" network'
  const shim = SHIM_POD.exec(flat);
  if (shim?.[1] && shim[2]) return { namespace: shim[2], pod: shim[1] };
  return {};
}

export function extractNetwork(flat: string): string | undefined {
  // Bounded: a NAD's and a namespace's names are at most 253 characters, and an unclosed "(" repeated must not
  // make each occurrence read to the end of the text.
  const nad = /cannot find a network-attachment-definition \(([^)]{0,253})\) in namespace \(([^)]{0,253})\)/i.exec(
    flat,
  );
  if (nad) return `${nad[2] ?? ""}/${nad[1] ?? ""}`;
  const skip = multusNetworkNames(flat);
  const named = allMatches(ADDING_TO, flat)
    .map((m) => m[1] ?? "")
    .filter((n) => n && !skip.has(n));
  if (named.length > 0) return named[named.length - 1];
  const bracket = bracketRefs(flat)
    .map((r) => r.network ?? "")
    .filter((n) => n && !skip.has(n) && n !== "..");
  if (bracket.length > 0) return bracket[bracket.length - 1];
  const plugin = allMatches(PLUGIN_FAILED, flat).filter((m) => m[1] && !MULTUS_TYPES.has(m[1]));
  return plugin.length > 0 ? plugin[plugin.length - 1]?.[2] : undefined;
}

export function extractPlugin(flat: string): string | undefined {
  const delegate = /Delegate(?: add|Add| del|Del) - "([^"]+)"/i.exec(flat)?.[1];
  if (delegate) return delegate;
  const typed = allMatches(PLUGIN_TYPE, flat)
    .map((m) => m[1] ?? "")
    .filter((t) => t && !MULTUS_TYPES.has(t));
  if (typed.length > 0) return typed[typed.length - 1];
  const setIf = /cannot set "([^"]+)" interface name/i.exec(flat)?.[1];
  if (setIf) return setIf;
  const missing = /failed to find plugin "([^"]+)"/i.exec(flat)?.[1];
  if (missing) return missing;
  if (/infiniBand SRI-?OV CNI/i.test(flat)) return "ib-sriov";
  if (/SRIOV-CNI/i.test(flat)) return "sriov";
  const tail = /failed to create (macvlan|ipvlan|vlan|bridge)\b/i.exec(flat)?.[1];
  return tail?.toLowerCase();
}

export function extractInterface(flat: string): string | undefined {
  return (
    /interface name to "([^"]+)"/i.exec(flat)?.[1] ??
    /interface name (\S+) already exists/i.exec(flat)?.[1] ??
    /set up pod interface "([^"]+)"/i.exec(flat)?.[1] ??
    /ifName: "([^"]+)"/.exec(flat)?.[1]
  );
}

/** The innermost error: what is left after the runtime's, Multus' and the teardown's wrapping. */
export function extractDetail(flat: string): string {
  let rest = flat.replace(/^\(combined from similar events\):\s*/i, "");
  rest = rest.split(/, failed to clean up sandbox container/i)[0] ?? rest;
  for (const marker of DETAIL_MARKERS) {
    const hits = allMatches(marker, rest);
    const last = hits[hits.length - 1];
    if (last) {
      const tail = rest.slice(last.index + last[0].length).trim();
      if (tail.length > 0) return tail.replace(/\]$/, "");
    }
  }
  return rest.trim();
}
