// A real kube-apiserver + etcd on loopback, for integration tests and `testing/testbed/run.ts`.
// No controllers run: what is stored is exactly what was applied (see applyObjects for status).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { parseObjects } from "../../lib/k8s/read-objects";
import { type Egress, startEgress } from "./egress";

export interface TestCluster {
  server: string;
  caData: string;
  adminToken: string;
  restrictedToken: string;
  kubeconfigPath: string;
  dir: string;
  /** etcd's client URL (plain HTTP on loopback), for fault injection such as a compaction */
  etcdUrl: string;
  /**
   * How the apiserver reaches kubelets in their own network namespaces (logs, exec, port-forward): a node routes its
   * address to its CONNECT proxy, and its kubelet trusts `kubeletClientCaFile` (see egress.ts).
   */
  egress: Pick<Egress, "route" | "kubeletClientCaFile">;
  /** SIGTERM by default; SIGKILL for a crash */
  stopApiserver(signal?: NodeJS.Signals): Promise<void>;
  /** the running kube-apiserver's process id (a test in another process can kill it) */
  apiserverPid(): number | undefined;
  startApiserver(): Promise<void>;
  stop(): Promise<void>;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string }[];
    [k: string]: unknown;
  };
  status?: unknown;
  [k: string]: unknown;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
export const crdsDir = (): string => process.env.PLUMBLINE_CRDS_DIR ?? path.resolve(repoRoot, "testing/testbed/crds");
export const demoDir = path.resolve(repoRoot, "server/demo-cluster");
const ENSURE = "run `bash testing/testbed/ensure-deps.sh`";

// ---------- process hygiene: children die with us, whatever way we go ----------

interface Live {
  procs: Set<ChildProcess>;
  dir: string;
}
const live = new Set<Live>();
let handlersInstalled = false;

function killAllSync(): void {
  for (const l of live) {
    for (const p of l.procs) p.kill("SIGKILL");
    try {
      rmSync(l.dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* the watchdog removes it once we are gone */
    }
  }
  live.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", killAllSync);
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    const onSignal = (): void => {
      killAllSync();
      // If nobody else handles the signal, re-raise it so the default (exit by signal) still happens.
      if (process.listenerCount(sig) === 1) {
        process.off(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

// A SIGKILLed test runner cannot run exit handlers; this detached shell reaps the children then.
// It exits on its own once the temp dir is gone (i.e. after stop()).
function startWatchdog(dir: string): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && [ -d "$1" ]; do sleep 1; done
[ -d "$1" ] && { kill -9 $(cat "$1/pids" 2>/dev/null) 2>/dev/null; rm -rf "$1"; }; exit 0`;
  spawn("sh", ["-c", script, "watchdog", dir], { detached: true, stdio: "ignore" }).unref();
}

// ---------- small helpers ----------

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

function tail(file: string, lines = 40): string {
  if (!existsSync(file)) return `(${file} missing)`;
  return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A binary the test bed builds from the Go module proxy (cached by the script, which prints its path). */
function built(what: string, script: string): string | undefined {
  try {
    const out = execFileSync("bash", [path.join(here, script)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    return out.trim().split("\n").pop();
  } catch (e) {
    throw new Error(`${what} could not be built: ${ENSURE} (${(e as Error).message})`);
  }
}

function findBinaries(): { apiserver: string; etcd: string } {
  // etcd 3.6 built from the module proxy, not Debian's 3.4: without RequestWatchProgress (3.5.13+) kube-apiserver
  // 1.37 reads every consistent List from etcd and refuses watch-list streams, which no current cluster does
  const etcd = process.env.PLUMBLINE_ETCD ?? built("etcd", "build-etcd.sh");
  if (!etcd || !isExecutable(etcd)) throw new Error(`etcd not found at ${etcd ?? "(none)"}: ${ENSURE}`);
  const apiserver = process.env.PLUMBLINE_KUBE_APISERVER ?? built("kube-apiserver", "build-kube-apiserver.sh");
  if (!apiserver || !isExecutable(apiserver))
    throw new Error(`kube-apiserver not found at ${apiserver ?? "(none)"}: ${ENSURE}`);
  return { apiserver, etcd };
}

// etcd refuses to start on arches other than amd64/ppc64le (and arm64 since 3.5) unless told it is fine.
function etcdEnv(): NodeJS.ProcessEnv {
  const goArch: Partial<Record<string, string>> = { arm64: "arm64", arm: "arm", s390x: "s390x", ia32: "386" };
  const arch = goArch[process.arch];
  return arch ? { ...process.env, ETCD_UNSUPPORTED_ARCH: arch } : process.env;
}

// ---------- HTTP ----------

export interface KubeResponse {
  status: number;
  body: unknown;
  text: string;
}

/** One request to the test cluster's API server (admin token unless another is given). */
export function kubeRequest(
  c: Pick<TestCluster, "server" | "caData" | "adminToken">,
  method: string,
  urlPath: string,
  opts: { body?: unknown; token?: string; contentType?: string; timeoutMs?: number } = {},
): Promise<KubeResponse> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(urlPath, c.server),
      {
        method,
        ca: c.caData,
        agent: false, // no keep-alive: sockets must not outlive an apiserver restart
        timeout: opts.timeoutMs ?? 30_000,
        headers: {
          authorization: `Bearer ${opts.token ?? c.adminToken}`,
          accept: "application/json",
          ...(payload === undefined ? {} : { "content-type": opts.contentType ?? "application/json" }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* not JSON (e.g. /readyz) */
          }
          resolve({ status: res.statusCode ?? 0, body, text });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${urlPath}: timed out`)));
    req.on("error", reject);
    req.end(payload);
  });
}

