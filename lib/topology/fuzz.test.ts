import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { demoObjects } from "@/testing/fixtures/demo";
import { type Mutation, mutationArb, objectsArb } from "../../testing/fixtures/fuzz-arbitraries";
import { type Topology, topologySchema } from "../contract/schema";
import { type ClusterSnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";
import { toDot } from "./format-dot";
import { toMermaid } from "./format-mermaid";

// The build's invariants over arbitrary Kubernetes-shaped objects and over mutations of the demo cluster's
// objects (issue 11). `npm test` runs a fixed seed and a bounded number of cases; `npm run fuzz` runs many more with
// a fresh seed (FUZZ_RUNS, FUZZ_SEED). A counterexample found either way becomes a case in bounded.test.ts.

// 7,000 arbitrary + 3,000 mutated-demo cases by default: 10,000 in all.
const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 7_000;
const MUTATED = Math.ceil((RUNS * 3) / 7);
const SEED = Number(process.env.FUZZ_SEED ?? 0) || 20_261_202;
const TIMEOUT = Math.max(120_000, RUNS * 20);
const params = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true });

let demo: unknown[] = [];
beforeAll(() => {
  demo = demoObjects();
});

/** Every array of the snapshot reordered by one permutation seed. */
function permuted(s: ClusterSnapshot, seed: number): ClusterSnapshot {
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    let x = seed >>> 0 || 1;
    for (let i = out.length - 1; i > 0; i--) {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
      const j = x % (i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  return {
    ...s,
    nads: shuffle(s.nads),
    pods: shuffle(s.pods),
    nodes: shuffle(s.nodes),
    nodeNetworkStates: shuffle(s.nodeNetworkStates),
    ipPools: shuffle(s.ipPools),
    ipReservations: shuffle(s.ipReservations),
    workloads: shuffle(s.workloads),
    events: shuffle(s.events),
  };
}

/** What breaks the contract every topology keeps, whatever went in (plain checks: thousands per case). */
function problems(t: Topology): string[] {
  const parsed = topologySchema.safeParse(t);
  const out = parsed.success ? [] : [parsed.error.message];
  const ids = new Set(t.elements.map((e) => e.id));
  if (ids.size !== t.elements.length) out.push("two elements share an id");
  if (new Set(t.links.map((l) => l.id)).size !== t.links.length) out.push("two links share an id");
  for (const e of t.elements) if (e.parent !== null && !ids.has(e.parent)) out.push(`parent of ${e.id} missing`);
  for (const l of t.links) if (!ids.has(l.source) || !ids.has(l.target)) out.push(`an end of ${l.id} missing`);
  for (const f of t.findings) for (const id of f.elements) if (!ids.has(id)) out.push(`${f.code} names ${id}`);
  return out;
}

/**
 * The invariants for one input. `order` picks the permutation; to keep 10,000 cases within the suite's time, the
 * costlier checks (a second build in another order, the text formats) run on the cases `every` selects.
 */
function check(objects: unknown[], order: number, every = 1): void {
  const snapshot = snapshotFromObjects(objects, "fuzz");
  const t = buildTopology(snapshot);
  expect(problems(t)).toEqual([]);
  if (order % every !== 0) return;
  // Compared as text: one string comparison instead of a deep walk per case.
  expect(JSON.stringify(buildTopology(permuted(snapshot, order)))).toBe(JSON.stringify(t));
  toDot(t);
  toMermaid(t);
}

/** Applies one mutation; a string holding JSON (an annotation, a CNI config) is mutated inside and written back. */
function mutate(root: unknown, m: Mutation): unknown {
  const step = (node: unknown, at: number): unknown => {
    if (typeof node === "string" && /^\s*[[{]/.test(node)) {
      try {
        return JSON.stringify(step(JSON.parse(node), at));
      } catch {
        return node;
      }
    }
    if (typeof node !== "object" || node === null) return at === 0 ? node : m.value;
    const container = node as Record<string, unknown>; // objects and arrays alike, indexed by key
    const keys = Object.keys(container);
    if (keys.length === 0 || at >= m.path.length) return m.value;
    const key = keys[(m.path[at] ?? 0) % keys.length] as string;
    if (at === m.path.length - 1 && m.remove && !Array.isArray(node)) delete container[key];
    else container[key] = at === m.path.length - 1 ? m.value : step(container[key], at + 1);
    return node;
  };
  return step(root, 0);
}

describe("buildTopology over generated input (fast-check)", () => {
  it(
    `arbitrary Kubernetes-shaped objects: never throws, keeps the contract, ignores input order (${RUNS} cases)`,
    () => {
      fc.assert(
        fc.property(objectsArb, fc.nat(), (objects, order) => check(objects, order)),
        params(RUNS),
      );
    },
    TIMEOUT,
  );

  it(
    `the demo cluster's objects, each case with up to four mutations (${MUTATED} cases)`,
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(), mutationArb), { minLength: 1, maxLength: 4 }),
          fc.nat(),
          (ms, order) => {
            const objects = structuredClone(demo);
            for (const [which, m] of ms) {
              const i = which % objects.length;
              objects[i] = mutate(objects[i], m);
            }
            check(objects, order, 3);
          },
        ),
        params(MUTATED),
      );
    },
    TIMEOUT,
  );
});
