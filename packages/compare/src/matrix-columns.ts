import { SERVICE_NAMES } from '@sso/stack';
import type { MatrixRow, ObservedRow } from './matrix.js';

/** A column of the matrix: its header, how a cell prints, and when an observed cell is as expected. */
export interface MatrixColumn {
  header: string;
  cell(row: ObservedRow): string;
  matches(expected: MatrixRow, observed: ObservedRow): boolean;
}

// A measured count may carry background noise: one stray statement during 200 requests is 0.005.
const QUERY_COUNT_TOLERANCE = 0.05;

/** The matrix's columns after the row name, in print order. */
export const MATRIX_COLUMNS: readonly MatrixColumn[] = [
  ...SERVICE_NAMES.map((service) => yesNoColumn(service, (row) => row.acceptedBy[service])),
  {
    header: 'queries/request',
    cell: (row) => String(Number(row.queriesPerRequest.toFixed(2))),
    matches: (expected, observed) => Math.abs(expected.queriesPerRequest - observed.queriesPerRequest) <= QUERY_COUNT_TOLERANCE,
  },
  yesNoColumn('auth stopped', (row) => row.acceptedWithAuthStopped),
  yesNoColumn('auth DB stopped', (row) => row.acceptedWithAuthDatabaseStopped),
  {
    header: 'after logout',
    cell: describeAfterLogout,
    matches: (expected, observed) => expected.afterLogout === observed.afterLogout,
  },
];

function yesNoColumn(header: string, accepted: (row: MatrixRow) => boolean): MatrixColumn {
  return {
    header,
    cell: (row) => (accepted(row) ? 'yes' : 'no'),
    matches: (expected, observed) => accepted(expected) === accepted(observed),
  };
}

function describeAfterLogout(row: ObservedRow): string {
  switch (row.afterLogout) {
    case 'no':
      return 'no';
    case 'ends at once':
      return 'no (ends at once)';
    case 'until exp':
      return row.secondsLeftAfterLogout === undefined ? 'yes, until exp' : `yes, until exp (${row.secondsLeftAfterLogout} s left)`;
    case 'yes':
      return 'yes';
  }
}
