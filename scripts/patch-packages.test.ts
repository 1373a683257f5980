import { execFileSync, spawnSync } from "node:child_process";
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

// scripts/patch-packages.mjs, as npm ci's postinstall runs it, on copies of the installed React Flow: the real
// package text, with the patch taken out again to stand for a fresh install.
const repo = path.resolve(import.meta.dirname, "..");
const script = path.join(repo, "scripts/patch-packages.mjs");
const patchFile = "patches/xyflow-react-12.12.1.patch";
const pkg = path.join(repo, "node_modules/@xyflow/react");
const FILES = ["dist/esm/index.js", "dist/esm/index.mjs"];

/** Each hunk of the patch as its old and new text (context lines in both). */
const hunks = readFileSync(path.join(repo, patchFile), "utf8")
  .split(/^@@.*\n/m)
  .slice(1)
  .map((h) => {
    const lines = h.split("\n").filter((l) => /^[ +-]/.test(l) && !/^(\+\+\+|---) /.test(l));
    const keep = (drop: string) => lines.filter((l) => l[0] !== drop).map((l) => l.slice(1));
    return { before: keep("+").join("\n"), after: keep("-").join("\n") };
  });
const installed = Object.fromEntries(FILES.map((f) => [f, readFileSync(path.join(pkg, f), "utf8")]));
/** The text npm ci unpacks: the installed text with every hunk undone. */
const pristine = (text: string) => hunks.reduce((t, h) => t.replace(h.after, () => h.before), text);

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});
/** A folder with node_modules/@xyflow/react holding these files and this version. */
function fakeRoot(files: Record<string, string>, version = "12.12.1"): string {
  const root = mkdtempSync(path.join(tmpdir(), "plumbline-patch-"));
  roots.push(root);
  mkdirSync(path.join(root, "node_modules/@xyflow/react/dist/esm"), { recursive: true });
  writeFileSync(path.join(root, "node_modules/@xyflow/react/package.json"), JSON.stringify({ version }));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(root, "node_modules/@xyflow/react", f), text);
  return root;
}
const run = (root: string) => spawnSync(process.execPath, [script, "--root", root], { encoding: "utf8" });
const read = (root: string, f: string) => readFileSync(path.join(root, "node_modules/@xyflow/react", f), "utf8");

describe("patch-packages", () => {
  it("has patched the installed React Flow (npm ci's postinstall)", () => {
    expect(hunks.length).toBeGreaterThan(0);
    for (const f of FILES) for (const h of hunks) expect(installed[f]?.split(h.after).length, f).toBe(2);
  });

  it("turns a fresh install's files into the installed ones, once, and leaves hard-linked copies alone", () => {
    const fresh = Object.fromEntries(FILES.map((f) => [f, pristine(installed[f] ?? "")]));
    expect(fresh[FILES[0] ?? ""]).not.toEqual(installed[FILES[0] ?? ""]);
    const root = fakeRoot(fresh);
    // a worktree's node_modules made with cp -al shares the file: it must keep the text it had
    const twin = path.join(root, "twin.js");
    linkSync(path.join(root, "node_modules/@xyflow/react", FILES[0] ?? ""), twin);
    const first = run(root);
    expect(first.status, first.stderr).toBe(0);
    for (const f of FILES) expect(read(root, f) === installed[f], f).toBe(true);
    expect(readFileSync(twin, "utf8") === fresh[FILES[0] ?? ""]).toBe(true);
    const again = run(root);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe("");
    for (const f of FILES) expect(read(root, f) === installed[f], f).toBe(true);
  });

  it("refuses, loudly and without writing, a text it was not made for", () => {
    const fresh = pristine(installed[FILES[0] ?? ""] ?? "");
    // one character changed anywhere in a hunk's old text (as a new React Flow release would)
    const spots = hunks.map((h) => fresh.indexOf(h.before)).filter((i) => i >= 0);
    fc.assert(
      fc.property(
        fc.nat(spots.length - 1),
        fc.nat(),
        fc.constantFrom("x", "_", "\t", ";", "0"),
        (which, offset, ch) => {
          const hunk = hunks[which];
          const start = spots[which] ?? 0;
          const at = start + (offset % (hunk?.before.length ?? 1));
          fc.pre(fresh[at] !== ch);
          const changed = fresh.slice(0, at) + ch + fresh.slice(at + 1);
          const root = fakeRoot(Object.fromEntries(FILES.map((f) => [f, changed])));
          const out = run(root);
          expect(out.status).toBe(1);
          expect(out.stderr).toMatch(/does not fit @xyflow\/react 12\.12\.1's dist\/esm\/index\.js: hunk \d/);
          for (const f of FILES) expect(read(root, f) === changed, f).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("refuses another version of React Flow even when its text fits", () => {
    const root = fakeRoot(Object.fromEntries(FILES.map((f) => [f, pristine(installed[f] ?? "")])), "12.12.2");
    const out = run(root);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain("@xyflow/react is 12.12.2, patches/xyflow-react-12.12.1.patch was made for 12.12.1");
  });

  it("is run by npm ci (postinstall)", () => {
    const scripts = JSON.parse(execFileSync("npm", ["pkg", "get", "scripts"], { cwd: repo, encoding: "utf8" }));
    expect(scripts.postinstall).toBe("node scripts/patch-packages.mjs");
  });
});
