import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The fleet view on three real API servers (testing/testbed/fleet.ts: contexts east, west, lab in one kubeconfig),
// the dashboard started with --all-contexts. Its own config: its specs kill an API server of the bed. Run alone with
// `npx playwright test -c playwright.fleet.config.ts`; scripts/test.sh runs it after the others.
const FLEET_PORT = Number(process.env.PLUMBLINE_E2E_PORT ?? 3100) + 4;
// Set once in the runner; its workers inherit it (they evaluate this file again, with other pids).
process.env.PLUMBLINE_FLEET_TESTBED_INFO ??= path.join(os.tmpdir(), `plumbline-e2e-fleet-${process.pid}.json`);

export default defineConfig({
  ...base,
  // its own folder: a run of this config would otherwise empty the one holding the other projects' failure traces
  outputDir: "test-results/fleet",
  projects: [{ name: "fleet", testMatch: ["fleet/**/*.spec.ts"], use: { baseURL: `http://127.0.0.1:${FLEET_PORT}` } }],
  webServer: [
    {
      command: "npx tsx testing/testbed/fleet-run.ts -- bash scripts/start.sh",
      url: `http://127.0.0.1:${FLEET_PORT}/api/healthz`,
      env: {
        PLUMBLINE_TESTBED_INFO: process.env.PLUMBLINE_FLEET_TESTBED_INFO,
        PLUMBLINE_SOURCE: "kubeconfig",
        PLUMBLINE_ALL_CONTEXTS: "true",
        PORT: String(FLEET_PORT),
        HOSTNAME: "127.0.0.1",
      },
      reuseExistingServer: false,
      timeout: 300_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    },
  ],
});
