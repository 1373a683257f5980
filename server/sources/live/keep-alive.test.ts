import { Agent } from "node:https";
import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { KeepAliveConfig } from "./keep-alive";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

function kubeconfig(
  cluster: { server: string; proxyUrl?: string; skipTLSVerify?: boolean },
  user: Record<string, string>,
): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", caData: Buffer.from(PEM).toString("base64"), skipTLSVerify: false, ...cluster }],
    users: [{ name: "u", ...user }],
    contexts: [{ name: "x", cluster: "c", user: "u" }],
    currentContext: "x",
  });
  return kc;
}

describe("one kept-alive connection pool per source", () => {
  it("hands every list and watch the same kept-alive agent, with the kubeconfig's CA and fresh headers", async () => {
    const kc = new KeepAliveConfig(kubeconfig({ server: "https://127.0.0.1:6443" }, { token: "t0k" }));
    const a = await kc.applyToFetchOptions({});
    const b = await kc.applyToFetchOptions({});
    expect(a.agent).toBeInstanceOf(Agent);
    expect(b.agent).toBe(a.agent);
    const agent = a.agent instanceof Agent ? a.agent : null;
    expect(agent?.options.keepAlive).toBe(true);
    expect(String(agent?.options.ca)).toContain("BEGIN CERTIFICATE");
    // the credentials still go per request (a token file or exec plugin may change them)
    const headers = b.headers;
    const auth = headers && "get" in headers && typeof headers.get === "function" ? headers.get("authorization") : null;
    expect(auth).toBe("Bearer t0k");
    kc.close();
    expect((await kc.applyToFetchOptions({})).agent).not.toBe(a.agent);
  });

  it("leaves proxied and plain-HTTP clusters to client-node's own agents", async () => {
    for (const cluster of [
      { server: "https://10.1.2.3:6443", proxyUrl: "http://proxy:3128" },
      { server: "http://127.0.0.1:8080", skipTLSVerify: true },
    ]) {
      const kc = new KeepAliveConfig(kubeconfig(cluster, { token: "t" }));
      const a = await kc.applyToFetchOptions({});
      const b = await kc.applyToFetchOptions({});
      expect(b.agent).not.toBe(a.agent);
    }
  });

  it("makes a new pool when the client certificate changes (an exec plugin renewed it)", async () => {
    const kc = new KeepAliveConfig(
      kubeconfig({ server: "https://127.0.0.1:6443" }, { certData: "Y2VydDE=", keyData: "a2V5MQ==" }),
    );
    const a = await kc.applyToFetchOptions({});
    const user = kc.users[0];
    if (user) Object.assign(user, { certData: "Y2VydDI=" });
    const b = await kc.applyToFetchOptions({});
    expect(b.agent).not.toBe(a.agent);
    expect(b.agent instanceof Agent ? String(b.agent.options.cert) : "").toBe("cert2");
  });
});
