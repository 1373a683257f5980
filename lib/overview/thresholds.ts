import type { Topology } from "../contract/schema";

/**
 * Past this many hosts or pods a cluster view is the hosts × networks matrix: a graph of that many boxes cannot be
 * read at any zoom that fits the screen. One rule for the server (which sends the aggregate instead of the pods) and
 * the page (which draws the matrix): if they disagreed, a view would come as pods and be drawn as the matrix, or come
 * as an aggregate with nothing to draw a graph from.
 */
export const MATRIX_OVER_HOSTS = 8;
export const MATRIX_OVER_PODS = 300;

/** Whether this many hosts and pods are drawn as the matrix. */
export const pastMatrixThresholds = (n: { hosts: number; pods: number }): boolean =>
  n.hosts > MATRIX_OVER_HOSTS || n.pods > MATRIX_OVER_PODS;

/**
 * A network's view stays a graph further: its boxes are one network's pods, and the dashed lines between hosts tell
 * that network's story. Past this many hosts or pods it too is the matrix (the cluster view filtered by that
 * network): 500 host boxes cannot be read at any zoom that fits the screen. The server sends a network's view as its
 * overview past these (ViewQuery.aggregate "network"), and the page draws whatever overview it is sent.
 */
export const NETWORK_MATRIX_OVER_HOSTS = 50;
export const NETWORK_MATRIX_OVER_PODS = 1_000;

/** Whether a network's view of this many hosts and pods is drawn as the matrix. */
export const pastNetworkGraph = (n: { hosts: number; pods: number }): boolean =>
  n.hosts > NETWORK_MATRIX_OVER_HOSTS || n.pods > NETWORK_MATRIX_OVER_PODS;

/** The hosts and pods of a topology, counted in one pass. */
export function hostsAndPods(t: Topology): { hosts: number; pods: number } {
  let hosts = 0;
  let pods = 0;
  for (const e of t.elements) {
    if (e.kind === "host") hosts++;
    else if (e.kind === "pod") pods++;
  }
  return { hosts, pods };
}
