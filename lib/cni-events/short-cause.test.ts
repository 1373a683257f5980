import { describe, expect, it } from "vitest";
import failureCorpus from "./corpus/failure-messages.json";
import { parseCniFailure } from "./parse-failure";
import { failureCauseSchema } from "./schema";
import { shortCause } from "./short-cause";

describe("shortCause", () => {
  it("gives every cause its own word, short enough for one line of an interface box (14 characters)", () => {
    const words = failureCauseSchema.options.map(shortCause);
    for (const w of words) expect(w.length).toBeGreaterThan(0);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(14);
    expect(new Set(words).size).toBe(words.length);
  });

  it("names each real message of the corpus (public issue threads and docs) in one short line", () => {
    for (const entry of failureCorpus) {
      const word = shortCause(parseCniFailure(entry.text).cause);
      expect(word).not.toContain("\n");
      expect(word.length, entry.source).toBeLessThanOrEqual(14);
    }
  });
});
