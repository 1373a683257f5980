import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProbeReport, reachScript, targetsValue } from "./probe-script";

/** The probe's script with its input file and termination log moved into `dir`, to run outside a pod. */
function localScript(ifname: string, waitSec: number, dir: string): string {
  const [, , script] = reachScript(ifname, waitSec);
  return (script ?? "")
    .replace("T=/probe/plumbline.io_targets", `T=${dir}/targets`)
    .replaceAll("/dev/termination-log", `${dir}/term`);
}

const real = (name: string) => readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), "utf8");

describe("targetsValue", () => {
  it("refuses anything a shell could read as more than a word", () => {
    expect(
      targetsValue([
        { key: "n0a", address: "10.0.0.1" },
        { key: "n1a", address: "fd00::1" },
      ]),
    ).toBe("n0a=10.0.0.1 n1a=fd00::1");
    expect(() => targetsValue([{ key: "n0a", address: "1.1.1.1;reboot" }])).toThrow(/not an address/);
    expect(() => targetsValue([{ key: "$(x)", address: "1.1.1.1" }])).toThrow(/not a probe key/);
  });
  it("refuses an interface name that is not one", () => {
    expect(() => reachScript("net1; rm -rf /", 5)).toThrow(/not an interface name/);
  });
});

describe("the probe script, run by a real POSIX shell with a fake ping", () => {
  // dash (Debian's sh); busybox's ash runs its own ping applet whatever PATH says, so it is tested below for real.
  it.each([["sh"]])("%s: reports each target's summary and exit code, read back by parseProbeReport", (shell) => {
    const dir = mkdtempSync(path.join(tmpdir(), "reach-script-"));
    // A stand-in `ping` on PATH that prints the recorded busybox outputs (reachable, then lost).
    writeFileSync(path.join(dir, "ok.txt"), real("bb-ok-q"));
    writeFileSync(path.join(dir, "lost.txt"), real("bb-lost-q").replace(/rc=\d+\n?$/, ""));
    writeFileSync(
      path.join(dir, "ping"),
      `#!/bin/sh\nfor a; do last=$a; done\nif [ "$last" = 10.0.0.2 ]; then cat ${dir}/ok.txt | grep -v '^rc='; exit 0; else cat ${dir}/lost.txt; exit 1; fi\n`,
      { mode: 0o755 },
    );
    const body = localScript("net1", 2, dir);
    writeFileSync(path.join(dir, "targets"), "n1a=10.0.0.2 n2a=10.0.0.3");
    const stdout = execFileSync(shell, ["-c", body], {
      env: { ...process.env, PATH: `${dir}:/usr/bin:/bin` },
      encoding: "utf8",
    });
    const term = readFileSync(path.join(dir, "term"), "utf8");
    expect(term).toBe(stdout);
    const { reports, error } = parseProbeReport(term);
    expect(error).toBeUndefined();
    expect(reports).toEqual([
      {
        key: "n1a",
        address: "10.0.0.2",
        exitCode: 0,
        ping: { transmitted: 3, received: 3, lossPct: 0, rtt: { min: 0.046, avg: 0.057, max: 0.063 } },
      },
      { key: "n2a", address: "10.0.0.3", exitCode: 1, ping: { transmitted: 3, received: 0, lossPct: 100 } },
    ]);
    expect(term.length).toBeLessThan(400);
  });
  it("runs in busybox's own shell with busybox's own ping (the test bed's probe image), over lo", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "reach-script-"));
    const body = localScript("lo", 2, dir);
    writeFileSync(path.join(dir, "targets"), "n0b=127.0.0.1");
    execFileSync("/bin/busybox", ["sh", "-c", body], {
      env: { ...process.env, PATH: "/nonexistent" },
      stdio: "ignore",
    });
    const { reports } = parseProbeReport(readFileSync(path.join(dir, "term"), "utf8"));
    expect(reports).toMatchObject([
      { key: "n0b", address: "127.0.0.1", exitCode: 0, ping: { transmitted: 3, received: 3 } },
    ]);
  });
  it("gives up with a reason when no targets come", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "reach-script-"));
    const body = localScript("net1", 1, dir);
    expect(() => execFileSync("sh", ["-c", body], { stdio: "ignore" })).toThrow();
    expect(parseProbeReport(readFileSync(path.join(dir, "term"), "utf8"))).toEqual({
      reports: [],
      error: "no targets within 1 s",
    });
  });
});
