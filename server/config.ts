import { z } from "zod";

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

const envSchema = z
  .object({
    PLUMBLINE_SOURCE: z.enum(["demo", "snapshot", "kubeconfig"]).default("demo"),
    PLUMBLINE_SNAPSHOT: z.string().optional(),
    KUBECONFIG: z.string().optional(),
    PLUMBLINE_CONTEXT: z.string().optional(),
    /** where to fall back to when a kind may not be listed cluster-wide, comma-separated */
    PLUMBLINE_NAMESPACES: z.string().optional(),
    /**
     * Whose credentials read and write: the kubeconfig's user (local), the caller's own forwarded token
     * (in-cluster behind oauth-proxy), or the pod's service account (read-only kiosks, loudly labelled).
     */
    PLUMBLINE_IDENTITY: z.enum(["kubeconfig", "forwarded-token", "service-account"]).default("kubeconfig"),
    /**
     * The one header the deployment's proxy sets (and overwrites on every request) with the caller's token:
     * oauth-proxy's X-Forwarded-Access-Token, or Authorization from nginx + oauth2-proxy. Never guessed.
     */
    PLUMBLINE_TOKEN_HEADER: z.enum(["x-forwarded-access-token", "authorization"]).default("x-forwarded-access-token"),
    /**
     * Host names (with or without :port) requests may be addressed to. Default: the localhost names in kubeconfig
     * mode (a DNS-rebound page cannot reach the laptop's credentials); any in-cluster, where the Route decides.
     */
    PLUMBLINE_ALLOWED_HOSTS: list,
    /** kubeconfig contexts the UI may switch to, besides the current one (`serve --context A --context B`) */
    PLUMBLINE_CONTEXTS: list,
    /** every context of the kubeconfig is offered, and read side by side in the fleet view (`serve --all-contexts`) */
    PLUMBLINE_ALL_CONTEXTS: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => v === "true" || v === "1"),
    /**
     * Forwarded tokens whose access reviews answer alike share one watch set, read with one member's token (default);
     * false: one watch set per token, as before (server/sources/shared/).
     */
    PLUMBLINE_SHARE_SOURCES: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => v !== "false" && v !== "0"),
    /**
     * A server with an identity of its own starts reading the cluster when it starts (default), not at the first
     * view: false waits for someone to ask (no API traffic from an idle server; the cold-start bench's reference).
     */
    PLUMBLINE_READ_AT_START: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => v !== "false" && v !== "0"),
    /**
     * Reading at start, the first LISTs go out before the Kubernetes client has loaded (sources/live/early-lists.ts;
     * a bearer token or the service account only): false sends them once it has (the cold-start bench's reference).
     */
    PLUMBLINE_EARLY_LISTS: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => v !== "false" && v !== "0"),
    /**
     * true: a live source's first round is built into its nodes' shards as the pods stream in
     * (sources/live/first-stream.ts). Off by default: measured no faster, in process and over HTTP, with the Lists
     * parsed on the server's thread or the preload's (docs/performance.md "Cold start", sessions 13 and 16).
     */
    PLUMBLINE_STREAM_BUILD: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => v === "true" || v === "1"),
    /** the longest a live stream stays open before the browser reconnects through the proxy */
    PLUMBLINE_STREAM_MAX_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
    /** pino's level for the server's JSON logs */
    PLUMBLINE_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * The kiosk's (service-account identity) viewer: the header its auth proxy sets and overwrites with the signed-in
     * user (oauth-proxy and oauth2-proxy: X-Forwarded-User). Each viewer has its own caps on live views and calls.
     */
    PLUMBLINE_VIEWER_HEADER: z
      .string()
      .regex(/^[a-z0-9-]+$/i, "a header name")
      .transform((h) => h.toLowerCase())
      .default("x-forwarded-user"),
    /**
     * A proxy in front sets X-Forwarded-Host and X-Forwarded-Proto and overwrites what clients send: only then are
     * they believed (the cross-site check's host; TLS for HSTS and the Secure cookie).
     */
    PLUMBLINE_TRUSTED_PROXY: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => v === "true" || v === "1"),
    /**
     * The image of probe pods (reachability, node links). Default: the OpenShift `tools` image stream (what `oc
     * debug node` runs) on OpenShift, else busybox. It needs a POSIX shell and ping (busybox's or iputils').
     */
    PLUMBLINE_PROBE_IMAGE: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9._:/@-]{0,511}$/, "an image reference, e.g. registry.example/tools:1")
      .optional(),
    /** The longest a probe pod lives (activeDeadlineSeconds); a run left by a killed server is swept after it. */
    PLUMBLINE_PROBE_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(180),
    /** Where "Inspect node links" runs its probe pods (host network: the namespace must admit that). */
    PLUMBLINE_NODE_PROBE_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "a namespace name")
      .default("default"),
    /** Set by start.sh when a kubeconfig server listens beyond loopback: the printed URL's key, then a cookie. */
    PLUMBLINE_LAUNCH_SECRET: z.string().min(32, "at least 32 characters").optional(),
  })
  .refine((e) => e.PLUMBLINE_IDENTITY === "kubeconfig" || e.PLUMBLINE_SOURCE === "kubeconfig", {
    message: "forwarded-token and service-account identities read a live cluster: set PLUMBLINE_SOURCE=kubeconfig",
    path: ["PLUMBLINE_IDENTITY"],
  })
  .refine((e) => e.PLUMBLINE_SOURCE !== "snapshot" || !!e.PLUMBLINE_SNAPSHOT, {
    message: "PLUMBLINE_SOURCE=snapshot needs PLUMBLINE_SNAPSHOT=<file or directory>",
    path: ["PLUMBLINE_SNAPSHOT"],
  });

export type ServerConfig = z.infer<typeof envSchema>;
/** What tests and tools hand the registry: defaults may be left out. */
export type ServerConfigInput = Partial<z.output<typeof envSchema>>;

export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Plumbline configuration is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
