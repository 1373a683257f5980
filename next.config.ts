import type { NextConfig } from "next";
import { LIMITS } from "./lib/http/limits";

// The Content-Security-Policy (with a nonce per page) and the API's Cache-Control are set by proxy.ts.
const config: NextConfig = {
  // The container runs .next/standalone/server.js (deploy/Containerfile).
  output: "standalone",
  // client-node pulls in Node-only modules; keep it out of the bundler.
  serverExternalPackages: ["@kubernetes/client-node", "pino"],
  poweredByHeader: false,
  // proxy.ts runs for every request, so Next buffers bodies for it: one byte more than the API accepts, so the
  // route still sees that a body was too large (Next would otherwise cut it to the limit silently).
  experimental: { proxyClientMaxBodySize: LIMITS.bodyBytes + 1 },
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
