import { readConfig } from "./config";

/** Node-only start-up check (kept out of instrumentation.ts, which Next also compiles for the edge). */
export function checkConfigOrExit(): void {
  try {
    readConfig();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
