/**
 * Appends every item of `from` to `to` and returns `to`. `to.push(...from)` passes each item as a call argument and
 * throws "Maximum call stack size exceeded" past ~120k items (V8), which a pending-pod shard of a large cluster or a
 * cluster-wide findings list reaches; a loop has no such limit.
 */
export function appendAll<T>(to: T[], from: Iterable<T>): T[] {
  for (const item of from) to.push(item);
  return to;
}
