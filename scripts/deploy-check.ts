/**
 * Validates a kustomization against your cluster before you apply it: every object it renders is sent to the API
 * server as a server-side dry run with strict field validation (nothing is created), and every Deployment's pod
 * template is dry-run as a Pod, so the namespace's Pod Security level judges it as it will judge the real pods.
 *   npm run deploy:check -- deploy/kubernetes [--kubeconfig F] [--context C] [--kubectl PATH]
 * Exits 0 when the API server accepts everything, 1 when it refuses something (each refusal printed), 2 when it
 * cannot check (no kubectl, kustomization does not render, API server unreachable).
 * A namespace the kustomization makes but the cluster does not have yet is dry-run like the rest; the objects in it
 * cannot be, and are listed as unchecked (create the namespace, or apply it alone first, then check again).
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { z } from "zod";

const objectSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
  spec: z.looseObject({ template: z.looseObject({ spec: z.unknown() }).optional() }).optional(),
});
type KubeObject = z.infer<typeof objectSchema>;

type Kubectl = (args: string[], input?: string) => { ok: boolean; stdout: string; stderr: string };

interface Verdict {
  what: string;
  ok: boolean;
  detail: string;
}

function main(): number {
  const { values, positionals } = parseArgs({
    options: {
      kubeconfig: { type: "string" },
      context: { type: "string" },
      kubectl: { type: "string", default: process.env.KUBECTL ?? "kubectl" },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [dir] = positionals;
  if (values.help || !dir || positionals.length > 1) {
    process.stdout.write(
      "usage: npm run deploy:check -- <kustomization dir> [--kubeconfig F] [--context C] [--kubectl PATH]\n",
    );
    return values.help ? 0 : 2;
  }
  const global = [
    ...(values.kubeconfig ? ["--kubeconfig", values.kubeconfig] : []),
    ...(values.context ? ["--context", values.context] : []),
  ];
  const kubectl: Kubectl = (args, input) => {
    const r = spawnSync(values.kubectl, [...global, ...args], { encoding: "utf8", input, maxBuffer: 64 << 20 });
    if (r.error) throw new Error(`cannot run ${values.kubectl}: ${r.error.message}`);
    return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.trim() };
  };
  const must = (args: string[]): string => {
    const r = kubectl(args);
    if (!r.ok) throw new Error(`kubectl ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  const objects = parseAllDocuments(must(["kustomize", dir]))
    .map((d) => d.toJS())
    .filter((o) => o !== null)
    .map((o) => objectSchema.parse(o));
  const existing = new Set(
    must(["get", "namespaces", "-o", "name"])
      .split("\n")
      .map((l) => l.replace(/^namespace\//, "")),
  );
  const verdicts = objects.flatMap((o) => check(o, existing, kubectl));
  for (const v of verdicts)
    process.stdout.write(`${v.ok ? "ok  " : "FAIL"}  ${v.what}${v.detail ? `: ${v.detail}` : ""}\n`);
  const failed = verdicts.filter((v) => !v.ok).length;
  process.stdout.write(`${verdicts.length - failed} of ${verdicts.length} accepted by the API server (dry run)\n`);
  return failed > 0 ? 1 : 0;
}

/** The object's dry run, and for a Deployment its pod template's as a Pod. */
function check(o: KubeObject, existing: Set<string>, kubectl: Kubectl): Verdict[] {
  const what = `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`;
  if (o.metadata.namespace && !existing.has(o.metadata.namespace))
    return [{ what, ok: false, detail: `unchecked: namespace ${o.metadata.namespace} does not exist yet` }];
  const dryRun = (obj: unknown): Verdict => {
    const args = ["apply", "--server-side", "--dry-run=server", "--validate=strict", "--field-manager=deploy-check"];
    // On success stderr holds the API server's warnings (e.g. Pod Security "warn"), which are worth reading too.
    const r = kubectl([...args, "-f", "-"], JSON.stringify(obj));
    return { what, ok: r.ok, detail: r.stderr.split("\n").join(" ") };
  };
  const verdicts = [dryRun(o)];
  if (o.kind === "Deployment" && o.spec?.template) {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `${o.metadata.name}-deploy-check`, namespace: o.metadata.namespace },
      spec: o.spec.template.spec,
    };
    verdicts.push({ ...dryRun(pod), what: `${what}: its pod template as a Pod (Pod Security admission)` });
  }
  return verdicts;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`deploy:check: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
