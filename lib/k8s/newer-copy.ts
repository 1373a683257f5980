import { compareCodePoints } from "../compare";
import { fingerprint } from "./fingerprint";
import type { KubeObject } from "./objects";

/** Of two copies of one object: the higher resourceVersion, else the one whose content sorts last (input order never decides). */
export function newerCopy(a: KubeObject, b: KubeObject): boolean {
  const ra = rv(a);
  const rb = rv(b);
  if (ra !== rb) return ra > rb;
  return compareCodePoints(fingerprint(a), fingerprint(b)) > 0;
}

function rv(o: KubeObject): bigint {
  const v = o.metadata.resourceVersion;
  return typeof v === "string" && /^\d{1,30}$/.test(v) ? BigInt(v) : -1n;
}
