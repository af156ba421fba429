import type { MatrixRow } from './matrix.js';

const EVERYWHERE = { auth: true, shop: true, helpdesk: true, forum: true };

/**
 * What the comparison must observe, cell by cell: the project's claim about sessions and tokens.
 * `npm run compare` exits non-zero when a measurement differs, so this table is a test.
 */
export const EXPECTED_MATRIX: readonly MatrixRow[] = [
  {
    row: 'session cookie (per-server)',
    acceptedBy: { auth: true, shop: false, helpdesk: false, forum: false },
    queriesPerRequest: 0,
    acceptedWithAuthStopped: false,
    acceptedWithAuthDatabaseStopped: false,
    afterLogout: 'no',
  },
  {
    row: 'session cookie (shared store)',
    acceptedBy: EVERYWHERE,
    queriesPerRequest: 1,
    acceptedWithAuthStopped: true,
    acceptedWithAuthDatabaseStopped: false,
    afterLogout: 'ends at once',
  },
  {
    row: 'access token (Bearer)',
    acceptedBy: EVERYWHERE,
    queriesPerRequest: 0,
    acceptedWithAuthStopped: true,
    acceptedWithAuthDatabaseStopped: true,
    afterLogout: 'until exp',
  },
  {
    row: 'access token (cookie)',
    acceptedBy: EVERYWHERE,
    queriesPerRequest: 0,
    acceptedWithAuthStopped: true,
    acceptedWithAuthDatabaseStopped: true,
    afterLogout: 'until exp',
  },
];
