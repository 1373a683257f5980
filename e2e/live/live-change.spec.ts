import { expect, test } from "@playwright/test";
import { NETWORK_STATUS_ANNOTATION } from "../../lib/pod/annotations";
import { everyEdgeDrawn } from "../edges";
import { snap } from "../screenshot";
import { testbed } from "../testbed";

const POD_B = "pod-b-cc754dd7-pq9km";
const POD_B_NET1 = `pod/multus-test/${POD_B}/if/net1`;

test("the dashboard on the live test bed shows a cluster change without a reload", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByTestId("source-status")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  // The walk-through's scenario, read from a real API server.
  await expect(
    page.getByTestId(
      "rf__edge-attachment:pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1->host/worker1.ocp46rt.priv.local/bridge/mybr0",
    ),
  ).toContainText("192.168.12.14");
  await expect(
    page.getByTestId(
      "rf__edge-attachment:pod/multus-test/pod-a-66b77fb7f6-wbx5f/if/net1->host/worker1.ocp46rt.priv.local/host-device/ens8",
    ),
  ).toBeAttached();
  await expect(
    page.getByTestId(`rf__edge-attachment:${POD_B_NET1}->host/worker2.ocp46rt.priv.local/host-device/ens8`),
  ).toBeAttached();
  const iface = page.getByTestId(`rf__node-${POD_B_NET1}`);
  await expect(iface).toContainText("192.168.12.21");
  const bridge = page.getByTestId("rf__node-host/worker1.ocp46rt.priv.local/bridge/mybr0");
  const before = await bridge.boundingBox();
  const edgesBefore = await everyEdgeDrawn(page);
  await snap(page, testInfo, "live-before");

  // As Multus would after a re-attach: pod-b's host-device interface gets a new DHCP lease.
  const status = [
    { name: "ovn-kubernetes", interface: "eth0", ips: ["10.130.2.13"], mac: "0a:58:0a:82:02:0d", default: true },
    { name: "multus-test/host-device-main", interface: "net1", ips: ["192.168.12.77"], mac: "00:1a:4a:16:06:81" },
  ];
  const res = await testbed().request(
    "PATCH",
    `/api/v1/namespaces/multus-test/pods/${POD_B}`,
    { metadata: { annotations: { [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) } } },
    "application/merge-patch+json",
  );
  expect(res.status).toBe(200);

  await expect(iface).toContainText("192.168.12.77");
  await expect(iface).not.toContainText("192.168.12.21");
  // Only an address changed: nothing moves, and no edge is lost on the way.
  expect(await bridge.boundingBox()).toEqual(before);
  expect(await everyEdgeDrawn(page)).toEqual(edgesBefore);

  // And back, as the lease returns: the other specs see the seeded cluster again.
  const original = await testbed().request(
    "PATCH",
    `/api/v1/namespaces/multus-test/pods/${POD_B}`,
    {
      metadata: {
        annotations: {
          [NETWORK_STATUS_ANNOTATION]: JSON.stringify([status[0], { ...status[1], ips: ["192.168.12.21"] }]),
        },
      },
    },
    "application/merge-patch+json",
  );
  expect(original.status).toBe(200);
  await expect(iface).toContainText("192.168.12.21");
  await snap(page, testInfo, "live-after");
});
