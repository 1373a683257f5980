import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useExplorerState } from "./use-explorer-state";

/** The hook as the explorer uses it, with the URL each render of it met. */
function mount(initialQuery: string) {
  const seen: { filters: string; view: string; url: string }[] = [];
  const hook = renderHook(() => {
    const [state, update] = useExplorerState(initialQuery);
    seen.push({ filters: JSON.stringify(state.filters), view: state.view.kind, url: window.location.search });
    return { state, update };
  });
  return { ...hook, seen };
}

describe("useExplorerState", () => {
  beforeEach(() => {
    window.history.replaceState(null, "", "/?context=lab");
  });
  afterEach(() => vi.restoreAllMocks());

  it("draws a pick before the URL is written, then writes it (keeping the context) once the page is idle", async () => {
    const { result, seen } = mount("context=lab");
    act(() => result.current.update({ filters: { namespace: "team-1" } }));
    // The render that draws the pick met the URL of before: the history write (Next's router) was not in its way.
    const first = seen.find((s) => s.filters === JSON.stringify({ namespace: "team-1" }));
    expect(first?.url).toBe("?context=lab");
    await waitFor(() => expect(window.location.search).toBe("?context=lab&ns=team-1"));
  });

  it("makes a new view a step back returns from, and a filter or a selection not", async () => {
    const push = vi.spyOn(window.history, "pushState");
    const replace = vi.spyOn(window.history, "replaceState");
    const { result } = mount("context=lab");
    act(() => result.current.update({ view: { kind: "host", host: "node-002" } }));
    await waitFor(() => expect(window.location.search).toBe("?context=lab&view=host&target=node-002"));
    expect(push).toHaveBeenCalledOnce();
    act(() => result.current.update({ selected: "host/node-002" }));
    await waitFor(() => expect(window.location.search).toContain("sel=host%2Fnode-002"));
    expect(push).toHaveBeenCalledOnce();
    expect(replace).toHaveBeenCalledOnce();
  });

  it("writes only the last of picks made before the page was idle, as one step", async () => {
    const push = vi.spyOn(window.history, "pushState");
    const replace = vi.spyOn(window.history, "replaceState");
    const { result } = mount("context=lab");
    act(() => {
      result.current.update({ view: { kind: "network", network: "team-1/net-a" } });
      result.current.update({ filters: { host: "node-7" } });
    });
    await waitFor(() =>
      expect(window.location.search).toBe("?context=lab&view=network&target=team-1%2Fnet-a&host=node-7"),
    );
    expect(push).toHaveBeenCalledOnce();
    expect(replace).not.toHaveBeenCalled();
  });

  it("leaves the URL it was opened on, or stepped back to, as it is", async () => {
    window.history.replaceState(null, "", "/?context=lab&view=host&target=node-1&ns=a");
    const push = vi.spyOn(window.history, "pushState");
    const replace = vi.spyOn(window.history, "replaceState");
    const { result } = mount("context=lab&view=host&target=node-1&ns=a");
    expect(result.current.state.view).toEqual({ kind: "host", host: "node-1" });
    // a step back: the browser changed the URL, the state follows it
    window.history.replaceState(null, "", "/?context=lab&view=network&target=x%2Fy");
    replace.mockClear();
    act(() => window.dispatchEvent(new PopStateEvent("popstate")));
    expect(result.current.state.view).toEqual({ kind: "network", network: "x/y" });
    await new Promise((r) => setTimeout(r, 50));
    expect(push).not.toHaveBeenCalled();
    expect(replace).not.toHaveBeenCalled();
    expect(window.location.search).toBe("?context=lab&view=network&target=x%2Fy");
  });
});
