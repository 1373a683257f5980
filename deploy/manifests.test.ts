// Pure checks on deploy/: RBAC no wider than what the server watches, hardened containers, the OpenShift wiring
// (oauth-proxy, serving cert, reencrypt Route) consistent, and the Containerfile's shape.
// The API server's own verdict on every object is deploy/manifests.int.test.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { watchedKinds } from "@/server/sources/live/resources";

// ---------- loading: what `kubectl apply -k deploy/<variant>` would send ----------

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [k: string]: unknown;
}
interface Kustomization {
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

const deployDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(deployDir, "..");
const VARIANTS = ["openshift", "kubernetes"] as const;
type Variant = (typeof VARIANTS)[number];

function kustomization(variant: Variant): Kustomization {
  return parse(readFileSync(path.join(deployDir, variant, "kustomization.yaml"), "utf8")) as Kustomization;
}

/** The variant's objects in kustomization order, with its `images:` substitutions applied. */
function load(variant: Variant): K8sObject[] {
  const k = kustomization(variant);
  return k.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(deployDir, variant, file), "utf8"))
      .map((d) => {
        if (d.errors.length > 0) throw new Error(`${variant}/${file}: ${d.errors[0]?.message}`);
        return d.toJS() as K8sObject | null;
      })
      .filter((o): o is K8sObject => o !== null)
      .map((o) => {
        for (const c of containersOf(o)) {
          const image = k.images?.find((i) => i.name === c.image);
          if (image) c.image = `${image.newName ?? image.name}:${image.newTag ?? "latest"}`;
        }
        return o;
      }),
  );
}

interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { name?: string; containerPort: number }[];
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { add?: string[]; drop?: string[] };
    seccompProfile?: { type: string };
  };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Probe {
  httpGet?: { path: string; port: string | number; scheme?: string };
}
interface PodSpec {
  serviceAccountName?: string;
  hostNetwork?: boolean;
  hostPID?: boolean;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; emptyDir?: object; secret?: { secretName: string } }[];
}

