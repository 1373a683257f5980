import { expect, test } from "@playwright/test";
import { snap } from "../screenshot";

const POD_E = "pod-e-5c7d9f8b6-q4w8z";
const POD_E_NET2 = `pod/multus-test/${POD_E}/if/net2`;

test("the Problems panel groups findings by code, worst first, with how to fix, and a click shows the element", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  const problems = page.getByTestId("problems");
  const groups = problems.getByTestId("finding-group");
  await expect(groups.first()).toHaveAttribute("data-code", /network-not-(found|attached)/);
  const notFound = problems.locator('[data-testid="finding-group"][data-code="network-not-found"]');
  await expect(notFound).toContainText("Requested network does not exist");
  await expect(notFound).toContainText("How to fix: Create the NetworkAttachmentDefinition");
  await snap(page, testInfo, "problems-panel");

  // Only the infos: the errors go away.
  await problems.getByRole("button", { name: /^Info \d+/ }).click();
  await expect(notFound).toHaveCount(0);
  await problems.getByRole("button", { name: /^All \d+/ }).click();

  // A click on the finding selects its element: pod-e's sriov-net interface.
  await notFound.locator('[data-testid="finding"]').first().getByRole("button").click();
  await expect(page.getByTestId("details-panel")).toContainText(`${POD_E} net2`);
});

test("the stuck pod's interface says why in a word, with the summary and the full event text in its details", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  const node = page.getByTestId(`rf__node-${POD_E_NET2}`);
  await expect(node.getByTestId("interface-cause")).toHaveText("NAD missing");
  await node.click();
  const details = page.getByTestId("details-panel");
  const failure = details.getByTestId("interface-failure");
  await expect(failure).toContainText("NetworkAttachmentDefinition multus-test/sriov-net not found");
  await expect(failure).toHaveAttribute("data-cause", "nad-not-found");
  await expect(failure).toContainText("42 times");
  await failure.getByText("Full event text").click();
  await expect(failure.locator("pre")).toContainText(
    "error adding pod multus-test_pod-e-5c7d9f8b6-q4w8z to CNI network",
  );
  await expect(details.getByTestId("events").locator("li")).toHaveCount(2);
  await expect(details.getByTestId("events")).toContainText("NoNetworkFound");
  await snap(page, testInfo, "stuck-interface-details");
});
