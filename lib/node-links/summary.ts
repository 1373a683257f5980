// A probe's result in a line: what the user reads next to "probed at T by who".
import type { NodeLink } from "./link";

export function summarizeLinks(links: readonly NodeLink[]): string {
  const count = (t: string): number => links.filter((l) => l.type === t).length;
  const parts = [
    [count("ethernet"), "NIC"],
    [count("linux-bridge"), "bridge"],
    [count("bond"), "bond"],
    [count("vlan"), "VLAN"],
    [count("mac-vlan") + count("ipvlan"), "macvlan/ipvlan"],
    [count("veth"), "veth"],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? "" : "s"}`);
  return `${links.length} links${said.length ? `: ${said.join(", ")}` : ""}`;
}
