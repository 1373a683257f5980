import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { nmstateType, normalMac } from "../../lib/node-links/link";
import { podSchema, type TestbedNode, testbedInfoSchema } from "../../testing/testbed/node/api-schemas";
import { imageRef } from "../../testing/testbed/node/image";
import { ip, ipJson } from "../../testing/testbed/node/netns";
import { joinSegment } from "../../testing/testbed/node/segment";
import { list, until } from "../../testing/testbed/node/truth";
import { sayIfThePageStalled } from "../frames";
import { snap } from "../screenshot";
import { ensure, NS, nodeBed } from "./node-bed";

// Issue 21 A on the two-node bed: plumbline-node-2 publishes no NodeNetworkState, so its host side is inferred and
// its uplinked bridge's uplink unknown. "Inspect node links" in the browser runs a probe pod there (busybox: the
// POSIX-shell/sysfs path) and the host's links then equal what `ip -d -j link` / `ip -j addr` say in its namespace.
const bed = nodeBed();
const info = testbedInfoSchema.parse(JSON.parse(readFileSync(process.env.PLUMBLINE_NODE_TESTBED_INFO ?? "", "utf8")));
const two = info.nodes.find((n) => !n.nodeNetworkState) as TestbedNode;
const BRIDGE = "br-up";
const host = `host/${two.name}`;

test.afterEach(async ({ page }, testInfo) => sayIfThePageStalled(page, testInfo));

test.beforeAll(async () => {
  expect(two, "the bed has a node without NodeNetworkState (--no-nns)").toBeDefined();
  // A bridge uplinked to the shared segment through ens10 (a veth whose other end is a port of the segment).
  if (!ipJson(two.netns, ["link"]).some((l) => l.ifname === "ens10"))
    joinSegment(info.segment ?? "", two.netns, 12, "ens10");
  if (!ipJson(two.netns, ["link"]).some((l) => l.ifname === BRIDGE)) {
    ip(two.netns, ["link", "add", BRIDGE, "type", "bridge"]);
    ip(two.netns, ["link", "set", "ens10", "master", BRIDGE]);
    ip(two.netns, ["link", "set", BRIDGE, "up"]);
  }
  await ensure(bed.request, "/api/v1/namespaces", { metadata: { name: NS } });
  const config = {
    cniVersion: "0.3.1",
    name: "bridge-up",
    type: "bridge",
    bridge: BRIDGE,
    ipam: { type: "whereabouts", range: "192.168.41.0/24", range_start: "192.168.41.10" },
  };
  const nad = {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: { name: "bridge-up", namespace: NS },
    spec: { config: JSON.stringify(config) },
  };
  await ensure(bed.request, `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`, nad);
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "up-one", namespace: NS, annotations: { "k8s.v1.cni.cncf.io/networks": "bridge-up" } },
    spec: {
      nodeName: two.name,
      terminationGracePeriodSeconds: 1,
      containers: [{ name: "main", image: imageRef(), imagePullPolicy: "Never" }],
    },
  };
  await ensure(bed.request, `/api/v1/namespaces/${NS}/pods`, pod);
  await until("pod up-one running on the second node", async () => {
    const pods = await list(bed.request, `/api/v1/namespaces/${NS}/pods`, podSchema);
    return pods.some((p) => p.metadata.name === "up-one" && p.status?.phase === "Running") ? true : undefined;
  });
});

/** The node's links as `ip -d -j addr` says, in the shape the host's table carries (data-link). */
function truth(): string[] {
  return ipJson(two.netns, ["-d", "addr"])
    .map((l) => {
      const kind = l.linkinfo?.info_kind;
      const type = kind ? nmstateType(kind) : l.link_type === "loopback" ? "loopback" : "ethernet";
      const ips = l.addr_info.flatMap((a) =>
        a.local && a.prefixlen !== undefined ? [`${a.local}/${a.prefixlen}`] : [],
      );
      const row = [
        l.ifname,
        type,
        l.flags.includes("UP") ? "up" : "down",
        l.mtu,
        normalMac(l.address),
        l.master ?? null,
        ips,
      ];
      return JSON.stringify(row);
    })
    .sort();
}

const probePods = async () =>
  (await list(bed.request, "/api/v1/pods?labelSelector=plumbline.io%2Fprobe-purpose%3Dnode-links", podSchema)).length;

