import { parseCniFailure } from "../cni-events/parse-failure";
import { podNetworkEvents } from "../events/select";
import type { KubeObject } from "../k8s/objects";

/**
 * Why a probe pod's network was not set up, from its newest sandbox-failure event (the same parser as a stuck pod's
 * cause: "IP range exhausted: 0 of 4 free in …"); undefined when no such event names it.
 */
export function explainStuck(events: readonly KubeObject[], namespace: string, pod: string): string | undefined {
  const list = podNetworkEvents(events).get(`${namespace}/${pod}`) ?? [];
  const failure = list.find((e) => e.reason !== "AddedInterface");
  return failure ? parseCniFailure(failure.message).summary : undefined;
}
