import { describe, expect, it } from '@jest/globals';
import { EXPECTED_MATRIX } from './expected-matrix.js';
import type { ObservedRow } from './matrix.js';
import { describeDifferences, diffMatrix } from './matrix-diff.js';

const observedAsExpected = (): ObservedRow[] => EXPECTED_MATRIX.map((row) => ({ ...row, acceptedBy: { ...row.acceptedBy } }));

describe('diffMatrix', () => {
  it('finds nothing when every cell is as expected', () => {
    expect(diffMatrix(EXPECTED_MATRIX, observedAsExpected())).toEqual([]);
  });

  it('tolerates a little background noise in the query count, not a query more', () => {
    const observed = observedAsExpected();
    observed[1]!.queriesPerRequest = 1.01;
    observed[2]!.queriesPerRequest = 0.005;
    expect(diffMatrix(EXPECTED_MATRIX, observed)).toEqual([]);

    observed[1]!.queriesPerRequest = 2;
    expect(diffMatrix(EXPECTED_MATRIX, observed)).toEqual([
      { row: 'session cookie (shared store)', column: 'queries/request', expected: '1', observed: '2' },
    ]);
  });

  it('names each differing cell, as printed', () => {
    const observed = observedAsExpected();
    observed[1]!.acceptedBy.shop = false; // the shared-store lookup broke
    observed[1]!.afterLogout = 'yes';
    observed[3]!.acceptedWithAuthDatabaseStopped = false;
    expect(diffMatrix(EXPECTED_MATRIX, observed)).toEqual([
      { row: 'session cookie (shared store)', column: 'shop', expected: 'yes', observed: 'no' },
      { row: 'session cookie (shared store)', column: 'after logout', expected: 'no (ends at once)', observed: 'yes' },
      { row: 'access token (cookie)', column: 'auth DB stopped', expected: 'yes', observed: 'no' },
    ]);
  });

  it('ignores how many seconds a token has left, which changes from run to run', () => {
    const observed = observedAsExpected();
    observed[2]!.secondsLeftAfterLogout = 873;
    expect(diffMatrix(EXPECTED_MATRIX, observed)).toEqual([]);
  });

  it('refuses an observation that lacks a row', () => {
    expect(() => diffMatrix(EXPECTED_MATRIX, observedAsExpected().slice(1))).toThrow(
      'The row "session cookie (per-server)" was not observed.',
    );
  });
});

describe('describeDifferences', () => {
  it('says how many cells differ and lists each', () => {
    expect(
      describeDifferences([{ row: 'access token (Bearer)', column: 'after logout', expected: 'yes, until exp', observed: 'no' }]),
    ).toBe('1 cell(s) differ from the expected matrix:\n  access token (Bearer), after logout: expected yes, until exp, observed no');
  });
});
