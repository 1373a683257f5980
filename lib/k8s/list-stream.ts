// A Kubernetes List read as it streams in (list-splitter.mjs): one source for the server's code and the preload's
// thread, which splits its Lists before anything but plain JavaScript has loaded.
export { ListSplitter, ListStreamError } from "./list-splitter.mjs";
