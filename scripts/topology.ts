/**
 * `npm run topology`: see scripts/topology-cli.ts. Exit 2 with the reason on stderr when it cannot answer, as
 * `check` does (1 is check's "an error finding"; neither ever dies of its input: issue 25).
 */
import { topologyOutput } from "./topology-cli";

/** Writes each piece, waiting for a pipe to drain rather than queueing the whole output in memory. */
async function writeAll(pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (!process.stdout.write(piece)) await new Promise((r) => process.stdout.once("drain", r));
  }
}

topologyOutput(process.argv.slice(2))
  .then(writeAll)
  .then(
    () => {},
    (err: unknown) => {
      process.stderr.write(`topology: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
