import { describe, expect, it } from "vitest";
import { appendAll } from "./append";

describe("appendAll", () => {
  it("appends in order and returns the target", () => {
    const to = [1, 2];
    expect(appendAll(to, [3, 4])).toBe(to);
    expect(to).toEqual([1, 2, 3, 4]);
  });

  it("appends more items than a spread call can pass as arguments", () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    // The failure it replaces: spreading this many arguments overflows the stack.
    expect(() => [].push(...(many as never[]))).toThrow(RangeError);
    const to: number[] = [];
    appendAll(to, many);
    expect(to.length).toBe(300_000);
    expect(to[299_999]).toBe(299_999);
  });
});
