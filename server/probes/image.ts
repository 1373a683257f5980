import { readConfig } from "../config";

/** What `oc debug node` runs on OpenShift: the cluster's `tools` image stream (iputils ping, ip, a shell). */
export const OPENSHIFT_TOOLS_IMAGE = "image-registry.openshift-image-registry.svc:5000/openshift/tools:latest";
/** Elsewhere: busybox (its ping, ip and sh). */
export const DEFAULT_PROBE_IMAGE = "docker.io/library/busybox:1.36";

/** The probe image: PLUMBLINE_PROBE_IMAGE, else by the kind of cluster. */
export function probeImage(openshift: boolean, env: Record<string, string | undefined> = process.env): string {
  return readConfig(env).PLUMBLINE_PROBE_IMAGE ?? (openshift ? OPENSHIFT_TOOLS_IMAGE : DEFAULT_PROBE_IMAGE);
}

export function probeTtlSeconds(env: Record<string, string | undefined> = process.env): number {
  return readConfig(env).PLUMBLINE_PROBE_TTL_SECONDS;
}
