import { expect, type Page, test } from "@playwright/test";
import { snap } from "../screenshot";

const saves = (page: Page) => {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/trpc/networks.save")) seen.push(r.url());
  });
  return seen;
};

test("an invalid range is refused at its field before any request is sent", async ({ page }, testInfo) => {
  const requests = saves(page);
  await page.goto("/networks/new");
  await page.getByLabel("Name", { exact: true }).fill("bad-range");
  await page.getByRole("radio", { name: "bridge", exact: true }).check();
  await page.getByLabel("Bridge name", { exact: true }).fill("br-bad");
  await page.getByLabel("IPAM", { exact: true }).selectOption("whereabouts");
  const range = page.getByLabel("Range", { exact: true });
  await range.fill("192.168.60.0/33");
  await range.blur();
  await expect(range).toHaveAttribute("aria-invalid", "true");
  await expect(range).toHaveAccessibleDescription(/not a CIDR/);
  await range.fill("192.168.60.0/24");
  await page.getByLabel("Range start", { exact: true }).fill("192.168.61.10");
  await expect(page.getByLabel("Range start", { exact: true })).toHaveAccessibleDescription(
    /outside 192\.168\.60\.0\/24/,
  );
  await page.getByRole("button", { name: "Create network" }).click();
  await page.getByRole("button", { name: "Check (dry run)" }).click();
  await expect(page.getByText("Fix the errors to see the preview.")).toBeVisible();
  await snap(page, testInfo, "form-invalid-range");
  expect(requests).toEqual([]);
});

test("an admin creates a bridge-main-like network and a macvlan network and sees them in the topology", async ({
  page,
}, testInfo) => {
  // bridge + whereabouts, as the walk-through's bridge-main, through the operator (this demo is OpenShift)
  await page.goto("/networks/new");
  await expect(page.getByTestId("write-banner")).toContainText("memory");
  await page.getByLabel("Name", { exact: true }).fill("bridge-two");
  await page.getByLabel("Namespace", { exact: true }).fill("multus-test");
  await expect(page.getByRole("radio", { name: "Cluster Network Operator entry" })).toBeChecked();
  await page.getByRole("radio", { name: "bridge", exact: true }).check();
  await page.getByLabel("Bridge name", { exact: true }).fill("mybr1");
  await page.getByLabel("IPAM", { exact: true }).selectOption("whereabouts");
  await page.getByLabel("Range", { exact: true }).fill("192.168.12.0/24");
  // The same range as bridge-main: a warning naming it, not an error.
  await expect(page.getByTestId("overlap-warning")).toContainText("multus-test/bridge-main");
  await page.getByLabel("Range", { exact: true }).fill("192.168.60.0/24");
  await page.getByLabel("Range start", { exact: true }).fill("192.168.60.10");
  await page.getByLabel("Range end", { exact: true }).fill("192.168.60.200");
  await page.getByRole("button", { name: "+ Add exclusion" }).click();
  await page.getByLabel("Excluded CIDR", { exact: true }).fill("192.168.60.1/32");
  await expect(page.getByTestId("preview")).toContainText('"bridge":"mybr1"');
  await expect(page.getByTestId("preview")).toContainText("additionalNetworks");
  await page.getByRole("button", { name: "Check (dry run)" }).click();
  await expect(page.getByText("The API server accepts this.")).toBeVisible();
  await snap(page, testInfo, "form-bridge-preview");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page).toHaveURL(/sel=network%2Fmultus-test%2Fbridge-two|sel=network\/multus-test\/bridge-two/);
  const details = page.getByTestId("details-panel");
  await expect(details).toContainText("mybr1");
  await expect(details).toContainText("192.168.60.10 – 192.168.60.200");
  await expect(details).toContainText("managed by the Cluster Network Operator");

  // macvlan on the shared parent NIC, picked from what NodeNetworkState reports, as a plain NAD
  await page.goto("/networks/new");
  await page.getByLabel("Name", { exact: true }).fill("macvlan-two");
  await page.getByLabel("Namespace", { exact: true }).fill("multus-test");
  await page.getByRole("radio", { name: "NetworkAttachmentDefinition" }).check();
  await page.getByRole("radio", { name: "macvlan", exact: true }).check();
  await page.getByRole("button", { name: /^ens9 — on 2 of 2 nodes/ }).click();
  await expect(page.getByLabel("Master interface", { exact: true })).toHaveValue("ens9");
  await page.getByLabel("IPAM", { exact: true }).selectOption("dhcp");
  await expect(page.getByTestId("dhcp-note")).toBeVisible();
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page).toHaveURL(/macvlan-two/);
  await expect(page.getByTestId("details-panel")).toContainText("macvlan");

  // Both are in the network view's list, and in the legend of the cluster view.
  await page.goto("/?view=network&target=multus-test/macvlan-two");
  await expect(page.getByLabel("Network to show")).toHaveValue("multus-test/macvlan-two");
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Legend" })).toContainText("multus-test/bridge-two");
  await expect(page.getByRole("region", { name: "Legend" })).toContainText("multus-test/macvlan-two");
  await snap(page, testInfo, "topology-after-create");
});

