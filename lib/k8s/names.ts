/** Kubernetes' own name rules (apimachinery validation): what the API server would refuse, a file may still hold. */

/** an RFC 1123 label's characters (the length limit is separate: 63) */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** RFC 1123 label: namespaces, and the network names Multus accepts in a request. */
export const isDnsLabel = (s: string): boolean => s.length <= 63 && DNS_LABEL.test(s);

/** RFC 1123 subdomain: the names of pods, nodes and custom resources. */
export const isDnsSubdomain = (s: string): boolean => s.length <= 253 && DNS_SUBDOMAIN.test(s);
