import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePing } from "./ping";

// Real outputs, recorded as lib/reach/fixtures/README.md says.
const real = (name: string) => readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), "utf8");

describe("parsePing on real busybox 1.35 output", () => {
  it("reads a reachable peer with its round trip", () => {
    expect(parsePing(real("bb-ok"))).toEqual({
      transmitted: 3,
      received: 3,
      lossPct: 0,
      rtt: { min: 0.061, avg: 0.082, max: 0.095 },
    });
    expect(parsePing(real("bb-ok-q"))?.rtt?.avg).toBe(0.057);
  });
  it("reads total loss, with no round trip", () => {
    for (const f of ["bb-lost-q", "bb-peerdown-q"])
      expect(parsePing(real(f)), f).toEqual({ transmitted: 3, received: 0, lossPct: 100 });
  });
  it("keeps ping's complaint when it could not send", () => {
    expect(parsePing(real("bb-noroute"))).toEqual({
      transmitted: 0,
      received: 0,
      lossPct: 100,
      error: "sendto: Network is unreachable",
    });
    expect(parsePing(real("bb-nodev"))?.error).toBe("bad address 'net1'");
  });
});

describe("parsePing on real iputils 20221126 output", () => {
  it("reads a reachable peer", () => {
    expect(parsePing(real("ip-ok"))).toEqual({
      transmitted: 3,
      received: 3,
      lossPct: 0,
      rtt: { min: 0.034, avg: 0.041, max: 0.051 },
    });
  });
  it("reads total loss whatever the count the deadline allowed", () => {
    expect(parsePing(real("ip-lost-q"))).toEqual({ transmitted: 10, received: 0, lossPct: 100 });
    expect(parsePing(real("ip-errors-q"))).toEqual({ transmitted: 5, received: 0, lossPct: 100 });
    expect(parsePing(real("ip-peerdown-q"))?.received).toBe(0);
  });
  it("keeps ping's complaint", () => {
    expect(parsePing(real("ip-noroute"))?.error).toBe("connect: Network is unreachable");
    expect(parsePing(real("ip-nodev"))?.error).toBe("SO_BINDTODEVICE net1: No such device");
  });
  it("reads the ICMP error count iputils adds (format of iputils ping_common.c finish())", () => {
    const text =
      "--- 10.1.1.9 ping statistics ---\n3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2030ms\n";
    expect(parsePing(text)).toEqual({ transmitted: 3, received: 0, lossPct: 100, errors: 3 });
  });
  it("reads partial loss", () => {
    const text =
      "4 packets transmitted, 3 received, 25% packet loss, time 3004ms\nrtt min/avg/max/mdev = 0.210/0.330/0.500/0.100 ms\n";
    expect(parsePing(text)).toMatchObject({ received: 3, lossPct: 25, rtt: { avg: 0.33 } });
  });
});

describe("parsePing on anything", () => {
  it("never throws and never claims more replies than requests", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.nat(1000), fc.nat(1000), (noise, tx, rx) => {
        const out = parsePing(`${noise}\n${tx} packets transmitted, ${rx} received\n${noise}`);
        expect(out).not.toBeNull();
        expect(out?.received ?? 0).toBeLessThanOrEqual(out?.transmitted ?? 0);
        expect(parsePing(noise) === null || typeof parsePing(noise) === "object").toBe(true);
      }),
      { seed: 21, numRuns: 2000 },
    );
  });
  it("is not fooled by text without a summary", () => {
    expect(parsePing("")).toBeNull();
    expect(parsePing("PING 10.0.0.1 (10.0.0.1): 56 data bytes\n")).toBeNull();
  });
});
