import type { ClusterSnapshot } from "@/lib/k8s/snapshot";
import type { ListRead } from "@/lib/wire/first-read";
import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";
import type { ClusterWriter } from "../../writers/types";
import type { ClusterSource } from "../types";

/** The API server's RBAC refusal names the user it refused (`User "alice" cannot list …`). */
export const REFUSED_USER = /User "[^"]*" cannot/g;

/**
 * What an access group's source shows, as the one picture its members' tabs read (one store, one set of view
 * channels: `feedOf` builds from this). It is a picture only while it names no user: a refusal names the member whose
 * token read (the holder), which each member must be shown as itself. The store takes in only what `snapshot` and
 * `status` hand it, so checking there sees every state the store ever held: once one named a user, `named` stays
 * and the members read stores of their own again (as they did before groups shared one).
 */
export class GroupPicture implements ClusterSource {
  private everNamed = false;
  private readonly checked = new WeakMap<ClusterSnapshot, boolean>();

  constructor(private readonly source: ClusterSource) {}

  /** Whether any state of the source handed out (or seen now) named a user. */
  named(): boolean {
    if (!this.everNamed) {
      this.status();
      this.snapshot();
    }
    return this.everNamed;
  }

  get info(): SourceInfo {
    return this.source.info;
  }
  revision(): number {
    return this.source.revision();
  }
  snapshot(): ClusterSnapshot {
    const snap = this.source.snapshot();
    let names = this.checked.get(snap);
    if (names === undefined) {
      names = snap.notes.some((n) => n.message.match(REFUSED_USER));
      this.checked.set(snap, names);
    }
    if (names) this.everNamed = true;
    return snap;
  }
  status(): SourceStatus {
    const status = this.source.status();
    if ("reason" in status && status.reason.match(REFUSED_USER)) this.everNamed = true;
    return status;
  }
  lists(): { lists: ListRead[]; done: boolean } {
    return this.source.lists?.() ?? { lists: [], done: true };
  }
  ready(): Promise<void> {
    return this.source.ready();
  }
  /** Once a state named a user nobody reads this picture again: its store is left as it is, not rebuilt. */
  subscribe(listener: () => void): () => void {
    return this.source.subscribe(() => {
      if (!this.everNamed) listener();
    });
  }
  /** The group closes its source; its picture holds nothing of its own. */
  async close(): Promise<void> {}
  writer(): ClusterWriter | null {
    return null;
  }
  readScope(resource: string): "all" | string[] {
    return this.source.readScope?.(resource) ?? "all";
  }
}

const pictures = new WeakMap<ClusterSource, GroupPicture>();

/** The one picture of a group's source, whichever member asks. */
export function pictureOf(source: ClusterSource): GroupPicture {
  let p = pictures.get(source);
  if (!p) {
    p = new GroupPicture(source);
    pictures.set(source, p);
  }
  return p;
}
