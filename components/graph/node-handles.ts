import { type NodeHandle, Position } from "@xyflow/react";

/** The handle dots drawn 8 px (`!h-2 !w-2`); the shared-L2 ones 4 px, held at React Flow's `min-width: 5px`. */
const DOT = 8;
const SEGMENT = 5;

/**
 * Where each node's handles are, as React Flow would measure them: the `<Handle>`s the node components draw
 * (interface-node, fold-node, point-node), placed by React Flow's stylesheet at the middle of a side, half outside
 * (`.react-flow__handle-right { top: 50%; right: 0; transform: translate(50%, -50%) }`), relative to the node's
 * wrapper, which has no border (the component's box is not positioned). Given with the size (`measured`), a node
 * is drawn ready: React Flow neither observes its resizing nor reads its handles from the page (getBoundingClientRect
 * of each node and handle, a forced layout), which took 56–80 ms of a host's first draw at 20k pods. A node without
 * handles (a host, a pod: groups) gets none. Must change with the components' `<Handle>`s:
 * e2e/demo/node-handles.spec.ts compares every handle the page draws with these.
 */
export function nodeHandles(type: string, width: number, height: number): NodeHandle[] {
  const middle = (size: number) => ({ x: width / 2 - size / 2, y: height / 2 - size / 2 });
  const right = (size: number) => ({ x: width - size / 2, y: middle(size).y, width: size, height: size });
  const left = (size: number) => ({ x: -size / 2, y: middle(size).y, width: size, height: size });
  switch (type) {
    case "interface":
    case "fold":
      return [{ id: null, type: "source", position: Position.Right, ...right(DOT) }];
    case "point":
      return [
        { id: null, type: "target", position: Position.Left, ...left(DOT) },
        {
          id: "segment-out",
          type: "source",
          position: Position.Bottom,
          x: middle(SEGMENT).x,
          y: height - SEGMENT / 2,
          width: SEGMENT,
          height: SEGMENT,
        },
        {
          id: "segment-in",
          type: "target",
          position: Position.Top,
          x: middle(SEGMENT).x,
          y: -SEGMENT / 2,
          width: SEGMENT,
          height: SEGMENT,
        },
      ];
    default:
      return [];
  }
}
