/**
 * The command-line options of the in-process view benchmarks (view-commit.ts, view-sizes.ts): the generated
 * cluster's size (the big-cluster bench's 20k by default), how many distinct views beside the changed pod's own, and
 * how many change rounds.
 */
export const viewBenchOptions = (rounds: number) =>
  ({
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "200" },
    views: { type: "string", default: "19" },
    rounds: { type: "string", default: String(rounds) },
  }) as const;
