import { afterEach, describe, expect, it, vi } from "vitest";
import { nearby } from "./early-requests.mjs";

describe("which API servers' Lists are read uncompressed", () => {
  afterEach(() => vi.unstubAllEnvs());
  it("this machine's and, in a pod, its own cluster's; never a remote one", () => {
    vi.stubEnv("KUBERNETES_SERVICE_HOST", "");
    for (const s of ["https://127.0.0.1:6443", "https://127.3.4.5:443", "https://localhost:6443", "https://[::1]:6443"])
      expect(nearby(s), s).toBe(true);
    for (const s of ["https://api.example.com:6443", "https://10.0.0.1:443", "https://127.example.com", "not a url"])
      expect(nearby(s), s).toBe(false);
    vi.stubEnv("KUBERNETES_SERVICE_HOST", "172.30.0.1");
    expect(nearby("https://172.30.0.1:443")).toBe(true);
    expect(nearby("https://172.30.0.2:443")).toBe(false);
  });
});
