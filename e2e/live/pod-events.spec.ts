import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";
import { testbed } from "../testbed";

const NS = "multus-test";
const POD_E = "pod-e-5c7d9f8b6-q4w8z";
const POD_E_NET1 = `pod/${NS}/${POD_E}/if/net1`;
const EVENT = `/apis/events.k8s.io/v1/namespaces/${NS}/events/pod-e.e2e-exhausted`;

// What the kubelet writes when whereabouts/host-local has no address left (Multus 4.x thin on containerd).
const NOTE =
  'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "7d1c": plugin type="multus" name="multus-cni-network" failed (add): [multus-test/pod-e-5c7d9f8b6-q4w8z/6f1c2b9e-3d4a-4c8b-9e1f-2a7b5c9d0e14:macvlan-main]: error adding container to network "macvlan-main": failed to allocate for range 0: no IP addresses available in range set: 192.168.30.10-192.168.30.13';

test.afterEach(async () => {
  await testbed().request("DELETE", EVENT);
});

test("an Event created for a pod appears on its interface, with the cause it names", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByTestId("source-status")).toHaveAttribute("data-state", "live");
  const node = page.getByTestId(`rf__node-${POD_E_NET1}`);
  await expect(node).toBeVisible();
  await expect(node.getByTestId("interface-cause")).toHaveCount(0);

  const res = await testbed().request("POST", `/apis/events.k8s.io/v1/namespaces/${NS}/events`, {
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: { name: "pod-e.e2e-exhausted", namespace: NS },
    eventTime: new Date().toISOString().replace("Z", "000Z"),
    reportingController: "kubelet",
    reportingInstance: "kubelet-worker2",
    action: "CreatePodSandbox",
    reason: "FailedCreatePodSandBox",
    regarding: { apiVersion: "v1", kind: "Pod", namespace: NS, name: POD_E },
    note: NOTE,
    type: "Warning",
  });
  expect(res.status, res.text).toBe(201);

  // No reload: the event arrives over the subscription.
  await expect(node.getByTestId("interface-cause")).toHaveText("IP range full");
  await node.click();
  const details = page.getByTestId("details-panel");
  await expect(details.getByTestId("interface-failure")).toContainText(
    "IP range exhausted: 0 of 4 free in 192.168.30.10–13",
  );
  await expect(details.getByTestId("interface-failure")).toHaveAttribute("data-cause", "ip-range-exhausted");
  await expect(details.getByTestId("events")).toContainText("no IP addresses available in range set");
  const finding = page.locator('[data-testid="finding"][data-code="sandbox-ip-range-exhausted"]').first();
  await expect(finding).toContainText(`${POD_E} net1 on ${NS}/macvlan-main`);
  await snap(page, testInfo, "live-event-on-interface");
});
