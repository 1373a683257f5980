import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// PLUMBLINE_E2E_PORT lets two checkouts run their browser tests side by side on one machine.
const DEMO_PORT = Number(process.env.PLUMBLINE_E2E_PORT ?? 3100);
const LIVE_PORT = DEMO_PORT + 1;
/** the same dashboard on the test bed, reading as each caller's own token (forwarded-token mode) */
const USERS_PORT = DEMO_PORT + 2;
/** Where the live test bed tells the tests how to reach it (see testing/testbed/run.ts). */
export const TESTBED_INFO = path.join(os.tmpdir(), `plumbline-e2e-testbed-${process.pid}.json`);
process.env.PLUMBLINE_TESTBED_INFO ??= TESTBED_INFO;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  // One retry, on a fresh browser: Chromium's renderer has been seen to stop painting for good mid-test (every click
  // then waits on the stability check; e2e/frames.ts says so in the output). A test that fails twice fails the run,
  // and one that passes on its retry is listed as flaky, with its first failure.
  retries: 1,
  reporter: [["list"]],
  timeout: 90_000,
  // Waits, not speed checks: the layout runs in a worker and a busy 2-core machine can take seconds.
  expect: { timeout: 20_000 },
  use: {
    // A click or a fill is quick; one that waits this long is stuck (a stalled renderer), and the retry takes over.
    actionTimeout: 30_000,
    // Debian's Chromium: `playwright install` cannot download here.
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    viewport: { width: 1440, height: 900 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    // e2e/shared runs against both: the live test bed is seeded from the demo's files. Files run in path order,
    // so the shared checks see the seeded objects before e2e/live changes them.
    {
      name: "demo",
      testMatch: ["shared/**/*.spec.ts", "demo/**/*.spec.ts"],
      use: { baseURL: `http://127.0.0.1:${DEMO_PORT}` },
    },
    {
      name: "live",
      testMatch: ["live/**/*.spec.ts", "shared/**/*.spec.ts"],
      use: { baseURL: `http://127.0.0.1:${LIVE_PORT}` },
    },
    { name: "users", testMatch: ["users/**/*.spec.ts"], use: { baseURL: `http://127.0.0.1:${USERS_PORT}` } },
  ],
  // Both run the production build (`next build` first; scripts/test.sh does it).
  webServer: [
    {
      command: `bash scripts/start.sh`,
      url: `http://127.0.0.1:${DEMO_PORT}/api/healthz`,
      env: { PLUMBLINE_SOURCE: "demo", PORT: String(DEMO_PORT), HOSTNAME: "127.0.0.1" },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // A real kube-apiserver + etcd seeded with the demo objects, and the dashboard reading it live.
      command: `npx tsx testing/testbed/run.ts --grant restricted=multus-test -- bash scripts/e2e-live-servers.sh`,
      url: `http://127.0.0.1:${USERS_PORT}/api/healthz`,
      env: {
        PLUMBLINE_TESTBED_INFO: process.env.PLUMBLINE_TESTBED_INFO,
        LIVE_PORT: String(LIVE_PORT),
        USERS_PORT: String(USERS_PORT),
      },
      reuseExistingServer: false,
      timeout: 240_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
