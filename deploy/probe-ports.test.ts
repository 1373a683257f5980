// Every probe in every Deployment under deploy/ points at a port the kubelet can resolve. The kubelet resolves a
// named probe port in the probed container's own `ports` only (k8s.io/kubernetes v1.37.2, pkg/probe/util.go:
// ResolveContainerPort -> findPortByName(container, name) loops over container.Ports), never in a sibling's: a
// name only the sidecar declares makes the probe fail with `port "https" not found` and the pod never Ready.
// A numeric port is taken as is; it must still be one some container of the pod declares (the containers share
// one network namespace), or the probe knocks on a closed port.
// The kiosk overlays patch env, args and mounts but no probe or port; the node test applies them on a real kubelet.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

interface ProbePort {
  port?: string | number;
}
interface Probe {
  httpGet?: ProbePort;
  tcpSocket?: ProbePort;
  grpc?: ProbePort;
}
interface Container {
  name: string;
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
}
interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
}
interface Doc {
  kind?: string;
  metadata?: { name?: string };
  spec?: { template?: { spec?: PodSpec } };
}

const deployDir = path.dirname(fileURLToPath(import.meta.url));

/** Every Deployment document in every YAML file under deploy/, with the file it came from. */
function deployments(): { where: string; spec: PodSpec }[] {
  const files = readdirSync(deployDir, { recursive: true, encoding: "utf8" }).filter((f) => /\.ya?ml$/.test(f));
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(deployDir, file), "utf8"))
      .map((d) => d.toJS() as Doc | null)
      .filter((d): d is Doc => d?.kind === "Deployment" && d.spec?.template?.spec !== undefined)
      .map((d) => ({ where: `${file}: Deployment ${d.metadata?.name}`, spec: d.spec?.template?.spec ?? {} })),
  );
}

/** Why the kubelet cannot probe each of the pod's probes; empty when every probe resolves. */
function probePortProblems(spec: PodSpec): string[] {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const declared = new Set(containers.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort)));
  const problems: string[] = [];
  for (const c of containers) {
    for (const kind of ["livenessProbe", "readinessProbe", "startupProbe"] as const) {
      const probe = c[kind];
      const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
      if (port === undefined) continue;
      if (typeof port === "string") {
        if (!(c.ports ?? []).some((p) => p.name === port))
          problems.push(`${c.name}.${kind}: port "${port}" not found in container ${c.name}'s own ports`);
      } else if (!declared.has(port)) problems.push(`${c.name}.${kind}: port ${port} is declared by no container`);
    }
  }
  return problems;
}

describe("probe ports, resolved as the kubelet does", () => {
  const all = deployments();

  it("finds the Deployments of both platforms", () => {
    expect(all.map((d) => d.where)).toEqual(
      expect.arrayContaining([
        "openshift/deployment.yaml: Deployment plumbline",
        "kubernetes/deployment.yaml: Deployment plumbline",
      ]),
    );
  });

  it.each(all)("$where: every probe's port resolves in the probed container", ({ spec }) => {
    expect(probePortProblems(spec)).toEqual([]);
  });

  it("refuses a port name only a sibling container declares (the old OpenShift probes)", () => {
    const spec: PodSpec = {
      containers: [
        { name: "proxy", ports: [{ name: "https", containerPort: 8443 }] },
        {
          name: "app",
          ports: [{ name: "http", containerPort: 3000 }],
          readinessProbe: { httpGet: { port: "https" } },
          livenessProbe: { tcpSocket: { port: 9999 } },
        },
      ],
    };
    expect(probePortProblems(spec)).toEqual([
      `app.livenessProbe: port 9999 is declared by no container`,
      `app.readinessProbe: port "https" not found in container app's own ports`,
    ]);
  });
});