function probeContainers(): string {
  return execFileSync(
    "ctr",
    [
      "--address",
      two.containerdSock,
      "-n",
      "k8s.io",
      "containers",
      "ls",
      'labels."io.kubernetes.pod.name"~=plumbline-probe',
    ],
    { encoding: "utf8" },
  );
}

test("Inspect node links: a node without NodeNetworkState gets observed links equal to ip's, and its uplinked bridge is no island", async ({
  page,
}, testInfo) => {
  await page.goto(`/?view=host&target=${two.name}&sel=${host}`);
  const details = page.getByTestId("details-panel");
  // A retry (or an earlier run on this server) finds the first attempt's links kept: start over, as a user would.
  await expect(details.getByText(/inferred: no NodeNetworkState for this node|probed at/).first()).toBeVisible();
  const forget = details.getByRole("button", { name: "Forget probed links", exact: true });
  if (await forget.isVisible()) await forget.click();
  await expect(details).toContainText("inferred: no NodeNetworkState for this node");
  const point = page.getByTestId(`rf__node-${host}/bridge/${BRIDGE}`);
  await expect(point).toContainText("uplink unknown");
  await expect(point).not.toContainText("island");
  await snap(page, testInfo, "node-links-before");

  await details.getByRole("button", { name: "Inspect node links", exact: true }).click();
  await expect(details.getByTestId("inspect-progress")).toBeVisible();
  await snap(page, testInfo, "node-links-progress");
  const result = details.getByTestId("inspect-result").locator(`[data-node="${two.name}"]`);
  await expect(result).toHaveAttribute("data-ok", "true", { timeout: 120_000 });
  await expect(result).toContainText("by admin (sysfs)");

  // The host side is observed now: every link equals ip's (name, type, state, MTU, MAC, controller, addresses).
  await expect(details).toContainText(/probed at .* by admin/);
  await expect(async () => {
    const rows = await details
      .getByTestId("host-link")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-link") ?? ""));
    // Addresses in a stable order on both sides (ip lists them as configured, the host by family).
    const shown = rows.map((r) => {
      const row = JSON.parse(r) as unknown[];
      return JSON.stringify([...row.slice(0, 6), [...(row[6] as string[])].sort()]);
    });
    expect(shown.sort()).toEqual(truth());
  }).toPass({ timeout: 30_000 });
  // Two lines per link (MAC and addresses under the name): the table fits the panel, nothing scrolls sideways.
  const table = details.getByTestId("host-link").first().locator("xpath=ancestor::table");
  const [tableBox, panelBox] = [await table.boundingBox(), await details.boundingBox()];
  expect(tableBox && panelBox && tableBox.x + tableBox.width <= panelBox.x + panelBox.width).toBe(true);
  expect(await details.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(point).not.toContainText("uplink unknown");
  await expect(point).not.toContainText("island");
  // The bridge's box names its observed uplink.
  await expect(point).toContainText("uplink ens10");
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  await snap(page, testInfo, "node-links-host-after");
  if (process.env.PLUMBLINE_README_SHOTS)
    copyFileSync(
      testInfo.outputPath("node-links-host-after.png"),
      `${process.env.PLUMBLINE_README_SHOTS}/node-links-inspect.png`,
    );
  await page.goto(`/?view=host&target=${two.name}&sel=${host}/bridge/${BRIDGE}`);
  await expect(page.getByTestId("details-panel")).toContainText(/uplinks\s*ens10/);
  await expect(page.getByTestId("details-panel")).toContainText(/probed at .* by admin/);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  await snap(page, testInfo, "node-links-after");

  // Nothing left: no probe pod in the API, no probe container in the node's containerd.
  await until("the probe pods gone from the API", async () => ((await probePods()) === 0 ? true : undefined));
  await until("the probe containers gone from containerd", async () =>
    probeContainers().trim().split("\n").length <= 1 ? true : undefined,
  );

  // "Forget probed links": the host is as before any inspection again (inferred, the uplink unknown).
  await page.goto(`/?view=host&target=${two.name}&sel=${host}`);
  await expect(details).toContainText(/probed at .* by admin/);
  await details.getByRole("button", { name: "Forget probed links", exact: true }).click();
  await expect(details).toContainText("inferred: no NodeNetworkState for this node");
  await expect(point).toContainText("uplink unknown");
  await expect(details.getByRole("button", { name: "Forget probed links", exact: true })).toHaveCount(0);
});
