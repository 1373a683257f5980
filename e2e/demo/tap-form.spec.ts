import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";

// The tap plugin, added as one descriptor (lib/plugins/tap.ts): picked, filled, refused at a field, created, drawn.
test("an admin creates a tap network from the form; a bad MAC is refused at its field; the network is drawn", async ({
  page,
}, testInfo) => {
  await page.goto("/networks/new");
  await page.getByLabel("Name", { exact: true }).fill("tap-one");
  await page.getByLabel("Namespace", { exact: true }).fill("multus-test");
  await page.getByRole("radio", { name: "NetworkAttachmentDefinition" }).check();
  await page.getByRole("radio", { name: "tap", exact: true }).check();
  await expect(page.getByText("A TAP device in each pod")).toBeVisible();
  const mac = page.getByLabel("MAC address", { exact: true });
  await mac.fill("00:11:22:33:44");
  await mac.blur();
  await expect(mac).toHaveAttribute("aria-invalid", "true");
  await expect(mac).toHaveAccessibleDescription(/a MAC address like/);
  await mac.fill("00:11:22:33:44:55");
  await page.getByLabel("SELinux context", { exact: true }).fill("system_u:system_r:container_t:s0");
  await page.getByLabel("multiQueue").check();
  await expect(page.getByTestId("preview")).toContainText('"type": "tap"');
  await expect(page.getByTestId("preview")).toContainText('"multiQueue": true');
  await snap(page, testInfo, "form-tap");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page).toHaveURL(/tap-one/);
  const details = page.getByTestId("details-panel");
  await expect(details).toContainText("tap");
  await expect(details).toContainText("reach across hosts cannot be told");
  await expect(page.getByText("Laying out the graph…")).toBeHidden();
  await snap(page, testInfo, "topology-tap-network");
});
