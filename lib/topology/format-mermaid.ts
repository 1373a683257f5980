import { refOf } from "../contract/ids";
import type { Topology, TopologyElement } from "../contract/schema";

/** Mermaid ids must be plain words; element ids contain slashes and dots. */
function idMap(t: Topology): Map<string, string> {
  return new Map(t.elements.map((el, i) => [el.id, `n${i}`]));
}

const text = (s: string): string => `"${s.replace(/"/g, "#quot;")}"`;

function label(el: TopologyElement): string {
  if (el.kind === "interface") return [el.interface, ...el.ips].join("<br/>");
  if (el.kind === "network") return `${el.namespace}/${el.name} (${el.cniType ?? "invalid"})`;
  return el.name;
}

/** A Mermaid flowchart: hosts and pods as subgraphs, paste-able into a GitHub comment. */
export function toMermaid(t: Topology): string {
  const ids = idMap(t);
  const children = new Map<string | null, TopologyElement[]>();
  for (const el of t.elements) {
    if (el.kind === "interface" && el.isDefault) continue;
    // push, not spread: a host with 100k pods must not copy its list 100k times
    const siblings = children.get(el.parent);
    if (siblings) siblings.push(el);
    else children.set(el.parent, [el]);
  }
  const lines = ["flowchart LR"];
  const emit = (el: TopologyElement, indent: string): void => {
    const id = ids.get(el.id) ?? "";
    if (el.kind === "host" || el.kind === "pod") {
      lines.push(`${indent}subgraph ${id}[${text(el.kind === "pod" ? refOf(el) : el.name)}]`);
      for (const k of children.get(el.id) ?? []) emit(k, `${indent}  `);
      lines.push(`${indent}end`);
      return;
    }
    const shape = el.kind === "network" ? [`{{`, `}}`] : el.kind === "interface" ? ["([", "])"] : ["[", "]"];
    lines.push(`${indent}${id}${shape[0]}${text(label(el))}${shape[1]}`);
  };
  for (const el of children.get(null) ?? []) emit(el, "  ");
  for (const l of t.links) {
    const s = ids.get(l.source);
    const d = ids.get(l.target);
    if (!s || !d) continue;
    lines.push(l.kind === "network" ? `  ${s} -.- ${d}` : `  ${s} -->|${text(l.label ?? "")}| ${d}`);
  }
  return `${lines.join("\n")}\n`;
}
