import { type ChildProcess, execFile, execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { deployImage, importImage } from "../../testing/testbed/deployed/image";
import { type IngressUser, SIGN_IN_TEXT, startIngress } from "../../testing/testbed/deployed/ingress";
import { writeOverlay } from "../../testing/testbed/deployed/overlay";
import { runningContainer } from "../../testing/testbed/deployed/runtime";
import {
  followEndpoints,
  readyEndpoints,
  serveKubernetesService,
  serviceSocket,
} from "../../testing/testbed/deployed/service";
import { nodeBinaries } from "../../testing/testbed/node/binaries";
import { NODE_NAME, NODE_SPECS } from "../../testing/testbed/node/config";
import { until } from "../../testing/testbed/node/truth";
import { everyEdgeDrawn } from "../edges";
import { snap } from "../screenshot";
import { bedInfo, makeTeam, type PodView, readyPod, TEAMS, teamPod } from "./deployed-bed";
import { nodeBed } from "./node-bed";

// deploy/Containerfile built here, deploy/kubernetes applied with `kubectl apply -k` (an overlay sets the image and
// what this bed lacks: DNS, the node pin), the pod run by the real kubelet, and Debian's nginx in front as
// deploy/kubernetes/ingress.yaml wires ingress-nginx + oauth2-proxy. Two users in Chromium through it.
test.describe.configure({ mode: "serial" });

const bed = nodeBed();
const info = bedInfo();
const node = info.nodes.find((n) => n.name === NODE_NAME) ?? info.nodes[0];
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const base = Number(process.env.PLUMBLINE_E2E_PORT ?? 3100);
const FRONT = base + 7;
const AUTH = base + 8;
const selector = "app.kubernetes.io/name=plumbline";
const work = mkdtempSync(path.join(tmpdir(), "plumbline-deployed-"));
// nginx's workers (user nobody) reach the Service's socket in here.
chmodSync(work, 0o711);
const procs: ChildProcess[] = [];
const stops: (() => Promise<void> | void)[] = [];
const tokens = new Map<string, string>();
const users: IngressUser[] = [];
let deployed: PodView | undefined;

/** The bridge CNI's gateway: the first address of the node's pod range (10.88.0.0/16 -> 10.88.0.1). */
const gateway = (cidr: string): string => cidr.replace(/\.0\/\d+$/, ".1");

const kubectlAsync = (...args: string[]) =>
  promisify(execFile)(nodeBinaries().kubectl, ["--kubeconfig", info.kubeconfigPath, "--context", "admin", ...args]);
const kubectl = (...args: string[]): string =>
  execFileSync(nodeBinaries().kubectl, ["--kubeconfig", info.kubeconfigPath, "--context", "admin", ...args], {
    encoding: "utf8",
  });

test.beforeAll(async () => {
  // A cold build (base images from Debian, npm ci, next build) takes minutes; a cached one is instant.
  test.setTimeout(45 * 60_000);
  if (!node) throw new Error("the bed has no node");
  const image = deployImage();
  console.log(
    `deployed: image ${image.ref}, ${(image.sizeBytes / 1e6).toFixed(0)} MB, built in ${image.builtSeconds} s`,
  );
  test.info().annotations.push({ type: "image", description: `${image.ref} ${image.sizeBytes} bytes` });
  importImage(image.archive, node.containerdSock);
  // The teams' pods first: their sandboxes make the node's pod bridge, whose gateway address serves the API.
  for (const t of TEAMS) tokens.set(t.user, await makeTeam(bed.request, t));
  procs.push(await serveKubernetesService(node.netns, Number(new URL(info.server).port)));
  const overlay = writeOverlay(path.join(work, "overlay"), {
    base: "kubernetes",
    image: image.ref,
    namespaces: TEAMS.map((t) => t.ns),
    node: node.name,
    apiAddress: gateway(NODE_SPECS.find((n) => n.name === node.name)?.podCidr ?? ""),
  });
  process.env.PLUMBLINE_DEPLOYED_OVERLAY = overlay;
  process.env.PLUMBLINE_DEPLOYED_KIOSK = writeOverlay(path.join(work, "kiosk"), {
    base: "kubernetes-kiosk",
    image: image.ref,
    namespaces: TEAMS.map((t) => t.ns),
    node: node.name,
    apiAddress: gateway(NODE_SPECS.find((n) => n.name === node.name)?.podCidr ?? ""),
  });
  process.env.PLUMBLINE_DEPLOYED_IMAGE_BYTES = String(image.sizeBytes);
});

test.afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  for (const p of procs) p.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

test("kubectl apply -k deploy/kubernetes: Ready on the node, non-root, read-only, no capability, Service answers", async () => {
  // deploy/README.md's steps, in its order: the namespace, the check, the apply, the rollout.
  const overlay = process.env.PLUMBLINE_DEPLOYED_OVERLAY ?? "";
  kubectl("apply", "-f", path.join(repoRoot, "deploy/kubernetes/namespace.yaml"));
  const check = spawnSync(
    "npx",
    [
      "tsx",
      "--tsconfig",
      "tsconfig.json",
      "scripts/deploy-check.ts",
      overlay,
      "--kubeconfig",
      info.kubeconfigPath,
      "--context",
      "admin",
    ],
    { cwd: repoRoot, encoding: "utf8", env: { ...process.env, KUBECTL: nodeBinaries().kubectl } },
  );
  expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  const applied = Date.now();
  // Watched while kubectl runs (asynchronously), so the test sees the pod appear and become Ready.
  const ready = readyPod(bed.request, "plumbline", selector);
  await kubectlAsync("apply", "-k", overlay);
  await kubectlAsync("rollout", "status", "deployment/plumbline", "-n", "plumbline", "--timeout=300s");
  const { pod, firstSeen, readyAt } = await ready;
  deployed = pod;
  const created = Date.parse(pod.metadata.creationTimestamp);
  const readyCondition = pod.status?.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime ?? "";
  console.log(
    `deployed: cold start (pod created -> Ready, API timestamps) ${(Date.parse(readyCondition) - created) / 1000} s; ` +
      `seen by the test ${((readyAt - firstSeen) / 1000).toFixed(1)} s; apply -> Ready ${((readyAt - applied) / 1000).toFixed(1)} s`,
  );
  expect(pod.spec.nodeName).toBe(node?.name);

  // As the API server stored it (after admission: restricted Pod Security enforced on the namespace).
  expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1001 });
  const [c] = pod.spec.containers;
  expect(c?.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  const status = pod.status?.containerStatuses?.[0];
  expect(status).toMatchObject({ ready: true, restartCount: 0 });

  // As it runs: the OCI spec containerd gave runc, and the kernel's view of the server process.
  const running = runningContainer(node?.containerdSock ?? "", status?.containerID ?? "");
  console.log(`deployed: as running ${JSON.stringify(running)}`);
  expect(running.spec).toMatchObject({ uid: 1001, gid: 1001, readonlyRoot: true, noNewPrivileges: true });
  expect(running.spec.capabilities).toEqual([]);
  expect(running.spec.seccomp).toBe("SCMP_ACT_ERRNO");
  expect(running.kernel.uid.split(/\s+/)).toEqual(["1001", "1001", "1001", "1001"]);
  expect(running.kernel).toMatchObject({
    capEff: "0000000000000000",
    capBnd: "0000000000000000",
    noNewPrivs: "1",
    seccomp: "2",
  });
  expect(running.kernel.rootMount.split(",")).toContain("ro");

  // The Service's EndpointSlice (the real endpointslice controller, from the pod's readiness) names the pod, and
  // the endpoint answers from inside the node.
  const endpoints = await until("the Service's ready endpoint", async () => {
    const e = await readyEndpoints(bed.request, "plumbline", "plumbline", "http");
    return e.length > 0 ? e : undefined;
  });
  expect(endpoints).toEqual([`${pod.status?.podIP}:3000`]);
  const code = execFileSync(
    "ip",
    [
      "netns",
      "exec",
      node?.netns ?? "",
      "curl",
      "-s",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code}",
      `http://${endpoints[0]}/api/readyz`,
    ],
    { encoding: "utf8" },
  );
  expect(code).toBe("200");
  // The probes keep passing: still Ready, never restarted, after two liveness periods.
  await new Promise((r) => setTimeout(r, 45_000));
  const later = await readyPod(bed.request, "plumbline", selector);
  expect(later.pod.metadata.uid).toBe(pod.metadata.uid);
  expect(later.pod.status?.containerStatuses?.[0]?.restartCount).toBe(0);
});

