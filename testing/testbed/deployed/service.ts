// What kube-proxy and cluster DNS would give the deployed pod, stood in for on the bed (it has neither):
//   - the `kubernetes` Service: port 443 of the node, the pods' gateway, forwarded to the API server;
//   - the plumbline Service, from the machine: a unix socket (for nginx) onto the Service's ready endpoint, which
//     followEndpoints() keeps equal to the EndpointSlice the real endpointslice controller writes.
// Every process here is started by the test and stopped by it.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Request } from "../node/truth";

const proxyScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../node/forward.mjs");

function startProxy(netns: string, listen: string, target: string): Promise<ChildProcess> {
  const proc = spawn("ip", ["netns", "exec", netns, process.execPath, proxyScript, listen, target], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    proc.stdout?.once("data", () => resolve(proc));
    proc.once("exit", (code) => reject(new Error(`forward.mjs ${listen} -> ${target} exited (${code})`)));
  });
}

/**
 * The API server on port 443 of the node itself, which the pods reach as their gateway (the bridge CNI's isGateway
 * address): what the `kubernetes` Service gives pods through kube-proxy. (A ClusterIP on a dummy link, as kube-proxy's
 * IPVS mode does it, is not possible here: the sandbox's network stack has no dummy links.)
 */
export const serveKubernetesService = (netns: string, apiPort: number) =>
  startProxy(netns, "tcp:0.0.0.0:443", `tcp:127.0.0.1:${apiPort}`);

/** A unix socket on the machine onto whatever address `targetFile` holds (from inside the node). */
export const serviceSocket = (netns: string, socket: string, targetFile: string) =>
  startProxy(netns, `unix:${socket}`, `file:${targetFile}`);

const sliceList = z.object({
  items: z.array(
    z.looseObject({
      endpoints: z
        .array(
          z.looseObject({
            addresses: z.array(z.string()),
            conditions: z.looseObject({ ready: z.boolean().optional() }),
          }),
        )
        .nullish(),
      ports: z.array(z.looseObject({ name: z.string().optional(), port: z.number() })).nullish(),
    }),
  ),
});

/** The Service's ready endpoints, as its EndpointSlices say ("ip:port"). */
export async function readyEndpoints(req: Request, ns: string, service: string, portName: string) {
  const r = await req(
    "GET",
    `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3D${service}`,
  );
  if (r.status !== 200) return [];
  return sliceList.parse(r.body).items.flatMap((s) => {
    const port = s.ports?.find((p) => p.name === portName)?.port;
    return (s.endpoints ?? [])
      .filter((e) => e.conditions.ready === true && port)
      .flatMap((e) => e.addresses.map((a) => `${a}:${port}`));
  });
}

/** Keeps `file` = "tcp:<first ready endpoint>" (empty when none) every 300 ms, as ingress-nginx follows endpoints. */
export function followEndpoints(req: Request, ns: string, service: string, portName: string, file: string) {
  let stopped = false;
  let last = "-";
  const loop = async () => {
    while (!stopped) {
      const [first] = await readyEndpoints(req, ns, service, portName).catch(() => []);
      const target = first ? `tcp:${first}` : "";
      if (target !== last) writeFileSync(file, target);
      last = target;
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  const done = loop();
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
