// `npm run compare`: sessions and tokens side by side on real stacks, printed as a matrix (or, with
// --json, as JSON). Exits 1 when a cell differs from the expected matrix, so it is a test as well.
import { parseArgs } from 'node:util';
import { stopComparisonStacks } from './comparison-stack.js';
import { EXPECTED_MATRIX } from './expected-matrix.js';
import { describeDifferences, diffMatrix } from './matrix-diff.js';
import { progress } from './progress.js';
import { renderTable } from './render-table.js';
import { runComparison } from './run-comparison.js';

const EXIT_CODE_INTERRUPTED = 130;

let interrupted = false;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);

  const rows = await runComparison();
  const differences = diffMatrix(EXPECTED_MATRIX, rows);
  process.stdout.write(values.json ? `${JSON.stringify({ rows, differences }, null, 2)}\n` : `\n${renderTable(rows)}`);
  if (differences.length > 0) {
    progress(describeDifferences(differences));
    process.exitCode = 1;
  } else {
    progress('Every cell is as expected.');
  }
}

// A second signal is not caught: Node then exits at once, and the stack's watchdogs stop its processes.
function onSignal(signal: NodeJS.Signals): void {
  interrupted = true;
  progress(`${signal}: stopping the stack and deleting its data.`);
  void stopComparisonStacks().finally(() => process.exit(EXIT_CODE_INTERRUPTED));
}

try {
  await main();
} catch (error) {
  // Once interrupted, failures are the stack going away under the run; onSignal exits when it is gone.
  if (!interrupted) {
    progress(`The comparison could not run: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
