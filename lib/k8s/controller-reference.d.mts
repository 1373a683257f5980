/** An object's controller: its ownerReference with `controller: true` (controller-reference.mjs). */
export function controllerReference(metadata: { ownerReferences?: unknown }): Record<string, unknown> | undefined;
