import { readFileSync } from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
import { type KubeResponse, kubeRequest } from "../testing/testbed/cluster";

/** The live test bed Playwright's web server started (testing/testbed/run.ts writes where it is). */
export function testbed(): {
  request: (method: string, path: string, body?: unknown, contentType?: string) => Promise<KubeResponse>;
  tokens: { admin: string; restricted: string };
} {
  const infoFile = process.env.PLUMBLINE_TESTBED_INFO;
  if (!infoFile) throw new Error("PLUMBLINE_TESTBED_INFO is not set: run through playwright.config.ts");
  const info = JSON.parse(readFileSync(infoFile, "utf8")) as { server: string; kubeconfigPath: string };
  const kc = new KubeConfig();
  kc.loadFromFile(info.kubeconfigPath);
  kc.setCurrentContext("admin");
  const caData = Buffer.from(kc.getCurrentCluster()?.caData ?? "", "base64").toString("utf8");
  const adminToken = kc.getCurrentUser()?.token ?? "";
  const c = { server: info.server, caData, adminToken };
  kc.setCurrentContext("restricted");
  const restricted = kc.getCurrentUser()?.token ?? "";
  return {
    request: (method, path, body, contentType) => kubeRequest(c, method, path, { body, contentType }),
    tokens: { admin: adminToken, restricted },
  };
}
