// The wire between the bed's nodes: one more network namespace holding a bridge (the "switch"), and each node's
// `ens9` as one end of a veth pair whose other end is a port of that bridge. Frames a node sends out of ens9 (a
// macvlan child's, say) reach every other node's ens9, as on one L2 segment between hosts; nothing else joins the
// nodes (mybr0 and the other bridges stay per node: islands). The machine's own namespaces are never touched.
import { execFileSync, spawn } from "node:child_process";
import { ip } from "./netns";

export const SEGMENT_BRIDGE = "seg0";

export function createSegment(netns: string): void {
  execFileSync("ip", ["netns", "add", netns]);
  ip(netns, ["link", "add", SEGMENT_BRIDGE, "type", "bridge"]);
  ip(netns, ["link", "set", SEGMENT_BRIDGE, "up"]);
}

/** `ifname` in `nodeNetns` becomes a port on the segment (its peer, `port<index>`, a port of the bridge). */
export function joinSegment(segment: string, nodeNetns: string, index: number, ifname = "ens9"): void {
  const port = `port${index}`;
  ip(segment, ["link", "add", port, "type", "veth", "peer", "name", ifname, "netns", nodeNetns]);
  ip(segment, ["link", "set", port, "master", SEGMENT_BRIDGE]);
  ip(segment, ["link", "set", port, "up"]);
  ip(nodeNetns, ["link", "set", ifname, "up"]);
}

/** If this process dies without stop() (SIGKILL), a detached shell deletes the segment once `dir` is left over. */
export function watchSegment(netns: string, dir: string): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && [ -d "$1" ]; do sleep 1; done
[ -d "$1" ] && { ip netns delete "$2" 2>/dev/null; rm -rf "$1"; }; exit 0`;
  spawn("sh", ["-c", script, "segment-watchdog", dir, netns], { detached: true, stdio: "ignore" }).unref();
}
