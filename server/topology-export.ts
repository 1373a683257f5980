import { randomUUID } from "node:crypto";
import { z } from "zod";
import { exportStream } from "./export-stream";
import { crossSiteReason } from "./http-guard";
import { tokenFromHeaders, tokenId } from "./identity";
import { log } from "./log";
import { assertSignedIn, type SourceRegistry } from "./sources/registry";
import { payloadOf } from "./topology-cache";
import { admit, viewerOf } from "./viewer";

/** The export's query: the context as tRPC's procedures take it, and the name the file is saved under. */
const exportQuerySchema = z.object({
  context: z.string().min(1).optional(),
  name: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,120}$/, "a file name of letters, digits, '.', '_' and '-'")
    .default("plumbline-topology"),
});

export interface ExportOptions {
  trustedProxy: boolean;
  /** aborted when the server shuts down: a download under way is broken off, never ended as if whole */
  shutdown?: AbortSignal;
}

/**
 * GET /api/export/topology: the whole topology, exactly the JSON the export saved from `topology.get` (the same
 * payload, pretty-printed as `npm run topology` prints it), streamed as the socket takes it. The checks are the
 * tRPC procedure's: the host and session (proxy.ts), a cross-site request refused (guarded here as a write: a
 * read of everything another site must not make a browser pull), the identity's call cap, its token, the context
 * it may ask for, its own source (its RBAC), signed in; the source is leased until the last byte is written. A
 * sign-out or shutdown while it runs breaks the stream off, so the file never ends as a whole one does.
 */
export async function exportResponse(req: Request, registry: SourceRegistry, opts: ExportOptions): Promise<Response> {
  const reqId = req.headers.get("x-request-id") ?? randomUUID();
  const started = performance.now();
  const token =
    registry.identity === "forwarded-token" ? tokenFromHeaders(req.headers, registry.tokenHeader) : undefined;
  const meta = { reqId, method: req.method, path: "export/topology", user: token ? tokenId(token) : undefined };
  const headers = { "x-request-id": reqId, "cache-control": "no-store" };
  const refuse = (status: number, error: string): Response => {
    log.warn({ ...meta, status }, error);
    return Response.json({ error }, { status, headers: status === 429 ? { ...headers, "retry-after": "1" } : headers });
  };
  const crossSite = crossSiteReason(req, opts.trustedProxy, true);
  if (crossSite) return refuse(403, crossSite);
  const query = exportQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return refuse(400, query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const admitted = admit(viewerOf(req.headers, registry), false, registry);
  if ("refused" in admitted) return refuse(429, admitted.refused);
  const { leave } = admitted;
  let lease: Awaited<ReturnType<SourceRegistry["acquire"]>> | undefined;
  try {
    lease = await registry.acquire({ context: query.data.context, token });
    const { source } = lease;
    await source.ready();
    assertSignedIn(source);
    const payload = await payloadOf(source);
    const held = lease;
    const body = exportStream(payload.topology, {
      check: () => assertSignedIn(source),
      signal: opts.shutdown,
      done: (error) => {
        held.release();
        leave();
        const ms = Math.round(performance.now() - started);
        if (error) log.warn({ ...meta, status: 200, ms }, `export broken off: ${String(error)}`);
        else log.info({ ...meta, status: 200, ms }, "request");
      },
    });
    return new Response(body, {
      headers: {
        ...headers,
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${query.data.name}.json"`,
        "x-content-type-options": "nosniff",
        "x-plumbline-revision": payload.revision,
      },
    });
  } catch (e) {
    lease?.release();
    leave();
    const refusal = refusalOf(e);
    if (!refusal) throw e;
    return refuse(refusal.status, refusal.message);
  }
}

/** The HTTP status of each refusal the registry and the sign-in check throw, as tRPC answers them. */
const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
};

/**
 * A TRPCError's status and message, known by its name and code rather than its class: Next bundles each route apart,
 * and the registry (one per process) throws the class of the route that made it, not this route's
 * (local-mode.int.test.ts met a 500 for a refused context that way).
 */
function refusalOf(e: unknown): { status: number; message: string } | null {
  if (!(e instanceof Error) || e.name !== "TRPCError" || !("code" in e) || typeof e.code !== "string") return null;
  return { status: STATUS[e.code] ?? 500, message: e.message };
}
