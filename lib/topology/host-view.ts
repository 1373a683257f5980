import type { HostView } from "../plugins/plugin";
import type { BuildContext } from "./context";

/**
 * What a plugin reads of a pod's host, read when asked (the context's reports as they are then), made once per node
 * of a build rather than once per interface with a closure.
 */
class ContextHostView implements HostView {
  constructor(
    private readonly ctx: BuildContext,
    private readonly node: string,
  ) {}
  get observed(): boolean {
    return this.ctx.nns.has(this.node);
  }
  bridgeFor(physical: string): string | undefined {
    return this.ctx.bridgeMappings.get(this.node)?.get(physical);
  }
}
const hostViews = new WeakMap<BuildContext, Map<string, HostView>>();
export function hostView(ctx: BuildContext, node: string): HostView {
  let views = hostViews.get(ctx);
  if (!views) {
    views = new Map();
    hostViews.set(ctx, views);
  }
  let view = views.get(node);
  if (!view) {
    view = new ContextHostView(ctx, node);
    views.set(node, view);
  }
  return view;
}
