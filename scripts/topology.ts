/**
 * `npm run topology`: see scripts/topology-cli.ts. Exit 2 with the reason on stderr when it cannot answer, as
 * `check` does (1 is check's "an error finding"; neither ever dies of its input: issue 25).
 */
import { topologyOutput } from "./topology-cli";

topologyOutput(process.argv.slice(2)).then(
  (pieces) => {
    for (const piece of pieces) process.stdout.write(piece);
  },
  (err: unknown) => {
    process.stderr.write(`topology: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
