// What the live source keeps of an object (20,000 pods hold their Multus annotations, labels, controller, node name,
// phase and pod IPs, not their container specs, managedFields and conditions): the rules are in lean.mjs, plain
// JavaScript the preload's thread runs too, so a List's items trimmed there and here are the same.
export { leanInPlace } from "./lean.mjs";
