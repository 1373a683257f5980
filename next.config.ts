import type { NextConfig } from "next";
import { LIMITS } from "./lib/http/limits";

// The Content-Security-Policy (with a nonce per page) and the API's Cache-Control are set by proxy.ts.
const config: NextConfig = {
  // The container runs .next/standalone/server.js (deploy/Containerfile).
  output: "standalone",
  // client-node pulls in Node-only modules; keep it out of the bundler.
  serverExternalPackages: ["@kubernetes/client-node", "pino"],
  // The server's ELK runs in a worker_thread that loads elkjs by name (server/elk-thread.ts), and the preload that
  // sends the first LISTs runs before server.js (`node --import`, scripts/start.sh and deploy/Containerfile), with the
  // yaml it reads kubeconfigs with: no import for the tracer to follow, so they are named here (scripts/test.sh checks
  // the standalone server holds them).
  outputFileTracingIncludes: {
    "/api/**/*": [
      "./node_modules/elkjs/lib/elk.bundled.js",
      "./node_modules/elkjs/package.json",
      "./server/sources/live/early-preload.mjs",
      "./server/sources/live/early-preload-lists.mjs",
      "./server/sources/live/early-preloaded.mjs",
      "./server/sources/live/early-requests.mjs",
      "./server/sources/live/lean.mjs",
      "./lib/k8s/list-splitter.mjs",
      "./lib/k8s/controller-reference.mjs",
      "./node_modules/yaml/package.json",
      "./node_modules/yaml/dist/**/*.js",
    ],
  },
  poweredByHeader: false,
  // The React Compiler memoises components and hooks itself (babel-plugin-react-compiler); measured with
  // scripts/bench/explorer-scale.ts before and after (README, Performance).
  reactCompiler: true,
  // proxy.ts runs for every request, so Next buffers bodies for it, cutting them silently at this size (dropping
  // the chunk that crosses it). Twice what the API accepts: whatever is cut still exceeds the API's limit by far,
  // so the route answers 413 instead of parsing a truncated body.
  experimental: { proxyClientMaxBodySize: 2 * LIMITS.bodyBytes },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default config;
