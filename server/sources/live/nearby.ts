/**
 * An API server on this machine or this cluster's own (in-cluster config): its Lists are read uncompressed. It would
 * gzip a 40 MB List (CPU on a core this process may share) for this process to gunzip on the thread that parses it;
 * neither pays off on so short a hop. A remote API server (a laptop's kubeconfig) still sends them compressed.
 */
export function nearby(server: string): boolean {
  let host: string;
  try {
    host = new URL(server).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return false;
  }
  const inCluster = process.env.KUBERNETES_SERVICE_HOST;
  return (
    host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host) || (!!inCluster && host === inCluster)
  );
}
