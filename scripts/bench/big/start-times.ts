import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * What a production server does as it starts, timed from inside it: a `--require` hook (PLUMBLINE_NODE_ARGS) notes,
 * in ms since its process started (performance.now()), when it first required Next, when its pods LIST left and
 * when that LIST's answer ended.
 */
export interface StartTimes {
  /** Next first required (by server.js: Next's own loading starts there) */
  next: number;
  /** the pods LIST sent */
  podsSent: number;
  /** its answer read to the end */
  podsRead: number;
}

/** A hook for one server process, and a reader of what it noted. */
export function startTimesHook(): { nodeArgs: string; read(): Partial<StartTimes> } {
  const dir = mkdtempSync(join(tmpdir(), "start-times-"));
  const hook = join(dir, "hook.cjs");
  const out = join(dir, "times.log");
  writeFileSync(out, "");
  writeFileSync(
    hook,
    `const { appendFileSync } = require("node:fs");
const note = (what) => appendFileSync(${JSON.stringify(out)}, what + " " + performance.now().toFixed(0) + "\\n");
const dc = require("node:diagnostics_channel");
const pods = (r) => r.path.startsWith("/api/v1/pods?");
dc.subscribe("http.client.request.start", ({ request }) => pods(request) && note("podsSent"));
dc.subscribe("http.client.response.finish", ({ request, response }) => {
  if (pods(request)) response.once("end", () => note("podsRead"));
});
const Module = require("node:module");
const load = Module._load;
let next = false;
Module._load = function (request) {
  if (!next && /^next(\\/|$)/.test(request)) note("next");
  next ||= /^next(\\/|$)/.test(request);
  return load.apply(this, arguments);
};
`,
  );
  return {
    nodeArgs: `--require ${hook}`,
    read() {
      const times: Partial<StartTimes> = {};
      for (const line of readFileSync(out, "utf8").split("\n")) {
        const [what, ms] = line.split(" ");
        if ((what === "next" || what === "podsSent" || what === "podsRead") && times[what] === undefined)
          times[what] = Number(ms);
      }
      return times;
    },
  };
}
