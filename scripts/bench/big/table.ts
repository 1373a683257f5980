/**
 * The big-cluster table: each figure beside its goal (issue 26's, at 20k or at the maximum) and the raw LIST of the
 * same run where the goal is a ratio to it. A verdict (✓/✗) only where the row's figure is a single number.
 */
export interface Row {
  what: string;
  measured: string;
  /** the goal as the README states it, "" where the row is context (the reference, bytes, a breakdown) */
  goal: string;
  ok?: boolean;
}

export class Table {
  readonly rows: Row[] = [];
  constructor(readonly atMax: boolean) {}

  add(what: string, measured: string, goal = "", ok?: boolean): void {
    this.rows.push({ what, measured, goal, ok });
  }

  /** a figure in ms against an upper bound in ms */
  within(what: string, measured: string, value: number, bound: number, goal: string): void {
    this.add(what, measured, goal, value <= bound);
  }

  /** `complete`: the run reached its end (a failed run's table says it stopped, never "every goal met") */
  markdown(title: string, complete: boolean): string {
    const mark = (r: Row) => (r.ok === undefined ? r.goal : `${r.goal} ${r.ok ? "✓" : "✗"}`);
    const lines = [`| what (${title}) | measured | goal |`, "|---|---|---|"];
    for (const r of this.rows) lines.push(`| ${r.what} | ${r.measured} | ${mark(r)} |`);
    const missed = this.rows.filter((r) => r.ok === false).map((r) => r.what);
    if (!complete)
      lines.push("", "The run STOPPED before its end (see its error): the rows above are all it measured.");
    if (missed.length) lines.push("", `Missed: ${missed.join("; ")}.`);
    else if (complete) lines.push("", "Every goal in the table met.");
    return lines.join("\n");
  }
}

/** Issue 26's goals: the same at 20k and at the maximum except cold start and memory. */
export const goals = (atMax: boolean) => ({
  coldRatio: atMax ? 1.5 : 1.3,
  rssBytes: (atMax ? 3 : 1) * 2 ** 30,
  rss: atMax ? "≤ 3 GiB" : "≤ 1 GiB",
  ttiMs: 2000,
  changeMs: 1000,
  pickMs: 100,
  /** the cluster view's first message: bounded by what is on screen, so about its 20k size (978 KiB) */
  viewBytes: 2 ** 20,
});
