import type { UdnOwner } from "@/lib/udn-form/owner";
import { withContext } from "../form/context-url";

/** The page of one UDN/CUDN (its values as the form shows them, its status, clone). */
export const udnViewUrl = (ref: UdnOwner, context: string | undefined): string =>
  withContext("/networks/udn/view", context, { kind: ref.kind, ns: ref.namespace, name: ref.name });

/** The UDN form, for a kind, or as a copy of an existing one. */
export function udnNewUrl(opts: { kind?: UdnOwner["kind"]; clone?: UdnOwner }, context: string | undefined): string {
  const clone = opts.clone;
  return withContext("/networks/udn/new", context, {
    kind: clone?.kind ?? opts.kind,
    clone: clone ? (clone.namespace ? `${clone.namespace}/${clone.name}` : clone.name) : undefined,
  });
}
