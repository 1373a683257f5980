/**
 * Cuts an object down, in place, to what the topology and the server read, as it arrives from a list or a watch
 * (lean.mjs).
 */
export function leanInPlace(obj: object, kind: string): void;
