import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseObjects, SnapshotError } from "./read-objects";

describe("parseObjects: one reader of Kubernetes objects as text", () => {
  it("reads multi-document YAML and JSON alike, and keeps a List as it is", () => {
    expect(parseObjects("a: 1\n---\nb: 2\n", "x.yaml")).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseObjects('{"kind":"List","items":[]}', "x.json")).toEqual([{ kind: "List", items: [] }]);
    // empty documents (a leading `---`, a trailing one) are not objects
    expect(parseObjects("---\na: 1\n---\n", "x.yaml")).toEqual([{ a: 1 }]);
    expect(parseObjects("", "empty.yaml")).toEqual([]);
  });

  it("reads a YAML flow mapping that only starts like JSON", () => {
    expect(parseObjects("{kind: Pod, metadata: {name: p}}\n---\nkind: Node\n", "flow.yaml")).toEqual([
      { kind: "Pod", metadata: { name: "p" } },
      { kind: "Node" },
    ]);
  });

  it("names the text and the line of an error", () => {
    const e = (() => {
      try {
        parseObjects("kind: Pod\nmetadata:\n  labels: {a: b\n", "broken.yaml");
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(SnapshotError);
    expect(String(e)).toMatch(/broken\.yaml:\d+: not valid YAML or JSON: /);
  });

  it("refuses alias bombs", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
    ].join("\n");
    expect(() => parseObjects(bomb, "bomb.yaml")).toThrow(/alias/);
  });

  it("gives back any JSON object written as JSON or as YAML documents", () => {
    const obj = fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { minKeys: 1 });
    fc.assert(
      fc.property(fc.array(obj, { minLength: 1, maxLength: 4 }), (docs) => {
        const plain = JSON.parse(JSON.stringify(docs));
        expect(parseObjects(JSON.stringify(plain[0]), "x.json")).toEqual([plain[0]]);
        const yaml = plain.map((d: unknown) => stringify(d)).join("---\n");
        expect(parseObjects(yaml, "x.yaml")).toEqual(plain);
      }),
      { seed: 9, numRuns: 200 },
    );
  });
});