function podSpecOf(o: K8sObject): PodSpec | undefined {
  return o.kind === "Deployment"
    ? (o as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec
    : undefined;
}
function containersOf(o: K8sObject): Container[] {
  const spec = podSpecOf(o);
  return spec ? [...(spec.initContainers ?? []), ...spec.containers] : [];
}

const objects: Record<Variant, K8sObject[]> = { openshift: load("openshift"), kubernetes: load("kubernetes") };

function one(variant: Variant, kind: string, name?: string): K8sObject {
  const found = objects[variant].filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  expect(found, `${variant}: exactly one ${kind}${name ? ` ${name}` : ""}`).toHaveLength(1);
  return found[0] as K8sObject;
}
const deployment = (v: Variant): K8sObject => one(v, "Deployment", "plumbline");
const podSpec = (v: Variant): PodSpec => podSpecOf(deployment(v)) as PodSpec;
function container(v: Variant, name: string): Container {
  const c = podSpec(v).containers.find((x) => x.name === name);
  if (!c) throw new Error(`${v}: no container ${name}`);
  return c;
}
const envOf = (c: Container): Record<string, string | undefined> =>
  Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
const portOf = (c: Container, port: string | number): number | undefined =>
  typeof port === "number" ? port : c.ports?.find((p) => p.name === port)?.containerPort;

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
const rulesOf = (o: K8sObject): Rule[] => (o as unknown as { rules: Rule[] }).rules;
/** "group/resource verb" for every combination a role grants */
const grants = (rules: Rule[]): string[] =>
  rules
    .flatMap((r) =>
      (r.apiGroups ?? []).flatMap((g) => (r.resources ?? []).flatMap((res) => r.verbs.map((v) => `${g}/${res} ${v}`))),
    )
    .sort();

// ---------- the tests ----------

describe.each(VARIANTS)("deploy/%s", (variant) => {
  it("lists every manifest in the folder in kustomization.yaml, and only existing files", () => {
    const dir = path.join(deployDir, variant);
    const files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f) && f !== "kustomization.yaml")
      .sort();
    expect([...kustomization(variant).resources].sort()).toEqual(files);
  });

  it("keeps everything namespaced in the plumbline namespace, and ships no Secret", () => {
    const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding"]);
    for (const o of objects[variant]) {
      if (clusterScoped.has(o.kind)) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBeUndefined();
      else expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe("plumbline");
    }
    // The cookie/client secrets are created by hand (deploy/README.md), never committed.
    expect(objects[variant].filter((o) => o.kind === "Secret")).toEqual([]);
  });

  it("grants the reader ClusterRole exactly list/watch (what informers use) on what the live source watches", () => {
    const role = one(variant, "ClusterRole", "plumbline-reader");
    const rules = rulesOf(role);
    for (const r of rules) {
      expect(r.verbs.sort(), JSON.stringify(r)).toEqual(["list", "watch"]);
      expect([...(r.apiGroups ?? []), ...(r.resources ?? []), ...r.verbs]).not.toContain("*");
      expect(r.resources).not.toContain("secrets");
      expect(r.resourceNames).toBeUndefined();
      expect(r.nonResourceURLs).toBeUndefined();
    }
    const expected = watchedKinds()
      .flatMap(({ group, resource }) => ["list", "watch"].map((verb) => `${group}/${resource} ${verb}`))
      .sort();
    expect(grants(rules)).toEqual(expected);
  });

  it("binds the reader role to the plumbline service account only, and only in the kiosk overlay", () => {
    expect(
      objects[variant].some((o) => o.kind === "ClusterRoleBinding" && o.metadata.name === "plumbline-reader"),
    ).toBe(false);
    const kiosk = parse(readFileSync(path.join(deployDir, `${variant}-kiosk`, "kustomization.yaml"), "utf8")) as {
      resources: string[];
      patches: { patch: string }[];
    };
    expect(kiosk.resources.slice(0, 2)).toEqual([`../${variant}`, "rbac-reader-binding.yaml"]);
    expect(kiosk.patches[0]?.patch).toContain("value: service-account");
    const binding = parse(
      readFileSync(path.join(deployDir, `${variant}-kiosk`, "rbac-reader-binding.yaml"), "utf8"),
    ) as {
      roleRef: { kind: string; name: string };
      subjects: { kind: string; name: string; namespace?: string }[];
    };
    expect(binding.roleRef).toMatchObject({ kind: "ClusterRole", name: "plumbline-reader" });
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "plumbline", namespace: "plumbline" }]);
  });

  it("grants no write verb anywhere except oauth-proxy's token and access reviews", () => {
    const writes = ["create", "update", "patch", "delete", "deletecollection", "escalate", "bind", "impersonate", "*"];
    for (const role of objects[variant].filter((o) => o.kind === "ClusterRole" || o.kind === "Role")) {
      const granted = grants(rulesOf(role)).filter((g) => writes.includes(g.split(" ")[1] ?? ""));
      const allowed =
        role.metadata.name === "plumbline-oauth-proxy"
          ? ["authentication.k8s.io/tokenreviews create", "authorization.k8s.io/subjectaccessreviews create"]
          : [];
      expect(granted, role.metadata.name).toEqual(allowed);
    }
  });

  it("runs every container non-root, read-only, unprivileged, with no capabilities and RuntimeDefault seccomp", () => {
    const spec = podSpec(variant);
    expect(spec.hostNetwork ?? false).toBe(false);
    expect(spec.hostPID ?? false).toBe(false);
    expect(spec.securityContext?.runAsNonRoot).toBe(true);
    expect(spec.securityContext?.seccompProfile?.type).toBe("RuntimeDefault");
    for (const c of containersOf(deployment(variant))) {
      const sc = c.securityContext;
      expect(sc?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot, c.name).toBe(true);
      expect(sc?.runAsUser ?? spec.securityContext?.runAsUser ?? 1001, c.name).not.toBe(0);
      expect(sc?.readOnlyRootFilesystem, c.name).toBe(true);
      expect(sc?.allowPrivilegeEscalation, c.name).toBe(false);
      expect(sc?.privileged ?? false, c.name).toBe(false);
      expect(sc?.capabilities?.drop, c.name).toContain("ALL");
      expect(sc?.capabilities?.add ?? [], c.name).toEqual([]);
      expect(c.resources?.requests?.memory, c.name).toBeDefined();
      expect(c.resources?.limits?.memory, c.name).toBeDefined();
    }
  });

  it("runs the server in forwarded-token mode on port 3000, probed on /api/healthz and /api/readyz", () => {
    const c = container(variant, "plumbline");
    expect(envOf(c)).toMatchObject({
      PLUMBLINE_SOURCE: "kubeconfig",
      PLUMBLINE_IDENTITY: "forwarded-token",
      NODE_ENV: "production",
      PORT: "3000",
      // Behind the sidecar, loopback only; without one the Ingress must reach it.
      HOSTNAME: variant === "openshift" ? "127.0.0.1" : "0.0.0.0",
      NEXT_TELEMETRY_DISABLED: "1",
    });
    expect(c.ports?.map((p) => p.containerPort)).toEqual([3000]);
    expect(c.livenessProbe?.httpGet?.path).toBe("/api/healthz");
    expect(c.readinessProbe?.httpGet?.path).toBe("/api/readyz");
    // On OpenShift the probes go through oauth-proxy, which lets exactly these two paths by. A port name is
    // resolved in the probed container only (deploy/probe-ports.test.ts), so it is looked up in `c` here.
    const expected = variant === "openshift" ? 8443 : 3000;
    expect(portOf(c, c.livenessProbe?.httpGet?.port ?? "")).toBe(expected);
    expect(portOf(c, c.readinessProbe?.httpGet?.port ?? "")).toBe(expected);
    if (variant === "openshift")
      expect(container(variant, "oauth-proxy").args).toContain("--skip-auth-regex=^/api/(healthz|readyz)$");
    expect(c.image).not.toBe("plumbline"); // kustomization.yaml's images: entry applies
  });

  it("reads the token only from the header its proxy sets and overwrites", () => {
    const header = envOf(container(variant, "plumbline")).PLUMBLINE_TOKEN_HEADER;
    if (variant === "openshift") {
      expect(header).toBe("x-forwarded-access-token");
      expect(container(variant, "oauth-proxy").args).toContain("--pass-access-token");
    } else {
      expect(header).toBe("authorization");
      const ing = one(variant, "Ingress", "plumbline");
      expect(ing.metadata.annotations?.["nginx.ingress.kubernetes.io/auth-response-headers"]).toBe("Authorization");
    }
  });

  it("mounts no service-account token into the server, which reads as each caller", () => {
    const spec = podSpec(variant) as PodSpec & { automountServiceAccountToken?: boolean };
    expect(spec.automountServiceAccountToken).toBe(false);
    const tokenPath = "/var/run/secrets/kubernetes.io/serviceaccount";
    expect(container(variant, "plumbline").volumeMounts?.map((m) => m.mountPath)).not.toContain(tokenPath);
    // Its kubeconfig names the cluster and its CA, and no user credentials.
    const cm = one(variant, "ConfigMap", "plumbline-kubeconfig") as unknown as { data: { kubeconfig: string } };
    const kc = parse(cm.data.kubeconfig) as { users: { user: object }[] };
    expect(kc.users.map((u) => u.user)).toEqual([{}]);
    expect(envOf(container(variant, "plumbline")).KUBECONFIG).toBe("/etc/plumbline/kubeconfig/kubeconfig");
  });

  it("lets only chosen people into the kiosk, and says how in its overlay", () => {
    const text = readFileSync(path.join(deployDir, `${variant}-kiosk`, "kustomization.yaml"), "utf8");
    if (variant === "openshift") {
      expect(text).toContain(
        `--openshift-sar={"namespace":"plumbline","resource":"services","resourceName":"plumbline","verb":"get"}`,
      );
      const viewers = parseAllDocuments(
        readFileSync(path.join(deployDir, "openshift-kiosk", "rbac-viewers.yaml"), "utf8"),
      ).map((d) => d.toJS() as K8sObject & { subjects?: { kind: string; name: string }[] });
      expect(viewers.find((o) => o.kind === "RoleBinding")?.subjects).toEqual([
        { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "plumbline-viewers" },
      ]);
    } else {
      expect(text).toContain("--allowed-group=plumbline-viewers");
    }
  });

  it("gives the read-only server emptyDirs for /tmp and Next's cache under the image's WORKDIR", () => {
    const spec = podSpec(variant);
    for (const c of containersOf(deployment(variant))) {
      const tmp = c.volumeMounts?.find((m) => m.mountPath === "/tmp");
      expect(tmp, `${c.name} /tmp`).toBeDefined();
      expect(spec.volumes?.find((v) => v.name === tmp?.name)?.emptyDir, `${c.name} /tmp`).toBeDefined();
    }
    const cache = container(variant, "plumbline").volumeMounts?.find(
      (m) => m.mountPath === `${containerfile.workdir}/.next/cache`,
    );
    expect(cache).toBeDefined();
    expect(spec.volumes?.find((v) => v.name === cache?.name)?.emptyDir).toBeDefined();
  });

  it("admits ingress only on the port that faces users; egress is left open (API server address varies)", () => {
    const np = one(variant, "NetworkPolicy", "plumbline") as unknown as {
      spec: {
        podSelector: { matchLabels: Record<string, string> };
        policyTypes: string[];
        ingress: { from: object[]; ports: { port: number }[] }[];
        egress: object[];
      };
    };
    expect(np.spec.policyTypes.sort()).toEqual(["Egress", "Ingress"]);
    expect(np.spec.podSelector.matchLabels).toEqual(
      (deployment(variant) as unknown as { spec: { selector: { matchLabels: object } } }).spec.selector.matchLabels,
    );
    const expectedPort = variant === "openshift" ? 8443 : 3000;
    expect(np.spec.ingress.flatMap((r) => r.ports.map((p) => p.port))).toEqual([expectedPort]);
    for (const r of np.spec.ingress) expect(r.from.length).toBeGreaterThan(0);
    expect(np.spec.egress).toEqual([{}]);
  });
});

