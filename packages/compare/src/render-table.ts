import type { ObservedRow } from './matrix.js';
import { MATRIX_COLUMNS } from './matrix-columns.js';

const COLUMN_GAP = '  ';

/** What the columns mean and what they add up to, printed under the table. */
const LEGEND = `
auth ... forum   answers 200 to the credential alone (auth's and each service's "who am I" endpoint)
queries/request  SQL statements run in the services' databases per request on shop (pg_stat_statements)
auth stopped     shop still accepts it while the auth process is down
auth DB stopped  shop still accepts it while auth's database refuses connections
after logout     shop still accepts the copy kept from before logout (a second tab's, or a thief's)

Per-server sessions stay on the server that made them. A shared store makes them work everywhere,
at the price of a lookup in auth's database on every request, and while that database is down no
service accepts a session; logout ends a session at once. A token is checked locally with auth's
public key, so it needs neither auth nor its database, but logout cannot recall it: it works until
its exp. Short access-token lifetimes and refresh-token rotation are how this project bounds that.`;

/** The matrix as an aligned plain-text table, followed by the legend. */
export function renderTable(rows: readonly ObservedRow[]): string {
  const header = ['credential', ...MATRIX_COLUMNS.map((column) => column.header)];
  const body = rows.map((row) => [row.row, ...MATRIX_COLUMNS.map((column) => column.cell(row))]);
  const widths = header.map((_, index) => Math.max(...[header, ...body].map((cells) => cells[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join(COLUMN_GAP).trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join(COLUMN_GAP);
  return [line(header), rule, ...body.map(line)].join('\n') + '\n' + LEGEND + '\n';
}
