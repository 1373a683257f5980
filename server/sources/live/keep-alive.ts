import { Agent } from "node:https";
import { KubeConfig } from "@kubernetes/client-node";
import type { RequestInit } from "node-fetch";

/**
 * The same credentials, with every list and watch going through one kept-alive connection pool: client-node makes a
 * new agent for each request, so each of a source's ~14 lists and their watches paid a TLS handshake (client and API
 * server, on the cores the lists are waiting for), and each relist another. A watch now takes the connection its list
 * just finished on. Headers (tokens, exec plugins) are still made per request; a client certificate that changes
 * (an exec plugin's) gets a new pool. Through a proxy, or over plain HTTP, requests are made as before.
 */
export class KeepAliveConfig extends KubeConfig {
  private agent: Agent | null = null;
  private closed = false;

  constructor(kc: KubeConfig) {
    super();
    this.loadFromOptions({
      clusters: kc.clusters,
      contexts: kc.contexts,
      users: kc.users,
      currentContext: kc.currentContext,
    });
  }

  override async applyToFetchOptions(opts: Parameters<KubeConfig["applyToFetchOptions"]>[0]): Promise<RequestInit> {
    const init = await super.applyToFetchOptions(opts);
    const cluster = this.getCurrentCluster();
    const made = init.agent;
    if (this.closed || !(made instanceof Agent) || cluster?.proxyUrl || !cluster?.server.startsWith("https:"))
      return init;
    const { options } = made;
    if (!this.agent || this.agent.options.cert !== options.cert || this.agent.options.key !== options.key) {
      // (a replaced pool's connections in use finish; its idle ones are closed by the API server)
      this.agent = new Agent({ ...options, keepAlive: true });
    }
    return { ...init, agent: this.agent };
  }

  /** Closes the pool's connections; later requests (none are expected) get one of their own. */
  close(): void {
    this.closed = true;
    this.agent?.destroy();
    this.agent = null;
  }
}
