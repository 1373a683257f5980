import {
  AuthenticationV1Api,
  type Informer,
  type KubeConfig,
  type KubernetesObject,
  ListWatch,
  type ObjectCache,
  Watch,
} from "@kubernetes/client-node";
import { httpStatus, reasonOf } from "./errors";
import { leanInPlace } from "./lean.mjs";

/**
 * Every watch ends after `timeoutSeconds` and the informer opens the next one at the same resourceVersion. An
 * open watch is not cut when RBAC changes; the next one is authorised afresh, so a revoked binding shows within
 * one timeout instead of the API server's 30–60 minutes.
 */
class BoundedWatch extends Watch {
  constructor(
    kc: KubeConfig,
    private readonly timeoutSeconds: number,
    private readonly kind: string,
  ) {
    super(kc);
  }
  override watch(...[path, query, callback, done]: Parameters<Watch["watch"]>): ReturnType<Watch["watch"]> {
    // Watch events arrive whole: trimmed before the informer keeps them (list items are trimmed as they are read).
    const lean: typeof callback = (phase, obj: KubernetesObject, watchObj) => {
      if (phase === "ADDED" || phase === "MODIFIED" || phase === "DELETED") leanInPlace(obj, this.kind);
      callback(phase, obj, watchObj);
    };
    return super.watch(path, { ...query, timeoutSeconds: this.timeoutSeconds }, lean, done);
  }
}

type ListFn = ConstructorParameters<typeof ListWatch<KubernetesObject>>[2];

/**
 * client-node's makeInformer, with bounded watches (and the field selector makeInformer cannot pass), whose
 * objects are cut to what the topology reads before the informer keeps them.
 */
export function boundedInformer(
  kc: KubeConfig,
  path: string,
  list: ListFn,
  opts: { timeoutSeconds: number; kind: string; fieldSelector?: string; labelSelector?: string },
): Informer<KubernetesObject> & ObjectCache<KubernetesObject> {
  const watch = new BoundedWatch(kc, opts.timeoutSeconds, opts.kind);
  return new ListWatch(path, watch, list, false, opts.labelSelector, opts.fieldSelector);
}

export type Who = { ok: true; username: string } | { ok: false; status: number; reason: string };

/**
 * Who the API server says these credentials are (SelfSubjectReview: any authenticated caller may ask). 401
 * means the token is no longer accepted; other failures (network, an old API server) are not a verdict on it.
 */
export async function whoAmI(kc: KubeConfig): Promise<Who | null> {
  try {
    const review = await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
      body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
    });
    return { ok: true, username: review.status?.userInfo?.username ?? "" };
  } catch (err) {
    const status = httpStatus(err);
    if (status === 401) return { ok: false, status, reason: reasonOf(err) };
    return null;
  }
}

/** Asks every `everyMs` whether the API server still accepts these credentials; `onRefused` on a 401. */
export function checkCredentials(kc: KubeConfig, everyMs: number, onRefused: (reason: string) => void): () => void {
  const timer = setInterval(async () => {
    const who = await whoAmI(kc);
    if (who && !who.ok) onRefused(who.reason);
  }, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
