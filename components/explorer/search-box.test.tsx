import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SearchIndex } from "@/lib/store/search-index";
import { demoProviders } from "@/testing/demo-trpc";
import { SearchBox } from "./search-box";

// The waits are waits, not speed checks: two busy cores may take seconds to build the demo's store.
const WAIT = { timeout: 20_000 };
describe("SearchBox", () => {
  afterEach(() => vi.restoreAllMocks());

  it("has the server build its search index when the admin enters the box, before anything is typed", async () => {
    const filled = vi.spyOn(SearchIndex.prototype, "update");
    const { wrapper } = demoProviders();
    render(<SearchBox onPick={() => undefined} />, { wrapper });
    const box = screen.getByRole("combobox", { name: "Search pod, IP or MAC" });
    // nothing asked of the server until the box is entered
    await new Promise((r) => setTimeout(r, 50));
    expect(filled).not.toHaveBeenCalled();
    fireEvent.focus(box);
    await waitFor(() => expect(filled).toHaveBeenCalled(), WAIT);
    // and the box still shows no hits: the empty query finds nothing
    expect(screen.queryByRole("listbox")).toBeNull();
  });
});
