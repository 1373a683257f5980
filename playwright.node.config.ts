import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { imageRef } from "./testing/testbed/node/image";

// The walk-through replayed on real nodes (two; the second publishes no NodeNetworkState) (kubelet, containerd, Multus, whereabouts in a network namespace):
// its own config so the other projects never pay for (or need root for) the node. Run alone with
// `npx playwright test -c playwright.node.config.ts`; scripts/test.sh runs it after the others.
const NODE_PORT = Number(process.env.PLUMBLINE_E2E_PORT ?? 3100) + 3;
// Set once in the runner; its workers inherit it (they evaluate this file again, with other pids).
process.env.PLUMBLINE_NODE_TESTBED_INFO ??= path.join(os.tmpdir(), `plumbline-e2e-node-${process.pid}.json`);

export default defineConfig({
  ...base,
  // its own folder: a run of this config would otherwise empty the one holding the other projects' failure traces
  outputDir: "test-results/node",
  // A rollout on a real node takes seconds; each step has its own condition-based wait.
  timeout: 240_000,
  expect: { timeout: 60_000 },
  projects: [{ name: "node", testMatch: ["node/**/*.spec.ts"], use: { baseURL: `http://127.0.0.1:${NODE_PORT}` } }],
  webServer: [
    {
      command:
        "npx tsx testing/testbed/run.ts --no-seed --with-node --no-nns plumbline-node-2 -- bash scripts/start.sh",
      url: `http://127.0.0.1:${NODE_PORT}/api/healthz`,
      env: {
        PLUMBLINE_TESTBED_INFO: process.env.PLUMBLINE_NODE_TESTBED_INFO,
        PLUMBLINE_SOURCE: "kubeconfig",
        // The bed's read-only user, for the "no rights to probe" spec (e2e/node/restricted-probes.spec.ts).
        PLUMBLINE_CONTEXTS: "restricted",
        // The bed has no registry: probe pods run the image every node already has (busybox).
        PLUMBLINE_PROBE_IMAGE: imageRef(),
        PORT: String(NODE_PORT),
        HOSTNAME: "127.0.0.1",
      },
      reuseExistingServer: false,
      timeout: 300_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 60_000 },
    },
  ],
});
