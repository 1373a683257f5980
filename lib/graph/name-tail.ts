/**
 * A name cut in two for a box too narrow for it: the head may be shortened (an ellipsis in the middle of the name),
 * the tail never. The tail is the name's last dash-separated part, which is what tells generated names apart: the
 * random suffix of a Deployment's, Job's or DaemonSet's pod ("-wbx5f"), a StatefulSet's ordinal ("-2"). Two pods of one
 * ReplicaSet differ only there, so an ellipsis at the end ("pod-a-66b77fb7f…") made them read the same.
 */
export interface NameParts {
  /** the start of the name, shortened on screen if it must be */
  head: string;
  /** the distinguishing end, drawn whole; empty when the name has none */
  tail: string;
}

/** Longest last part kept whole: generated suffixes are 5 characters, ordinals a few digits. */
const MAX_TAIL = 8;

export function nameParts(name: string): NameParts {
  const dash = name.lastIndexOf("-");
  const tail = dash > 0 ? name.slice(dash) : "";
  // "-" alone (a name ending in a dash) or a long last word is no suffix: the whole name may then shorten at its end.
  if (tail.length < 2 || tail.length > MAX_TAIL + 1) return { head: name, tail: "" };
  return { head: name.slice(0, dash), tail };
}
