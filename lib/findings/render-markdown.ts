import { FINDING_GROUPS } from "./catalogue";
import type { FindingInfo } from "./info";

const cell = (s: string): string => s.replaceAll("|", "\\|").replaceAll("\n", " ");

function row(code: string, info: FindingInfo): string {
  return `| \`${code}\` | ${info.severity.join(", ")} | ${cell(info.meaning)} | ${cell(info.fix)} |`;
}

/** docs/findings.md, generated from the catalogue (`npm run docs:findings`); a unit test keeps the file current. */
export function renderFindingsMarkdown(): string {
  const out = [
    "# Findings",
    "",
    "<!-- Generated from lib/findings/ by `npm run docs:findings`. Do not edit by hand. -->",
    "",
    "Every finding Plumbline raises (in the explorer, `npm run topology` and `npm run check`), with what it means and how",
    "to fix it. `npm run check` exits 1 when a finding of severity *error* is present.",
    "",
  ];
  for (const group of FINDING_GROUPS) {
    out.push(`## ${group.heading}`, "", "| code | severity | meaning | how to fix |", "|---|---|---|---|");
    for (const [code, info] of Object.entries(group.entries)) out.push(row(code, info));
    out.push("");
  }
  return out.join("\n");
}
