import { describe, expect, it } from "vitest";
import { isObject, num, parseJson, str, strings } from "./result";

describe("parseJson", () => {
  it("returns the value of valid JSON", () => {
    expect(parseJson('{"a":[1,"x"]}')).toEqual({ ok: true, value: { a: [1, "x"] } });
    expect(parseJson("null")).toEqual({ ok: true, value: null });
  });

  it("turns invalid JSON into an error instead of throwing", () => {
    const r = parseJson("{ nope");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^not valid JSON: /);
    expect(parseJson("").ok).toBe(false);
  });
});

describe("field readers", () => {
  it("isObject accepts plain objects only", () => {
    expect(isObject({})).toBe(true);
    expect(isObject([])).toBe(false);
    expect(isObject(null)).toBe(false);
    expect(isObject("x")).toBe(false);
  });

  it("str treats empty and non-strings as absent", () => {
    expect(str("a")).toBe("a");
    expect(str("")).toBeUndefined();
    expect(str(1)).toBeUndefined();
  });

  it("num reads numbers and numeric strings, nothing else", () => {
    expect(num(1500)).toBe(1500);
    expect(num("1500")).toBe(1500);
    expect(num(" ")).toBeUndefined();
    expect(num("15x")).toBeUndefined();
    expect(num(Number.NaN)).toBeUndefined();
    expect(num(Infinity)).toBeUndefined();
    expect(num(null)).toBeUndefined();
  });

  it("strings keeps the non-empty strings of a list", () => {
    expect(strings(["a", "", 3, null, "b"])).toEqual(["a", "b"]);
    expect(strings("a")).toEqual([]);
  });
});
