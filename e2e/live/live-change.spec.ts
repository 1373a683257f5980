import { expect, test } from "@playwright/test";
import { NETWORK_STATUS_ANNOTATION } from "../../lib/pod/annotations";
import { snap } from "../screenshot";
import { testbed } from "../testbed";

const POD_B = "pod-b-cc754dd7-pq9km";
const POD_B_NET1 = `pod/multus-test/${POD_B}/if/net1`;

test("the dashboard on the live test bed shows a cluster change without a reload", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByTestId("source-status")).toHaveAttribute("data-state", "live");
  const iface = page.getByTestId(`rf__node-${POD_B_NET1}`);
  await expect(iface).toContainText("192.168.12.21");
  await snap(page, testInfo, "live-before");

  // As Multus would after a re-attach: pod-b's host-device interface gets a new DHCP lease.
  const status = [
    { name: "ovn-kubernetes", interface: "eth0", ips: ["10.130.2.13"], mac: "0a:58:0a:82:02:0d", default: true },
    { name: "multus-test/host-device-main", interface: "net1", ips: ["192.168.12.77"], mac: "00:1a:4a:16:06:81" },
  ];
  const res = await testbed().request("PATCH", `/api/v1/namespaces/multus-test/pods/${POD_B}`,
    { metadata: { annotations: { [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) } } }, "application/merge-patch+json");
  expect(res.status).toBe(200);

  await expect(iface).toContainText("192.168.12.77");
  await expect(iface).not.toContainText("192.168.12.21");
  await snap(page, testInfo, "live-after");
});
