import { describe, expect, it } from "vitest";
import { readConfig } from "./config";

describe("server configuration", () => {
  it("defaults to the demo, read with the kubeconfig identity", () => {
    expect(readConfig({})).toMatchObject({ PLUMBLINE_SOURCE: "demo", PLUMBLINE_IDENTITY: "kubeconfig" });
  });

  it("names each bad value and what is wrong with it", () => {
    expect(() => readConfig({ PLUMBLINE_SOURCE: "cluster" })).toThrow(
      /PLUMBLINE_SOURCE: Invalid option: expected one of "demo"\|"snapshot"\|"kubeconfig"/,
    );
    expect(() => readConfig({ PLUMBLINE_SOURCE: "snapshot" })).toThrow(
      "PLUMBLINE_SNAPSHOT: PLUMBLINE_SOURCE=snapshot needs PLUMBLINE_SNAPSHOT=<file or directory>",
    );
    expect(() => readConfig({ PLUMBLINE_SOURCE: "demo", PLUMBLINE_IDENTITY: "forwarded-token" })).toThrow(
      "PLUMBLINE_IDENTITY: forwarded-token and service-account identities read a live cluster",
    );
  });

  it("is where the stream's length and the log level are read, with their bounds", () => {
    expect(readConfig({})).toMatchObject({ PLUMBLINE_STREAM_MAX_SECONDS: 600, PLUMBLINE_LOG_LEVEL: "info" });
    expect(() => readConfig({ PLUMBLINE_STREAM_MAX_SECONDS: "1" })).toThrow(/PLUMBLINE_STREAM_MAX_SECONDS/);
    expect(() => readConfig({ PLUMBLINE_LOG_LEVEL: "loud" })).toThrow(/PLUMBLINE_LOG_LEVEL/);
  });

  it("reads the cluster from the server's start unless told to wait for the first view", () => {
    expect(readConfig({}).PLUMBLINE_READ_AT_START).toBe(true);
    expect(readConfig({ PLUMBLINE_READ_AT_START: "false" }).PLUMBLINE_READ_AT_START).toBe(false);
    expect(readConfig({ PLUMBLINE_READ_AT_START: "0" }).PLUMBLINE_READ_AT_START).toBe(false);
    expect(() => readConfig({ PLUMBLINE_READ_AT_START: "later" })).toThrow(/PLUMBLINE_READ_AT_START/);
  });

  it("sends the first lists before the Kubernetes client has loaded unless told to wait for it", () => {
    expect(readConfig({}).PLUMBLINE_EARLY_LISTS).toBe(true);
    expect(readConfig({ PLUMBLINE_EARLY_LISTS: "false" }).PLUMBLINE_EARLY_LISTS).toBe(false);
    expect(() => readConfig({ PLUMBLINE_EARLY_LISTS: "soon" })).toThrow(/PLUMBLINE_EARLY_LISTS/);
    expect(readConfig({}).PLUMBLINE_STREAM_BUILD).toBe(false);
    expect(readConfig({ PLUMBLINE_STREAM_BUILD: "true" }).PLUMBLINE_STREAM_BUILD).toBe(true);
    expect(() => readConfig({ PLUMBLINE_STREAM_BUILD: "maybe" })).toThrow(/PLUMBLINE_STREAM_BUILD/);
  });
});
