import { describe, expect, it } from "vitest";
import { nad as nadObject, pod as podObject } from "@/testing/fixtures/objects";
import corpus from "../cni-events/corpus/failure-messages.json";
import { type InterfaceElement, type Topology, topologySchema } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";

const NS = "cnf";
// multus-cni#373 ("no IP addresses available in range set: 135.111.37.1-135.111.37.1"), its NAD renamed to ours
const EXHAUSTED = (corpus[0]?.text ?? "").replaceAll("ipvlan-nw-oam-ip-necc0-npvamf", "ipvlan-nw");

const nad = nadObject(
  "ipvlan-nw",
  {
    cniVersion: "0.3.1",
    type: "ipvlan",
    master: "ens3",
    ipam: { type: "host-local", subnet: "135.111.37.0/24", rangeStart: "135.111.37.1", rangeEnd: "135.111.37.1" },
  },
  { namespace: NS },
);

const pod = (name: string, phase: string, status?: unknown[]) =>
  podObject(name, { namespace: NS, node: "worker-1", networks: "ipvlan-nw", phase, ...(status ? { status } : {}) });

/** events.k8s.io/v1, as the live source and `kubectl get events.events.k8s.io -o yaml` give it */
const eventV1 = (podName: string, reason: string, note: string, time: string, count = 1) => ({
  apiVersion: "events.k8s.io/v1",
  kind: "Event",
  metadata: { name: `${podName}.${reason}.${time}`, namespace: NS },
  regarding: { kind: "Pod", namespace: NS, name: podName },
  reason,
  note,
  type: reason === "AddedInterface" ? "Normal" : "Warning",
  eventTime: time,
  reportingController: reason === "AddedInterface" ? "multus" : "kubelet",
  ...(count > 1 ? { series: { count, lastObservedTime: time } } : {}),
});

/** core v1, as a must-gather's namespaces/<ns>/core/events.yaml holds it */
const eventCore = (podName: string, reason: string, message: string, time: string, count = 1) => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name: `${podName}.${time}`, namespace: NS },
  involvedObject: { kind: "Pod", namespace: NS, name: podName },
  reason,
  message,
  type: "Warning",
  count,
  lastTimestamp: time,
  source: { component: "kubelet" },
});

function build(objects: unknown[]): Topology {
  return topologySchema.parse(buildTopology(snapshotFromObjects(objects, "test")));
}
const net1 = (t: Topology, podName: string): InterfaceElement => {
  const found = t.elements.find((e) => e.id === `pod/${NS}/${podName}/if/net1`);
  if (found?.kind !== "interface") throw new Error("no net1");
  return found;
};

