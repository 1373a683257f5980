import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { eventSchema, ipPoolSchema, podSchema } from "../../testing/testbed/node/api-schemas";
import { addNic, ipJson } from "../../testing/testbed/node/netns";
import { bridgePorts, ipv4, list, type Pod, podAddr, podPid, until } from "../../testing/testbed/node/truth";
import { sayIfThePageStalled } from "../frames";
import { snap } from "../screenshot";
import { attachThroughForm, deployment, ensure, NS, nodeBed, openNewNetwork, rolledOut, startOver } from "./node-bed";

// The walk-through (docs: "Multus on OpenShift", bridge-main on mybr0 with whereabouts), replayed on a real node:
// every step goes through the dashboard's forms, and every picture is checked against `ip` on the node and in pods.
const bed = nodeBed();
const host = `host/${bed.node.name}`;
const uid = (p: Pod | undefined): string => p?.metadata.uid ?? "";

test.afterEach(async ({ page }, testInfo) => sayIfThePageStalled(page, testInfo));

test.beforeAll(async () => {
  await ensure(bed.request, "/api/v1/namespaces", { metadata: { name: NS } });
  for (const d of ["pod-a", "pod-b"])
    await ensure(bed.request, `/apis/apps/v1/namespaces/${NS}/deployments`, deployment(d));
});

test("bridge-main: created and attached through the forms, Multus gives the pods net1 on mybr0", async ({
  page,
}, testInfo) => {
  if (testInfo.retry)
    await startOver(bed.request, { deployments: [{ name: "pod-a" }, { name: "pod-b" }], networks: ["bridge-main"] });
  await openNewNetwork(page, "bridge-main");
  await page.getByRole("radio", { name: "bridge", exact: true }).check();
  await page.getByLabel("Bridge name", { exact: true }).fill("mybr0");
  await page.getByLabel("IPAM", { exact: true }).selectOption("whereabouts");
  await page.getByLabel("Range", { exact: true }).fill("192.168.12.0/24");
  await page.getByLabel("Range start", { exact: true }).fill("192.168.12.10");
  await page.getByLabel("Range end", { exact: true }).fill("192.168.12.200");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByTestId("details-panel")).toContainText("mybr0");

  await attachThroughForm(page, "pod-a", "bridge-main");
  await attachThroughForm(page, "pod-b", "bridge-main");
  const pods = [
    await rolledOut(bed.request, "pod-a", `${NS}/bridge-main`),
    await rolledOut(bed.request, "pod-b", `${NS}/bridge-main`),
  ];

  // The truth: the walk-through's own commands.
  const ports = bridgePorts(bed.node.netns, "mybr0");
  expect(ports).toHaveLength(2);
  const net1 = pods.map((p) => podAddr(bed.node.cgroupRoot, uid(p), "net1"));
  const ips = net1.map((a) => ipv4(a)[0] ?? "");
  for (const ip of ips) expect(ip).toMatch(/^192\.168\.12\.(1[0-9]|[2-9][0-9]|1[0-9][0-9]|200)$/);
  // whereabouts' IPPool holds exactly these two, by pod.
  const pools = await list(bed.request, "/apis/whereabouts.cni.cncf.io/v1alpha1/ippools", ipPoolSchema);
  const pool = pools.find((x) => x.spec.range === "192.168.12.0/24");
  const allocated = Object.entries(pool?.spec.allocations ?? {}).map(
    ([offset, a]) => `${a.podref}=192.168.12.${offset}`,
  );
  expect(allocated.sort()).toEqual(pods.map((p, i) => `${NS}/${p.metadata.name}=${ips[i]}`).sort());
  // pod-a reaches pod-b over mybr0, as the walk-through's ping does.
  execFileSync("nsenter", [
    "-t",
    String(podPid(bed.node.cgroupRoot, uid(pods[0]))),
    "-n",
    "busybox",
    "ping",
    "-c",
    "1",
    "-W",
    "5",
    ips[1] ?? "",
  ]);

  // The picture: both pods on mybr0, with the addresses and MACs ip reports.
  await page.goto("/");
  await expect(page.getByTestId("source-status")).toHaveAttribute("data-state", "live");
  for (const [i, p] of pods.entries()) {
    const iface = `pod/${NS}/${p.metadata.name}/if/net1`;
    await expect(page.getByTestId(`rf__edge-attachment:${iface}->${host}/bridge/mybr0`)).toBeAttached();
    await expect(page.getByTestId(`rf__node-${iface}`)).toContainText(ips[i] ?? "");
    await expect(page.getByTestId(`rf__node-${iface}`)).toContainText(net1[i]?.address ?? "");
  }
  await expect(page.locator(`[data-testid$="->${host}/bridge/mybr0"]`)).toHaveCount(ports.length);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  // The workloads as the admin left them: the real Deployment controller replaced each pod, so template and pod agree.
  for (const d of ["pod-a", "pod-b"]) {
    const chip = page.locator(`[data-testid="workload-chip"][data-workload="workload/${NS}/Deployment/${d}"]`);
    await expect(chip.getByTestId("workload-rollout")).toHaveText("1/1 current");
    await expect(chip.getByTestId("workload-network")).toHaveText(["bridge-main 1/1"]);
  }
  await snap(page, testInfo, "node-bridge-main");
});

