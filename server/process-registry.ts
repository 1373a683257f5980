import { readConfig } from "./config";
import { log } from "./log";
import { SourceRegistry } from "./sources/registry";

// Next may load route modules more than once (dev reloads, separate bundles: instrumentation.ts is one); one registry
// per process keeps "one watch set per identity" true. No `server-only` here: instrumentation.ts imports this at start.
// biome-ignore lint/plugin: the process-wide slots this module owns on globalThis, declared here and nowhere else
export const processSlots = globalThis as typeof globalThis & {
  __plumblineRegistry?: SourceRegistry;
  __plumblineShutdown?: AbortController;
};

export function getRegistry(): SourceRegistry {
  if (!processSlots.__plumblineRegistry) {
    const config = readConfig();
    processSlots.__plumblineRegistry = new SourceRegistry(config);
    log.info({ source: config.PLUMBLINE_SOURCE, identity: config.PLUMBLINE_IDENTITY }, "registry ready");
  }
  return processSlots.__plumblineRegistry;
}
