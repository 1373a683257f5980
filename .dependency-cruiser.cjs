// The layering, enforced in `npm run lint` (scripts/test.sh step 1). Arrows point down:
//   app, components, server  ->  lib/store, lib/wire  ->  lib/match, lib/graph, lib/topology, lib/network-form ...
//   ->  lib/plugins, lib/nad, lib/k8s ...  ->  lib/contract (which everything may import)
// Tests may reach across (a store test builds with the full build); production code may not.
const TESTS = "(\\.test\\.tsx?$|^e2e/|^testing/|^scripts/bench/)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import circle anywhere: a circle makes load order matter and every piece of it one piece.",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-is-pure",
      severity: "error",
      comment: "lib/ decides from data: no React, no Next, no Node I/O, nothing from the layers above it.",
      from: { path: "^lib/", pathNot: TESTS },
      to: {
        path: [
          "^(app|components|server)/",
          "^node_modules/(react|react-dom|next|@kubernetes|pino|server-only)/",
          "^(fs|http|https|net|child_process|os|worker_threads|dgram|tls)$",
          "^node:",
        ],
      },
    },
    {
      name: "contract-imports-nothing-above",
      severity: "error",
      comment: "lib/contract/ (schema, ids) is what everything may import: it imports only leaf schemas.",
      from: { path: "^lib/contract/" },
      to: {
        path: "^lib/",
        pathNot: [
          "^lib/contract/",
          "^lib/findings/(catalogue|info|[a-z-]+-findings)\\.ts$",
          "^lib/(events|cni-events)/schema\\.ts$",
          "^lib/k8s/workloads\\.ts$",
        ],
      },
    },
    {
      name: "readers-below-the-builder",
      severity: "error",
      comment: "The readers of Kubernetes objects and the plugins sit below everything that joins them into a picture.",
      from: {
        path: "^lib/(k8s|net|nad|pod|nns|whereabouts|openshift|events|cni-events|findings|plugins|http)/|^lib/(result|compare)\\.ts$",
        pathNot: TESTS,
      },
      to: { path: "^lib/(topology|store|wire|match|graph|network-form|overview|attach)/" },
    },
    {
      name: "store-has-no-ui",
      severity: "error",
      comment:
        "The incremental store imports neither the UI nor the explorer's graph model (shared matching is lib/match/).",
      from: { path: "^lib/store/", pathNot: TESTS },
      to: { path: ["^(app|components)/", "^lib/graph/"] },
    },
    {
      name: "builder-below-store-and-wire",
      severity: "error",
      comment: "The full build (lib/topology/) knows nothing of the store, the wire protocol, matching or drawing.",
      from: { path: "^lib/topology/", pathNot: TESTS },
      to: { path: "^lib/(store|wire|match|graph)/" },
    },
    {
      name: "matching-below-store-and-explorer",
      severity: "error",
      comment: "lib/match/ is shared by the store and the explorer, so it imports neither, nor the builder.",
      from: { path: "^lib/match/", pathNot: TESTS },
      to: { path: "^lib/(store|graph|topology|wire)/" },
    },
    {
      name: "wire-below-store",
      severity: "error",
      comment: "The wire protocol is read by the browser: it imports no store and no builder.",
      from: { path: "^lib/wire/", pathNot: TESTS },
      to: { path: "^lib/(store|topology)/" },
    },
    {
      name: "plugins-below-their-users",
      severity: "error",
      comment:
        "A plugin descriptor is read by the parser, the builder, the graph and the forms; it imports none of them.",
      from: { path: "^lib/plugins/", pathNot: TESTS },
      to: { path: "^lib/(nad|topology|store|graph|network-form|wire|match)/" },
    },
    {
      name: "no-test-code-in-production",
      severity: "error",
      comment: "Test helpers live in testing/; production code never imports them or a test file.",
      from: { path: "^(app|components|lib|server)/", pathNot: TESTS },
      to: { path: ["^testing/", "\\.test\\.tsx?$", "^e2e/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^node_modules", "^\\.next/", "^testing/testbed/kube-"] },
    // TypeScript 7 ships no compiler API for dependency-cruiser to parse with: swc parses instead.
    parser: "swc",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