describe("pod events on the topology", () => {
  it("a stuck pod's interface carries the parsed cause, the event text, and a finding instead of 'not attached'", () => {
    const t = build([
      nad,
      pod("amf-0", "Pending"),
      eventV1("amf-0", "FailedCreatePodSandBox", EXHAUSTED, "2024-05-01T10:00:00Z", 57),
    ]);
    const iface = net1(t, "amf-0");
    expect(iface.failure).toMatchObject({ cause: "ip-range-exhausted", count: 57, message: EXHAUSTED });
    expect(iface.failure?.summary).toBe("IP range exhausted: 0 of 1 free in 135.111.37.1");
    expect(iface.events?.[0]?.message).toBe(EXHAUSTED);
    const f = t.findings.filter((x) => x.elements.includes(iface.id));
    expect(f.map((x) => [x.code, x.severity])).toEqual([["sandbox-ip-range-exhausted", "error"]]);
    expect(f[0]?.elements).toContain(`network/${NS}/ipvlan-nw`);
    expect(f[0]?.message).toContain("(57 times)");
  });

  it("reads core v1 events (must-gathers) the same way", () => {
    const t = build([
      nad,
      pod("amf-0", "Pending"),
      eventCore("amf-0", "FailedCreatePodSandBox", EXHAUSTED, "2024-05-01T10:00:00Z", 3),
    ]);
    expect(net1(t, "amf-0").failure).toMatchObject({ cause: "ip-range-exhausted", count: 3 });
  });

  it("an old failure on a running, attached interface is history: listed, no finding", () => {
    const status = [{ name: `${NS}/ipvlan-nw`, interface: "net1", ips: ["135.111.37.1"] }];
    const t = build([
      nad,
      pod("amf-0", "Running", status),
      eventV1("amf-0", "FailedCreatePodSandBox", EXHAUSTED, "2024-05-01T10:00:00Z"),
    ]);
    const iface = net1(t, "amf-0");
    expect(iface.failure).toBeUndefined();
    expect(iface.events).toHaveLength(1);
    expect(t.findings.filter((x) => x.code.startsWith("sandbox-"))).toEqual([]);
  });

  it("an AddedInterface newer than the failure confirms the attachment network-status lacks", () => {
    const t = build([
      nad,
      pod("amf-0", "Pending"),
      eventV1("amf-0", "FailedCreatePodSandBox", EXHAUSTED, "2024-05-01T10:00:00Z"),
      eventV1("amf-0", "AddedInterface", "Add net1 [135.111.37.1/24] from cnf/ipvlan-nw", "2024-05-01T10:05:00Z"),
    ]);
    const iface = net1(t, "amf-0");
    expect(iface).toMatchObject({ attached: true, ips: ["135.111.37.1/24"] });
    expect(iface.failure).toBeUndefined();
    expect(t.findings.map((f) => f.code)).toContain("attachment-from-event");
    expect(t.findings.map((f) => f.code)).not.toContain("network-not-attached");
  });

  it("a failure newer than the AddedInterface wins (the retry after the half-done attempt)", () => {
    const ifnameExists = corpus.find((e) => e.expect.cause === "ifname-exists")?.text ?? "";
    const t = build([
      nad,
      pod("amf-0", "Pending"),
      eventV1("amf-0", "AddedInterface", "Add net1 [135.111.37.1/24] from cnf/ipvlan-nw", "2024-05-01T10:00:00Z"),
      eventV1("amf-0", "FailedCreatePodSandBox", ifnameExists, "2024-05-01T10:00:01Z"),
    ]);
    expect(net1(t, "amf-0")).toMatchObject({ attached: false, failure: { cause: "ifname-exists" } });
  });

  it("ignores other reasons, other pods' events and pods without secondary networks", () => {
    const plain = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: NS },
      spec: {},
      status: { phase: "Pending" },
    };
    const t = build([
      nad,
      pod("amf-0", "Pending"),
      plain,
      eventV1("amf-0", "Pulled", "Successfully pulled image", "2024-05-01T10:00:00Z"),
      eventV1("web", "FailedCreatePodSandBox", EXHAUSTED, "2024-05-01T10:00:00Z"),
      eventV1("gone", "FailedCreatePodSandBox", EXHAUSTED, "2024-05-01T10:00:00Z"),
    ]);
    expect(net1(t, "amf-0").events).toBeUndefined();
    expect(t.findings.filter((x) => x.code.startsWith("sandbox-"))).toEqual([]);
  });

  it("a missing NAD the topology already reports is not reported twice, but its events still explain the interface", () => {
    const text = (corpus.find((e) => e.source.includes("community-distribution/issues/2580"))?.text ?? "")
      .replaceAll("kubeflow", NS)
      .replaceAll("istio-cni", "ipvlan-nw");
    const t = build([
      pod("amf-0", "Pending"),
      eventV1("amf-0", "FailedCreatePodSandBox", text, "2024-05-01T10:00:00Z"),
    ]);
    expect(net1(t, "amf-0").failure?.cause).toBe("nad-not-found");
    // (the host's own node-links-inferred note aside)
    expect(t.findings.map((f) => f.code).filter((c) => c !== "node-links-inferred")).toEqual(["network-not-found"]);
  });

  it("keeps at most 10 events per pod, newest first", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      eventV1(
        "amf-0",
        "FailedCreatePodSandBox",
        `${EXHAUSTED} #${i}`,
        `2024-05-01T10:${String(i).padStart(2, "0")}:00Z`,
      ),
    );
    const iface = net1(build([nad, pod("amf-0", "Pending"), ...many]), "amf-0");
    expect(iface.events).toHaveLength(10);
    expect(iface.events?.[0]?.message).toContain("#29");
  });

  it("a malformed event is skipped, never a crash", () => {
    const broken = { apiVersion: "v1", kind: "Event", metadata: { name: "x", namespace: NS }, involvedObject: "nope" };
    expect(() => build([nad, pod("amf-0", "Pending"), broken])).not.toThrow();
  });
});