async function expectOk(c: TestCluster, method: string, urlPath: string, body?: unknown): Promise<KubeObject> {
  const r = await kubeRequest(c, method, urlPath, { body });
  if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${urlPath}: HTTP ${r.status}: ${r.text}`);
  return r.body as KubeObject;
}

// ---------- discovery: apiVersion/kind -> REST path ----------

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}
const discovery = new WeakMap<TestCluster, Map<string, ApiResource[]>>();

async function resolveKind(
  c: TestCluster,
  apiVersion: string,
  kind: string,
): Promise<{ base: string; plural: string; namespaced: boolean; hasStatus: boolean }> {
  let cache = discovery.get(c);
  if (!cache) {
    cache = new Map();
    discovery.set(c, cache);
  }
  const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  // A CRD just established can take a moment to show up in discovery.
  for (let attempt = 0; ; attempt++) {
    let list = cache.get(apiVersion);
    if (!list) {
      const r = await kubeRequest(c, "GET", base);
      list = r.status === 200 ? (r.body as { resources: ApiResource[] }).resources : [];
      cache.set(apiVersion, list);
    }
    const res = list.find((x) => x.kind === kind && !x.name.includes("/"));
    if (res)
      return {
        base,
        plural: res.name,
        namespaced: res.namespaced,
        hasStatus: list.some((x) => x.name === `${res.name}/status`),
      };
    cache.delete(apiVersion);
    if (attempt >= 50) throw new Error(`no resource for ${apiVersion} ${kind} in discovery`);
    await sleep(200);
  }
}

async function objectPath(
  c: TestCluster,
  o: Pick<KubeObject, "apiVersion" | "kind"> & { metadata: { name?: string; namespace?: string } },
): Promise<{ collection: string; item: string; namespaced: boolean; hasStatus: boolean }> {
  const r = await resolveKind(c, o.apiVersion, o.kind);
  const ns = r.namespaced ? `/namespaces/${encodeURIComponent(o.metadata.namespace ?? "default")}` : "";
  const collection = `${r.base}${ns}/${r.plural}`;
  return {
    collection,
    item: `${collection}/${encodeURIComponent(o.metadata.name ?? "")}`,
    namespaced: r.namespaced,
    hasStatus: r.hasStatus,
  };
}

function asKubeObject(o: unknown): KubeObject {
  const k = o as Partial<KubeObject> | null;
  if (
    !k ||
    typeof k !== "object" ||
    typeof k.apiVersion !== "string" ||
    typeof k.kind !== "string" ||
    typeof k.metadata?.name !== "string"
  ) {
    throw new Error(`not a Kubernetes object: ${JSON.stringify(o).slice(0, 200)}`);
  }
  return structuredClone(k as KubeObject);
}

// ---------- apply ----------

/**
 * Create-or-replace each object in order, then write `.status` through the status subresource when the resource
 * has one (Pods, Nodes, NodeNetworkStates...) as kubelet/Multus/nmstate would. ownerReferences pointing at
 * existing objects get the owner's real uid (snapshots carry placeholder uids).
 */
export async function applyObjects(c: TestCluster, objects: unknown[]): Promise<void> {
  for (const raw of objects) {
    const o = asKubeObject(raw);
    const p = await objectPath(c, o);
    for (const ref of o.metadata.ownerReferences ?? []) {
      const owner = await objectPath(c, {
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace: o.metadata.namespace },
      });
      const r = await kubeRequest(c, "GET", owner.item);
      if (r.status === 200) ref.uid = (r.body as KubeObject).metadata.uid ?? ref.uid;
    }
    const { status } = o;
    delete o.metadata.uid;
    delete o.metadata.resourceVersion;
    let created: KubeObject;
    const r = await kubeRequest(c, "POST", p.collection, { body: o });
    if (r.status === 201 || r.status === 200) created = r.body as KubeObject;
    else if (r.status === 409) created = await replace(c, p.item, o);
    else
      throw new Error(`create ${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}: HTTP ${r.status}: ${r.text}`);
    if (p.hasStatus && status !== undefined) await writeStatus(c, `${p.item}/status`, created, status);
  }
}

async function replace(c: TestCluster, item: string, o: KubeObject): Promise<KubeObject> {
  for (let attempt = 0; ; attempt++) {
    const current = await expectOk(c, "GET", item);
    const r = await kubeRequest(c, "PUT", item, {
      body: { ...o, metadata: { ...o.metadata, resourceVersion: current.metadata.resourceVersion } },
    });
    if (r.status === 200 || r.status === 201) return r.body as KubeObject;
    if (r.status !== 409 || attempt >= 5) throw new Error(`replace ${item}: HTTP ${r.status}: ${r.text}`);
  }
}

async function writeStatus(c: TestCluster, statusPath: string, current: KubeObject, status: unknown): Promise<void> {
  let obj = current;
  for (let attempt = 0; ; attempt++) {
    const r = await kubeRequest(c, "PUT", statusPath, { body: { ...obj, status } });
    if (r.status === 200) return;
    if (r.status !== 409 || attempt >= 5) throw new Error(`PUT ${statusPath}: HTTP ${r.status}: ${r.text}`);
    obj = await expectOk(c, "GET", statusPath);
  }
}

/** The objects of a manifest file (the CRDs, the demo cluster), read the way the dashboard reads files. */
export const readYamlObjects = (file: string): unknown[] => parseObjects(readFileSync(file, "utf8"), file);

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

/** Install CRD files (all *.yaml in the CRDs dir, or just the named ones) and wait until all are Established. */
export async function installCrds(c: TestCluster, files?: string[]): Promise<void> {
  const dir = crdsDir();
  const crds = (files ?? yamlFiles(dir)).flatMap((f) => readYamlObjects(path.resolve(dir, f)));
  await applyObjects(c, crds);
  const deadline = Date.now() + 60_000;
  for (const crd of crds.map(asKubeObject)) {
    const item = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`;
    for (;;) {
      const got = await expectOk(c, "GET", item);
      const conds =
        (got.status as { conditions?: { type: string; status: string; message?: string }[] } | undefined)?.conditions ??
        [];
      if (conds.some((x) => x.type === "Established" && x.status === "True")) break;
      if (Date.now() > deadline) throw new Error(`CRD ${crd.metadata.name} not Established: ${JSON.stringify(conds)}`);
      await sleep(100);
    }
  }
}

