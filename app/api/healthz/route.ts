export const dynamic = "force-dynamic";

/** The process is up. Whether the cluster is reachable is /api/readyz's business. */
export function GET(): Response {
  return Response.json({ status: "ok" });
}
