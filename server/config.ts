import { z } from "zod";

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
export type ServerConfigInput = z.input<typeof envSchema>;

export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Plumbline configuration is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
