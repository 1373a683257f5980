import { describe, expect, it } from "vitest";
import {
  defaultState,
  type ExplorerState,
  stateFromParams,
  stateToParams,
  type View,
  viewCriteria,
} from "./explorer-state";

const params = (q: string) => new URLSearchParams(q);
const roundTrip = (s: ExplorerState, base = new URLSearchParams()) => stateFromParams(stateToParams(s, base));

describe("viewCriteria", () => {
  const filters = { namespace: "multus-test", host: "worker1.ocp46rt.priv.local" };

  it("the cluster view adds nothing to the filters", () => {
    expect(viewCriteria({ kind: "cluster" }, filters)).toEqual(filters);
    expect(viewCriteria({ kind: "cluster" }, {})).toEqual({});
  });

  it("each view adds its target as a criterion, on top of the filters", () => {
    expect(viewCriteria({ kind: "network", network: "multus-test/bridge-main" }, filters)).toEqual({
      ...filters,
      network: "multus-test/bridge-main",
    });
    expect(viewCriteria({ kind: "pod", pod: "multus-test/pod-a" }, filters)).toEqual({
      ...filters,
      pod: "multus-test/pod-a",
    });
    expect(viewCriteria({ kind: "host", host: "worker2.ocp46rt.priv.local" }, { namespace: "multus-test" })).toEqual({
      namespace: "multus-test",
      host: "worker2.ocp46rt.priv.local",
    });
  });

  it("the view's target wins over a filter on the same key", () => {
    expect(viewCriteria({ kind: "host", host: "worker2" }, { host: "worker1" })).toEqual({ host: "worker2" });
  });

  it("does not change the filters it is given", () => {
    const f = { namespace: "a" };
    viewCriteria({ kind: "network", network: "a/n" }, f);
    expect(f).toEqual({ namespace: "a" });
  });
});

describe("stateFromParams", () => {
  it("no parameters: the default state", () => {
    expect(stateFromParams(params(""))).toEqual(defaultState);
  });

  it("reads a view, its target, the filters, the selection and eth0", () => {
    const s = stateFromParams(
      params(
        "view=network&target=multus-test%2Fbridge-main&ns=multus-test&host=w1&sel=pod%2Fmultus-test%2Fpod-a&eth0=1",
      ),
    );
    expect(s).toEqual({
      view: { kind: "network", network: "multus-test/bridge-main" },
      filters: { namespace: "multus-test", host: "w1" },
      selected: "pod/multus-test/pod-a",
      showDefault: true,
    });
  });

  it("reads each kind of view", () => {
    expect(stateFromParams(params("view=host&target=worker2.ocp46rt.priv.local")).view).toEqual({
      kind: "host",
      host: "worker2.ocp46rt.priv.local",
    });
    expect(stateFromParams(params("view=pod&target=multus-test/pod-e")).view).toEqual({
      kind: "pod",
      pod: "multus-test/pod-e",
    });
    expect(stateFromParams(params("view=cluster")).view).toEqual({ kind: "cluster" });
  });

  it.each([
    ["view=network", "missing target"],
    ["view=network&target=", "empty target"],
    ["view=host", "missing host"],
    ["view=pod&target=", "empty pod"],
    ["view=galaxy&target=x", "unknown view"],
    ["target=multus-test/bridge-main", "target without a view"],
    ["view=NETWORK&target=multus-test/bridge-main", "view names are case-sensitive"],
  ])("%s (%s) falls back to the cluster view", (q) => {
    expect(stateFromParams(params(q)).view).toEqual({ kind: "cluster" });
  });

  it("a bad view still keeps the other parameters", () => {
    const s = stateFromParams(params("view=network&net=multus-test/macvlan-main&sel=host/w1"));
    expect(s.view).toEqual({ kind: "cluster" });
    expect(s.filters).toEqual({ network: "multus-test/macvlan-main" });
    expect(s.selected).toBe("host/w1");
  });

  it("empty filter parameters are no filter", () => {
    expect(stateFromParams(params("ns=&net=&host=")).filters).toEqual({});
  });

  it("eth0 is shown only for eth0=1", () => {
    expect(stateFromParams(params("eth0=1")).showDefault).toBe(true);
    expect(stateFromParams(params("eth0=0")).showDefault).toBe(false);
    expect(stateFromParams(params("eth0=true")).showDefault).toBe(false);
    expect(stateFromParams(params("")).showDefault).toBe(false);
  });

  it("ignores parameters that are not the explorer's", () => {
    expect(stateFromParams(params("context=prod&foo=bar"))).toEqual(defaultState);
  });
});

