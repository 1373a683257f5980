import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // Outside Next's react-server build, `server-only` would throw on import.
  "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "server/**/*.test.ts",
            "components/**/*.test.ts",
            "scripts/**/*.test.ts",
            "testing/**/*.test.ts",
            "deploy/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          // A wait, not a speed check: fast-check suites share two cores with the build on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // The browser's hooks in a DOM (happy-dom), fed by the real router over tRPC's local link.
          name: "dom",
          include: ["components/**/*.test.tsx"],
          environment: "happy-dom",
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Against a real kube-apiserver + etcd (testing/testbed): one cluster per file, files one at a time.
          name: "integration",
          include: ["**/*.int.test.ts"],
          // .next/standalone is the build's copy of what the server reads; tests there would run twice.
          exclude: ["node_modules/**", ".next/**"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
