import { TRPCError } from "@trpc/server";
import type { ClusterSource } from "../sources/types";
import { type ClusterWriter, isWriteError, WriteError } from "../writers/types";

/** Where the caller's writes go; a read-only source (a snapshot file) refuses them, naming itself. */
export function writerOf(source: ClusterSource): ClusterWriter {
  const writer = source.writer();
  if (!writer)
    throw new WriteError(`${source.info.label} is read-only: open a live cluster or the demo to change networks`, 405);
  return writer;
}

/** Reads (not writes) refused by the cluster become tRPC errors the UI shows as they are. */
export function toTRPCError(e: unknown): unknown {
  if (!isWriteError(e)) return e;
  const code =
    e.status === 404 ? "NOT_FOUND" : e.status === 403 ? "FORBIDDEN" : e.status === 401 ? "UNAUTHORIZED" : "BAD_REQUEST";
  return new TRPCError({ code, message: e.message });
}
