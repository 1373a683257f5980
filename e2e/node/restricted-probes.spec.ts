import { expect, test } from "@playwright/test";
import { NODE_SPECS } from "../../testing/testbed/node/config";
import { sayIfThePageStalled } from "../frames";
import { snap } from "../screenshot";
import { ensure, NS, nodeBed } from "./node-bed";

// A user who may read the cluster but not run pods (test bed RBAC: a ClusterRole of get/list/watch only) opens the
// host and the network in the browser: "Inspect node links" and "Check reachability" are off, each saying which
// rights are missing, and pressing them anyway creates nothing (asked of the API server as admin).
const bed = nodeBed();
const USER = "restricted";
const NET = "restricted-net";
const node = NODE_SPECS[1].name;

const probeObjects = async () => {
  const count = async (path: string) => {
    const body = (await bed.request("GET", `${path}?labelSelector=plumbline.io/probe-run`)).body;
    return body && typeof body === "object" && "items" in body && Array.isArray(body.items) ? body.items.length : -1;
  };
  return { pods: await count("/api/v1/pods"), jobs: await count("/apis/batch/v1/jobs") };
};

test.afterEach(async ({ page }, testInfo) => sayIfThePageStalled(page, testInfo));

test.beforeAll(async () => {
  const name = "plumbline-e2e-reader";
  const verbs = ["get", "list", "watch"];
  const role = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name },
    rules: [
      { apiGroups: [""], resources: ["nodes", "pods", "namespaces", "events"], verbs },
      { apiGroups: ["apps"], resources: ["deployments", "statefulsets", "daemonsets", "replicasets"], verbs },
      { apiGroups: ["k8s.cni.cncf.io"], resources: ["network-attachment-definitions"], verbs },
      { apiGroups: ["nmstate.io"], resources: ["nodenetworkstates"], verbs },
    ],
  };
  const binding = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: USER }],
  };
  await ensure(bed.request, "/apis/rbac.authorization.k8s.io/v1/clusterroles", role);
  await ensure(bed.request, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", binding);
  await ensure(bed.request, "/api/v1/namespaces", { metadata: { name: NS } });
  const config = {
    cniVersion: "0.3.1",
    name: NET,
    type: "bridge",
    bridge: "rbr0",
    ipam: { type: "whereabouts", range: "192.168.63.0/24" },
  };
  const nad = {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: { name: NET },
    spec: { config: JSON.stringify(config) },
  };
  await ensure(bed.request, `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`, nad);
});

test("a user without the rights sees Inspect node links and Check reachability off with the reason, and no pod is made", async ({
  page,
}, testInfo) => {
  await page.goto(`/?context=${USER}&view=host&target=${node}&sel=host/${node}`);
  const details = page.getByTestId("details-panel");
  const inspect = details.getByRole("button", { name: "Inspect node links", exact: true });
  await expect(inspect).toHaveAttribute("aria-disabled", "true");
  await expect(inspect).toHaveAccessibleDescription(
    /you may not run probe pods: needs create on jobs\.batch in default; .*needs create on pods in default/,
  );
  await inspect.click({ force: true });
  await inspect.focus();
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  await snap(page, testInfo, "restricted-inspect-off");

  await page.goto(`/?context=${USER}&view=network&target=${NS}/${NET}&sel=network/${NS}/${NET}`);
  const section = page.getByTestId("reach-section");
  const check = section.getByRole("button", { name: "Check reachability" });
  await expect(check).toHaveAttribute("aria-disabled", "true");
  await expect(check).toHaveAccessibleDescription(new RegExp(`needs create on pods in ${NS}`));
  await check.click({ force: true });
  await check.focus();
  await snap(page, testInfo, "restricted-reach-off");

  // Nothing was made anywhere: no probe pod, no owner Job (asked of the API server as admin).
  expect(await probeObjects()).toEqual({ pods: 0, jobs: 0 });
});
