import { describe, expect, it } from "vitest";
import { networkFormSchema } from "@/lib/network-form/schema";
import { DEMO_DIR } from "../../sources/demo";
import { SourceRegistry } from "../../sources/registry";
import { appRouter } from "../root";
import { createInnerContext } from "../trpc";

const demo = () =>
  appRouter.createCaller(createInnerContext({ sources: new SourceRegistry({ PLUMBLINE_SOURCE: "demo" }) }));
const NS = "multus-test";

describe("writes in the demo go to memory and behave like the API", () => {
  it("a created NAD appears in the topology, labelled as a memory write; its name is then taken", async () => {
    const api = demo();
    const form = networkFormSchema.parse({
      name: "lab-net",
      namespace: NS,
      target: "nad",
      main: { type: "macvlan", master: "ens9", mode: "bridge" },
      ipam: { type: "whereabouts", range: "192.168.50.0/24" },
    });
    expect(await api.networks.save({ form, mode: "create" })).toMatchObject({ ok: true, target: "memory" });
    const view = await api.topology.get({});
    expect(view.topology.elements.find((e) => e.id === `network/${NS}/lab-net`)).toMatchObject({
      cniType: "macvlan",
      master: "ens9",
    });
    expect(await api.networks.save({ form, mode: "create" })).toMatchObject({ ok: false, status: 409, field: "name" });
  });

  it("a dry run stores nothing", async () => {
    const api = demo();
    const form = networkFormSchema.parse({
      name: "dry-net",
      namespace: NS,
      target: "nad",
      main: { type: "bridge", bridge: "br9" },
      ipam: { type: "none" },
    });
    expect(await api.networks.save({ form, mode: "create", dryRunOnly: true })).toEqual({
      ok: true,
      dryRun: true,
      target: "memory",
    });
    expect((await api.topology.get({})).topology.elements.some((e) => e.id === `network/${NS}/dry-net`)).toBe(false);
  });

  it("an operator entry is rendered into an operator-managed NAD, as the Cluster Network Operator would", async () => {
    const api = demo();
    const form = networkFormSchema.parse({
      name: "op-net",
      namespace: NS,
      target: "operator",
      main: { type: "macvlan", master: "ens9", mode: "bridge" },
      ipam: { type: "dhcp" },
    });
    expect(await api.networks.save({ form, mode: "create" })).toMatchObject({ ok: true });
    const net = (await api.topology.get({})).topology.elements.find((e) => e.id === `network/${NS}/op-net`);
    expect(net).toMatchObject({ managedBy: "cluster-network-operator", cniType: "macvlan" });
    // Removing the entry removes the NAD it rendered.
    expect(await api.networks.remove({ namespace: NS, name: "op-net", target: "operator" })).toMatchObject({
      ok: true,
    });
    expect((await api.topology.get({})).topology.elements.some((e) => e.id === `network/${NS}/op-net`)).toBe(false);
  });

  it("attach patches the demo Deployment, keeping its network", async () => {
    const api = demo();
    const res = await api.networks.attach({
      form: { kind: "Deployment", namespace: NS, name: "pod-b", networks: [{ network: "macvlan-main" }] },
    });
    expect(res).toMatchObject({ ok: true, annotation: "host-device-main,macvlan-main" });
    expect((await api.networks.workloads({ namespace: NS })).find((w) => w.name === "pod-b")?.networks).toBe(
      "host-device-main,macvlan-main",
    );
  });

  it("a snapshot file is read-only and says so", async () => {
    const api = appRouter.createCaller(
      createInnerContext({
        sources: new SourceRegistry({ PLUMBLINE_SOURCE: "snapshot", PLUMBLINE_SNAPSHOT: DEMO_DIR }),
      }),
    );
    const form = networkFormSchema.parse({
      name: "x",
      namespace: NS,
      target: "nad",
      main: { type: "bridge", bridge: "b" },
      ipam: { type: "none" },
    });
    const res = await api.networks.save({ form, mode: "create" });
    expect(res).toMatchObject({ ok: false, status: 405 });
    expect(res.ok ? "" : res.message).toContain("read-only");
    expect((await api.networks.capabilities({})).writes).toBe("none");
  });
});
