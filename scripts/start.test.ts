import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

// scripts/start.sh's first step, run as `npm run demo` and the tests run it: the standalone server needs the build's
// static chunks, public/ and the demo cluster beside it, and start.sh copies them there. It copied them once per
// BUILD_ID, so a later build under the same id (or a public/ or demo cluster edited since) was served from the old
// copy: the page asked for chunks the server did not have. Here the real script runs on fake builds in a folder of
// its own, whose server.js does nothing but exit.
const repo = path.resolve(import.meta.dirname, "..");
/** What start.sh copies: the source beside the build, and where the standalone server finds it. */
const COPIES = [
  [".next/static", ".next/standalone/.next/static"],
  ["public", ".next/standalone/public"],
  ["server/demo-cluster", ".next/standalone/server/demo-cluster"],
] as const;
type Files = Record<string, string>;
/** A build's assets: the files under each source folder (relative path → text). */
type Build = { id: string; static: Files; public: Files; demo: Files };

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A project folder holding the real start.sh and a fake standalone server. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), "plumbline-start-"));
  roots.push(root);
  mkdirSync(path.join(root, "scripts"));
  copyFileSync(path.join(repo, "scripts/start.sh"), path.join(root, "scripts/start.sh"));
  mkdirSync(path.join(root, ".next/standalone/.next"), { recursive: true });
  mkdirSync(path.join(root, ".next/standalone/server/sources/live"), { recursive: true });
  writeFileSync(path.join(root, ".next/standalone/server.js"), "");
  writeFileSync(path.join(root, ".next/standalone/server/sources/live/early-preload.mjs"), "");
  return root;
}

/** Writes a build's assets in place of the last one's, as `next build` and an edit would; the standalone copy stays. */
function writeBuild(root: string, b: Build): void {
  writeFileSync(path.join(root, ".next/BUILD_ID"), b.id);
  const trees: Files[] = [b.static, b.public, b.demo];
  COPIES.forEach(([from], i) => {
    rmSync(path.join(root, from), { recursive: true, force: true });
    mkdirSync(path.join(root, from), { recursive: true });
    for (const [f, text] of Object.entries(trees[i] ?? {})) {
      mkdirSync(path.dirname(path.join(root, from, f)), { recursive: true });
      writeFileSync(path.join(root, from, f), text);
    }
  });
}

function start(root: string): void {
  const run = spawnSync("bash", [path.join(root, "scripts/start.sh")], {
    encoding: "utf8",
    env: { ...process.env, PORT: "0", PLUMBLINE_LISTEN: "127.0.0.1" },
  });
  expect(run.status, run.stderr).toBe(0);
}

/** Every file under `dir`, relative path → text. */
function tree(dir: string, under = ""): Files {
  const out: Files = {};
  for (const e of readdirSync(path.join(dir, under), { withFileTypes: true })) {
    const rel = path.join(under, e.name);
    if (e.isDirectory()) Object.assign(out, tree(dir, rel));
    else out[rel] = readFileSync(path.join(dir, rel), "utf8");
  }
  return out;
}

/** The standalone server sees exactly the assets beside the build. */
function expectServed(root: string): void {
  for (const [from, to] of COPIES) expect(tree(path.join(root, to)), to).toEqual(tree(path.join(root, from)));
}

// Names as a build's: folders ("chunks") never clash with files ("a1.js").
const dirName = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/);
const fileName = fc.stringMatching(/^[a-z0-9_-]{1,10}\.(js|css|png|yaml)$/);
const files: fc.Arbitrary<Files> = fc.dictionary(
  fc.tuple(fc.array(dirName, { maxLength: 2 }), fileName).map(([dirs, f]) => [...dirs, f].join("/")),
  fc.string({ maxLength: 40 }),
  { minKeys: 1, maxKeys: 5 },
);
const build = (id: string): fc.Arbitrary<Build> =>
  fc.record({ id: fc.constant(id), static: files, public: files, demo: files });

describe("start.sh's copy of the assets into the standalone server", () => {
  it("serves the new build's assets after a build under the same BUILD_ID, and after an edit of public/ or the demo cluster", () => {
    fc.assert(
      fc.property(build("same-id"), build("same-id"), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        const root = project();
        writeBuild(root, a);
        start(root);
        expectServed(root);
        writeBuild(root, b);
        start(root);
        expectServed(root);
        rmSync(root, { recursive: true, force: true });
      }),
      { numRuns: 8 },
    );
    // two starts of bash and node per run: a wait, not a speed check, on a busy machine
  }, 120_000);

  it("one changed byte in one chunk, same name and size, is copied again", () => {
    const root = project();
    const a: Build = {
      id: "x",
      static: { "chunks/a1.js": "let a=1" },
      public: { "r.png": "p" },
      demo: { "n.yaml": "d" },
    };
    writeBuild(root, a);
    start(root);
    writeBuild(root, { ...a, static: { "chunks/a1.js": "let a=2" } });
    start(root);
    expectServed(root);
  });

  it("copies nothing again when nothing changed, and again under a new BUILD_ID", () => {
    const root = project();
    const a: Build = { id: "one", static: { "chunks/a1.js": "a" }, public: { "r.png": "p" }, demo: { "n.yaml": "d" } };
    writeBuild(root, a);
    start(root);
    // a file only the copy has: a new copy replaces the folder, and it is gone
    const mark = path.join(root, ".next/standalone/.next/static/mark");
    writeFileSync(mark, "");
    start(root);
    expect(existsSync(mark), "copied again with nothing changed").toBe(true);
    writeBuild(root, { ...a, id: "two" });
    start(root);
    expect(existsSync(mark), "not copied for a new build's id").toBe(false);
    expectServed(root);
  });
});
