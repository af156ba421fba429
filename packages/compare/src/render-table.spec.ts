import { describe, expect, it } from '@jest/globals';
import { EXPECTED_MATRIX } from './expected-matrix.js';
import type { ObservedRow } from './matrix.js';
import { renderTable } from './render-table.js';

describe('renderTable', () => {
  const rows: ObservedRow[] = EXPECTED_MATRIX.map((row) =>
    row.afterLogout === 'until exp' ? { ...row, secondsLeftAfterLogout: 899 } : { ...row, queriesPerRequest: row.queriesPerRequest + 0.004 },
  );

  it('prints one aligned line per row under a header and a rule', () => {
    const [header, rule, ...body] = renderTable(rows).split('\n');
    expect(header).toBe(
      'credential                     auth  shop  helpdesk  forum  queries/request  auth stopped  auth DB stopped  after logout',
    );
    expect(rule).toMatch(/^-{29}  -{4}  -{4}  -{8}  -{5}  -{15}  -{12}  -{15}  -{27}$/);
    expect(body.slice(0, 4)).toEqual([
      'session cookie (per-server)    yes   no    no        no     0                no            no               no',
      'session cookie (shared store)  yes   yes   yes       yes    1                yes           no               no (ends at once)',
      'access token (Bearer)          yes   yes   yes       yes    0                yes           yes              yes, until exp (899 s left)',
      'access token (cookie)          yes   yes   yes       yes    0                yes           yes              yes, until exp (899 s left)',
    ]);
  });

  it('shows a measured count with at most two decimals', () => {
    const table = renderTable([{ ...rows[1]!, queriesPerRequest: 1.23456 }]);
    expect(table.split('\n')[2]).toContain(' 1.23 ');
  });

  it('explains the columns and the trade-off under the table', () => {
    const table = renderTable(rows);
    expect(table).toContain('\nqueries/request  SQL statements run in');
    expect(table).toContain('logout cannot recall it: it works until\nits exp.');
  });
});