describe("deploy/openshift wiring", () => {
  const proxy = (): Container => container("openshift", "oauth-proxy");
  const arg = (name: string): string | undefined =>
    proxy()
      .args?.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))
      ?.replace(/^--[^=]+=?/, "");
  const mountFor = (file: string): string | undefined => {
    const m = proxy().volumeMounts?.find((v) => file.startsWith(`${v.mountPath}/`));
    return m && podSpec("openshift").volumes?.find((v) => v.name === m.name)?.secret?.secretName;
  };

  it("routes reencrypt TLS to the proxy, redirecting plain HTTP", () => {
    const route = one("openshift", "Route", "plumbline") as unknown as {
      spec: {
        to: { kind: string; name: string };
        port: { targetPort: string };
        tls: { termination: string; insecureEdgeTerminationPolicy: string };
      };
    };
    expect(route.spec.tls.termination).toBe("reencrypt");
    expect(route.spec.tls.insecureEdgeTerminationPolicy).toBe("Redirect");
    expect(route.spec.to).toMatchObject({ kind: "Service", name: "plumbline" });
    const svc = one("openshift", "Service", "plumbline") as unknown as {
      spec: { ports: { name: string; port: number; targetPort: string }[] };
    };
    expect(svc.spec.ports).toEqual([{ name: "https", port: 8443, targetPort: "https", protocol: "TCP" }]);
    expect(route.spec.port.targetPort).toBe("https");
    expect(portOf(proxy(), "https")).toBe(8443);
  });

  it("has the router send HSTS for a year (issue 25: no HSTS from the app or the Route)", () => {
    const route = one("openshift", "Route", "plumbline");
    const hsts = route.metadata.annotations?.["haproxy.router.openshift.io/hsts_header"] ?? "";
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
  });

  it("serves the service CA's certificate from the Secret the Service annotation names", () => {
    const svc = one("openshift", "Service", "plumbline");
    const secret = svc.metadata.annotations?.["service.beta.openshift.io/serving-cert-secret-name"];
    expect(secret).toBe("plumbline-tls");
    expect(mountFor(arg("tls-cert") ?? "")).toBe(secret);
    expect(mountFor(arg("tls-key") ?? "")).toBe(secret);
  });

  it("runs oauth-proxy in front of the server, passing the user's full-scope token", () => {
    expect(proxy().image).toBe("registry.redhat.io/openshift4/ose-oauth-proxy:latest");
    expect(arg("provider")).toBe("openshift");
    expect(arg("https-address")).toBe(":8443");
    expect(arg("upstream")).toBe(`http://localhost:${portOf(container("openshift", "plumbline"), "http")}`);
    expect(arg("pass-access-token")).toBe("");
    expect(arg("skip-provider-button")).toBe("");
    // A service-account OAuth client cannot get user:full; forwarded-token needs it.
    expect(arg("scope")).toBe("user:full");
    expect(arg("client-id")).toBe("plumbline");
    expect(arg("openshift-service-account")).toBeUndefined();
    // Both secrets come from the hand-made plumbline-proxy Secret (deploy/README.md).
    expect(mountFor(arg("cookie-secret-file") ?? "")).toBe("plumbline-proxy");
    expect(mountFor(arg("client-secret-file") ?? "")).toBe("plumbline-proxy");
    expect(JSON.parse(arg("openshift-delegate-urls") ?? "")).toEqual({
      "/": { group: "authorization.k8s.io", resource: "selfsubjectaccessreviews", verb: "create" },
    });
    expect(proxy().livenessProbe?.httpGet).toMatchObject({ path: "/oauth/healthz", scheme: "HTTPS" });
  });

  it("lets the service account stand in as OAuth client for the kiosk, redirecting to the Route", () => {
    const sa = one("openshift", "ServiceAccount", "plumbline");
    const ref = JSON.parse(
      sa.metadata.annotations?.["serviceaccounts.openshift.io/oauth-redirectreference.primary"] ?? "{}",
    ) as unknown;
    expect(ref).toEqual({
      kind: "OAuthRedirectReference",
      apiVersion: "v1",
      reference: { kind: "Route", name: "plumbline" },
    });
    expect(podSpec("openshift").serviceAccountName).toBe("plumbline");
  });

  it("admits only the OpenShift router", () => {
    const np = one("openshift", "NetworkPolicy", "plumbline") as unknown as {
      spec: { ingress: { from: { namespaceSelector?: { matchLabels: object } }[] }[] };
    };
    expect(np.spec.ingress.flatMap((r) => r.from)).toEqual([
      { namespaceSelector: { matchLabels: { "policy-group.network.openshift.io/ingress": "" } } },
    ]);
  });

  it("uses the same namespace definition as deploy/kubernetes", () => {
    expect(one("openshift", "Namespace", "plumbline")).toEqual(one("kubernetes", "Namespace", "plumbline"));
    expect(one("openshift", "ClusterRole", "plumbline-reader")).toEqual(
      one("kubernetes", "ClusterRole", "plumbline-reader"),
    );
  });
});

