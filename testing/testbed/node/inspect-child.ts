// A server's part of "Inspect node links", in a process of its own that a test can SIGKILL mid-run: the nodeLinks
// router (as the browser's request reaches it) over a kubeconfig source, with the TTL from PLUMBLINE_PROBE_TTL_SECONDS.
// Usage: tsx testing/testbed/node/inspect-child.ts <kubeconfig> <context> <node>...
import { appRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { SourceRegistry } from "@/server/sources/registry";

const [kubeconfig, context, ...nodes] = process.argv.slice(2);
if (!kubeconfig || !context || nodes.length === 0) {
  console.error("usage: inspect-child.ts <kubeconfig> <context> <node>...");
  process.exit(2);
}
const registry = new SourceRegistry(
  { PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: kubeconfig, PLUMBLINE_CONTEXT: context },
  100,
);
const caller = appRouter.createCaller(createInnerContext({ sources: registry }));
const results = await caller.nodeLinks.inspect({ nodes, runKey: "killed-mid-run" });
console.log(JSON.stringify(results));
await registry.closeAll();
