import type { ObservedRow } from './matrix.js';
import { observeRows } from './observe-rows.js';
import { withComparisonStack } from './comparison-stack.js';
import { WAYS_IN } from './ways-in.js';

/**
 * Observes every row of the matrix: one throwaway stack per session mode, one after the other (so
 * their measurements never overlap), each observing the rows that need that mode. Rows come back
 * in the matrix's order.
 */
export async function runComparison(): Promise<ObservedRow[]> {
  const observed: ObservedRow[] = [];
  for (const sessionMode of new Set(WAYS_IN.map((way) => way.sessionMode))) {
    const waysIn = WAYS_IN.filter((way) => way.sessionMode === sessionMode);
    observed.push(...(await withComparisonStack(sessionMode, (stack) => observeRows(stack, waysIn))));
  }
  return WAYS_IN.map((way) => observed.find((row) => row.row === way.row)!);
}