async function signIn(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const code = users.find((u) => u.session === `session-${user}`)?.code ?? "";
  await page.goto(`http://127.0.0.1:${FRONT}/oauth2/callback?code=${code}`);
  return page;
}

test("two users through nginx: own namespaces only, live updates, sign-in without a session, client headers ignored", async ({
  browser,
}, testInfo) => {
  const target = path.join(work, "endpoint");
  const socket = path.join(work, "plumbline.sock");
  const follower = followEndpoints(bed.request, "plumbline", "plumbline", "http", target);
  stops.push(follower.stop);
  procs.push(await serviceSocket(node?.netns ?? "", socket, target));
  for (const t of TEAMS)
    users.push({ code: `code-${t.user}-${Date.now()}`, session: `session-${t.user}`, token: tokens.get(t.user) ?? "" });
  const ingress = await startIngress({
    dir: path.join(work, "nginx"),
    port: FRONT,
    authPort: AUTH,
    upstreamSocket: `unix:${socket}`,
    users,
  });
  stops.push(ingress.stop);

  // No session: the sign-in page, for the dashboard and for its API alike.
  const anon = await (await browser.newContext()).newPage();
  await anon.goto(`http://127.0.0.1:${FRONT}/`);
  await expect(anon.getByRole("heading", { name: SIGN_IN_TEXT })).toBeVisible();
  await snap(anon, testInfo, "deployed-sign-in");
  const api = await fetch(`http://127.0.0.1:${FRONT}/api/trpc/topology.viewSnapshot`, {
    redirect: "manual",
    headers: { authorization: `Bearer ${tokens.get("alice")}` },
  });
  expect(api.status).toBe(302);

  const [alice, bob] = [await signIn(browser, "alice"), await signIn(browser, "bob")];
  // The image holds proxy.ts (a hand-picked COPY list once left it out): pages carry its nonce-based CSP.
  const page = await alice.request.get(`http://127.0.0.1:${FRONT}/`);
  expect(page.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  for (const [page, own, other] of [
    [alice, TEAMS[0], TEAMS[1]],
    [bob, TEAMS[1], TEAMS[0]],
  ] as const) {
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
    await expect(page.getByTestId(`rf__node-pod/${own.ns}/${own.user}-app/if/net1`)).toBeVisible();
    await expect(page.getByTestId(`rf__node-pod/${other.ns}/${other.user}-app/if/net1`)).toHaveCount(0);
    await expect(page.locator('[data-testid="finding"][data-code="source-degraded"]').first()).toContainText(
      "forbidden",
    );
  }
  await snap(alice, testInfo, "deployed-alice");
  await snap(bob, testInfo, "deployed-bob");

  // A token in a header the proxy does not set (or one it overwrites) changes nothing: still bob's picture.
  await bob.context().setExtraHTTPHeaders({
    "x-forwarded-access-token": tokens.get("alice") ?? "",
    authorization: `Bearer ${tokens.get("alice")}`,
  });
  await bob.reload();
  await expect(bob.getByTestId(`rf__node-pod/team-b/bob-app/if/net1`)).toBeVisible();
  await expect(bob.getByTestId(`rf__node-pod/team-a/alice-app/if/net1`)).toHaveCount(0);

  // Server-sent events through the proxy: a new pod of alice's appears without a reload.
  await alice.evaluate(() => Object.assign(window, { plumblineNoReload: true }));
  await bed.request("POST", "/api/v1/namespaces/team-a/pods", teamPod(TEAMS[0], "alice-app-2"));
  await expect(alice.getByTestId("rf__node-pod/team-a/alice-app-2/if/net1")).toBeVisible({ timeout: 90_000 });
  expect(await alice.evaluate(() => "plumblineNoReload" in window)).toBe(true);
  await expect(bob.getByTestId("rf__node-pod/team-a/alice-app-2/if/net1")).toHaveCount(0);
  for (const p of [anon, alice, bob]) await p.context().close();
});

test("the pod killed mid-stream: the browser reconnects to the new pod and shows the same picture, no reload", async ({
  browser,
}, testInfo) => {
  const alice = await signIn(browser, "alice");
  await expect(alice.getByTestId("rf__node-pod/team-a/alice-app/if/net1")).toBeVisible();
  await expect(alice.getByTestId("source-status")).toHaveAttribute("data-state", "live");
  await alice.evaluate(() => Object.assign(window, { plumblineNoReload: true }));
  const old = deployed?.metadata.uid;
  kubectl("delete", "pod", "-n", "plumbline", "-l", selector, "--wait=false");
  const next = await readyPod(bed.request, "plumbline", selector, old);
  expect(next.pod.metadata.uid).not.toBe(old);
  // The new pod's stream: a change made after it started reaches the same page.
  await bed.request("POST", "/api/v1/namespaces/team-a/pods", teamPod(TEAMS[0], "alice-app-3"));
  await expect(alice.getByTestId("rf__node-pod/team-a/alice-app-3/if/net1")).toBeVisible({ timeout: 120_000 });
  // The same picture: her pods on her bridge, nobody else's, live.
  await expect(alice.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  for (const pod of ["alice-app", "alice-app-2", "alice-app-3"])
    await expect(
      alice.getByTestId(`rf__edge-attachment:pod/team-a/${pod}/if/net1->host/${NODE_NAME}/bridge/br-alice`),
    ).toBeAttached();
  await everyEdgeDrawn(alice);
  await expect(alice.getByTestId("rf__node-pod/team-b/bob-app/if/net1")).toHaveCount(0);
  await expect(alice.getByTestId("source-status")).toHaveAttribute("data-state", "live");
  expect(await alice.evaluate(() => "plumblineNoReload" in window)).toBe(true);
  await snap(alice, testInfo, "deployed-alice-after-pod-kill");
});

test("kubectl apply -k deploy/kubernetes-kiosk: the same pod reads as its service account, everyone sees it all, under a red banner", async ({
  browser,
}, testInfo) => {
  const before = (await readyPod(bed.request, "plumbline", selector)).pod.metadata.uid;
  await kubectlAsync("apply", "-k", process.env.PLUMBLINE_DEPLOYED_KIOSK ?? "");
  await kubectlAsync("rollout", "status", "deployment/plumbline", "-n", "plumbline", "--timeout=300s");
  const { pod } = await readyPod(bed.request, "plumbline", selector, before);
  const running = runningContainer(node?.containerdSock ?? "", pod.status?.containerStatuses?.[0]?.containerID ?? "");
  expect(running.spec).toMatchObject({ uid: 1001, readonlyRoot: true, noNewPrivileges: true });
  expect(running.kernel.capEff).toBe("0000000000000000");
  // alice signs in as before; the page now shows what the service account reads: both teams, and says so.
  const alice = await signIn(browser, "alice");
  await expect(alice.getByRole("alert").filter({ hasText: "Kiosk mode" })).toBeVisible();
  await expect(alice.getByTestId("graph-canvas")).toHaveAttribute("data-layout", "done");
  await expect(alice.getByTestId("rf__node-pod/team-a/alice-app/if/net1")).toBeVisible();
  await expect(alice.getByTestId("rf__node-pod/team-b/bob-app/if/net1")).toBeVisible();
  await expect(alice.getByTestId("source-status")).toHaveAttribute("data-state", "live");
  await snap(alice, testInfo, "deployed-kiosk");
  await alice.context().close();
});
