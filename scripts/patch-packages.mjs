// Applies patches/*.patch to the installed packages after `npm ci` (package.json's postinstall, scripts/setup.sh)
// and refuses loudly when a package is not what a patch was made against: another version, or a text not found
// exactly once. A patch is a unified diff (diff -ru a b) of the package's own files; each hunk's old lines must be
// found whole and once, or its new lines (already patched): no fuzz, no offsets, no partial application.
//   node scripts/patch-packages.mjs [--root DIR]   (DIR: the folder holding node_modules; the repository by default)
// Files are replaced by a rename, never written in place: worktrees share node_modules by hard links (cp -al).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Each patch, the package it changes and the version it was made against. */
const PATCHES = [
  // React Flow measures every node it mounts even when the node gives its size and handles (patches/README.md).
  { file: "patches/xyflow-react-12.12.1.patch", pkg: "@xyflow/react", version: "12.12.1" },
];

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const at = process.argv.indexOf("--root");
const root = at >= 0 ? path.resolve(process.argv[at + 1] ?? "") : repo;

/** The diff's files, each with its hunks as the lines before and after (context lines in both). */
function parsePatch(text) {
  const files = [];
  let hunk = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("+++ b/")) {
      files.push({ name: line.slice(6), hunks: [] });
      hunk = null;
    } else if (line.startsWith("@@ ")) {
      hunk = { before: [], after: [] };
      files.at(-1)?.hunks.push(hunk);
    } else if (hunk && (line.startsWith(" ") || line.startsWith("-") || line.startsWith("+"))) {
      if (line[0] !== "+") hunk.before.push(line.slice(1));
      if (line[0] !== "-") hunk.after.push(line.slice(1));
    } else hunk = null;
  }
  return files;
}

const count = (text, part) => text.split(part).length - 1;

/** The file's text with every hunk applied, the same text if all were applied before, or why neither. */
function apply(text, hunks) {
  const blocks = hunks.map((h) => ({ before: h.before.join("\n"), after: h.after.join("\n") }));
  if (blocks.every((b) => count(text, b.after) === 1 && count(text, b.before) === 0)) return { text, changed: false };
  let out = text;
  for (const [i, b] of blocks.entries()) {
    const n = count(out, b.before);
    if (n !== 1) return { error: `hunk ${i + 1}'s text is found ${n} times, not once:\n${b.before}` };
    out = out.replace(b.before, () => b.after);
  }
  return { text: out, changed: true };
}

let failed = false;
for (const p of PATCHES) {
  const dir = path.join(root, "node_modules", p.pkg);
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  if (version !== p.version) {
    console.error(`patch-packages: ${p.pkg} is ${version}, ${p.file} was made for ${p.version}: see patches/README.md`);
    failed = true;
    continue;
  }
  for (const f of parsePatch(readFileSync(path.join(repo, p.file), "utf8"))) {
    const target = path.join(dir, f.name);
    const result = apply(readFileSync(target, "utf8"), f.hunks);
    if ("error" in result) {
      console.error(`patch-packages: ${p.file} does not fit ${p.pkg} ${version}'s ${f.name}: ${result.error}`);
      failed = true;
    } else if (result.changed) {
      const temp = `${target}.patching-${process.pid}`;
      writeFileSync(temp, result.text);
      renameSync(temp, target);
      console.log(`patch-packages: ${p.pkg} ${f.name} patched (${p.file})`);
    }
  }
}
if (failed) process.exit(1);
