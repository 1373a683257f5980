// Runs dependency-cruiser (the layering rules in .dependency-cruiser.cjs). It parses TypeScript with the compiler API,
// which TypeScript 7, this project's compiler, no longer ships; so it parses with swc (`parser: "swc"`), given
// scripts/lint/swc-tsx.mjs in place of @swc/core so that .tsx files parse as TSX. Arguments are dependency-cruiser's.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    const shim = ${JSON.stringify(new URL("./swc-tsx.mjs", import.meta.url).href)};
    export async function resolve(specifier, context, next) {
      const fromCruiser = /[\\\\/]node_modules[\\\\/]dependency-cruiser[\\\\/]/.test(context.parentURL ?? "");
      return next(fromCruiser && specifier === "@swc/core" ? shim : specifier, context);
    }`)}`,
);
process.argv.splice(1, 1, "depcruise");
await import(new URL("../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs", import.meta.url).href);
