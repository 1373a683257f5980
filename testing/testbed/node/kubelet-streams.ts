// Pod logs and exec the way `kubectl logs` / `kubectl exec` do them: @kubernetes/client-node against the apiserver,
// which reaches the pod's kubelet through its egress selector (testing/testbed/egress.ts). Used by the bed's own
// test and by anyone who needs a command's output from a pod on a node.
import { Writable } from "node:stream";
import { CoreV1Api, Exec, KubeConfig } from "@kubernetes/client-node";

export function adminConfig(kubeconfigPath: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  kc.setCurrentContext("admin");
  return kc;
}

export function podLog(kc: KubeConfig, namespace: string, name: string, container?: string): Promise<string> {
  return kc.makeApiClient(CoreV1Api).readNamespacedPodLog({ name, namespace, container });
}

/** Runs `command` in the container (no TTY, no stdin); resolves with its stdout, stderr and exit status. */
export function podExec(
  kc: KubeConfig,
  namespace: string,
  name: string,
  container: string,
  command: string[],
): Promise<{ stdout: string; stderr: string; status: string; code: number }> {
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        append(chunk.toString("utf8"));
        done();
      },
    });
  return new Promise((resolve, reject) => {
    new Exec(kc)
      .exec(
        namespace,
        name,
        container,
        command,
        sink((s) => (stdout += s)),
        sink((s) => (stderr += s)),
        null,
        false,
        (st) => {
          const cause = st.details?.causes?.find((c) => c.reason === "ExitCode");
          resolve({
            stdout,
            stderr,
            status: st.status ?? "",
            code: Number(cause?.message ?? (st.status === "Success" ? 0 : -1)),
          });
        },
      )
      .then((ws) => ws.on("error", reject), reject);
  });
}