describe("deploy/kubernetes wiring", () => {
  it("exposes port 3000 through a TLS Ingress that streams server-sent events", () => {
    const svc = one("kubernetes", "Service", "plumbline") as unknown as {
      spec: { ports: { port: number; targetPort: string }[] };
    };
    expect(svc.spec.ports.map((p) => p.port)).toEqual([3000]);
    const ing = one("kubernetes", "Ingress", "plumbline") as unknown as K8sObject & {
      spec: {
        tls: { secretName: string }[];
        rules: { http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[];
      };
    };
    const a = ing.metadata.annotations ?? {};
    expect(a["nginx.ingress.kubernetes.io/proxy-buffering"]).toBe("off");
    expect(Number(a["nginx.ingress.kubernetes.io/proxy-read-timeout"])).toBeGreaterThanOrEqual(3600);
    expect(a["nginx.ingress.kubernetes.io/auth-response-headers"]).toBe("Authorization");
    expect(ing.spec.tls.length).toBeGreaterThan(0);
    for (const p of ing.spec.rules.flatMap((r) => r.http.paths))
      expect(p.backend.service).toEqual({ name: "plumbline", port: { name: "http" } });
  });

  it("runs as the image's numeric user 1001 (no SCC assigns one)", () => {
    expect(podSpec("kubernetes").securityContext?.runAsUser).toBe(1001);
    expect(podSpec("kubernetes").containers.map((c) => c.name)).toEqual(["plumbline"]);
  });
});

// ---------- Containerfile ----------

const containerfileText = readFileSync(path.join(deployDir, "Containerfile"), "utf8");
const instructions = containerfileText
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => {
    const [op = "", ...rest] = l.split(/\s+/);
    return { op: op.toUpperCase(), args: rest.join(" ") };
  });