test("host-device: ens8 moves from the node into the pod, and the dashboard says so", async ({ page }, testInfo) => {
  if (testInfo.retry)
    await startOver(bed.request, { deployments: [{ name: "pod-c" }], networks: ["host-device-main"] });
  addNic(bed.node.netns, "ens8");
  const mac = ipJson(bed.node.netns, ["link", "show", "ens8"])[0]?.address;
  await ensure(bed.request, `/apis/apps/v1/namespaces/${NS}/deployments`, deployment("pod-c"));
  await openNewNetwork(page, "host-device-main");
  await page.getByRole("radio", { name: "host-device", exact: true }).check();
  await page.getByLabel("Device name", { exact: true }).fill("ens8");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByTestId("details-panel")).toContainText("ens8");
  await attachThroughForm(page, "pod-c", "host-device-main");
  const pod = await rolledOut(bed.request, "pod-c", `${NS}/host-device-main`);

  // Gone from the node namespace; in the pod as net1 with the same MAC.
  expect(ipJson(bed.node.netns, ["link"]).map((l) => l.ifname)).not.toContain("ens8");
  expect(podAddr(bed.node.cgroupRoot, uid(pod), "net1")?.address).toBe(mac);

  await page.goto("/");
  const iface = `pod/${NS}/${pod.metadata.name}/if/net1`;
  await expect(page.getByTestId(`rf__edge-attachment:${iface}->${host}/host-device/ens8`)).toBeAttached();
  await expect(page.getByTestId(`rf__node-${host}/host-device/ens8`)).toContainText("moved into pod");
  await expect(page.getByTestId(`rf__node-${iface}`)).toContainText(mac ?? "");
  await snap(page, testInfo, "node-host-device");
});

