import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseObjects } from "@/lib/k8s/read-objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import type { ViewMessage } from "@/lib/wire/view-protocol";
import { fromSnapshot } from "@/lib/wire/view-state";
import { DEMO_NS, demoObjects } from "@/testing/fixtures/demo";
import { StaticSource } from "./sources/static-source";
import { feedOf } from "./topology-feed";
import { joinChannel } from "./view-channel";

const LEAKED = path.resolve(import.meta.dirname, "../testing/fixtures/leaked-reservation.yaml");

describe("whereabouts reservations in the dashboard", () => {
  it("a reservation left behind for a replaced pod shows as ip-reserved-twice in the view the explorer receives", async () => {
    // The demo cluster plus the OverlappingRangeIPReservations whereabouts keeps for its addresses, one of them stale.
    const objects = [...demoObjects(), ...parseObjects(readFileSync(LEAKED, "utf8"), LEAKED)];
    const source = new StaticSource({ kind: "demo", label: "demo", writes: "memory" }, snapshotFromObjects(objects));
    const feed = feedOf(source);
    await feed.current();
    const { channel, leave } = joinChannel(feed, {});
    const [first] = channel.since(null);
    const message: ViewMessage = JSON.parse(first?.text ?? "null");
    if (message?.type !== "snapshot") throw new Error("no snapshot");
    const found = [...fromSnapshot(message).findings.values()].filter((f) => f.code === "ip-reserved-twice");
    expect(found.map((f) => f.message)).toEqual([
      `192.168.30.11 is reserved for ${DEMO_NS}/pod-d-7f9c8d6b5-r8t3v (OverlappingRangeIPReservation kube-system/192.168.30.11) and ${DEMO_NS}/pod-d-7f9c8d6b5-x7k2p (IPPool 192.168.30.0-24)`,
    ]);
    expect(found[0]?.elements).toEqual([`pod/${DEMO_NS}/pod-d-7f9c8d6b5-x7k2p/if/net1`]);
    leave();
  });
});
