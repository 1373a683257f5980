import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_CHARS } from "@/lib/cni-events/parse-failure";
import { EVENTS_PER_NAMESPACE } from "@/lib/events/budget";
import { MAX_FINDING_MESSAGE } from "@/lib/findings/bound-message";
import { LIMITS } from "@/lib/http/limits";
import { READ_LIMITS } from "@/lib/k8s/read-objects";
import { FRESH_REFUSAL_MS, REVIEW_MS } from "@/server/sources/live/access-review";
import { SNAPSHOT_LIMITS } from "@/server/sources/read-snapshot";
import { DEFAULT_LIMITS } from "@/server/sources/registry";

// SECURITY.md's numbers are the code's: it said 12 live streams per identity where the code allowed 32 (issue 25).
const doc = readFileSync(path.resolve(import.meta.dirname, "..", "SECURITY.md"), "utf8").replace(/\s+/g, " ");

/** The number SECURITY.md writes where the pattern's group is. */
function said(pattern: RegExp): number {
  const m = pattern.exec(doc);
  expect(m, `SECURITY.md says ${pattern}`).not.toBeNull();
  return Number(m?.[1]);
}

describe("SECURITY.md states the limits the code enforces", () => {
  it("request bodies, batches, requests and live streams per identity", () => {
    expect(said(/Request bodies over (\d+) MB/)).toBe(LIMITS.bodyBytes / 2 ** 20);
    expect(said(/batch holds at most (\d+) calls/)).toBe(LIMITS.batch);
    expect(said(/at most (\d+) requests/)).toBe(LIMITS.callsPerIdentity);
    expect(said(/(\d+) live streams/)).toBe(LIMITS.streamsPerIdentity);
    expect(said(/Raw CNI configs are at most (\d+) KiB/)).toBe(LIMITS.rawConfigChars / 1024);
    expect(said(/JSON text \(`topology.get`, each `topology.watch` push\) holds at most (\d+),000/) * 1000).toBe(
      LIMITS.wholeTopologyItems,
    );
  });

  it("sources per process, account and namespace, the kiosk's viewers, access reviews", () => {
    expect(said(/The process holds at most (\d+) sources/)).toBe(DEFAULT_LIMITS.sources);
    expect(said(/one account at most (\d+)/)).toBe(DEFAULT_LIMITS.sourcesPerAccount);
    expect(said(/ServiceAccounts of one namespace at most (\d+) together/)).toBe(DEFAULT_LIMITS.sourcesPerNamespace);
    expect(said(/viewers together hold at most (\d+) live streams/)).toBe(LIMITS.streamsShared);
    expect(said(/every (\d+) s each source asks the authoriser/) * 1000).toBe(REVIEW_MS);
    expect(said(/for (\d+) s after a refusal/) * 1000).toBe(FRESH_REFUSAL_MS);
  });

  it("event texts and the files the CLI reads", () => {
    expect(said(/Event texts are read up to (\d+) KiB/)).toBe(MAX_MESSAGE_CHARS / 1024);
    expect(said(/at most (\d+) network events per namespace/)).toBe(EVENTS_PER_NAMESPACE);
    expect(said(/JSON files up to (\d+) MiB/)).toBe(SNAPSHOT_LIMITS.jsonBytes / 2 ** 20);
    expect(said(/and YAML up to (\d+) MiB/)).toBe(SNAPSHOT_LIMITS.yamlBytes / 2 ** 20);
    expect(said(/flow-style YAML up to (\d+) MiB/)).toBe(SNAPSHOT_LIMITS.flowYamlBytes / 2 ** 20);
    expect(said(/at most (\d+),000 documents a file/) * 1000).toBe(READ_LIMITS.documents);
    expect(said(/quote at most (\d+),000 characters/) * 1000).toBe(MAX_FINDING_MESSAGE);
  });
});
