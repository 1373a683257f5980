// `npm run deploy:check` against the test bed's kube-apiserver (with the OpenShift Route CRD vendored): each of the
// four kustomizations rendered by kustomize (kubectl's, the kiosk overlays' patches applied) and every object
// dry-run with strict validation, every pod template judged by the restricted Pod Security level. Then what an
// admin sees when something is wrong: a misspelt field, and a namespace that does not exist yet.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { nodeBinaries } from "@/testing/testbed/node/binaries";

const deployDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(deployDir, "..");
let c: TestCluster;
let kubectl: string;
const scratch = mkdtempSync(path.join(tmpdir(), "plumbline-deploy-check-"));

function deployCheck(dir: string): { code: number | null; out: string } {
  const r = spawnSync(
    "npx",
    ["tsx", "--tsconfig", "tsconfig.json", "scripts/deploy-check.ts", dir, "--kubeconfig", c.kubeconfigPath],
    { cwd: repoRoot, encoding: "utf8", env: { ...process.env, KUBECTL: kubectl } },
  );
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  kubectl = nodeBinaries().kubectl;
  c = await startTestCluster({ crds: ["routes.route.openshift.io.yaml"], seed: false });
});

afterAll(async () => {
  await c?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("npm run deploy:check", () => {
  it("lists every object as unchecked while the namespace does not exist, and exits 1", () => {
    const r = deployCheck("deploy/kubernetes");
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/^ok +Namespace plumbline/m);
    expect(r.out).toMatch(/^FAIL +Deployment plumbline\/plumbline: unchecked: namespace plumbline does not exist yet/m);
  });

  it.each(["kubernetes", "kubernetes-kiosk", "openshift", "openshift-kiosk"])(
    "accepts everything deploy/%s renders, the pod template under restricted Pod Security",
    async (variant) => {
      const ns = await kubeRequest(c, "POST", "/api/v1/namespaces", {
        body: {
          apiVersion: "v1",
          kind: "Namespace",
          metadata: { name: "plumbline", labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
        },
      });
      expect([201, 409]).toContain(ns.status);
      const r = deployCheck(`deploy/${variant}`);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain("Deployment plumbline/plumbline: its pod template as a Pod (Pod Security admission)");
      expect(r.out).not.toMatch(/^FAIL/m);
      const [, accepted, total] = /(\d+) of (\d+) accepted/.exec(r.out) ?? [];
      expect(Number(accepted)).toBe(Number(total));
      expect(Number(total)).toBeGreaterThanOrEqual(variant.startsWith("openshift") ? 11 : 9);
      // Nothing was created: a dry run.
      const got = await kubeRequest(c, "GET", "/apis/apps/v1/namespaces/plumbline/deployments/plumbline");
      expect(got.status).toBe(404);
    },
  );

  it("refuses a misspelt field with the API server's reason, and exits 1", () => {
    const dir = path.join(scratch, "typo");
    spawnSync("mkdir", ["-p", dir]);
    writeFileSync(
      path.join(dir, "kustomization.yaml"),
      `resources: [${path.relative(dir, path.join(deployDir, "kubernetes"))}]\npatches:\n  - patch: |\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: plumbline, namespace: plumbline}\n      spec: {template: {spec: {containers: [{name: plumbline, readinesProbe: {}}]}}}\n`,
    );
    const r = deployCheck(dir);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/^FAIL +Deployment plumbline\/plumbline: .*readinesProbe: field not declared in schema/m);
  });
});