/** Seed the demo snapshot: Namespaces, then cluster-scoped objects, then the rest (file order kept within each). */
export async function seedDemo(c: TestCluster, dir: string = demoDir): Promise<void> {
  const objects = yamlFiles(dir)
    .flatMap((f) => readYamlObjects(path.join(dir, f)))
    .map(asKubeObject);
  const rank = async (o: KubeObject): Promise<number> =>
    o.kind === "Namespace" && o.apiVersion === "v1" ? 0 : (await objectPath(c, o)).namespaced ? 2 : 1;
  const ranked = await Promise.all(objects.map(async (o) => ({ o, r: await rank(o) })));
  for (const r of [0, 1, 2])
    await applyObjects(
      c,
      ranked.filter((x) => x.r === r).map((x) => x.o),
    );
}

/** Role + RoleBinding: `user` may get/list/watch Pods and NADs in `namespace` only. Waits until RBAC enforces it. */
export async function grantNamespaceReader(c: TestCluster, user: string, namespace: string): Promise<void> {
  const name = `plumbline-reader-${user.toLowerCase().replace(/[^a-z0-9.-]/g, "-")}`;
  const verbs = ["get", "list", "watch"];
  await applyObjects(c, [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name, namespace },
      rules: [
        { apiGroups: [""], resources: ["pods"], verbs },
        { apiGroups: ["k8s.cni.cncf.io"], resources: ["network-attachment-definitions"], verbs },
      ],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name, namespace },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
    },
  ]);
  // The RBAC authorizer reads through informers; wait until the binding is visible to it.
  const review = {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SubjectAccessReview",
    spec: { user, groups: ["system:authenticated"], resourceAttributes: { namespace, verb: "list", resource: "pods" } },
  };
  for (const deadline = Date.now() + 10_000; ; await sleep(100)) {
    const r = await expectOk(c, "POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", review);
    if ((r.status as { allowed?: boolean } | undefined)?.allowed) return;
    if (Date.now() > deadline) throw new Error(`RBAC grant for ${user} in ${namespace} not effective after 10s`);
  }
}

