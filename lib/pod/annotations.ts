export const NETWORKS_ANNOTATION = "k8s.v1.cni.cncf.io/networks";
export const NETWORK_STATUS_ANNOTATION = "k8s.v1.cni.cncf.io/network-status";
/** Deprecated plural copy; Multus stopped writing it in v4.0. Read only as a fallback. */
export const NETWORKS_STATUS_ANNOTATION_DEPRECATED = "k8s.v1.cni.cncf.io/networks-status";
