/**
 * Element id → the revision of its last change. A cold start's first commit upserts every element (71k at 20k pods):
 * that commit's own set of upserted ids is kept as the bottom layer, read through, rather than copied into a map id by
 * id on the way to the first message (~30–80 ms of hash-table growth at load). Later commits' ids go into `later`,
 * and an id of the first set removed since is noted in `gone`.
 */
export class ElementRevisions {
  private first: { revision: number; ids: ReadonlySet<string> } | null = null;
  private readonly gone = new Set<string>();
  private readonly later = new Map<string, number>();

  get(id: string): number | undefined {
    const r = this.later.get(id);
    if (r !== undefined) return r;
    const first = this.first;
    return first?.ids.has(id) && !this.gone.has(id) ? first.revision : undefined;
  }

  delete(id: string): void {
    this.later.delete(id);
    if (this.first?.ids.has(id)) this.gone.add(id);
  }

  /**
   * A commit's upserted ids are at `revision` now. The set is held, not copied, when nothing came before it: the
   * store makes a new one per commit and nothing changes it after.
   */
  commit(revision: number, upserted: ReadonlySet<string>): void {
    if (this.first === null && this.later.size === 0) {
      this.first = { revision, ids: upserted };
      return;
    }
    for (const id of upserted) this.later.set(id, revision);
  }
}