// ---------- the cluster ----------

export interface TestClusterOptions {
  crds?: boolean | string[];
  seed?: boolean;
  /**
   * BENCHMARK BEDS ONLY: etcd's data on tmpfs (/dev/shm), where fsync costs nothing, and a backend quota of 8 GiB (the
   * default 2 GiB refuses writes past ~100k pods); the API server's request timeout 10 minutes, not 1 (huge LISTs).
   * A crash loses the data: never for tests that restart etcd.
   */
  benchEtcd?: boolean;
  /** more kube-apiserver flags, after the test bed's own (e.g. a server that sheds load: --max-requests-inflight) */
  apiServerArgs?: string[];
}

export async function startTestCluster(opts: TestClusterOptions = {}): Promise<TestCluster> {
  const bins = findBinaries();
  installHandlers();
  const dir = mkdtempSync(path.join(opts.benchEtcd ? "/dev/shm" : tmpdir(), "plumbline-testbed-"));
  const l: Live = { procs: new Set(), dir };
  live.add(l);
  startWatchdog(dir);
  const writePids = (): void => writeFileSync(path.join(dir, "pids"), [...l.procs].map((p) => p.pid).join(" "));

  const [etcdPort, peerPort, apiPort] = (await freePorts(3)) as [number, number, number];
  const adminToken = randomBytes(24).toString("hex");
  const restrictedToken = randomBytes(24).toString("hex");
  const certDir = path.join(dir, "certs");
  const saKey = path.join(dir, "sa.key");
  const tokens = path.join(dir, "tokens.csv");
  writeFileSync(
    saKey,
    generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }),
    { mode: 0o600 },
  );
  writeFileSync(tokens, `${adminToken},admin,admin,"system:masters"\n${restrictedToken},restricted,restricted\n`, {
    mode: 0o600,
  });

  const spawnLogged = (bin: string, args: string[], log: string, env?: NodeJS.ProcessEnv): ChildProcess => {
    const fd = openSync(log, "a");
    const p = spawn(bin, args, { stdio: ["ignore", fd, fd], env });
    closeSync(fd);
    l.procs.add(p);
    writePids();
    p.once("exit", () => {
      l.procs.delete(p);
      if (existsSync(dir)) writePids();
    });
    return p;
  };

  const egress = await startEgress(dir);
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  const etcdLog = path.join(dir, "etcd.log");
  const etcd = spawnLogged(
    bins.etcd,
    [
      "--name=default",
      `--data-dir=${path.join(dir, "etcd")}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=default=${peerUrl}`,
      "--logger=zap", // 3.4 defaults to the deprecated capnslog and warns about it
      "--watch-progress-notify-interval=5s", // as in kube's own integration tests: keeps watch-cache RVs fresh
      ...(opts.benchEtcd ? [`--quota-backend-bytes=${8 * 2 ** 30}`] : []),
    ],
    etcdLog,
    etcdEnv(),
  );

  const apiLog = path.join(dir, "kube-apiserver.log");
  const apiArgs = [
    ...egress.apiserverArgs,
    `--etcd-servers=${etcdUrl}`,
    `--secure-port=${apiPort}`,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    // Without this the apiserver writes 127.0.0.1 into the `kubernetes` Endpoints, which validation rejects (log spam).
    "--endpoint-reconciler-type=none",
    `--cert-dir=${certDir}`,
    "--service-account-issuer=https://kubernetes.default.svc",
    `--service-account-key-file=${saKey}`,
    `--service-account-signing-key-file=${saKey}`,
    "--service-cluster-ip-range=10.0.0.0/24",
    "--authorization-mode=RBAC",
    `--token-auth-file=${tokens}`,
    "--allow-privileged=true",
    // The ServiceAccount admission plugin rejects Pods until the (absent) controller-manager has created the
    // namespace's `default` ServiceAccount, and it would also inject token volumes the snapshot does not have.
    "--disable-admission-plugins=ServiceAccount",
    // A LIST of 140,000 pods on a loaded two-core machine outlasts the default minute and is cut mid-stream.
    ...(opts.benchEtcd ? ["--request-timeout=10m"] : []),
    ...(opts.apiServerArgs ?? []),
  ];

  const server = `https://127.0.0.1:${apiPort}`;
  const kubeconfigPath = path.join(dir, "kubeconfig");
  let apiserver: ChildProcess | undefined;
  const c: TestCluster = {
    server,
    caData: "",
    adminToken,
    restrictedToken,
    kubeconfigPath,
    dir,
    etcdUrl,
    egress,
    apiserverPid: () => apiserver?.pid,
    async stopApiserver(signal: NodeJS.Signals = "SIGTERM") {
      if (apiserver) await terminate(apiserver, signal);
      apiserver = undefined;
    },
    async startApiserver() {
      if (apiserver) throw new Error("kube-apiserver is already running");
      const p = spawnLogged(bins.apiserver, apiArgs, apiLog);
      apiserver = p;
      const failure = (why: string): Error =>
        new Error(
          `kube-apiserver ${why}\n--- kube-apiserver.log ---\n${tail(apiLog)}\n--- etcd.log ---\n${tail(etcdLog)}`,
        );
      for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
        if (p.exitCode !== null || p.signalCode !== null)
          throw failure(`exited (${p.exitCode ?? p.signalCode}) before /readyz`);
        if (Date.now() > deadline) throw failure("not ready after 60s");
        // apiserver.crt is self-signed: serving cert + the CA that signed it, so it is our trust bundle.
        const crt = path.join(certDir, "apiserver.crt");
        if (!c.caData && existsSync(crt)) c.caData = readFileSync(crt, "utf8");
        if (!c.caData) continue;
        const r = await kubeRequest(c, "GET", "/readyz", { timeoutMs: 5_000 }).catch(() => undefined);
        if (r?.status === 200) return;
      }
    },
    async stop() {
      await c.stopApiserver();
      await terminate(etcd);
      await egress.close();
      live.delete(l);
      rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    for (const deadline = Date.now() + 30_000; ; await sleep(100)) {
      const ok = await fetch(`${etcdUrl}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (etcd.exitCode !== null || Date.now() > deadline)
        throw new Error(`etcd did not become healthy\n--- etcd.log ---\n${tail(etcdLog)}`);
    }
    await c.startApiserver();
    writeKubeconfig(c);
    // kube-system is created by a post-start hook that /readyz does not wait for.
    for (
      const deadline = Date.now() + 30_000;
      (await kubeRequest(c, "GET", "/api/v1/namespaces/kube-system")).status !== 200;
      await sleep(100)
    ) {
      if (Date.now() > deadline) throw new Error("namespace kube-system was not created within 30s");
    }
    if (opts.crds !== false) await installCrds(c, Array.isArray(opts.crds) ? opts.crds : undefined);
    if (opts.seed !== false) await seedDemo(c);
  } catch (e) {
    await c.stop();
    throw e;
  }
  return c;
}

function terminate(p: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => p.kill("SIGKILL"), 10_000);
    p.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    p.kill(signal);
  });
}

function writeKubeconfig(c: TestCluster): void {
  const ctx = (name: string): object => ({ name, context: { cluster: "plumbline-testbed", user: name } });
  const kubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "plumbline-testbed",
        cluster: { server: c.server, "certificate-authority-data": Buffer.from(c.caData).toString("base64") },
      },
    ],
    users: [
      { name: "admin", user: { token: c.adminToken } },
      { name: "restricted", user: { token: c.restrictedToken } },
    ],
    contexts: [ctx("admin"), ctx("restricted")],
    "current-context": "admin",
  };
  writeFileSync(c.kubeconfigPath, stringify(kubeconfig), { mode: 0o600 });
}