const stages = instructions.reduce<{ op: string; args: string }[][]>((acc, i) => {
  if (i.op === "FROM") acc.push([]);
  acc.at(-1)?.push(i);
  return acc;
}, []);
const runtime = stages.at(-1) ?? [];
const containerfile = { workdir: runtime.filter((i) => i.op === "WORKDIR").at(-1)?.args ?? "" };

describe("deploy/Containerfile", () => {
  it("is multi-stage, and the runtime stage takes only the standalone output, static assets and public/", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const copies = runtime.filter((i) => i.op === "COPY").map((i) => i.args);
    expect(copies.every((c) => c.startsWith("--from=build "))).toBe(true);
    expect(copies.map((c) => c.split(/\s+/)[1]).sort()).toEqual([
      "/src/.next/standalone",
      "/src/.next/static",
      "/src/public",
    ]);
    expect(runtime.at(-1)).toEqual({
      op: "CMD",
      args: '["node", "--import", "./server/sources/live/early-preload.mjs", "server.js"]',
    });
    expect(containerfile.workdir).toBe("/app");
  });

  it("runs as numeric non-root user 1001, exposes 3000 and has no HEALTHCHECK", () => {
    expect(runtime.filter((i) => i.op === "USER").at(-1)?.args).toBe("1001");
    expect(runtime.filter((i) => i.op === "EXPOSE").map((i) => i.args)).toEqual(["3000"]);
    expect(instructions.some((i) => i.op === "HEALTHCHECK")).toBe(false);
    const env = runtime
      .filter((i) => i.op === "ENV")
      .map((i) => i.args)
      .join(" ");
    expect(env).toMatch(/NEXT_TELEMETRY_DISABLED=1/);
    expect(env).toMatch(/PORT=3000/);
    expect(env).toMatch(/HOSTNAME=0\.0\.0\.0/);
  });

  it("copies the whole context into the build stage, leaving out only what git ignores (and .git)", () => {
    // next build type-checks all of tsconfig.json's files and bundles root files such as proxy.ts: a hand-picked
    // COPY list failed the type check and left proxy.ts (CSP, session checks) out of the image.
    const build = stages[0] ?? [];
    expect(build.filter((i) => i.op === "COPY").map((i) => i.args)).toContain(". .");
    const norm = (l: string) =>
      l
        .trim()
        .replace(/^\*\*\//, "")
        .replace(/^\//, "")
        .replace(/\/$/, "");
    const lines = (f: string) =>
      readFileSync(path.join(repoRoot, f), "utf8")
        .split("\n")
        .filter((l) => l.trim() && !l.startsWith("#"))
        .map(norm);
    const gitignored = new Set([...lines(".gitignore"), ".git"]);
    expect(lines("deploy/Containerfile.dockerignore").filter((l) => !gitignored.has(l))).toEqual([]);
  });

  it("copies build sources that exist in the repository", () => {
    const build = stages[0] ?? [];
    const sources = build
      .filter((i) => i.op === "COPY" && !i.args.startsWith("--from"))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toContain("package-lock.json");
    for (const s of sources) expect(existsSync(path.join(repoRoot, s)), s).toBe(true);
  });
});
