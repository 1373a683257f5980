import { LIMITS } from "@/lib/http/limits";
import { InFlight } from "./http-limits";
import { tokenFromHeaders, tokenId } from "./identity";
import type { SourceRegistry } from "./sources/registry";

// Whom a request's cost counts against. With forwarded tokens that is the token; with the kiosk's one shared
// identity it is the viewer (the proxy's user header, or where the connection comes from), so one viewer's 32 tabs
// do not shut out the next viewer; all viewers together stay under a bound of their own.

const calls = new InFlight(LIMITS.callsPerIdentity);
const streams = new InFlight(LIMITS.streamsPerIdentity);
const shared = new InFlight(LIMITS.streamsShared);

/** The key the per-identity caps use for this request (a hash, never a token). */
export function viewerOf(headers: Headers, registry: SourceRegistry): string {
  if (registry.identity === "forwarded-token") {
    const token = tokenFromHeaders(headers, registry.tokenHeader);
    return token ? tokenId(token) : registry.identity;
  }
  if (registry.identity !== "service-account") return registry.identity;
  // The proxy sets (and overwrites) the user header; without one, the client's address (Next fills
  // X-Forwarded-For from the socket when the request did not bring it).
  const user = headers.get(registry.viewerHeader)?.trim();
  if (user) return `viewer ${tokenId(user)}`;
  const from = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `address ${tokenId(from || "unknown")}`;
}

/** Admits a call or a live stream for `viewer`: the function that gives its place back, or why it is refused. */
export function admit(
  viewer: string,
  stream: boolean,
  registry: SourceRegistry,
): { leave: () => void } | { refused: string } {
  if (!stream) {
    const leave = calls.enter(viewer);
    return leave ? { leave } : { refused: "too many requests at once for this identity" };
  }
  const mine = streams.enter(viewer);
  if (!mine) return { refused: "too many open live views for this identity" };
  if (registry.identity !== "service-account") return { leave: mine };
  const all = shared.enter(registry.identity);
  if (all)
    return {
      leave: () => {
        mine();
        all();
      },
    };
  mine();
  return { refused: "too many open live views on this kiosk at once" };
}
