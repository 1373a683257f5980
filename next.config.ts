import type { NextConfig } from "next";

const production = process.env.NODE_ENV === "production";

/**
 * Inline scripts are Next's hydration data; eval is only for dev tooling, so production forbids it.
 * Workers come from our own origin (the layout worker); exports draw to data: and blob: URLs.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

const config: NextConfig = {
  // The container runs .next/standalone/server.js (deploy/Containerfile).
  output: "standalone",
  // client-node pulls in Node-only modules; keep it out of the bundler.
  serverExternalPackages: ["@kubernetes/client-node", "pino"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
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