test("macvlan on a parent NIC: the pod's net1 sits on ens9, with the whereabouts address", async ({
  page,
}, testInfo) => {
  if (testInfo.retry) await startOver(bed.request, { deployments: [{ name: "pod-d" }], networks: ["macvlan-main"] });
  addNic(bed.node.netns, "ens9");
  await ensure(bed.request, `/apis/apps/v1/namespaces/${NS}/deployments`, deployment("pod-d"));
  await openNewNetwork(page, "macvlan-main");
  await page.getByRole("radio", { name: "macvlan", exact: true }).check();
  await page.getByLabel("Master interface", { exact: true }).fill("ens9");
  await page.getByLabel("IPAM", { exact: true }).selectOption("whereabouts");
  await page.getByLabel("Range", { exact: true }).fill("192.168.13.0/24");
  await page.getByLabel("Range start", { exact: true }).fill("192.168.13.10");
  await page.getByLabel("Range end", { exact: true }).fill("192.168.13.20");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByTestId("details-panel")).toContainText("ens9");
  await attachThroughForm(page, "pod-d", "macvlan-main");
  const pod = await rolledOut(bed.request, "pod-d", `${NS}/macvlan-main`);

  const net1 = podAddr(bed.node.cgroupRoot, uid(pod), "net1");
  const [ip] = ipv4(net1);
  expect(ip).toBe("192.168.13.10");
  // The parent stays on the node.
  expect(ipJson(bed.node.netns, ["link", "show", "ens9"])).toHaveLength(1);

  await page.goto("/");
  const iface = `pod/${NS}/${pod.metadata.name}/if/net1`;
  await expect(page.getByTestId(`rf__edge-attachment:${iface}->${host}/macvlan-parent/ens9`)).toBeAttached();
  await expect(page.getByTestId(`rf__node-${iface}`)).toContainText(ip ?? "");
  await expect(page.getByTestId(`rf__node-${iface}`)).toContainText(net1?.address ?? "");
  await snap(page, testInfo, "node-macvlan");
});

test("an exhausted whereabouts range: the second pod is stuck, with the kubelet's real event", async ({
  page,
}, testInfo) => {
  if (testInfo.retry)
    await startOver(bed.request, { deployments: [{ name: "pod-f", replicas: 2 }], networks: ["bridge-tiny"] });
  await ensure(bed.request, `/apis/apps/v1/namespaces/${NS}/deployments`, deployment("pod-f", 2));
  await openNewNetwork(page, "bridge-tiny");
  await page.getByRole("radio", { name: "bridge", exact: true }).check();
  await page.getByLabel("Bridge name", { exact: true }).fill("mybr9");
  await page.getByLabel("IPAM", { exact: true }).selectOption("whereabouts");
  await page.getByLabel("Range", { exact: true }).fill("192.168.14.0/24");
  await page.getByLabel("Range start", { exact: true }).fill("192.168.14.10");
  await page.getByLabel("Range end", { exact: true }).fill("192.168.14.10");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByTestId("details-panel")).toContainText("mybr9");
  await attachThroughForm(page, "pod-f", "bridge-tiny");

  const stuck = await until("a pod-f pod refused by the kubelet for the exhausted range", async () => {
    const items = await list(
      bed.request,
      `/api/v1/namespaces/${NS}/events?fieldSelector=reason%3DFailedCreatePodSandBox`,
      eventSchema,
    );
    // Events outlive their pods: only one about a pod there now (a retry deleted the first attempt's).
    const pods = await list(bed.request, `/api/v1/namespaces/${NS}/pods?labelSelector=app%3Dpod-f`, podSchema);
    const now = new Set(pods.map((p) => p.metadata.name));
    return items.find((e) => now.has(e.involvedObject.name) && e.message.includes("bridge-tiny"));
  });
  expect(stuck.source?.component).toBe("kubelet");
  expect(stuck.message).toMatch(/whereabouts|no IP addresses available|could not allocate/i);
  const pod = podSchema.parse(
    (await bed.request("GET", `/api/v1/namespaces/${NS}/pods/${stuck.involvedObject.name}`)).body,
  );
  expect(pod.status?.phase).toBe("Pending");

  await page.goto("/");
  const stuckPod = stuck.involvedObject.name;
  await expect(page.getByTestId(`rf__node-pod/${NS}/${stuckPod}`)).toBeAttached();
  // The interface that never came says why in a word, from the same event, with the event's summary on hover.
  const net1 = page.getByTestId(`rf__node-pod/${NS}/${stuckPod}/if/net1`);
  await expect(net1).toContainText("IP range full");
  await expect(net1.getByTitle(/IP range exhausted/)).toHaveCount(1);
  // The diagnostics read the kubelet's real message: the finding names the pod, the network and the full range.
  await expect(page.getByTestId("finding").filter({ hasText: stuckPod })).toContainText(
    `net1 on ${NS}/bridge-tiny: IP range exhausted`,
  );
  await snap(page, testInfo, "node-exhausted");
});
