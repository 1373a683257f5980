// The `as` cast budget of application code (issue 9): every cast but `as const` is refused by
// scripts/lint/no-as-cast.grit unless a `// biome-ignore lint/plugin: <reason>` line says why; this counts those
// lines and fails past the budget, so a new cast has to pay for itself by removing another.
// Run by `npm run lint` and scripts/test.sh. Tests, e2e, testing/ and scripts/bench/ are not application code.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const BUDGET = 20;
const NOT_APPLICATION = [/\.test\.tsx?$/, /^e2e\//, /^testing\//, /^scripts\/bench\//];
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.tsx"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => f && !NOT_APPLICATION.some((re) => re.test(f)));

const casts = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // deleted in the working tree
  }
  text.split("\n").forEach((line, i) => {
    const m = /biome-ignore lint\/plugin:\s*(.*)$/.exec(line);
    if (m) casts.push({ where: `${file}:${i + 1}`, reason: m[1].trim() });
  });
}
const unexplained = casts.filter((c) => c.reason.length < 10);
for (const c of unexplained) console.error(`${c.where}: a cast needs a one-line reason, not "${c.reason}"`);
if (casts.length > BUDGET) {
  console.error(`${casts.length} \`as\` casts in application code; the budget is ${BUDGET}:`);
  for (const c of casts) console.error(`  ${c.where}  ${c.reason}`);
}
if (unexplained.length > 0 || casts.length > BUDGET) process.exit(1);
console.log(`casts: ${casts.length} of ${BUDGET} (each with its reason)`);
