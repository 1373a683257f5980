// The one reading of an object's owner, its controller reference (controller-reference.mjs: plain JavaScript, as the
// preload's thread trims pods with it before anything is compiled).
export { controllerReference } from "./controller-reference.mjs";
