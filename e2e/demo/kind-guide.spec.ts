import { expect, type Page, test } from "@playwright/test";
import { snap } from "../screenshot";

// Session 14 saw it on OpenShift (the demo is one): the new-network page's guide lit both "NetworkAttachmentDefinition"
// and "Cluster Network Operator entry", as if both would be written; the form's "Write it as" choice decides. The
// guide now lights the one the form will write, and follows (and sets) that choice.

const lit = (page: Page) => page.getByRole("navigation", { name: "Kind of network" }).locator('[aria-current="page"]');

test("the kind guide lights only what the form will write, and follows the 'Write it as' choice both ways", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/networks/new");
  const operator = page.getByRole("radio", { name: "Cluster Network Operator entry" });
  const nad = page.getByRole("radio", { name: "NetworkAttachmentDefinition" });
  await expect(operator).toBeChecked();
  await expect(lit(page)).toHaveCount(1);
  await expect(page.getByTestId("kind-cno").locator('[aria-current="page"]')).toContainText(
    "The form below writes this one",
  );
  await snap(page, testInfo, "kind-guide-operator");

  await nad.check();
  await expect(lit(page)).toHaveCount(1);
  await expect(page.getByTestId("kind-nad").locator('[aria-current="page"]')).toContainText(
    "The form below writes this one",
  );

  // the other card switches the choice back, keeping what was typed
  await page.getByLabel("Name", { exact: true }).fill("kept-name");
  await page.getByLabel("Bridge name", { exact: true }).fill("br-kept"); // the preview shows a valid form only
  await page.getByTestId("kind-cno").getByRole("button").click();
  await expect(operator).toBeChecked();
  await expect(lit(page)).toHaveCount(1);
  await expect(page.getByTestId("kind-cno").locator('[aria-current="page"]')).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("kept-name");
  await expect(page.getByTestId("preview")).toContainText("additionalNetworks");
  await snap(page, testInfo, "kind-guide-switched");
});
