// The oauth-proxy sidecar's arguments, in deploy/openshift and in the kiosk overlay's replacement list, against
// the flags oauth-proxy declares (testing/fixtures/oauth-proxy/flags.json names its source: openshift/oauth-proxy
// main.go at a fixed commit). Go's flag package exits on an unknown flag, so a misspelt one is a pod in
// CrashLoopBackOff on the cluster; this is the only check short of running the image, which the test bed cannot pull.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";

const deployDir = path.dirname(fileURLToPath(import.meta.url));
const known = JSON.parse(readFileSync(path.join(deployDir, "../testing/fixtures/oauth-proxy/flags.json"), "utf8")) as {
  flags: Record<string, "string" | "bool" | "duration" | "array">;
};

interface Container {
  name: string;
  args?: string[];
}
const proxyIn = (containers: Container[] | undefined): string[] =>
  containers?.find((c) => c.name === "oauth-proxy")?.args ?? [];
type DeploymentDoc = { kind?: string; spec?: { template?: { spec?: { containers?: Container[] } } } };

const base = parseAllDocuments(readFileSync(path.join(deployDir, "openshift/deployment.yaml"), "utf8"))
  .map((d) => d.toJS() as DeploymentDoc)
  .find((d) => d.kind === "Deployment");
const kiosk = parse(readFileSync(path.join(deployDir, "openshift-kiosk/kustomization.yaml"), "utf8")) as {
  patches: { patch: string }[];
};
const kioskPatch = parse(kiosk.patches[0]?.patch ?? "") as DeploymentDoc;
const VARIANTS = {
  openshift: proxyIn(base?.spec?.template?.spec?.containers),
  "openshift-kiosk": proxyIn(kioskPatch.spec?.template?.spec?.containers),
};

/** Why oauth-proxy's flag parsing would refuse (or misread) each argument; empty when all are fine. */
function argProblems(args: string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const m = /^--([a-z0-9-]+)(?:=([\s\S]*))?$/.exec(arg);
    const [name, value] = [m?.[1] ?? "", m?.[2]];
    const kind = known.flags[name];
    if (!m || !kind) {
      problems.push(`${arg}: not a flag oauth-proxy declares`);
      continue;
    }
    if (seen.has(name) && kind !== "array") problems.push(`--${name} given twice (only the last counts)`);
    seen.add(name);
    if (kind === "bool" && value !== undefined && !["true", "false"].includes(value))
      problems.push(`--${name} is a boolean: ${value}`);
    if (kind !== "bool" && value === undefined) problems.push(`--${name} needs =<value>`);
    if (kind === "duration" && !/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value ?? ""))
      problems.push(`--${name}=${value}: not a Go duration`);
  }
  return problems;
}

describe.each(Object.entries(VARIANTS))("%s: oauth-proxy's arguments", (_variant, args) => {
  it("are all flags oauth-proxy declares, each with a value of its kind", () => {
    expect(args.length).toBeGreaterThan(5);
    expect(argProblems(args)).toEqual([]);
  });

  it("hold parseable JSON and regular expressions where oauth-proxy parses them", () => {
    const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    for (const name of ["openshift-sar", "openshift-delegate-urls"]) {
      const v = value(name);
      if (v !== undefined) expect(() => JSON.parse(v), name).not.toThrow();
    }
    const regex = value("skip-auth-regex") ?? "";
    expect(new RegExp(regex).test("/api/healthz")).toBe(true);
    expect(new RegExp(regex).test("/api/readyz")).toBe(true);
    expect(new RegExp(regex).test("/api/trpc/topology.viewSnapshot")).toBe(false);
    // The kubelet probes oauth-proxy's own ping path, <proxy-prefix>/healthz, with the default prefix.
    expect(value("proxy-prefix")).toBeUndefined();
  });
});

describe("oauth-proxy flag check", () => {
  it("refuses a misspelt flag, a valued boolean, a missing value and a bad duration", () => {
    expect(
      argProblems(["--pass-acess-token", "--skip-provider-button=yes", "--scope", "--cookie-expire=1d", "--scope=a"]),
    ).toEqual([
      "--pass-acess-token: not a flag oauth-proxy declares",
      "--skip-provider-button is a boolean: yes",
      "--scope needs =<value>",
      "--cookie-expire=1d: not a Go duration",
      "--scope given twice (only the last counts)",
    ]);
  });
});
