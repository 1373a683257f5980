import { expect, type Locator, test } from "@playwright/test";
import { demoObjects } from "../../testing/fixtures/demo";
import { snap } from "../screenshot";
import { type SnapshotServer, startObjectsServer } from "../snapshot-server";

// The demo's objects served as a snapshot file (read-only, as `npm run serve -- --snapshot` serves one), plus one
// dual-stack pod. Its network-status has the shape Multus writes for an IPv4 + IPv6 secondary interface (one
// entry, both addresses in `ips`), as in antrea-io/antrea#7762's `kubectl get pod -oyaml`; the addresses are
// moved into macvlan-main's range.
const DUAL_STACK_POD = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "pod-dual",
    namespace: "multus-test",
    annotations: {
      "k8s.v1.cni.cncf.io/networks": "macvlan-main",
      "k8s.v1.cni.cncf.io/network-status": JSON.stringify([
        {
          name: "ovn-kubernetes",
          interface: "eth0",
          ips: ["10.128.2.40", "fd00:10:128::28"],
          mac: "0a:58:0a:80:02:28",
          default: true,
          dns: {},
        },
        {
          name: "multus-test/macvlan-main",
          interface: "net1",
          ips: ["192.168.30.40", "fd00:30::28"],
          mac: "aa:bb:cc:dd:ee:01",
          dns: {},
        },
      ]),
    },
  },
  spec: { nodeName: "worker2.ocp46rt.priv.local", containers: [{ name: "app", image: "busybox" }] },
  status: { phase: "Running", podIPs: [{ ip: "10.128.2.40" }, { ip: "fd00:10:128::28" }] },
};

test.use({ viewport: { width: 1280, height: 720 } });

let server: SnapshotServer;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startObjectsServer([...demoObjects(), DUAL_STACK_POD], 6);
});
test.afterAll(async () => server?.stop());

const tipOf = (control: Locator) => control.locator("xpath=following-sibling::*[@role='tooltip']");

/** A control that is off must say why to a mouse and to a keyboard alike. */
async function saysWhy(control: Locator, reason: RegExp) {
  await expect(control).toHaveAttribute("aria-disabled", "true");
  await expect(control).toHaveAccessibleDescription(reason);
  const tip = tipOf(control);
  await control.hover();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(reason);
}

test("read-only: disabled controls give their reason on hover and on keyboard focus", async ({ page }, testInfo) => {
  await page.goto(server.url);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  const create = page.getByRole("button", { name: "New network" });
  await saysWhy(create, /is read-only: open a live cluster or the demo to create networks/);

  // Keyboard: Tab from the search box reaches the control, and its reason shows while it has focus.
  await page.mouse.move(0, 400);
  await page.getByLabel("Search pod, IP or MAC").focus();
  await page.keyboard.press("Tab");
  await expect(create).toBeFocused();
  await expect(tipOf(create)).toBeVisible();
  await snap(page, testInfo, "read-only-new-network-focus");

  // The selected network's actions say the same, each one reachable by Tab.
  await page.goto(`${server.url}/?view=network&target=multus-test/macvlan-main&sel=network/multus-test/macvlan-main`);
  const actions = page.getByRole("group", { name: "Network actions" });
  const edit = actions.getByRole("button", { name: "Edit" });
  await saysWhy(edit, /read-only: open a live cluster or the demo to change networks/);
  await page.mouse.move(0, 400);
  await edit.focus();
  await page.keyboard.press("Tab");
  const clone = actions.getByRole("button", { name: "Clone" });
  await expect(clone).toBeFocused();
  await expect(tipOf(clone)).toBeVisible();
  await expect(tipOf(edit)).toBeHidden();
  await snap(page, testInfo, "read-only-network-actions-focus");
  for (const name of ["Delete", "Attach to a workload…"]) {
    await saysWhy(actions.getByRole("button", { name }), /read-only/);
  }

  // The form's own buttons, at the foot of the preview.
  await page.goto(`${server.url}/networks/new`);
  const save = page.getByRole("button", { name: "Create network" });
  await saysWhy(save, /is read-only: nothing can be written/);
  await page.mouse.move(0, 0);
  await page.getByRole("button", { name: "Check (dry run)" }).focus();
  await page.keyboard.press("Tab");
  await expect(save).toBeFocused();
  await expect(tipOf(save)).toBeVisible();
  await snap(page, testInfo, "read-only-form-focus");
});

test("a dual-stack interface's edge label names its IPv4 and its IPv6 address", async ({ page }, testInfo) => {
  await page.goto(`${server.url}/?view=pod&target=multus-test/pod-dual`);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done", { timeout: 60_000 });
  const label = page.locator(".react-flow__edge-text").filter({ hasText: "net1" });
  await expect(label).toHaveCount(1);
  await expect(label).toHaveText("net1 192.168.30.40 fd00:30::28");
  await expect(label).toBeVisible();
  // The label lies between the boxes it joins, covering neither (a long label once sat on the host NIC's name).
  const box = await label.boundingBox();
  const ends = [];
  for (const id of ["pod/multus-test/pod-dual/if/net1", "host/worker2.ocp46rt.priv.local/macvlan-parent/ens9"]) {
    const end = await page.getByTestId(`rf__node-${id}`).boundingBox();
    if (!end) throw new Error(`${id} is not on screen`);
    ends.push(end);
  }
  if (!box) throw new Error("the label is not on screen");
  for (const end of ends) {
    const apart = box.x + box.width <= end.x + 0.5 || end.x + end.width <= box.x + 0.5;
    expect(apart, `label ${JSON.stringify(box)} over ${JSON.stringify(end)}`).toBe(true);
  }
  await snap(page, testInfo, "dual-stack-edge-label");
});
