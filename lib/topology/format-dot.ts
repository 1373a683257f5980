import { refOf } from "../contract/ids";
import type { Topology, TopologyElement } from "../contract/schema";

const esc = (s: string): string => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
const q = (s: string): string => `"${esc(s)}"`;
/** A multi-line label: each line escaped, joined by DOT's own line break `\n` (which must itself stay unescaped). */
const qLines = (lines: string[]): string => `"${lines.map(esc).join("\\n")}"`;

const SHAPE: Partial<Record<TopologyElement["kind"], string>> = {
  bridge: "box3d",
  "macvlan-parent": "component",
  "ipvlan-parent": "component",
  "vlan-parent": "component",
  "host-device": "cds",
  "sriov-pf": "component",
  "ovn-switch": "box",
  interface: "ellipse",
  network: "hexagon",
};

function label(el: TopologyElement): string[] {
  switch (el.kind) {
    case "interface":
      return [el.interface, ...el.ips];
    case "network":
      return [refOf(el), el.cniType ?? "invalid config"];
    case "bridge":
      return el.uplinks.length ? [el.name] : [el.name, el.uplinksKnown ? "(no uplink)" : "(uplink unknown)"];
    default:
      return [el.name];
  }
}

/** Graphviz: hosts and pods become clusters, so `dot -Tsvg` draws the containment. */
export function toDot(t: Topology): string {
  const children = new Map<string | null, TopologyElement[]>();
  for (const el of t.elements) {
    if (el.kind === "interface" && el.isDefault) continue;
    // push, not spread: a host with 100k pods must not copy its list 100k times
    const siblings = children.get(el.parent);
    if (siblings) siblings.push(el);
    else children.set(el.parent, [el]);
  }
  const lines = ["digraph plumbline {", "  rankdir=LR;", "  node [fontname=Helvetica fontsize=10];"];
  const emit = (el: TopologyElement, indent: string): void => {
    const kids = children.get(el.id) ?? [];
    if (el.kind === "host" || el.kind === "pod") {
      lines.push(
        `${indent}subgraph ${q(`cluster_${el.id}`)} {`,
        `${indent}  label=${q(el.kind === "pod" ? refOf(el) : el.name)};`,
      );
      for (const k of kids) emit(k, `${indent}  `);
      lines.push(`${indent}  ${q(el.id)} [shape=point style=invis];`, `${indent}}`);
      return;
    }
    const dashed = el.provenance === "inferred" ? " style=dashed" : "";
    lines.push(`${indent}${q(el.id)} [label=${qLines(label(el))} shape=${SHAPE[el.kind] ?? "box"}${dashed}];`);
  };
  for (const el of children.get(null) ?? []) emit(el, "  ");
  const ids = new Set(t.elements.map((e) => e.id));
  for (const l of t.links) {
    if (!ids.has(l.source) || !ids.has(l.target)) continue;
    const style = l.kind === "network" ? " style=dotted arrowhead=none" : "";
    lines.push(`  ${q(l.source)} -> ${q(l.target)} [label=${q(l.label ?? "")}${style}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
