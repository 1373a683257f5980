// @swc/core as dependency-cruiser gets it (scripts/lint/depcruise.mjs): its swc parser reads every file as TypeScript
// without JSX, so a .tsx file fails to parse; this passes `tsx` for .tsx files and is otherwise swc itself.
import swc from "@swc/core";

export default {
  ...swc,
  parseFileSync: (file, options) => swc.parseFileSync(file, { ...options, tsx: file.endsWith(".tsx") }),
  parseSync: (source, options) => swc.parseSync(source, options),
};
