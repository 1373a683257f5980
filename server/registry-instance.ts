import "server-only";
import { readConfig } from "./config";
import { SourceRegistry } from "./sources/registry";

// Next may load route modules more than once (dev reloads, separate bundles); one registry per process
// keeps "one watch set per identity" true.
const g = globalThis as typeof globalThis & { __plumblineRegistry?: SourceRegistry };

export function getRegistry(): SourceRegistry {
  g.__plumblineRegistry ??= new SourceRegistry(readConfig());
  return g.__plumblineRegistry;
}