test("attach a network to the walk-through's Deployment keeps what it had", async ({ page }, testInfo) => {
  await page.goto("/networks/attach?ns=multus-test&workload=Deployment/pod-b");
  await expect(page.getByTestId("current-annotation")).toContainText("host-device-main");
  await page.getByLabel("Network", { exact: true }).selectOption("bridge-main");
  await expect(page.getByTestId("merged-annotation")).toContainText("host-device-main,bridge-main");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(
    page.getByText(
      "Patched Deployment multus-test/pod-b: its pods take the new networks as the rollout replaces them.",
    ),
  ).toBeVisible();
  await snap(page, testInfo, "attach-done");
});

test("the attach form's preview names what it still needs and jumps to it, rather than an error shown nowhere", async ({
  page,
}, testInfo) => {
  // Session 16 at 1024×768: a fresh attach form's preview said "Fix the errors to see the preview." with no error on
  // screen (it is the network still to choose); the other forms' previews name the field.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto("/networks/attach?ns=multus-test&workload=Deployment/pod-a");
  await expect(page.getByTestId("current-annotation")).toContainText("host-device-main");
  const item = page
    .getByTestId("preview")
    .getByTestId("error-summary")
    .getByRole("button", { name: /^Network: pick a network to add, or one to remove/ });
  await expect(item).toBeVisible();
  await snap(page, testInfo, "attach-summary");
  await item.click();
  const network = page.getByLabel("Network", { exact: true });
  await expect(network).toBeFocused();
  await network.selectOption("bridge-main");
  await expect(page.getByTestId("merged-annotation")).toContainText("host-device-main,bridge-main");
  await expect(page.getByTestId("error-summary")).toHaveCount(0);
});

test("the error summary names each field and jumps to it; leaving with typed changes asks first", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/networks/new");
  await page.getByLabel("Name", { exact: true }).fill("summary-check");
  await page.getByRole("radio", { name: "bridge", exact: true }).check();
  await page.getByLabel("Bridge name", { exact: true }).fill("br-sum");
  await page.getByLabel("IPAM", { exact: true }).selectOption("whereabouts");
  await page.getByLabel("Range", { exact: true }).fill("192.168.70.0/33");
  await page.getByLabel("Name", { exact: true }).focus();
  await page.evaluate(() => window.scrollTo(0, 0));
  const summary = page.getByTestId("error-summary");
  const item = summary.getByRole("button", { name: /^Range: .*CIDR/ });
  await expect(item).toBeVisible();
  await snap(page, testInfo, "form-error-summary");
  await item.click();
  const range = page.getByLabel("Range", { exact: true });
  await expect(range).toBeFocused();
  await expect(range).toBeInViewport();

  // Cancel with typed changes: asked; staying keeps the form as typed.
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/networks\/new/);
  expect(asked).toEqual(["Leave this form? The changes you typed are not saved."]);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("summary-check");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).not.toHaveURL(/\/networks\/new/);
});
// Issue 10: raw JSON went through with IPAM whereabouts refuses and a "name" Multus ignores.
test("raw JSON with impossible IPAM, or another network's name, is refused at the config field", async ({
  page,
}, testInfo) => {
  const requests = saves(page);
  await page.goto("/networks/new");
  await page.getByLabel("Name", { exact: true }).fill("raw-bad");
  await page.getByRole("radio", { name: /Raw JSON/ }).check();
  const config = page.getByLabel("CNI config (JSON)", { exact: true });
  const write = async (name: string, range: string) => {
    await config.fill(
      JSON.stringify({
        cniVersion: "0.3.1",
        name,
        type: "bridge",
        bridge: "br-raw",
        ipam: { type: "whereabouts", range },
      }),
    );
    await config.blur();
  };
  await write("raw-bad", "999.1.1.0/24");
  await expect(config).toHaveAttribute("aria-invalid", "true");
  await expect(config).toHaveAccessibleDescription(/999\.1\.1\.0\/24 is not a CIDR/);
  await write("raw-other", "192.168.62.0/24");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(config).toHaveAccessibleDescription(/"raw-other" but the NAD is raw-bad/);
  await snap(page, testInfo, "form-raw-invalid");
  expect(requests).toEqual([]);
});
