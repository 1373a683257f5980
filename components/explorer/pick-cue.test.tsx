import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { defaultState, type ExplorerState } from "@/lib/graph/explorer-state";
import { openedBy, PickCue } from "./pick-cue";

/** The picture kept while a pick is opened: a stand-in for the matrix's rows. */
const cue = (opening: string | null, failure: string | null = null) =>
  render(
    <div className="relative">
      <PickCue opening={opening} failure={failure}>
        <div data-testid="matrix">node-001 node-002</div>
      </PickCue>
    </div>,
  );

/** The element the picture kept is wrapped in (what aria-busy and the dimming are set on). */
const wrapper = () => screen.getByTestId("matrix").parentElement as HTMLElement;

describe("PickCue", () => {
  afterEach(cleanup);

  it("marks the picture kept busy, dims it and says what is being opened, outside the busy part", () => {
    cue("node-7");
    expect(wrapper().getAttribute("aria-busy")).toBe("true");
    expect(wrapper().className).toContain("opacity-60");
    const line = screen.getByRole("status");
    expect(line.textContent).toBe("Opening node-7…");
    // read by a screen reader: not inside the region said to be busy, and it covers nothing (no pointer events)
    expect(line.closest("[aria-busy=true]")).toBeNull();
    expect(line.parentElement?.className).toContain("pointer-events-none");
    // readable: the text is at least 12 px (Tailwind's text-sm is 14 px)
    expect(line.className).toContain("text-sm");
  });

  it("says nothing and marks nothing once the picture is the one asked for", () => {
    cue(null);
    expect(wrapper().getAttribute("aria-busy")).toBe("false");
    expect(wrapper().className).not.toContain("opacity-60");
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says why a pick failed instead, and the picture kept is no longer busy", () => {
    cue("node-7", "the connection to the server closed");
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.getByRole("alert").textContent).toBe("Could not open node-7: the connection to the server closed");
    expect(wrapper().getAttribute("aria-busy")).toBe("false");
  });

  it("names what each kind of pick opens", () => {
    const of = (s: Partial<ExplorerState>) => openedBy({ ...defaultState, ...s });
    expect(of({ view: { kind: "host", host: "node-x" } })).toBe("node-x");
    expect(of({ view: { kind: "pod", pod: "team-1/app-3" } })).toBe("pod team-1/app-3");
    expect(of({ view: { kind: "network", network: "team-1/br" } })).toBe("network team-1/br");
    expect(of({ filters: { host: "node-y" } })).toBe("node-y");
    expect(of({ filters: { namespace: "team-1", network: "team-1/br" } })).toBe(
      "the cluster in namespace team-1, network team-1/br",
    );
    expect(of({})).toBe("the cluster");
  });
});
