// What the preload (early-preload-lists.mjs) leaves for the server's code: no import at all, so the preload's thread
// of the server loads nothing before Next but this, and early-lists.ts takes the lists from the same slot.

/** an early list nobody took by then is dropped (its memory is what it holds unread, KEPT_BYTES at most) */
export const UNTAKEN_MS = 60_000;

/**
 * What a List's body keeps unread, on each side of its PassThrough, before its socket is no longer read
 * (early-requests.mjs) and, for the preload's, the List's bytes whose items its thread has handed over and the
 * server's thread not yet taken, before that thread stops reading it (early-preload-lists.mjs): seconds of
 * the API server's sending, so the Lists go on while the server's code loads, but not a whole List (issue 26: at
 * 150,000 pods the server's thread parses slower than the API server sends, and the unread List piled up here).
 */
export const KEPT_BYTES = 16 * 2 ** 20;

/**
 * What the preload sends before the server's code has loaded: the kinds whose Lists are big (pods above all) or that
 * the store needs first. Each is the path early-lists.ts asks for that kind (`resourcePath` + `listQuery`;
 * early-lists.test.ts holds them equal), and the kind its items are trimmed as (lean.mjs) on the preload's thread;
 * the other watched kinds go out once the server's code has loaded.
 */
export const PRELOADED = [
  { kind: "Node", path: "/api/v1/nodes?resourceVersion=0" },
  { kind: "Pod", path: "/api/v1/pods?labelSelector=%21plumbline.io%2Fprobe-run&resourceVersion=0" },
  {
    kind: "NetworkAttachmentDefinition",
    path: "/apis/k8s.cni.cncf.io/v1/network-attachment-definitions?resourceVersion=0",
  },
  { kind: "NodeNetworkState", path: "/apis/nmstate.io/v1beta1/nodenetworkstates?resourceVersion=0" },
];
export const PRELOADED_PATHS = PRELOADED.map((p) => p.path);

/**
 * The preloaded LIST of this path when it went to this target's server with its credential, taken once: its items
 * (already trimmed, in batches) and head, or null when it failed; undefined when it went elsewhere or was taken
 * meanwhile (the caller sends it afresh). Undefined at once when nothing was preloaded for the path. (The preload's
 * thread reads the kubeconfig itself: which server and credential it used is known once it says so, long before the
 * server's code asks.)
 */
export function takePreloaded(t, path) {
  const lists = globalThis.__plumblinePreloaded;
  const list = lists?.get(path);
  if (!list) return undefined;
  return list.target.then((sent) => {
    const same = sent && sent.server === t.server && sent.credential === t.credential;
    if (!same || lists.get(path) !== list) return undefined;
    lists.delete(path);
    return list.body;
  });
}
