// `ls -l /sys/class/net/*/device/virtfn*` (script.ts) → each SR-IOV PF's VFs by index with their PCI addresses, the
// kernel's own record (Documentation/ABI/testing/sysfs-bus-pci: device/virtfnN links to the N-th VF's PCI device).
// GNU and busybox `ls -l` both end a symlink's line with "<path> -> <target>".

export interface VirtualFunction {
  index: number;
  /** the VF's PCI address, e.g. 0000:05:10.0: what a pod's device-info names for an SR-IOV interface */
  pciAddress: string;
}

const LINE =
  /\/sys\/class\/net\/([^/\s]{1,64})\/device\/virtfn(\d{1,5}) -> (?:\S*\/)?([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])$/i;

/** The VFs of every PF the listing names, in index order; lines that are not such links are ignored. */
export function parseVirtfnListing(text: string): Map<string, VirtualFunction[]> {
  const out = new Map<string, VirtualFunction[]>();
  for (const line of text.split("\n")) {
    const m = LINE.exec(line.trim());
    if (!m?.[1] || !m[2] || !m[3]) continue;
    const vfs = out.get(m[1]) ?? [];
    vfs.push({ index: Number(m[2]), pciAddress: m[3].toLowerCase() });
    out.set(m[1], vfs);
  }
  for (const vfs of out.values()) vfs.sort((a, b) => a.index - b.index);
  return out;
}
