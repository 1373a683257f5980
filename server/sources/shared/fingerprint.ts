import type { AskQuestion } from "../live/access-review";
import { WATCHED } from "../live/resources";

/**
 * An identity's access fingerprint: its own answers (SelfSubjectAccessReview, asked with its own token) to exactly
 * the questions that decide what its live source reads — may it list and watch each watched kind cluster-wide, and
 * where it may not, in each fallback namespace. Two identities with one fingerprint get the same parts, the same
 * refusals and so the same picture from a source: they may share one.
 */
export interface Fingerprint {
  /** the answers in a fixed order, e.g. "/pods:11;…": the group key */
  key: string;
  /** the list answers alone: what a periodic review compares (a change of access shows in them) */
  listKey: string;
  /** the access keys (as access-review.ts's accessKey: group|resource|namespace) this identity may list */
  allowed: ReadonlySet<string>;
}

type Verb = "list" | "watch";

/** Each kind the live source reads (fallbacks included) once, with whether it lives in namespaces. */
const KINDS = (() => {
  const seen = new Map<string, { group: string; resource: string; namespaced: boolean }>();
  for (const w of WATCHED.flatMap((r) => (r.fallback ? [r, r.fallback] : [r]))) {
    const group = w.apiVersion.includes("/") ? (w.apiVersion.split("/")[0] ?? "") : "";
    seen.set(`${group}/${w.resource}`, { group, resource: w.resource, namespaced: w.namespaced });
  }
  return [...seen.values()];
})();

/**
 * Asks every question of the fingerprint (a namespace is asked only for a namespaced kind refused cluster-wide: RBAC
 * only adds, so a kind listed cluster-wide may be listed in every namespace). `verbs`: both for a group's key, list
 * alone for the periodic review (then `key` is list-only too). null when any question had no answer (API server
 * down, token refused, throttled): no verdict, so no sharing on it.
 */
export async function fingerprintOf(
  ask: AskQuestion,
  fallback: readonly string[],
  verbs: readonly Verb[] = ["list", "watch"],
): Promise<Fingerprint | null> {
  const asked = async (group: string, resource: string, namespace?: string) => {
    const answers = await Promise.all(
      verbs.map((verb) => ask({ verb, group, resource, ...(namespace ? { namespace } : {}) })),
    );
    return answers.some((a) => a === null) ? null : answers.map((a) => (a ? "1" : "0")).join("");
  };
  const rows = await Promise.all(
    KINDS.map(async ({ group, resource, namespaced }) => {
      const wide = await asked(group, resource);
      if (wide === null) return null;
      const at = (ns: string) => `${group}|${resource}|${ns}`;
      const allowed: string[] = [];
      const row = {
        text: `${group}/${resource}:${wide}`,
        list: `${group}/${resource}:${wide[0]}`,
        allowed,
      };
      if (wide.startsWith("1")) row.allowed.push(at(""), ...fallback.map(at));
      if (wide.includes("0") && namespaced) {
        const inNs = await Promise.all(fallback.map((ns) => asked(group, resource, ns)));
        for (const [i, a] of inNs.entries()) {
          const ns = fallback[i] ?? "";
          if (a === null) return null;
          row.text += `,${ns}:${a}`;
          // (comparable with a list-only fingerprint, which asks namespaces only where the list is refused)
          if (wide.startsWith("0")) row.list += `,${ns}:${a[0]}`;
          if (a.startsWith("1") && !wide.startsWith("1")) row.allowed.push(at(ns));
        }
      }
      return row;
    }),
  );
  const done = rows.flatMap((r) => (r ? [r] : []));
  if (done.length < rows.length) return null;
  return {
    key: done.map((r) => r.text).join(";"),
    listKey: done.map((r) => r.list).join(";"),
    allowed: new Set(done.flatMap((r) => r.allowed)),
  };
}