describe("stateToParams", () => {
  it("the default state writes nothing", () => {
    expect(stateToParams(defaultState, params("")).toString()).toBe("");
  });

  it("writes the view as view and target", () => {
    const p = stateToParams(
      { ...defaultState, view: { kind: "network", network: "multus-test/bridge-main" } },
      params(""),
    );
    expect(p.get("view")).toBe("network");
    expect(p.get("target")).toBe("multus-test/bridge-main");
    expect(p.toString()).toBe("view=network&target=multus-test%2Fbridge-main");
  });

  it("keeps parameters that are not the explorer's, such as context", () => {
    const p = stateToParams(
      { ...defaultState, view: { kind: "host", host: "w2" } },
      params("context=prod-cluster&utm=x"),
    );
    expect(p.get("context")).toBe("prod-cluster");
    expect(p.get("utm")).toBe("x");
    expect(stateFromParams(p).view).toEqual({ kind: "host", host: "w2" });
  });

  it("replaces the explorer's old parameters instead of adding to them", () => {
    const base = params("context=c1&view=pod&target=ns/p&ns=old&net=old/n&host=old&sel=x&eth0=1");
    const p = stateToParams({ ...defaultState, filters: { namespace: "new" } }, base);
    expect([...p.entries()]).toEqual([
      ["context", "c1"],
      ["ns", "new"],
    ]);
  });

  it("leaves the base parameters alone", () => {
    const base = params("context=c1&view=pod&target=ns/p");
    stateToParams(defaultState, base);
    expect(base.toString()).toBe("context=c1&view=pod&target=ns%2Fp");
  });

  it("does not write a filter that is unset or empty", () => {
    const p = stateToParams(
      { ...defaultState, filters: { namespace: "", network: undefined, host: "w1" } },
      params(""),
    );
    expect(p.toString()).toBe("host=w1");
  });
});

describe("URL round trips", () => {
  const views: View[] = [
    { kind: "cluster" },
    { kind: "network", network: "multus-test/bridge-main" },
    { kind: "host", host: "worker1.ocp46rt.priv.local" },
    { kind: "pod", pod: "multus-test/pod-e-5c7d9f8b6-q4w8z" },
  ];

  it.each(views)("view %j survives a round trip with filters, selection and eth0", (view) => {
    const s: ExplorerState = {
      view,
      filters: { namespace: "multus-test", network: "multus-test/macvlan-main", host: "worker2.ocp46rt.priv.local" },
      selected: "pod/multus-test/pod-b-cc754dd7-pq9km/if/net1",
      showDefault: true,
    };
    expect(roundTrip(s)).toEqual(s);
    expect(roundTrip(s, params("context=admin@prod"))).toEqual(s);
    expect(roundTrip({ ...s, filters: {}, selected: null, showDefault: false })).toEqual({
      ...s,
      filters: {},
      selected: null,
      showDefault: false,
    });
  });

  it("values with characters that need escaping survive", () => {
    const s: ExplorerState = {
      view: { kind: "pod", pod: "ns with space/p&q=1#x" },
      filters: { network: "a/b+c" },
      selected: "pod/ns/p?x",
      showDefault: false,
    };
    expect(roundTrip(s)).toEqual(s);
    expect(stateFromParams(params(stateToParams(s, params("")).toString()))).toEqual(s);
  });

  it("params → state → params keeps the explorer's parameters and the others", () => {
    const q = "context=prod&view=network&target=multus-test%2Fbridge-main&ns=multus-test&sel=host%2Fw1&eth0=1";
    const back = stateToParams(stateFromParams(params(q)), params(q));
    expect(Object.fromEntries(back)).toEqual(Object.fromEntries(params(q)));
  });

  it("a bad view in the URL is dropped when the state is written back", () => {
    const q = "context=prod&view=network&ns=multus-test";
    const back = stateToParams(stateFromParams(params(q)), params(q));
    expect(back.has("view")).toBe(false);
    expect(back.get("context")).toBe("prod");
    expect(back.get("ns")).toBe("multus-test");
  });
});
