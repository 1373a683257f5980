import { z } from "zod";

const envSchema = z.object({
  PLUMBLINE_SOURCE: z.enum(["demo", "snapshot", "kubeconfig"]).default("demo"),
  PLUMBLINE_SNAPSHOT: z.string().optional(),
  KUBECONFIG: z.string().optional(),
  PLUMBLINE_CONTEXT: z.string().optional(),
  /** where to fall back to when a kind may not be listed cluster-wide, comma-separated */
  PLUMBLINE_NAMESPACES: z.string().optional(),
}).refine((e) => e.PLUMBLINE_SOURCE !== "snapshot" || !!e.PLUMBLINE_SNAPSHOT, {
  message: "PLUMBLINE_SOURCE=snapshot needs PLUMBLINE_SNAPSHOT=<file or directory>",
  path: ["PLUMBLINE_SNAPSHOT"],
});

export type ServerConfig = z.infer<typeof envSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Plumbline configuration is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
