import { writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { inPage } from "./measure.ts";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
const base = "http://127.0.0.1:3118";
console.log("tti", await inPage.timeToInteractive(p, base));
const cdp = await p.context().newCDPSession(p);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
const what = process.argv[2] ?? "host";
const run = async () => {
  if (what === "tti") return inPage.timeToInteractive(p, base);
  if (what === "ns") return inPage.filterSettled(p, base, "Namespace filter", 2);
  return inPage.filterSettled(p, base, "Host filter", 2);
};
console.log(what, await run());
// profile only the measured part: start after the page is settled on the cluster view
await p.goto(base);
await p.getByTestId("matrix-row").first().waitFor();
await cdp.send("Profiler.start");
console.log(what, await run());
const { profile } = await cdp.send("Profiler.stop");
writeFileSync("/tmp/s2prof/browser.cpuprofile", JSON.stringify(profile));
await b.close();
