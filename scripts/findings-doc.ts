/** Writes docs/findings.md from the findings catalogue: npm run docs:findings */
import { writeFileSync } from "node:fs";
import { renderFindingsMarkdown } from "@/lib/findings/render-markdown";

const target = new URL("../docs/findings.md", import.meta.url);
writeFileSync(target, renderFindingsMarkdown());
process.stdout.write(`wrote ${target.pathname}\n`);
